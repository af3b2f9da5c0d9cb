import SDMXModel

/// The Alliance's rule VTL cannot say across frequencies: for flows, the four quarters of a year add
/// up to the annual value; for stocks, the annual value equals the fourth quarter's. Configured by
/// annotations on a ruleset scheme: `IDAC_FLOWS` and `IDAC_STOCKS` (`INDICATOR=CODE,CODE,…`) and
/// `IDAC_TOLERANCE`.
public struct TemporalRule: Sendable {
    /// The scheme whose annotations set the rule, as `AGENCY:ID(VERSION)`, for findings' messages.
    public var scheme: String
    /// The dimension whose codes say flow or stock (the part before `=` in `IDAC_FLOWS`/`IDAC_STOCKS`).
    public var componentID: String
    /// Its codes that are flows: the four quarters must add up to the year.
    public var flows: Set<String>
    /// Its codes that are stocks: the year must equal the fourth quarter.
    public var stocks: Set<String>
    /// From the scheme's `IDAC_TOLERANCE`; zero (exact) when absent.
    public var tolerance: Tolerance

    /// Reads the rule from a scheme's annotations; nil when the scheme has none.
    init?(scheme: RulesetScheme) {
        func setting(_ type: String) -> (component: String, codes: Set<String>)? {
            guard let text = scheme.annotations.first(where: { $0.type == type })?.text,
                let equals = text.firstIndex(of: "=")
            else { return nil }
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

/// Applies a ``TemporalRule`` to one dataset: once it has been read, a partition at a time, sorts the
/// annual and quarterly series of a flow or stock into groups by their key without FREQ and
/// compares, per group and year, the annual value with the four quarters.
final class QuartersAgainstYearCheck {
    struct Year {
        var annual: (value: Double, line: UInt32, column: UInt32)?
        var quarters: [(value: Double, line: UInt32)?] = [nil, nil, nil, nil]
    }

    private let rule: TemporalRule
    private let structure: ResolvedStructure
    private let freqIndex: Int
    private let componentIndex: Int
    private let timeIndex: Int
    /// FREQ's and the rule's component's places among the dimensions, and by value number of each,
    /// its part in ``tag(_:)`` (``prepare(_:)``): 1 annual, 0 quarterly; whether a flow or a stock.
    private let freqPosition: Int
    private let componentPosition: Int
    private var frequencies: SeriesValueTable<Int>?
    private var ruled: SeriesValueTable<Bool>?
    private var keys: SeriesKeys?

    init?(rule: TemporalRule, structure: ResolvedStructure) {
        guard let freq = structure.index(of: "FREQ"), let component = structure.index(of: rule.componentID),
            let time = structure.timeIndex
        else { return nil }
        self.rule = rule
        self.structure = structure
        freqIndex = freq
        componentIndex = component
        timeIndex = time
        freqPosition = structure.dimensionIndices.firstIndex(of: freq) ?? -1
        componentPosition = structure.dimensionIndices.firstIndex(of: component) ?? -1
    }

    func prepare(_ keys: SeriesKeys) {
        self.keys = keys
        frequencies = SeriesValueTable(keys, position: freqPosition) { $0 == "A" ? 1 : $0 == "Q" ? 0 : nil }
        ruled = SeriesValueTable(keys, position: componentPosition) {
            rule.flows.contains($0) || rule.stocks.contains($0)
        }
    }

    /// ``tag(_:)`` from a series' number in the keys of ``prepare(_:)``.
    private func tag(key: Int) -> Int? {
        guard ruled?.entry(ofSeries: key) == true else { return nil }
        return frequencies?.entry(ofSeries: key)
    }

    /// The series' tag: 1 for the annual and 0 for the quarterly series of a flow or stock; nil otherwise.
    func tag(_ slots: [String?]) -> Int? {
        guard let code = slots[componentIndex], rule.flows.contains(code) || rule.stocks.contains(code) else {
            return nil
        }
        switch slots[freqIndex] {
        case "A": return 1
        case "Q": return 0
        default: return nil
        }
    }

    /// Checks the groups of one partition (all their series lie in it).
    func check(
        _ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ store: SeriesObservations,
        report: (Finding) -> Void
    ) {
        guard let keys else { preconditionFailure("prepare(_:) comes first") }
        let grouping = SeriesGroups(
            series, keys: keys, positions: structure.dimensionIndices.count, excluded: freqPosition,
            tag: tag(key:))
        for group in grouping.groups where group.count > 1 {
            let members = group.map { (series: $0.series, annual: $0.tag == 1) }
            guard members.contains(where: \.annual), members.contains(where: { !$0.annual }) else { continue }
            var years: [Int: Year] = [:]
            var order: [Int] = []
            for member in members {
                for record in records.entries(of: member.series) {
                    guard !record.value.isNaN, let period = TimePeriod.Ordinal(packed: record.period).yearAndQuarter
                    else { continue }
                    if years[period.year] == nil { order.append(period.year) }
                    switch (member.annual, period.quarter) {
                    case (true, nil):
                        years[period.year, default: Year()].annual = (record.value, record.line, record.column)
                    case (false, let quarter?):
                        years[period.year, default: Year()].quarters[quarter] = (record.value, record.line)
                    default: break
                    }
                }
            }
            guard let annualSeries = members.first(where: \.annual)?.series else { continue }
            let slots = store.slots(of: annualSeries, structure: structure)
            let code = slots[componentIndex] ?? ""
            let key = structure.dimensionIndices.map { slots[$0] ?? "" }.joined(separator: ".")
            let format = HierarchyCheck.format
            for year in order.sorted() {
                guard let entry = years[year], let annual = entry.annual else { continue }
                let allowance = rule.tolerance.allowance(for: annual.value)
                if rule.flows.contains(code) {
                    let quarters = entry.quarters.compactMap { $0 }
                    guard quarters.count == 4 else { continue }
                    let sum = quarters.reduce(0) { $0 + $1.value }
                    guard Swift.abs(sum - annual.value) > allowance else { continue }
                    let lines = quarters.map { String($0.line) }.joined(separator: ", ")
                    report(
                        Finding(
                            code: .ruleViolation,
                            message:
                                "rule \(rule.scheme) FLOW_QUARTERS_SUM: \(code) is a flow, so the four quarters of \(year) "
                                + "(\(format(sum)), lines \(lines)) should add up to the annual value \(format(annual.value)) (series \(key))",
                            line: Int(annual.line), column: Int(annual.column),
                            component: structure.components[timeIndex].id,
                            value: format(annual.value), key: key, timePeriod: String(year)))
                } else if rule.stocks.contains(code), let fourth = entry.quarters[3] {
                    guard Swift.abs(fourth.value - annual.value) > allowance else { continue }
                    report(
                        Finding(
                            code: .ruleViolation,
                            message:
                                "rule \(rule.scheme) STOCK_ANNUAL_IS_Q4: \(code) is a stock, so its annual value for \(year) "
                                + "(\(format(annual.value))) should equal the fourth quarter's (\(format(fourth.value)), line \(fourth.line)) (series \(key))",
                            line: Int(annual.line), column: Int(annual.column),
                            component: structure.components[timeIndex].id,
                            value: format(annual.value), key: key, timePeriod: String(year)))
                }
            }
        }
    }
}
