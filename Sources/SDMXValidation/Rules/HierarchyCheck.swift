import SDMXModel
import VTLRules

/// Checks one hierarchical ruleset on groups of observations: all other dimensions and the period
/// equal, the rule variable's codes related by the rules, with VTL's modes.
///
/// Once the dataset has been read, a partition at a time, the partition's series are sorted into
/// groups by their key minus the rule variable (``SeriesGroups``) and their observations read from
/// the shared ``SeriesObservations``. A series whose code the ruleset does not name takes no part.
final class HierarchyCheck {
    let loaded: LoadedRuleset
    let ruleset: HierarchicalRuleset
    let ruleIndex: Int
    let conditionBindings: [String: Int]
    let structure: ResolvedStructure
    private let codes: [String]
    private let codeIndex: [String: Int]
    /// An item of a rule with its code's position; per rule, its items when none has a condition.
    struct Item {
        var code: String
        var sign: Double
        var position: Int
    }
    private let layouts: [[Item]?]
    /// Whether a rule or an item has a condition: only then is a group's evaluator made.
    private let hasConditions: Bool
    /// Per rule: its condition, the position of its total's code, and its comparison (read for
    /// every group and period without copying the rule).
    private let conditions: [VTLExpression?]
    private let totalPositions: [Int?]
    private let comparisons: [Comparison]
    /// A rule's comparison of its total with the sum of its items, read without comparing text.
    private enum Comparison {
        case equal, notEqual, greaterOrEqual, greater, lessOrEqual, less

        init(_ text: String) {
            switch text {
            case "=": self = .equal
            case "<>": self = .notEqual
            case ">=": self = .greaterOrEqual
            case ">": self = .greater
            case "<=": self = .lessOrEqual
            default: self = .less
            }
        }
    }
    /// The rule variable's place among the dimensions, and its values' code positions by the
    /// numbers ``SeriesKeys`` gave them (``prepare(_:)``).
    private let rulePosition: Int
    private var codePositions: SeriesValueTable<Int>?
    private var keys: SeriesKeys?
    /// A lone total (no part of its rule reported) in the always_zero mode, reported at the end.
    typealias Single = (line: UInt32, column: UInt32, code: Int, value: Double)
    private var singles: [Single] = []

    init(
        loaded: LoadedRuleset, ruleset: HierarchicalRuleset, ruleIndex: Int, conditionBindings: [String: Int],
        structure: ResolvedStructure
    ) {
        self.loaded = loaded
        self.ruleset = ruleset
        self.ruleIndex = ruleIndex
        self.conditionBindings = conditionBindings
        self.structure = structure
        codes = Array(ruleset.codes.prefix(255))
        let codeIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        self.codeIndex = codeIndex
        layouts = ruleset.rules.map { rule in
            guard rule.items.allSatisfy({ $0.condition == nil }) else { return nil }
            return rule.items.compactMap { item in
                codeIndex[item.code].map { Item(code: item.code, sign: item.sign, position: $0) }
            }
        }
        hasConditions = ruleset.rules.contains { $0.condition != nil } || layouts.contains { $0 == nil }
        conditions = ruleset.rules.map(\.condition)
        totalPositions = ruleset.rules.map { codeIndex[$0.code] }
        comparisons = ruleset.rules.map { Comparison($0.comparison) }
        rulePosition = structure.dimensionIndices.firstIndex(of: ruleIndex) ?? -1
    }

    func prepare(_ keys: SeriesKeys) {
        self.keys = keys
        codePositions = SeriesValueTable(keys, position: rulePosition) { codeIndex[$0] }
    }

    /// ``codePosition(_:)`` from a series' number in the keys of ``prepare(_:)``.
    private func codePosition(key: Int) -> Int? {
        codePositions?.entry(ofSeries: key)
    }

    /// The position of a series' code among the ruleset's codes; nil when the series takes no part.
    func codePosition(_ slots: [String?]) -> Int? {
        slots[ruleIndex].flatMap { codeIndex[$0] }
    }

    /// Checks the groups of one partition (all their series lie in it). Lone totals in the
    /// always_zero mode are kept for ``finish(report:)``, which reports them in line order.
    func check(
        _ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ store: SeriesObservations,
        report: (Finding) -> Void
    ) {
        check(series, records, store, singles: &singles, report: report)
    }

