import SDMXModel

/// What a file turned out to be, judged by its content.
public enum DetectedFormat: Sendable, Equatable {
    case data(DataFormat)
    case structure
    /// A plain table read through a country-CSV profile.
    case countryCSV(profile: String)
    /// An Excel workbook (`.xlsx`), read through ``WorkbookDataReader``.
    case workbook
    /// Recognised but not read; the text says what it seems to be.
    case unsupported(String)

    public var name: String {
        switch self {
        case .data(let format): format.rawValue
        case .structure: "SDMX structure message"
        case .countryCSV(let profile): "country CSV (profile \(profile))"
        case .workbook: "Excel workbook"
        case .unsupported(let what): what
        }
    }
}
