/// Counts every finding and keeps the first `maxFindings` of them: the cap limits the list, never the counts.
public struct FindingCollector: Sendable {
    public let maxFindings: Int
    public private(set) var findings: [Finding] = []
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var byCode: [FindingCode: Int] = [:]
    /// Findings per series key (at most 10 000 series are tracked), for reports.
    public private(set) var bySeries: [String: Int] = [:]

    public init(maxFindings: Int) {
        self.maxFindings = max(0, maxFindings)
    }

    public mutating func add(_ finding: Finding) {
        switch finding.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        }
        byCode[finding.code, default: 0] += 1
        if let key = finding.key, bySeries.count < 10_000 || bySeries[key] != nil { bySeries[key, default: 0] += 1 }
        if findings.count < maxFindings { findings.append(finding) }
    }

    /// True when some findings were counted but not listed.
    public var isTruncated: Bool { errors + warnings > findings.count }

    /// The listed findings in file order.
    public var sortedFindings: [Finding] {
        findings.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.offset) < (rhs.element.line, rhs.offset)
        }.map(\.element)
    }
}
