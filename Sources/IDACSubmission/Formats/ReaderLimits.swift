import SDMXCSV
import SDMXInput
import SDMXJSON
import SDMXXML

/// Every safety limit of the readers in one place, so the command line can raise the ones users
/// may need (a national file with an unusually long footnote, a very large archive).
public struct ReaderLimits: Sendable {
    /// Bounds on XML input: DOCTYPEs, nesting, names and values.
    public var xml: XMLLimits
    /// Longest CSV record accepted, in bytes.
    public var csvRecordBytes: Int
    /// Most fields in one CSV record.
    public var csvColumns: Int
    /// Bounds on compressed input: expansion, ratio and zip entries.
    public var decompression: DecompressionLimits
    /// Bounds on an Excel workbook's shared-strings table and lists of parts.
    public var workbook: WorkbookLimits = .default
    /// Bounds on an SDMX-JSON message: nesting, string and number length, its structure sections.
    public var json: JSONLimits = .default
    /// Stops a read at its deadline or when its result is no longer wanted (the portal's uploads): checked
    /// once per chunk of input (``CancellableSource``).
    public var cancellation: ReadCancellation?

    /// Makes limits; every part has its reader's default unless given (16 MiB CSV records).
    public init(
        xml: XMLLimits = .default, csvRecordBytes: Int = 16 << 20,
        csvColumns: Int = CSVRecordReader.defaultMaxColumns, decompression: DecompressionLimits = .default
    ) {
        self.xml = xml
        self.csvRecordBytes = csvRecordBytes
        self.csvColumns = csvColumns
        self.decompression = decompression
    }

    /// The limits idac reads under unless the command line raises some.
    public static let `default` = ReaderLimits()
}
