import SDMXModel
import VTLRules

/// Applies the loaded rulesets that fit a dataset's structure: datapoint rules on each observation
/// as it arrives, hierarchical and temporal rules on groups of observations (all other dimensions
/// and the period equal) once the dataset has been read.
///
/// Series are the unit of the cross-observation rules: a series is added to the store once, when it
/// first appears (``series(_:slots:)``); each observation then costs an append of one record in
/// ``SeriesObservations``; the series are sorted into each rule's groups at the end.
final class RuleChecker {
    /// A datapoint ruleset with its variables bound to slots and its rules compiled against them:
    /// variable `n` of the compiled rules is the value in slot `indices[n]`, kept in `values`.
    ///
    /// Most of what the rules read is the same from one observation to the next (the unit, the
    /// status: only the measure changes), so each rule's condition and check remember their last
    /// result and run again only when a slot they read changed (``SlotChanges`` masks).
    final class BoundDatapointRuleset {
        /// One rule compiled, with what it remembers of its last run.
        struct CompiledRule {
            let condition: VTLProgram?
            let check: VTLProgram
            let conditionMask: UInt64
            let checkMask: UInt64
            /// Whether the condition's last result holds, and is known for the current inputs.
            var conditionHolds = false
            var conditionKnown = false
            /// Whether the check ran on the current inputs and passed.
            var checkPassed = false
        }

        let ruleset: DatapointRuleset
        var indices: [Int]
        var values: [VTLValue] = []
        var rules: [CompiledRule] = []
        /// The slots any of the rules read, and whether every rule passed on the last observation.
        var inputMask: UInt64 = ~0
        var passedLast = false

        init(ruleset: DatapointRuleset, indices: [Int]) {
            self.ruleset = ruleset
            self.indices = indices
        }

        /// Binds the compiled rules: their masks from the slots their variables name.
        func compile(_ rules: [DatapointRuleset.Rule], position: (String) -> Int?) {
            func mask(_ program: VTLProgram?) -> UInt64 {
                program.map { program in SlotChanges.mask(program.variables.map { indices[$0] }) } ?? 0
            }
            self.rules = rules.map { rule in
                let condition = rule.condition.map { VTLProgram($0, position: position) }
                let check = VTLProgram(rule.check, position: position)
                return CompiledRule(condition: condition, check: check, conditionMask: mask(condition), checkMask: mask(check))
            }
            inputMask = SlotChanges.mask(indices)
            values = Array(repeating: .null, count: indices.count)
        }

        /// Runs the rules whose inputs changed (or that failed last time, to report them again);
        /// the positions of those that fail.
        func run(changed: UInt64, failed: inout [Int]) {
            let values = self.values
            passedLast = true
            rules.withUnsafeMutableBufferPointer { rules in
                for position in rules.indices {
                    if let condition = rules[position].condition {
                        if changed & rules[position].conditionMask != 0 || !rules[position].conditionKnown {
                            rules[position].conditionHolds = VTLEvaluator.evaluate(condition, values: values).isTrue
                            rules[position].conditionKnown = true
                        }
                        guard rules[position].conditionHolds else {
                            rules[position].checkPassed = false  // not run on these inputs
                            continue
                        }
                    }
                    if changed & rules[position].checkMask == 0, rules[position].checkPassed { continue }
                    let passed = !VTLEvaluator.evaluate(rules[position].check, values: values).isFalse
                    rules[position].checkPassed = passed
                    if !passed {
                        passedLast = false
                        failed.append(position)
                    }
                }
            }
        }
    }

    private let structure: ResolvedStructure
    private var datapoint: [BoundDatapointRuleset] = []
    /// The rules of a ruleset that failed on the observation (kept, to allocate nothing per observation).
    private var failed: [Int] = []
    private var hierarchies: [HierarchyCheck] = []
    private var temporal: [TemporalConsistencyCheck] = []
    private var numeric: [Bool]
    private let store: SeriesObservations
    /// Per slot, its value for the rules and the observation it was read for.
    private var slotValues: [VTLValue]
    private var valueStamps: [Int]
    private var observationNumber = 0
    /// The dimensions no rule compares across (neither a hierarchy's rule variable nor, for the
    /// temporal rules, FREQ): they decide a series' partition in the store.
    private var partitionIndices: [Int] = []

    init(rules: ValidationRules, structure: ResolvedStructure, seriesKeys: SeriesKeys, recordBudget: Int = SeriesObservations.defaultBudget,
         temporaryDirectory: String? = nil) {
        self.structure = structure
        store = SeriesObservations(seriesKeys: seriesKeys, budget: recordBudget, directory: temporaryDirectory)
        slotValues = Array(repeating: .null, count: structure.components.count)
        valueStamps = Array(repeating: -1, count: structure.components.count)
        numeric = structure.components.map { component in
            guard component.codelist == nil, let type = component.textFormat?.textType else {
                return component.codelist == nil && component.role == .measure
            }
            return [TextType.decimal, .double, .float, .integer, .long, .short, .bigInteger, .count, .numeric].contains(type)
        }
        temporal = rules.temporal.compactMap { TemporalConsistencyCheck(rule: $0, structure: structure) }
        for loaded in rules.rulesets {
            switch loaded.ruleset {
            case .datapoint(let ruleset):
                let bound = BoundDatapointRuleset(ruleset: ruleset, indices: [])
                var aliases: [String] = []
                var complete = true
                for variable in ruleset.variables {
                    guard let index = Self.component(named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure) else {
                        complete = false
                        break
                    }
                    aliases.append(variable.alias)
                    bound.indices.append(index)
                }
                guard complete else { continue }
                bound.compile(ruleset.rules) { alias in aliases.firstIndex(of: alias) }
                datapoint.append(bound)
            case .hierarchical(let ruleset):
                guard let index = Self.component(named: ruleset.ruleVariable, valueDomain: ruleset.isValueDomainScope, in: structure),
                      structure.components[index].isDimension else { continue }
                var conditions: [String: Int] = [:]
                for variable in ruleset.conditionVariables {
                    if let bound = Self.component(named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure) {
                        conditions[variable.alias] = bound
                    }
                }
                hierarchies.append(HierarchyCheck(loaded: loaded, ruleset: ruleset, ruleIndex: index,
                                                  conditionBindings: conditions, structure: structure))
            }
        }
        let compared = comparedAcross()
        partitionIndices = structure.dimensionIndices.filter { !compared.contains($0) }
    }

