import SDMXInput
import SDMXModel

/// Where the SDMX-CSV and country-CSV readers take their records from: CSV bytes split by
/// ``CSVRecordReader``, or the rows of a spreadsheet, so that a table reads the same, with the same
/// checks, whatever it was saved as.
public protocol CSVRecordSource {
    /// How messages name the table: `file.csv`, `book.xlsx!Data`.
    var name: String { get }
    /// Calls `body` with each record, borrowed; a blank line or an empty row is no record.
    func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws
}

/// The records of CSV bytes.
public struct CSVByteRecords: CSVRecordSource {
    /// How the bytes are split into records.
    public var reader: CSVRecordReader
    /// The bytes, read once.
    public var source: any ByteSource

    /// Makes the records of `source` as `reader` splits them.
    public init(reader: CSVRecordReader, source: any ByteSource) {
        self.reader = reader
        self.source = source
    }

    /// See ``CSVRecordSource``: the byte source's name.
    public var name: String { source.name }

    /// See ``CSVRecordSource``: the records as ``CSVRecordReader/read(source:_:)`` splits them.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        try reader.read(source: source, body)
    }
}

extension CSVRecord {
    /// Lends `fields` (filled by another splitter, such as a spreadsheet's rows) to `body` as a record
    /// starting on `line`; the fields must not change during the call.
    public static func lend<Result>(
        _ fields: ByteFields, line: Int, textProblem: String?, to body: (borrowing CSVRecord) throws -> Result
    ) rethrows -> Result {
        try Unretained.with(fields) { try body(CSVRecord(buffer: $0, line: line, textProblem: textProblem)) }
    }
}
