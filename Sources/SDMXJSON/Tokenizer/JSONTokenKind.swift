/// What a ``JSONTokenizer`` found: the start or end of a container, an object's key, or a scalar.
public enum JSONTokenKind: UInt8, Sendable {
    /// The start or end of an object or an array.
    case beginObject, endObject, beginArray, endArray
    /// An object member's name; its value's tokens follow.
    case key
    /// Scalars: a string (decoded), a number (as written), `true`, `false` and `null`.
    case string, number, trueValue, falseValue, null

    /// Whether the token is a whole value by itself (not a container's start or end, not a key).
    public var isScalar: Bool { rawValue >= JSONTokenKind.string.rawValue }
}