    var isEmpty: Bool { datapoint.isEmpty && hierarchies.isEmpty && temporal.isEmpty }

    private func comparedAcross() -> Set<Int> {
        var indices = Set(hierarchies.map(\.ruleIndex))
        if !temporal.isEmpty, let freq = structure.index(of: "FREQ") { indices.insert(freq) }
        return indices
    }

    /// A variable-scope name is a component id; a value-domain name is the id of a component's code list.
    static func component(named name: String, valueDomain: Bool, in structure: ResolvedStructure) -> Int? {
        if !valueDomain { return structure.index(of: name) }
        return structure.components.firstIndex { $0.codelist?.reference.id == name } ?? structure.index(of: name)
    }

    /// A slot's value for the rules, read once per observation (the measure is parsed once, not
    /// once per ruleset that names it).
    private func slotValue(_ slots: [String?], _ index: Int) -> VTLValue {
        if valueStamps[index] == observationNumber { return slotValues[index] }
        let read = value(slots, index)
        slotValues[index] = read
        valueStamps[index] = observationNumber
        return read
    }

    func value(_ slots: [String?], _ index: Int) -> VTLValue {
        guard let text = slots[index], !text.isEmpty else { return .null }
        if numeric[index], let number = DecimalText.value(of: text) { return .number(number) }
        return .string(text)
    }

    /// Adds a series the dataset has not had before to the store, when some rule relates it to
    /// others; its number there, or nil. The validator calls it once per series and dataset.
    func series(_ number: Int, slots: [String?]) -> Int? {
        let takesPart = hierarchies.contains { $0.codePosition(slots) != nil } || temporal.contains { $0.tag(slots) != nil }
        guard takesPart else { return nil }
        // Series that some rule may compare share the values of every other dimension: their partition.
        var partitionKey = ""
        for index in partitionIndices {
            partitionKey += slots[index] ?? ""
            partitionKey += "\u{1F}"
        }
        return store.addSeries(number, partitionKey: Int(truncatingIfNeeded: TimePeriod.stableHash(partitionKey)))
    }

    /// Checks the datapoint rules on one observation and stores it for the cross-observation rules
    /// when its series (``series(_:slots:)``) takes part in them.
    /// `changed` holds the slots that differ from the last observation's.
    func observe(_ slots: [String?], changed: UInt64, storedSeries: Int?, line: Int, column: Int, key: String, period: String?,
                 periodKey: Int64?, report: (Finding) -> Void) throws {
        observationNumber += 1
        for bound in datapoint {
            if changed & bound.inputMask == 0, bound.passedLast { continue }
            for (position, index) in bound.indices.enumerated() where SlotChanges.changed(index, in: changed) {
                bound.values[position] = slotValue(slots, index)
            }
            failed.removeAll(keepingCapacity: true)
            bound.run(changed: changed, failed: &failed)
            for position in failed {
                let rule = bound.ruleset.rules[position]
                let involved = bound.indices.map { index in
                    "\(structure.components[index].id)=\(slots[index].flatMap { $0.isEmpty ? nil : "'\($0)'" } ?? "(empty)")"
                }
                let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
                let measure = structure.measureIndices.first
                report(Finding(code: .ruleViolation,
                               message: "rule \(bound.ruleset.id).\(rule.name)\(code) fails for series \(key)\(period.map { ", period \($0)" } ?? ""): "
                                   + involved.joined(separator: ", "),
                               line: line, column: column, component: measure.map { structure.components[$0].id },
                               value: measure.flatMap { slots[$0] }, key: key, timePeriod: period))
            }
        }
        guard let storedSeries, let periodKey, let period else { return }
        let measure = structure.measureIndices.first.flatMap { slotValue(slots, $0).number } ?? .nan
        try store.append(series: storedSeries, period: periodKey, text: period, value: measure, line: line, column: column)
    }

    /// Checks the hierarchical and temporal rules over everything the dataset held, a partition at a time.
    func finish(report: (Finding) -> Void) throws {
        var seriesByPartition = [[Int32]](repeating: [], count: SeriesObservations.partitionCount)
        for series in 0..<store.seriesCount { seriesByPartition[Int(store.partitionOf[series])].append(Int32(series)) }
        try store.forEachPartition { partition, records in
            let series = seriesByPartition[partition].map { number in
                SeriesGroups.Series(number: Int(number), slots: store.slots(of: Int(number), structure: structure))
            }
            for hierarchy in hierarchies { hierarchy.check(series, records, store, report: report) }
            for check in temporal { check.check(series, records, store, report: report) }
        }
        for hierarchy in hierarchies { hierarchy.finish(report: report) }
    }
}
