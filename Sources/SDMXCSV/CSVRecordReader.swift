import SDMXInput
import SDMXModel

/// Splits CSV bytes into records of fields, streaming: quoted fields may hold separators, doubled
/// quotes and line breaks; a record's line is where it starts. Memory is bounded by the longest
/// record, which ``maxRecordBytes`` caps (so an unclosed quote cannot swallow the whole file), and
/// by its fields, which ``maxColumns`` caps (a field costs its offset, and readers work per column).
public struct CSVRecordReader {
    /// The byte between fields: `,` by default, `;` or a tab as the file or profile says.
    public var separator: UInt8
    /// The most bytes one record may hold (16 MiB by default); past it reading stops with MALFORMED_INPUT, naming the
    /// line of an unclosed quote when one is open.
    public var maxRecordBytes: Int
    /// The most fields one record may hold; past it reading stops with MALFORMED_INPUT.
    public var maxColumns: Int

    /// The default cap on fields per record: far above any SDMX or national layout.
    public static let defaultMaxColumns = 10_000

    /// Makes a reader with the given separator and limits.
    public init(
        separator: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 16 * 1024 * 1024,
        maxColumns: Int = CSVRecordReader.defaultMaxColumns
    ) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
        self.maxColumns = maxColumns
    }

    /// Calls `body` with each record, borrowed: it cannot be kept past the call (``CSVRecord`` is
    /// not copyable).
    public func read(path: String, chunkSize: Int = 256 * 1024, _ body: (borrowing CSVRecord) throws -> Void) throws {
        try read(source: ChunkedFileReader(path: path, chunkSize: chunkSize), body)
    }

    /// Calls `body` with each record of `reader`'s bytes, borrowed (a UTF-8 byte-order mark at the start is skipped, a
    /// blank line is no record); throws MALFORMED_INPUT when a record breaks a limit.
    public func read(source reader: any ByteSource, _ body: (borrowing CSVRecord) throws -> Void) throws {
        var state = CSVParseState(
            separator: separator, maxRecordBytes: maxRecordBytes, maxColumns: maxColumns,
            file: reader.name)
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
/// (bytes that are not UTF-8, NUL bytes): such bytes are replaced in text, and the problem reported.
///
/// Borrowed: the fields' bytes are the reader's, valid during the call; no text is made until asked
/// for. It holds the reader's buffer unretained (the reader keeps it), so that handing a record on
/// counts no reference: an atomic operation per record on the reading thread. Not copyable, and
/// handed to the reader's closure as `borrowing`: it cannot outlive that call, nor can its bytes
/// (``withBytes(at:_:)``).
public struct CSVRecord: ~Copyable {
    /// The fields, as the splitter filled them (a reader may copy a range of them at once).
    private let buffer: Unretained<ByteFields>
    /// The 1-based line where the record starts (a quoted field may carry it over several lines).
    public var line: Int
    /// What is wrong with the record's text (bytes that are not UTF-8, a NUL byte), in words; nil when it is sound.
    public var textProblem: String?

    init(buffer: Unretained<ByteFields>, line: Int, textProblem: String?) {
        self.buffer = buffer
        self.line = line
        self.textProblem = textProblem
    }

    /// Calls `body` with the record's fields as the splitter filled them.
    func withFields<Result>(_ body: (ByteFields) throws -> Result) rethrows -> Result {
        try buffer.withObject(body)
    }

    /// How many fields the record has.
    public var count: Int { withFields(\.count) }

    /// Whether a field of `range` may be `NaN` or `#N/A` (``ByteFields/mayHoldMissingMarker(in:skipping:)``).
    public func mayHoldMissingMarker(in range: Range<Int>, skipping: UInt64 = 0) -> Bool {
        withFields { $0.mayHoldMissingMarker(in: range, skipping: skipping) }
    }

    /// Calls `body` with field `index`'s bytes (quotes removed, doubled quotes made single), borrowed
    /// for the call; no bytes for a field past the last.
    public func withBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        try withFields { fields in
            index < fields.count
                ? try fields.withBytes(at: index, body) : try body(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    /// Whether field `index` has the bytes `other` (a field past the last has none).
    public func field(_ index: Int, equals other: [UInt8]) -> Bool {
        withFields { index < $0.count ? $0.field(index, equals: other) : other.isEmpty }
    }

    /// Field `index` as text.
    public func field(at index: Int) -> String { withFields { $0.string(at: index) } }

    /// Every field as text.
    public var fields: [String] { withFields { fields in (0..<fields.count).map(fields.string(at:)) } }
}

/// The byte-level state machine behind ``CSVRecordReader``.
struct CSVParseState {
    let separator: UInt8
    let maxRecordBytes: Int
    let maxColumns: Int
    let file: String
    /// The record's fields so far, and the one being read.
    private let fields: ByteFields
    private var inQuotes = false
    private var quoteJustClosed = false
    private var fieldStarted = false
    private var pendingCR = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var recordBytes = 0
    private var textProblem: String?

    init(separator: UInt8, maxRecordBytes: Int, maxColumns: Int = CSVRecordReader.defaultMaxColumns, file: String) {
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
        self.maxColumns = maxColumns
        self.file = file
        fields = ByteFields(terminator: separator)
    }

    /// Reads a chunk. Ordinary bytes are taken in runs (up to the next separator, quote or line
    /// end) and copied at once; only the bytes that change the state are looked at one by one.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) throws -> Void) throws {
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
            // A plain stretch (no quotes, no line break) split in one loop; never past the record
            // limit, so that the loop below finds a record too long exactly where it did.
            if !inQuotes, !quoteJustClosed {
                let fieldsBefore = fields.count, openBefore = fields.openFieldLength
                let end = fields.appendSplitting(bytes, from: index, limit: max(0, maxRecordBytes - recordBytes))
                if end > index {
                    recordBytes += end - index
                    fieldStarted =
                        fields.count > fieldsBefore
                        ? fields.openFieldLength > 0
                        : fieldStarted || fields.openFieldLength > openBefore
                    index = end
                    // A stretch adds at most a chunk's worth of fields: checked once per stretch.
                    if fields.count >= maxColumns { try tooManyColumns() }
                    if index == count { break }
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
                    fields.appendToOpenField(quote)  // a doubled quote inside a quoted field
                    inQuotes = true
                    quoteJustClosed = false
                } else if !fieldStarted {
                    inQuotes = true
                    quoteLine = line
                    fieldStarted = true
                } else {
                    fields.appendToOpenField(byte)
                }
                index += 1
                continue
            }
            quoteJustClosed = false
            if byte == separator {
                try countBytes(1)
                endField()
                if fields.count >= maxColumns { try tooManyColumns() }
                index += 1
            } else if byte == newline || byte == carriage {
                try countBytes(1)
                endField()
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
                try take(bytes, from: index, to: end)
                fieldStarted = true
                index = end
            }
        }
    }

    /// Adds bytes to the current field, counting them against the record's limit.
    private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws {
        guard end > start else { return }
        try countBytes(end - start)
        fields.appendToOpenField(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private mutating func countBytes(_ length: Int) throws {
        recordBytes += length
        guard recordBytes > maxRecordBytes else { return }
        let hint =
            inQuotes
            ? "a quote opened on line \(quoteLine) is never closed"
            : "a record is longer than \(maxRecordBytes) bytes"
        throw SDMXError(
            .malformedInput, "\(hint); check the quoting of that line",
            location: SourceLocation(file: file, line: inQuotes ? quoteLine : recordLine, column: fields.count + 1))
    }

    /// A record with more fields than ``maxColumns`` (its last field, still open, makes one more).
    private func tooManyColumns() throws {
        throw SDMXError(
            .malformedInput,
            "a record has more than \(maxColumns) fields; check the separator of that line",
            location: SourceLocation(file: file, line: recordLine, column: maxColumns + 1))
    }

    mutating func finish(_ body: (borrowing CSVRecord) throws -> Void) throws {
        if inQuotes {
            throw SDMXError(
                .malformedInput, "a quote opened on line \(quoteLine) is never closed; close it or remove it",
                location: SourceLocation(file: file, line: quoteLine, column: fields.count + 1))
        }
        if fieldStarted || fields.count > 0 || fields.openFieldLength > 0 {
            endField()
            try endRecord(body)
        }
    }

    private mutating func endField() {
        fields.closeField()
        fieldStarted = false
        quoteJustClosed = false
    }

    private mutating func endRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        defer {
            fields.removeAll()
            recordBytes = 0
            textProblem = nil
        }
        // A blank line is no record.
        if fields.count == 1, fields.withBytes(at: 0, \.isEmpty) { return }
        // The first field whose bytes are not proper text, looked for only when the record is not plain ASCII.
        if !fields.knownPlainASCII, !fields.withAllBytes(Self.isPlainASCII) {
            for index in 0..<fields.count {
                if let problem = fields.withBytes(at: index, Self.textProblem) {
                    textProblem = "field \(index + 1) \(problem)"
                    break
                }
            }
        }
        let (line, problem) = (recordLine, textProblem)
        try Unretained.with(fields) { try body(CSVRecord(buffer: $0, line: line, textProblem: problem)) }
    }

    /// Whether the bytes are ASCII without NUL, as most fields are: eight bytes at a time, a test
    /// for a high bit or a zero byte.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        let count = bytes.count
        var flags: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            flags |= word | ((word &- 0x0101_0101_0101_0101) & ~word)
            offset += 8
        }
        var tail: UInt8 = 0
        var tailZero = false
        while offset < count {
            let byte = bytes[offset]
            tail |= byte
            tailZero = tailZero || byte == 0
            offset += 1
        }
        return flags & 0x8080_8080_8080_8080 == 0 && tail < 0x80 && !tailZero
    }

    /// Whether a field's bytes are UTF-8 without NUL; what is wrong otherwise.
    static func textProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if isPlainASCII(bytes) { return nil }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 { return "holds a NUL byte" }
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            guard length > 0, index + length <= bytes.count,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else {
                return "is not valid UTF-8 (save the file as UTF-8, or give its encoding in a profile)"
            }
            index += length
        }
        return nil
    }
}
