import NIOCore

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format: columns split by tabs, rows ended by newlines,
/// `\N` for NULL. In a text field a backslash, tab, newline and carriage return are written as `\\`, `\t`,
/// `\n` and `\r`, so no stored text can end a field or a row or be read as an escape; every other character
/// goes as it is. A NUL character, which PostgreSQL text cannot hold, never reaches here:
/// ``ObservationStore`` refuses it on both backends.
struct PostgresCopyText {
    private(set) var buffer: ByteBuffer
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 16) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func append(_ number: Int64) {
        separate()
        buffer.writeString(String(number))
    }

    mutating func append(_ text: String?) {
        separate()
        guard let text else {
            buffer.writeStaticString("\\N")
            return
        }
        let plain = text.utf8.allSatisfy { byte in
            byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n")
                && byte != UInt8(ascii: "\r")
        }
        if plain {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Empties the buffer, keeping its memory for the next rows.
    mutating func removeAll() {
        buffer.clear()
        fieldsInRow = 0
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}
