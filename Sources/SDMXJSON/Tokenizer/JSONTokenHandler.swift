/// Receives a JSON document token by token from a ``JSONTokenizer``.
public protocol JSONTokenHandler: AnyObject {
    /// `bytes` are a key's or string's text (escapes decoded, UTF-8) or a number's or literal's
    /// characters, empty for containers; valid only during the call. `line` and `column` (1-based,
    /// the column in bytes) are where the token starts.
    func token(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws
}