    /// The same, with lone totals going to `singles` (for partitions checked side by side, which
    /// give them to ``keep(_:)`` in partition order).
    func check(
        _ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ store: SeriesObservations,
        singles: inout [Single], report: (Finding) -> Void
    ) {
        guard let keys else { preconditionFailure("prepare(_:) comes first") }
        let grouping = SeriesGroups(
            series, keys: keys, positions: structure.dimensionIndices.count, excluded: rulePosition,
            tag: codePosition(key:))
        let singlesMatter = loaded.mode == .alwaysZero
        let groups = grouping.groups.filter { $0.count > 1 || singlesMatter }
        // Groups are independent: a large partition's are checked in two halves side by side (the
        // reader's core is idle by now), each half's findings and lone totals kept and then given
        // in the order of a check from first group to last.
        let members = groups.reduce(0) { $0 + $1.count }
        guard members >= membersToSplit else {
            check(groups[...], records, store, singles: &singles, report: report)
            return
        }
        var split = 0, half = 0
        while split < groups.count, half * 2 < members {
            half += groups[split].count
            split += 1
        }
        let halves = [groups[..<split], groups[split...]]
        let outputs = SideBySide.run(tasks: 2, output: (findings: [Finding](), singles: [Single]())) { half, output in
            var findings: [Finding] = [], singles: [Single] = []
            check(halves[half], records, store, singles: &singles) { findings.append($0) }
            output = (findings, singles)
        }
        for output in outputs {
            output.findings.forEach(report)
            singles += output.singles
        }
    }

    /// Keeps lone totals found by ``check(_:_:_:singles:report:)`` for ``finish(report:)``.
    func keep(_ found: [Single]) {
        singles += found
    }

    /// Groups' members whose number makes a partition's check worth two threads.
    static let defaultMembersToSplit = 256
    var membersToSplit = HierarchyCheck.defaultMembersToSplit

    /// Checks groups in order; lone totals in the always_zero mode go to `singles`.
    private func check(
        _ groups: ArraySlice<[(series: Int, tag: Int)]>, _ records: SeriesObservations.Partition,
        _ store: SeriesObservations, singles: inout [Single], report: (Finding) -> Void
    ) {
        let singlesMatter = loaded.mode == .alwaysZero
        // Per code, the value, line and column of the period at hand (line 0: not reported).
        // SDMXBytes' fixed buffers: written for every observation of every group, where arrays were
        // checked for uniqueness on each write.
        let values = FixedBuffer<Double>(repeating: .nan, count: max(1, codes.count))
        let lines = FixedBuffer<UInt32>(repeating: 0, count: max(1, codes.count))
        let columns = FixedBuffer<UInt32>(repeating: 0, count: max(1, codes.count))
        /// Checks rule `number` on the group's values as they stand.
        func checkRule(_ number: Int, slots: () -> [String?], evaluator: VTLEvaluator?) {
            values.withBuffer { values in
                lines.withBuffer { lines in
                    columns.withBuffer { columns in
                        check(
                            number, values: values, lines: lines, columns: columns, slots: slots,
                            evaluator: evaluator, report: report)
                    }
                }
            }
        }
        var entries: [(period: Int64, code: Int, series: Int, entry: Int)] = []
        var runs: [ArraySlice<SeriesObservations.Record>] = []
        for members in groups {
            // The members' entries in period order; a group's codes for one period are adjacent.
            entries.removeAll(keepingCapacity: true)
            runs.removeAll(keepingCapacity: true)
            for member in members { runs.append(records.entries(of: member.series)) }
            Self.merge(runs, of: records.records, members, into: &entries)
            var start = 0
            while start < entries.count {
                let period = entries[start].period
                var end = start
                var distinct = 0
                while end < entries.count, entries[end].period == period {
                    let item = entries[end], record = records.records[item.entry]
                    if lines[item.code] == 0 { distinct += 1 }
                    values[item.code] = record.value
                    lines[item.code] = record.line
                    columns[item.code] = record.column
                    end += 1
                }
                if distinct > 1 {
                    // The group's values are laid out only when a condition or a message needs them.
                    var group = GroupSlots(series: entries[start].series, period: period)
                    if hasConditions {
                        // An evaluator is a closure (allocated), with the group in a box it shares: only for rules with conditions.
                        let box = GroupSlots.Box(group)
                        let evaluator = VTLEvaluator { alias in
                            guard let index = self.conditionBindings[alias],
                                let text = box.group.slots(self, store)[index], !text.isEmpty
                            else {
                                return .null
                            }
                            return DecimalText.value(of: text).map(VTLValue.number) ?? .string(text)
                        }
                        for number in ruleset.rules.indices {
                            if let condition = conditions[number], !evaluator.evaluate(condition).isTrue { continue }
                            checkRule(number, slots: { box.group.slots(self, store) }, evaluator: evaluator)
                        }
                    } else {
                        for number in ruleset.rules.indices {
                            checkRule(number, slots: { group.slots(self, store) }, evaluator: nil)
                        }
                    }
                } else if singlesMatter {
                    let code = entries[start].code
                    singles.append((lines[code], columns[code], code, values[code]))
                }
                for index in start..<end {
                    let code = entries[index].code
                    values[code] = .nan
                    lines[code] = 0
                    columns[code] = 0
                }
                start = end
            }
        }
    }

