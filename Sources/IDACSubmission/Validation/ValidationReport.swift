import SDMXValidation
import SDMXXML

/// The result of validating one file: what `validate` prints as text or JSON.
public struct ValidationReport: Sendable {
    public var file: String
    public var format: String
    /// The structures the datasets followed (`IDAC:DF_CHILD_MIGRATION(1.0)`), comma-separated.
    public var structure: String?
    public var dataSets: Int
    public var series: Int
    public var observations: Int
    public var errors: Int
    public var warnings: Int
    public var byCode: [FindingCode: Int]
    public var truncated: Bool
    /// Listed findings in file order (at most `--max-findings`).
    public var findings: [Finding]
    /// Observations per time period and per reference area, for charts.
    public var observationsByPeriod: [String: Int] = [:]
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

    public var isValid: Bool { errors == 0 }
}
