import SDMXModel

/// The Alliance's rule VTL cannot say across frequencies: for flows, the four quarters of a year add
/// up to the annual value; for stocks, the annual value equals the fourth quarter's. Configured by
/// annotations on a ruleset scheme: `IDAC_FLOWS` and `IDAC_STOCKS` (`INDICATOR=CODE,CODE,…`) and
/// `IDAC_TOLERANCE`.
public struct TemporalRule: Sendable {
    public var scheme: String
    public var componentID: String
    public var flows: Set<String>
    public var stocks: Set<String>
    public var tolerance: Tolerance

    /// Reads the rule from a scheme's annotations; nil when the scheme has none.
    init?(scheme: RulesetScheme) {
        func setting(_ type: String) -> (component: String, codes: Set<String>)? {
            guard let text = scheme.annotations.first(where: { $0.type == type })?.text,
                  let equals = text.firstIndex(of: "=") else { return nil }
            let codes = text[text.index(after: equals)...].split(separator: ",").map { $0.trimmingSpaces() }
            return (text[..<equals].trimmingSpaces(), Set(codes))
        }
        let flows = setting("IDAC_FLOWS"), stocks = setting("IDAC_STOCKS")
        guard let component = flows?.component ?? stocks?.component else { return nil }
        self.scheme = scheme.reference.description
        componentID = component
        self.flows = flows?.codes ?? []
        self.stocks = stocks?.codes ?? []
        tolerance = Tolerance(scheme.annotations.first { $0.type == "IDAC_TOLERANCE" }?.text)
    }
}

/// Applies a ``TemporalRule`` to one dataset: keeps, per series without FREQ and per year, the
/// annual value and the four quarters, and compares them once the dataset has been read.
final class TemporalConsistencyCheck {
    struct Year {
        var keyValues: [String?]
        var year: Int
        var annual: (value: Double, line: Int32, column: Int32)?
        var quarters: [(value: Double, line: Int32)?] = [nil, nil, nil, nil]
    }

    private let rule: TemporalRule
    private let structure: ResolvedStructure
    private let freqIndex: Int
    private let componentIndex: Int
    private let timeIndex: Int
    private var years: [Int: Int] = [:]
    private var entries: [Year] = []

    init?(rule: TemporalRule, structure: ResolvedStructure) {
        guard let freq = structure.index(of: "FREQ"), let component = structure.index(of: rule.componentID),
              let time = structure.timeIndex else { return nil }
        self.rule = rule
        self.structure = structure
        freqIndex = freq
        componentIndex = component
        timeIndex = time
    }

    func add(_ slots: [String?], slotHashes: [Int], line: Int, column: Int, value: Double?, period: TimePeriod?) {
        guard let value, let period, let code = slots[componentIndex],
              rule.flows.contains(code) || rule.stocks.contains(code) else { return }
        let quarter: Int?
        switch (slots[freqIndex], period) {
        case ("A", .year), ("A", .reporting(_, .year, _)): quarter = nil
        case ("Q", .reporting(_, .quarter, let index)): quarter = index - 1
        default: return
        }
        // The series without FREQ, and the year: hashed from the values' hashes, no text built.
        var hasher = Hasher()
        hasher.combine(period.year)
        for index in structure.dimensionIndices where index != freqIndex { hasher.combine(slotHashes[index]) }
        let key = hasher.finalize()
        let entry: Int
        if let known = years[key] {
            entry = known
        } else {
            entry = entries.count
            years[key] = entry
            entries.append(Year(keyValues: slots.indices.map { structure.dimensionIndices.contains($0) ? slots[$0] : nil },
                                year: period.year))
        }
        if let quarter {
            entries[entry].quarters[quarter] = (value, Int32(clamping: line))
        } else {
            entries[entry].annual = (value, Int32(clamping: line), Int32(clamping: column))
        }
    }

    func check(report: (Finding) -> Void) {
        for entry in entries {
            guard let annual = entry.annual, let code = entry.keyValues[componentIndex] else { continue }
            var slots = entry.keyValues
            slots[freqIndex] = "A"
            let key = structure.dimensionIndices.map { slots[$0] ?? "" }.joined(separator: ".")
            let allowance = rule.tolerance.allowance(for: annual.value)
            let format = HierarchyAccumulator.format
            if rule.flows.contains(code) {
                let quarters = entry.quarters.compactMap { $0 }
                guard quarters.count == 4 else { continue }
                let sum = quarters.reduce(0) { $0 + $1.value }
                guard Swift.abs(sum - annual.value) > allowance else { continue }
                let lines = quarters.map { String($0.line) }.joined(separator: ", ")
                report(Finding(code: .ruleViolation,
                               message: "rule \(rule.scheme) FLOW_QUARTERS_SUM: \(code) is a flow, so the four quarters of \(entry.year) "
                                   + "(\(format(sum)), lines \(lines)) should add up to the annual value \(format(annual.value)) (series \(key))",
                               line: Int(annual.line), column: Int(annual.column), component: structure.components[timeIndex].id,
                               value: format(annual.value), key: key, timePeriod: String(entry.year)))
            } else if rule.stocks.contains(code), let fourth = entry.quarters[3] {
                guard Swift.abs(fourth.value - annual.value) > allowance else { continue }
                report(Finding(code: .ruleViolation,
                               message: "rule \(rule.scheme) STOCK_ANNUAL_IS_Q4: \(code) is a stock, so its annual value for \(entry.year) "
                                   + "(\(format(annual.value))) should equal the fourth quarter's (\(format(fourth.value)), line \(fourth.line)) (series \(key))",
                               line: Int(annual.line), column: Int(annual.column), component: structure.components[timeIndex].id,
                               value: format(annual.value), key: key, timePeriod: String(entry.year)))
            }
        }
    }
}
