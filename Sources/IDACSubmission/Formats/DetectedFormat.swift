import SDMXModel

/// What a file turned out to be, judged by its content.
public enum DetectedFormat: Sendable, Equatable {
    /// A data message in one of the formats the readers know.
    case data(DataFormat)
    /// An SDMX-ML structure message (code lists, DSDs, …), not data.
    case structure
    /// A plain table read through a country-CSV profile.
    case countryCSV(profile: String)
    /// An Excel workbook (`.xlsx`), read through ``WorkbookDataReader``.
    case workbook
    /// Recognised but not read; the text says what it seems to be.
    case unsupported(String)

    /// What reports call the format: `SDMX-CSV 2.0`, `Excel workbook`, or the unsupported format's description.
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
