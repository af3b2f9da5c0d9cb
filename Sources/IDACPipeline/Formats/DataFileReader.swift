import SDMXCSV
import SDMXModel
import SDMXXML

/// Sends a data file of a detected format through the matching streaming reader.
public enum DataFileReader {
    public static func read(path: String, format: DataFormat, into handler: any DataHandler) throws {
        switch format {
        case .sdmxML21StructureSpecific, .sdmxML21StructureSpecificTimeSeries:
            try StructureSpecificDataReader().read(path: path, into: handler)
        case .sdmxCSV20, .sdmxCSV10:
            try SDMXCSVDataReader().read(path: path, into: handler)
        }
    }
}