    /// The members' entries in (period, series, entry) order: each member's run is in period order
    /// already, so a few runs are merged; many are sorted. `runs` are slices of `records`, the
    /// members' in ascending series order (as ``SeriesGroups`` files them).
    private static func merge(
        _ runs: [ArraySlice<SeriesObservations.Record>], of records: [SeriesObservations.Record],
        _ members: [(series: Int, tag: Int)],
        into entries: inout [(period: Int64, code: Int, series: Int, entry: Int)]
    ) {
        guard runs.count <= 8 else {
            for (run, member) in zip(runs, members) {
                for entry in run.indices { entries.append((run[entry].period, member.tag, member.series, entry)) }
            }
            entries.sort { ($0.period, $0.series, $0.entry) < ($1.period, $1.series, $1.entry) }
            return
        }
        assert(zip(members, members.dropFirst()).allSatisfy { $0.series < $1.series }, "members in series order")
        let count = runs.count
        // Each run's next entry, end and next period: the earliest period wins, the first run (the
        // lowest series) on a tie.
        withUnsafeTemporaryAllocation(of: (next: Int, end: Int, period: Int64).self, capacity: count) { cursors in
            records.withUnsafeBufferPointer { all in
                for index in 0..<count {
                    let (start, end) = (runs[index].startIndex, runs[index].endIndex)
                    cursors[index] = (start, end, start < end ? all[start].period : 0)
                }
                while true {
                    var best = -1
                    for index in 0..<count where cursors[index].next < cursors[index].end {
                        if best < 0 || cursors[index].period < cursors[best].period { best = index }
                    }
                    guard best >= 0 else { return }
                    let cursor = cursors[best]
                    entries.append((cursor.period, members[best].tag, members[best].series, cursor.next))
                    let next = cursor.next + 1
                    cursors[best].next = next
                    if next < cursor.end { cursors[best].period = all[next].period }
                }
            }
        }
    }

    /// A group's values laid out as the structure's slots, made on first use (a condition or a message).
    struct GroupSlots {
        let series: Int
        let period: Int64
        private var laidOut: [String?]?

        init(series: Int, period: Int64) {
            self.series = series
            self.period = period
        }

        mutating func slots(_ check: HierarchyCheck, _ store: SeriesObservations) -> [String?] {
            if let laidOut { return laidOut }
            let slots = check.groupSlots(
                store.slots(of: series, structure: check.structure), period: store.periodText(period))
            laidOut = slots
            return slots
        }

        /// The group shared with a condition's evaluator.
        final class Box {
            var group: GroupSlots
            init(_ group: GroupSlots) { self.group = group }
        }
    }

    func finish(report: (Finding) -> Void) {
        // In the always_zero mode a lone total is compared with zero.
        for single in singles.sorted(by: { $0.line < $1.line }) {
            let code = codes[single.code]
            for rule in ruleset.rules where rule.code == code && rule.condition == nil {
                guard !single.value.isNaN, !holds(Comparison(rule.comparison), total: single.value, sum: 0) else {
                    continue
                }
                report(
                    Finding(
                        code: .ruleViolation,
                        message: "rule \(ruleset.id).\(rule.name)\(rule.outcome.errorCode.map { " (\($0))" } ?? ""): "
                            + "\(structure.components[ruleIndex].id) \(code) \(Self.format(single.value)) but none of its parts is reported",
                        line: Int(single.line), column: Int(single.column),
                        component: structure.components[ruleIndex].id, value: code))
            }
        }
    }

