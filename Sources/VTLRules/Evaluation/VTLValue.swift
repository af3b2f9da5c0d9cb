/// A scalar value during evaluation, with VTL's null.
public enum VTLValue: Sendable, Equatable {
    /// A number (VTL's integer and number alike).
    case number(Double)
    /// A string.
    case string(String)
    /// A boolean.
    case boolean(Bool)
    /// VTL's null: a missing value, or the result of an operation on one.
    case null

    /// Whether the value is null.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// True only for the boolean true (null and everything else are not).
    public var isTrue: Bool {
        if case .boolean(true) = self { return true }
        return false
    }

    /// True only for the boolean false: a rule fails only when its check is false, never when it is null.
    public var isFalse: Bool {
        if case .boolean(false) = self { return true }
        return false
    }

    /// The value as a number: numbers, and strings that read as a finite one (`1e400`, `inf` and `nan`
    /// are no figures to add up).
    public var number: Double? {
        switch self {
        case .number(let value): value
        case .string(let text): Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }
}
