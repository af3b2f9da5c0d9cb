import SDMXModel

extension String {
    /// The text as it may be shown on a terminal, in a log or on a page: see ``TerminalText``.
    package var printable: String { TerminalText.escaped(self) }
}
