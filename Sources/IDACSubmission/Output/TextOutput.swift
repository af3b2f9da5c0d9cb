/// Where a writer's text goes: a file or standard output (``OutputSink``), or a web service's answer
/// streamed to its client. Writers know nothing else of their destination.
public protocol TextOutput: AnyObject {
    /// Appends text; the destination buffers and flushes as it sees fit.
    func write(_ text: String) throws
    /// Appends UTF-8 bytes: what the writers on the streaming path build lines in (a `String` grown per value
    /// cost a third of an answer).
    func write(bytes: [UInt8]) throws
}

extension TextOutput {
    /// Decodes the bytes (invalid UTF-8 as U+FFFD) and writes the text: for destinations without a byte path.
    public func write(bytes: [UInt8]) throws { try write(String(decoding: bytes, as: UTF8.self)) }
}

extension OutputSink: TextOutput {}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes (copied at once from a native string's storage).
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `text` escaped for an XML attribute value (``Swift/String/xmlAttribute``).
    mutating func append(xmlAttribute text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                case UInt8(ascii: "\""): escape = "&quot;"
                case UInt8(ascii: "\n"): escape = "&#10;"
                case UInt8(ascii: "\r"): escape = "&#13;"
                case UInt8(ascii: "\t"): escape = "&#9;"
                default: continue
                }
                append(contentsOf: bytes[start..<index])
                escape.withUTF8Buffer { append(contentsOf: $0) }
                start = index + 1
            }
            append(contentsOf: bytes[start...])
        }
    }
}
