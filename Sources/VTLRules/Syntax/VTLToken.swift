/// A token of VTL 2.0's definition language, with where it starts in the ruleset's text.
public struct VTLToken: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case identifier(String)
        case number(Double)
        case string(String)
        /// Operators and punctuation: `=`, `<>`, `<=`, `(`, `;`, `||`, …
        case symbol(String)
        case end
    }

    public var kind: Kind
    public var line: Int
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