    /// A group's values laid out as a structure's slots: its dimensions (the rule variable empty) and the period.
    private func groupSlots(_ seriesSlots: [String?], period: String) -> [String?] {
        var slots = seriesSlots
        slots[ruleIndex] = nil
        if let time = structure.timeIndex { slots[time] = period }
        return slots
    }

    private func holds(_ comparison: Comparison, total: Double, sum: Double) -> Bool {
        let allowance = loaded.tolerance.allowance(for: total)
        switch comparison {
        case .equal: return Swift.abs(total - sum) <= allowance
        case .notEqual: return Swift.abs(total - sum) > allowance
        case .greaterOrEqual: return total >= sum - allowance
        case .greater: return total > sum - allowance
        case .lessOrEqual: return total <= sum + allowance
        case .less: return total < sum + allowance
        }
    }

    private func check(
        _ ruleNumber: Int, values: UnsafeBufferPointer<Double>, lines: UnsafeBufferPointer<UInt32>,
        columns: UnsafeBufferPointer<UInt32>, slots lay: () -> [String?],
        evaluator: VTLEvaluator?, report: (Finding) -> Void
    ) {
        let mode = loaded.mode
        let missingAsZero = mode == .nonZero || mode == .partialZero || mode == .alwaysZero
        guard let totalPosition = totalPositions[ruleNumber] else { return }
        // Items without conditions were laid out once; conditional ones are chosen for this group.
        let items =
            layouts[ruleNumber]
            ?? ruleset.rules[ruleNumber].items.compactMap { item in
                guard item.condition.map({ evaluator?.evaluate($0).isTrue ?? false }) ?? true,
                    let position = codeIndex[item.code]
                else { return nil }
                return Item(code: item.code, sign: item.sign, position: position)
            }
        func reported(_ position: Int) -> Bool { lines[position] != 0 }
        func number(_ position: Int) -> Double? {
            let value = values[position]
            return reported(position) && !value.isNaN ? value : nil
        }
        let totalPresent = number(totalPosition) != nil
        var present = 0
        var anyNonZero = (number(totalPosition) ?? 0) != 0
        var sum = 0.0
        for item in items {
            guard let value = number(item.position) else { continue }
            present += 1
            sum += item.sign * value
            if value != 0 { anyNonZero = true }
        }

        switch mode {
        case .nonNull, .alwaysNull:
            guard totalPresent, present == items.count else { return }
        case .partialNull, .partialZero:
            guard totalPresent, present > 0 else { return }
        case .nonZero:
            guard anyNonZero else { return }
        case .alwaysZero:
            break
        }
        guard let total = number(totalPosition) ?? (missingAsZero ? 0 : nil) else { return }
        guard !holds(comparisons[ruleNumber], total: total, sum: sum) else { return }
        let rule = ruleset.rules[ruleNumber]

        let ruleID = structure.components[ruleIndex].id
        let parts = items.map { item -> String in
            let sign = item.sign < 0 ? "- " : ""
            guard reported(item.position) else { return "\(sign)\(item.code) (not reported)" }
            let value = number(item.position).map(Self.format) ?? "empty"
            return "\(sign)\(item.code) \(value) (line \(lines[item.position]))"
        }
        let slots = lay()
        var keySlots = slots
        keySlots[ruleIndex] = rule.code
        let key = structure.dimensionIndices.map { keySlots[$0] ?? "" }.joined(separator: ".")
        let period = structure.timeIndex.flatMap { slots[$0] }
        let at =
            reported(totalPosition) ? totalPosition : (items.first { reported($0.position) }?.position ?? totalPosition)
        let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
        let allowance = loaded.tolerance.allowance(for: total)
        let tolerance =
            loaded.tolerance == Tolerance() ? "" : ", beyond the tolerance of \(Self.format(allowance.rounded(.down)))"
        report(
            Finding(
                code: .ruleViolation,
                message:
                    "rule \(ruleset.id).\(rule.name)\(code): \(ruleID) \(rule.code) \(number(totalPosition).map(Self.format) ?? "(not reported)") "
                    + "\(rule.comparison == "=" ? "≠" : "is not \(rule.comparison)") \(parts.joined(separator: " + ")) = \(Self.format(sum))"
                    + "\(tolerance) (series \(key)\(period.map { ", period \($0)" } ?? ""))",
                line: Int(lines[at]), column: Int(columns[at]), component: ruleID, value: rule.code,
                key: key, timePeriod: period))
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
