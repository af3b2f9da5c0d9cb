/// A representation the service writes, with the media type it is announced by. Which one an answer
/// takes is chosen by ``ContentNegotiation`` from the client's `Accept` header or `format` parameter.
public enum AnswerFormat: String, CaseIterable, Sendable {
    /// SDMX-ML 2.1 structure-specific data: the default data representation.
    case structureSpecificData21
    /// SDMX-ML 2.1 generic data.
    case genericData21
    /// SDMX-CSV 2.0.0 data.
    case csvData20
    /// SDMX-CSV 1.0.0 data.
    case csvData10
    /// SDMX-JSON 2.0.0 data.
    case jsonData20
    /// SDMX-ML 3.0 data.
    case xmlData30
    /// SDMX-ML 2.1 Structure message (``StructureMessageWriter``).
    case structure21
    /// SDMX-JSON 2.0.0 structure message (``JSONStructureMessageWriter``).
    case jsonStructure20
    /// SDMX-ML 3.0 Structure message (``StructureMessageWriter30``).
    case structure30

    /// The media type without parameters.
    public var mediaType: String {
        switch self {
        case .structureSpecificData21: "application/vnd.sdmx.structurespecificdata+xml"
        case .genericData21: "application/vnd.sdmx.genericdata+xml"
        case .csvData20, .csvData10: "application/vnd.sdmx.data+csv"
        case .jsonData20: "application/vnd.sdmx.data+json"
        case .xmlData30: "application/vnd.sdmx.data+xml"
        case .structure21, .structure30: "application/vnd.sdmx.structure+xml"
        case .jsonStructure20: "application/vnd.sdmx.structure+json"
        }
    }

    /// The `version` parameter of the media type.
    public var version: String {
        switch self {
        case .structureSpecificData21, .genericData21, .structure21: "2.1"
        case .csvData20, .jsonData20, .jsonStructure20: "2.0.0"
        case .csvData10: "1.0.0"
        case .xmlData30, .structure30: "3.0.0"
        }
    }

    /// The exact `Content-Type` of an answer in this representation.
    public var contentType: String {
        let base = "\(mediaType); version=\(version)"
        switch self {
        case .csvData20, .csvData10, .jsonData20, .jsonStructure20: return base + "; charset=utf-8"
        default: return base
        }
    }

    /// Whether this is a family of XML, CSV or JSON (what `application/xml`, `text/csv` and
    /// `application/json` ask for).
    var syntax: String {
        switch self {
        case .csvData20, .csvData10: "csv"
        case .jsonData20, .jsonStructure20: "json"
        default: "xml"
        }
    }

    /// The names the `format` query parameter takes for this representation.
    var formatNames: [String] {
        switch self {
        case .structureSpecificData21: ["structurespecificdata", "structurespecific", "sdmx-ml", "xml"]
        case .genericData21: ["genericdata", "generic"]
        case .csvData20: ["csv", "csvfile", "sdmx-csv", "sdmx-csv-2.0.0"]
        case .csvData10: ["sdmx-csv-1.0.0", "csv-1.0.0"]
        case .jsonData20: ["jsondata", "json", "sdmx-json"]
        case .xmlData30: ["sdmx-ml-3.0.0", "xml-3.0.0"]
        case .structure21: ["structure", "xml", "sdmx-ml"]
        case .jsonStructure20: ["json", "sdmx-json", "jsonstructure"]
        case .structure30: ["sdmx-ml-3.0.0", "xml-3.0.0"]
        }
    }
}
