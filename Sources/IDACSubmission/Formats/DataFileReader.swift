import SDMXCSV
import SDMXInput
import SDMXJSON
import SDMXModel
import SDMXXML

/// Sends a data file of a detected format through the matching streaming reader.
public enum DataFileReader {
    /// Reads `source` with the reader for `format` (SDMX-ML structure-specific, generic, SDMX-CSV or SDMX-JSON) under
    /// `limits`, streaming its events into `handler`.
    public static func read(
        source: any ByteSource, format: DataFormat, into handler: any DataHandler,
        limits: ReaderLimits = .default
    ) throws {
        switch format {
        case .sdmxML21StructureSpecific, .sdmxML21StructureSpecificTimeSeries, .sdmxML30StructureSpecific,
            .sdmxML20Compact:
            try StructureSpecificDataReader(limits: limits.xml).read(source: source, into: handler)
        case .sdmxML21Generic, .sdmxML21GenericTimeSeries, .sdmxML20Generic:
            try GenericDataReader(limits: limits.xml).read(source: source, into: handler)
        case .sdmxCSV20, .sdmxCSV10:
            try SDMXCSVDataReader(maxRecordBytes: limits.csvRecordBytes, maxColumns: limits.csvColumns)
                .read(source: source, into: handler)
        case .sdmxJSON20, .sdmxJSON10:
            try SDMXJSONDataReader(limits: limits.json).read(source: source, into: handler)
        }
    }
}
