/// A message of an SDMX footer (`footer:Message`): what a web service says about its answer, such
/// as Eurostat's code 413, "the response will be written to a file", in a message holding no data.
public struct FooterMessage: Sendable, Hashable {
    /// The message's `code` attribute, such as `413`; nil when the footer gives none.
    public var code: String?
    /// As written: `Error`, `Warning`, `Information` (Eurostat writes `Infomation`).
    public var severity: String?
    /// The message's `Text` elements, spaces trimmed, in the order written (one per language, as a rule).
    public var texts: [String]
    /// The line of the `footer:Message` element, for the finding that reports it.
    public var line: Int

    /// Makes a footer message, as the XML data reader does from `footer:Message`.
    public init(code: String?, severity: String?, texts: [String], line: Int) {
        self.code = code
        self.severity = severity
        self.texts = texts
        self.line = line
    }

    /// Whether the footer calls it an error.
    public var isError: Bool { severity?.lowercased().hasPrefix("error") == true }
}
