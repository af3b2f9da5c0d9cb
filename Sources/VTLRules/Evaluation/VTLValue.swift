/// A scalar value during evaluation, with VTL's null.
public enum VTLValue: Sendable, Equatable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    case null

    public var isNull: Bool { self == .null }

    /// The value as a number: numbers, and strings that read as one.
    public var number: Double? {
        switch self {
        case .number(let value): value
        case .string(let text): Double(text)
        default: nil
        }
    }
}
