#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDMXInput
import SDMXModel

/// Splits CSV bytes into records of fields, streaming: quoted fields may hold separators, doubled
/// quotes and line breaks; a record's line is where it starts. Memory is bounded by the longest
/// record, which ``maxRecordBytes`` caps (so an unclosed quote cannot swallow the whole file).
public struct CSVRecordReader {
    public var separator: UInt8
    public var maxRecordBytes: Int

    public init(separator: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 16 * 1024 * 1024) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
    }

    /// Calls `body` with each record (borrowed: valid during the call).
    public func read(path: String, chunkSize: Int = 256 * 1024, _ body: (CSVRecord) throws -> Void) throws {
        try read(source: ChunkedFileReader(path: path, chunkSize: chunkSize), body)
    }

    public func read(source reader: any ByteSource, _ body: (CSVRecord) throws -> Void) throws {
        var state = CSVParseState(separator: separator, maxRecordBytes: maxRecordBytes, file: reader.name)
        var firstChunk = true
        try reader.forEachChunk { chunk in
            var bytes = chunk
            if firstChunk {
                firstChunk = false
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                    bytes = UnsafeBufferPointer(rebasing: bytes[3...])
                }
            }
            try state.consume(bytes, body)
        }
        try state.finish(body)
    }
}

/// One record: its fields, the line it starts on, and what is wrong with its text, if anything
/// (bytes that are not UTF-8, NUL bytes): such bytes are replaced, and the problem reported.
public struct CSVRecord {
    public var fields: [String]
    public var line: Int
    public var textProblem: String?
}

/// The byte-level state machine behind ``CSVRecordReader``.
struct CSVParseState {
    let separator: UInt8
    let maxRecordBytes: Int
    let file: String
    private var field: [UInt8] = []
    /// The current field's bytes when they all lie in the chunk being read (not yet copied).
    private var pending: Range<Int>?
    private var fields: [String] = []
    /// The previous record's fields, whose long texts the next record may share.
    private var previous: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var fieldStarted = false
    private var pendingCR = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var recordBytes = 0
    private var textProblem: String?

