/// Receives a JSON document token by token from a ``JSONTokenizer``.
public protocol JSONTokenHandler: AnyObject {
    /// `bytes` are a key's or string's text (escapes decoded, UTF-8) or a number's or literal's
    /// characters, empty for containers; valid only during the call. `line` and `column` (1-based,
    /// the column in bytes) are where the token starts.
    func token(_ kind: JSONTokenKind, _ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) throws
    /// The key or string about to be given, starting at `line` and `column`, holds bytes that are not
    /// UTF-8 (they are given as U+FFFD): the handler reports it, or throws to refuse the document.
    func invalidUTF8(line: Int, column: Int) throws
}

extension JSONTokenHandler {
    /// By default text that is not UTF-8 is read with U+FFFD in place of its bad bytes.
    public func invalidUTF8(line: Int, column: Int) throws {}
}
