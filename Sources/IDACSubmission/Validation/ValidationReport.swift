import SDMXValidation
import SDMXXML

/// The result of validating one file: what `validate` prints as text or JSON.
public struct ValidationReport: Sendable {
    /// The file as the user named it (an archive's entry as `archive.zip!entry`).
    public var file: String
    /// The format detected, in words (`SDMX-CSV 2.0`).
    public var format: String
    /// The structures the datasets followed (`IDAC:DF_CHILD_MIGRATION(1.0)`), comma-separated.
    public var structure: String?
    /// Datasets read.
    public var dataSets: Int
    /// Distinct series read (by key).
    public var series: Int
    /// Observations read, valid or not.
    public var observations: Int
    /// Errors counted, listed or not; any makes the file invalid.
    public var errors: Int
    /// Warnings counted, listed or not.
    public var warnings: Int
    /// Findings counted per code, listed or not.
    public var byCode: [FindingCode: Int]
    /// Whether more findings were counted than listed.
    public var truncated: Bool
    /// Listed findings in file order (at most `--max-findings`).
    public var findings: [Finding]
    /// Observations per time period and per reference area, for charts.
    public var observationsByPeriod: [String: Int] = [:]
    /// See ``observationsByPeriod``: observations per reference area.
    public var observationsByArea: [String: Int] = [:]
    /// Findings per series key.
    public var findingsBySeries: [String: Int] = [:]
    /// For an Excel workbook, the sheet read: findings then name cells (`book.xlsx!Data!C12`).
    public var sheet: String?

    /// Where a finding points: `file`, or for a workbook's finding with a row `book.xlsx!Data!C12`
    /// (`book.xlsx!Data` when no column is known).
    public func place(of finding: Finding) -> String {
        guard let sheet, finding.line > 0 else { return file }
        let cell = finding.column > 0 ? "!\(CellReference(column: finding.column, row: finding.line))" : ""
        return "\(file)!\(sheet)\(cell)"
    }

    /// Whether the file has no error (warnings do not count).
    public var isValid: Bool { errors == 0 }
}
