/// A message of an SDMX footer (`footer:Message`): what a web service says about its answer, such
/// as Eurostat's code 413, "the response will be written to a file", in a message holding no data.
public struct FooterMessage: Sendable, Hashable {
    public var code: String?
    /// As written: `Error`, `Warning`, `Information` (Eurostat writes `Infomation`).
    public var severity: String?
    public var texts: [String]
    public var line: Int

    public init(code: String?, severity: String?, texts: [String], line: Int) {
        self.code = code
        self.severity = severity
        self.texts = texts
        self.line = line
    }

    /// Whether the footer calls it an error.
    public var isError: Bool { severity?.lowercased().hasPrefix("error") == true }
}
