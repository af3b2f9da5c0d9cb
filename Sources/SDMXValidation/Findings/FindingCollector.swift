/// Counts every finding and keeps the first `maxFindings` of them: the cap limits the list, never the counts.
public struct FindingCollector: Sendable {
    /// How many findings are listed at most (negative taken as 0); the rest are only counted.
    public let maxFindings: Int
    /// The first ``maxFindings`` findings, in the order added, messages and values shortened.
    public private(set) var findings: [Finding] = []
    /// Errors counted, listed or not.
    public private(set) var errors = 0
    /// Warnings counted, listed or not.
    public private(set) var warnings = 0
    /// Findings counted per code, listed or not.
    public private(set) var byCode: [FindingCode: Int] = [:]
    /// Findings per series key (at most 10 000 series are tracked), for reports.
    public private(set) var bySeries: [String: Int] = [:]

    /// Makes an empty collector that lists at most `maxFindings` findings.
    public init(maxFindings: Int) {
        self.maxFindings = max(0, maxFindings)
    }

    /// Counts the finding and lists it (shortened) while the list has room.
    public mutating func add(_ finding: Finding) {
        count(finding.code, severity: finding.severity, key: finding.key)
        if findings.count < maxFindings { findings.append(finding.shortened()) }
    }

    /// True once the list is full: a finding then only counts, so a checker may call
    /// ``count(_:severity:key:)`` instead of building its message (and suggestions).
    public var isFull: Bool { findings.count >= maxFindings }

    /// Counts a finding that will not be listed, as ``add(_:)`` would.
    public mutating func count(_ code: FindingCode, severity: Severity = .error, key: String?) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        }
        byCode[code, default: 0] += 1
        if let key, bySeries.count < 10_000 || bySeries[key] != nil { bySeries[key, default: 0] += 1 }
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
