import SDMXValidation

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

    public var isValid: Bool { errors == 0 }
}
