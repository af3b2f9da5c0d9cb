import SDMXModel

extension Finding {
    /// The longest message and value a listed finding keeps, in characters.
    static let longestText = 1_000

    /// The finding with its message made visible (``TerminalText``) and its message and value cut to
    /// ``longestText`` characters, saying how long they
    /// were: a hostile file's megabyte-long values, quoted in each finding, would otherwise make the
    /// report (and the memory holding it) as large as the file many times over.
    func shortened() -> Finding {
        var finding = self
        // Invisible and look-alike characters in quoted values (`'211\u00A0'`) are shown in every report
        // format, not only on a terminal: the message is where a reader looks for them.
        finding.message = Self.shortened(TerminalText.escaped(message))
        finding.value = value.map(Self.shortened)
        finding.key = key.map(Self.shortened)
        return finding
    }

    static func shortened(_ text: String) -> String {
        guard text.utf8.count > longestText, text.count > longestText else { return text }
        return String(text.prefix(longestText)) + "… (\(text.utf8.count) bytes)"
    }
}
