/// A scalar value during evaluation, with VTL's null.
public enum VTLValue: Sendable, Equatable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    case null

    var isNull: Bool { self == .null }

    var number: Double? {
        switch self {
        case .number(let value): value
        case .string(let text): Double(text)
        default: nil
        }
    }
}