    init(separator: UInt8, maxRecordBytes: Int, file: String) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
        self.file = file
        field.reserveCapacity(256)
        fields.reserveCapacity(32)
    }

    /// Reads a chunk. Ordinary bytes are taken in runs (up to the next separator, quote or line
    /// end) and copied at once; only the bytes that change the state are looked at one by one.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        let separator = self.separator
        let count = bytes.count
        var index = 0
        while index < count {
            if pendingCR {
                pendingCR = false
                if bytes[index] == newline {
                    index += 1
                    continue
                }
            }
            if inQuotes {
                var end = index
                while end < count, bytes[end] != quote {
                    if bytes[end] == newline { line += 1 }
                    end += 1
                }
                try take(bytes, from: index, to: end)
                if end < count {
                    try countBytes(1)
                    inQuotes = false
                    quoteJustClosed = true
                }
                index = end + 1
                continue
            }
            let byte = bytes[index]
            if byte == quote {
                try countBytes(1)
                if quoteJustClosed {
                    flushPending(bytes)
                    field.append(quote)  // a doubled quote inside a quoted field
                    inQuotes = true
                    quoteJustClosed = false
                } else if !fieldStarted {
                    inQuotes = true
                    quoteLine = line
                    fieldStarted = true
                } else {
                    flushPending(bytes)
                    field.append(byte)
                }
                index += 1
                continue
            }
            quoteJustClosed = false
            if byte == separator {
                try countBytes(1)
                endField(bytes)
                index += 1
            } else if byte == newline || byte == carriage {
                try countBytes(1)
                endField(bytes)
                try endRecord(body)
                line += 1
                recordLine = line
                pendingCR = byte == carriage
                index += 1
            } else {
                var end = index + 1
                while end < count {
                    let next = bytes[end]
                    if next == separator || next == newline || next == carriage || next == quote { break }
                    end += 1
                }
                if !fieldStarted, field.isEmpty, pending == nil {
                    // The usual field: wholly in this chunk, unquoted. Its text is made from the
                    // chunk itself at its end, without copying the bytes into `field` first.
                    try countBytes(end - index)
                    pending = index..<end
                } else {
                    try take(bytes, from: index, to: end)
                }
                fieldStarted = true
                index = end
            }
        }
        flushPending(bytes)  // a field that goes on in the next chunk
    }

    /// Moves a field's bytes still in the chunk into `field`, before more are added or the chunk goes.
    private mutating func flushPending(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let range = pending else { return }
        field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        pending = nil
    }

    /// Adds bytes to the current field, counting them against the record's limit.
    private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws {
        guard end > start else { return }
        try countBytes(end - start)
        flushPending(bytes)
        field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private mutating func countBytes(_ length: Int) throws {
        recordBytes += length
        guard recordBytes > maxRecordBytes else { return }
        let hint = inQuotes
            ? "a quote opened on line \(quoteLine) is never closed"
            : "a record is longer than \(maxRecordBytes) bytes"
        throw SDMXError(.malformedInput, "\(hint); check the quoting of that line",
                        location: SourceLocation(file: file, line: inQuotes ? quoteLine : recordLine, column: fields.count + 1))
    }

    mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
        if inQuotes {
            throw SDMXError(.malformedInput, "a quote opened on line \(quoteLine) is never closed; close it or remove it",
                            location: SourceLocation(file: file, line: quoteLine, column: fields.count + 1))
        }
        if fieldStarted || !fields.isEmpty || !field.isEmpty {
            endField(nil)
            try endRecord(body)
        }
    }

    /// Ends the current field; `bytes` is the chunk its pending bytes are in, if any.
    private mutating func endField(_ bytes: UnsafeBufferPointer<UInt8>?) {
        if let range = pending, let bytes {
            append(UnsafeBufferPointer(rebasing: bytes[range]))
            pending = nil
        } else {
            field.withUnsafeBufferPointer { append($0) }
            if !field.isEmpty { field.removeAll(keepingCapacity: true) }
        }
        fieldStarted = false
        quoteJustClosed = false
    }

    private mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        if textProblem == nil, let problem = Self.textProblem(text) {
            textProblem = "field \(fields.count + 1) \(problem)"
        }
        // Text longer than 15 bytes lives on the heap: a field equal to the previous record's in the
        // same column (a dataflow, a long code) shares that text instead of allocating its own.
        let column = fields.count
        if text.count > 15, column < previous.count, let same = Self.sameText(previous[column], text) {
            fields.append(same)
            return
        }
        fields.append(String(decoding: text, as: UTF8.self))
    }

    private static func sameText(_ known: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var known = known
        let equal = known.withUTF8 { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return equal ? known : nil
    }

    private mutating func endRecord(_ body: (CSVRecord) throws -> Void) throws {
        defer {
            swap(&previous, &fields)
            fields.removeAll(keepingCapacity: true)
            recordBytes = 0
            textProblem = nil
        }
        // A blank line is no record.
        if fields.count == 1, fields[0].isEmpty { return }
        try body(CSVRecord(fields: fields, line: recordLine, textProblem: textProblem))
    }

    /// Whether a field's bytes are UTF-8 without NUL; what is wrong otherwise.
    static func textProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        // Most fields are plain ASCII: one pass that only ORs and finds no zero byte.
        var union: UInt8 = 0
        var hasZero = false
        for byte in bytes {
            union |= byte
            if byte == 0 { hasZero = true }
        }
        if union < 0x80, !hasZero { return nil }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 { return "holds a NUL byte" }
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            guard length > 0, index + length <= bytes.count,
                  bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else {
                return "is not valid UTF-8 (save the file as UTF-8, or give its encoding in a profile)"
            }
            index += length
        }
        return nil
    }
}
