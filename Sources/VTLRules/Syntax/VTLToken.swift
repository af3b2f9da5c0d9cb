/// A token of VTL 2.0's definition language, with where it starts in the ruleset's text.
public struct VTLToken: Equatable, Sendable {
    /// What the token is, with its value.
    public enum Kind: Equatable, Sendable {
        /// A name or keyword (keywords are recognised case-insensitively later); quotes of `'_T'` removed.
        case identifier(String)
        /// A number literal.
        case number(Double)
        /// A string literal in double quotes, without them.
        case string(String)
        /// Operators and punctuation: `=`, `<>`, `<=`, `(`, `;`, `||`, …
        case symbol(String)
        /// The end of the text, always the last token.
        case end
    }

    /// What the token is.
    public var kind: Kind
    /// The 1-based line where it starts in the ruleset's definition.
    public var line: Int
    /// The 1-based column where it starts, in Unicode scalars.
    public var column: Int

    /// The token as written, for messages.
    public var text: String {
        switch kind {
        case .identifier(let name): name
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): "\"\(value)\""
        case .symbol(let symbol): symbol
        case .end: "end of text"
        }
    }

    /// Whether the token is the (case-insensitive) keyword.
    func isKeyword(_ keyword: String) -> Bool {
        if case .identifier(let name) = kind { return name.lowercased() == keyword }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
}
