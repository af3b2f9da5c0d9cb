import SDMXInput
import SDMXXML

/// Every safety limit of the readers in one place, so the command line can raise the ones users
/// may need (a national file with an unusually long footnote, a very large archive).
public struct ReaderLimits: Sendable {
    public var xml: XMLLimits
    /// Longest CSV record accepted, in bytes.
    public var csvRecordBytes: Int
    public var decompression: DecompressionLimits

    public init(xml: XMLLimits = .default, csvRecordBytes: Int = 16 << 20, decompression: DecompressionLimits = .default) {
        self.xml = xml
        self.csvRecordBytes = csvRecordBytes
        self.decompression = decompression
    }

    public static let `default` = ReaderLimits()
}
