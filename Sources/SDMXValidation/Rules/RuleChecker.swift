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
    private let structure: ResolvedStructure
    /// The datapoint rules (nil when none fits and no rule across observations needs the measure).
    private var datapoint: DatapointRules? { datapointReference.object }
    /// The same, uncounted: each observation runs it without counting a reference.
    private var datapointReference = UncountedReference<DatapointRules>()
    /// The first measure's slot, whose value the rules across observations keep.
    private let measureIndex: Int?
    private var hierarchies: [HierarchyCheck] = []
    private var temporal: [QuartersAgainstYearCheck] = []
    private var numeric: [Bool]
    private let store: SeriesObservations
    /// The dimensions no rule compares across (neither a hierarchy's rule variable nor, for the
    /// temporal rules, FREQ): they decide a series' partition in the store.
    private var partitionIndices: [Int] = []
    /// Records a partition needs for its checks to run side by side.
    private var recordsToSpread = Int.max

    /// - Parameter membersToSplit: how many members a partition's groups need for a hierarchy's
    ///   check of them to run on two threads; a partition of 16 times as many records has its checks
    ///   run side by side. `Int.max`: everything on one thread.
    init(
        rules: ValidationRules, structure: ResolvedStructure, seriesKeys: SeriesKeys,
        recordBudget: Int = SeriesObservations.defaultBudget,
        temporaryDirectory: String? = nil, membersToSplit: Int = HierarchyCheck.defaultMembersToSplit
    ) {
        self.structure = structure
        measureIndex = structure.measureIndices.first
        store = SeriesObservations(seriesKeys: seriesKeys, budget: recordBudget, directory: temporaryDirectory)
        numeric = structure.components.map { component in
            guard component.codelist == nil, let type = component.textFormat?.textType else {
                return component.codelist == nil && component.role == .measure
            }
            return [TextType.decimal, .double, .float, .integer, .long, .short, .bigInteger, .count, .numeric].contains(
                type)
        }
        temporal = rules.temporal.compactMap { QuartersAgainstYearCheck(rule: $0, structure: structure) }
        var datapointRulesets: [(ruleset: DatapointRuleset, slots: [Int])] = []
        for loaded in rules.rulesets {
            switch loaded.ruleset {
            case .datapoint(let ruleset):
                // A ruleset whose variables the structure does not all have does not apply.
                let slots = ruleset.variables.compactMap { variable in
                    Self.component(named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure)
                }
                guard slots.count == ruleset.variables.count else { continue }
                datapointRulesets.append((ruleset, slots))
            case .hierarchical(let ruleset):
                guard
                    let index = Self.component(
                        named: ruleset.ruleVariable, valueDomain: ruleset.isValueDomainScope, in: structure),
                    structure.components[index].isDimension
                else { continue }
                var conditions: [String: Int] = [:]
                for variable in ruleset.conditionVariables {
                    if let bound = Self.component(
                        named: variable.name, valueDomain: ruleset.isValueDomainScope, in: structure)
                    {
                        conditions[variable.alias] = bound
                    }
                }
                let check = HierarchyCheck(
                    loaded: loaded, ruleset: ruleset, ruleIndex: index, conditionBindings: conditions,
                    structure: structure)
                check.membersToSplit = membersToSplit
                hierarchies.append(check)
            }
        }
        recordsToSpread = membersToSplit > Int.max / 16 ? Int.max : membersToSplit * 16
        let compared = comparedAcross()
        partitionIndices = structure.dimensionIndices.filter { !compared.contains($0) }
        // The rules across observations keep each observation's measure: it is read with the rules' inputs.
        let acrossObservations = !hierarchies.isEmpty || !temporal.isEmpty
        let measure = acrossObservations ? structure.measureIndices.first : nil
        if !datapointRulesets.isEmpty || acrossObservations {
            datapointReference = UncountedReference(
                DatapointRules(
                    rulesets: datapointRulesets, slotCount: structure.components.count,
                    extraSlots: measure.map { [$0] } ?? []))
        }
    }

    var isEmpty: Bool { (datapoint?.isEmpty ?? true) && hierarchies.isEmpty && temporal.isEmpty }

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

    /// A slot's value for the rules from its text: a number where the component is numeric.
    func value(_ text: String?, _ index: Int) -> VTLValue {
        guard let text, !text.isEmpty else { return .null }
        if numeric[index], let number = DecimalText.value(of: text) { return .number(number) }
        return .string(text)
    }

    /// The same from its bytes.
    func value(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> VTLValue {
        guard !bytes.isEmpty else { return .null }
        if numeric[index], let number = DecimalText.value(of: bytes) { return .number(number) }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// Adds a series the dataset has not had before to the store, when some rule relates it to
    /// others; its number there, or nil. The validator calls it once per series and dataset.
    func series(_ number: Int, slots: [String?]) -> Int? {
        let takesPart =
            hierarchies.contains { $0.codePosition(slots) != nil } || temporal.contains { $0.tag(slots) != nil }
        guard takesPart else { return nil }
        // Series that some rule may compare share the values of every other dimension: their
        // partition, by the FNV-1a hash of those values each followed by U+001F (as one text).
        var hash = FNV1a()
        for index in partitionIndices {
            hash.combine(slots[index] ?? "")
            hash.combine(byte: 0x1F)
        }
        return store.addSeries(number, partitionKey: Int(truncatingIfNeeded: hash.value))
    }

    /// Checks the datapoint rules on one observation and stores it for the cross-observation rules
    /// when its series (``series(_:slots:)``) takes part in them; whether a datapoint rule failed
    /// (``reportFailures(_:key:period:line:column:report:)`` says which).
    /// `changed` holds the slots that differ from the last observation's; `reader` gives a slot's
    /// value (``value(_:_:)``), `period` the period's bytes.
    func observe<Reader: SlotValueReader>(
        changed: UInt64, storedSeries: Int?, line: Int, column: Int, period: UnsafeBufferPointer<UInt8>?,
        periodKey: Int64?, reader: Reader
    ) throws -> Bool {
        try datapointReference.withObject { datapoint in
            let failed = datapoint.run(changed: changed, reader: reader)
            if let storedSeries, let periodKey, let period {
                let measure = measureIndex.flatMap { datapoint.value(ofSlot: $0).number } ?? .nan
                try store.append(
                    series: storedSeries, period: periodKey, text: period, value: measure, line: line, column: column)
            }
            return failed
        } ?? false
    }

    /// Reports the datapoint rules that failed on the observation ``observe`` last checked;
    /// `slots` are its values as text.
    func reportFailures(
        _ slots: [String?], key: String, period: String?, line: Int, column: Int, report: (Finding) -> Void
    ) {
        guard let datapoint else { return }
        for position in datapoint.failures {
            let (number, rule) = datapoint.failure(position)
            let bound = datapoint.rulesets[number]
            let involved = bound.slots.map { index in
                "\(structure.components[index].id)=\(slots[index].flatMap { $0.isEmpty ? nil : "'\($0)'" } ?? "(empty)")"
            }
            let code = rule.outcome.errorCode.map { " (\($0))" } ?? ""
            let measure = structure.measureIndices.first
            report(
                Finding(
                    code: .ruleViolation,
                    message:
                        "rule \(bound.ruleset.id).\(rule.name)\(code) fails for series \(key)\(period.map { ", period \($0)" } ?? ""): "
                        + involved.joined(separator: ", "),
                    line: line, column: column, component: measure.map { structure.components[$0].id },
                    value: measure.flatMap { slots[$0] }, key: key, timePeriod: period))
        }
    }

    /// Checks the hierarchical and temporal rules over everything the dataset held, a partition at a time.
    func finish(report: (Finding) -> Void) throws {
        var seriesByPartition = [[Int32]](repeating: [], count: SeriesObservations.partitionCount)
        for series in 0..<store.seriesCount { seriesByPartition[Int(store.partitionOf[series])].append(Int32(series)) }
        let checks: [any PartitionCheck] = hierarchies + temporal
        for check in checks { check.prepare(store.keys) }
        func series(of partition: Int) -> [SeriesGroups.Series] {
            seriesByPartition[partition].map { number in
                SeriesGroups.Series(number: Int(number), key: store.keyNumber(of: Int(number)))
            }
        }
        // Small partitions two at a time, each sorted and checked on a core of its own (the reader's
        // is idle by now); their findings and lone totals are kept apart and given in partition
        // order, as one thread checking one partition after the other gives them. A large partition
        // comes alone, its checks side by side.
        let pairRecords = recordsToSpread == Int.max ? 0 : store.pairRecords
        try store.forEachPartition(pairingUpTo: pairRecords) { group in
            guard group.count > 1 else {
                var records = group[0].take()
                check(
                    series(of: group[0].partition), SeriesObservations.Partition(sorting: &records), checks,
                    report: report)
                return
            }
            let outputs = SideBySide.run(
                tasks: group.count, output: (findings: [Finding](), singles: [[HierarchyCheck.Single]]())
            ) { task, output in
                var records = group[task].take()
                let partition = SeriesObservations.Partition(sorting: &records)
                let members = series(of: group[task].partition)
                for hierarchy in hierarchies {
                    var singles: [HierarchyCheck.Single] = []
                    hierarchy.check(members, partition, store, singles: &singles) { output.findings.append($0) }
                    output.singles.append(singles)
                }
                for check in temporal { check.check(members, partition, store) { output.findings.append($0) } }
            }
            for output in outputs {
                output.findings.forEach(report)
                for (hierarchy, singles) in zip(hierarchies, output.singles) { hierarchy.keep(singles) }
            }
        }
        for hierarchy in hierarchies { hierarchy.finish(report: report) }
    }

    /// Checks one partition; a large one's checks run side by side, their findings given in the
    /// order of one check after the other.
    private func check(
        _ series: [SeriesGroups.Series], _ records: SeriesObservations.Partition, _ checks: [any PartitionCheck],
        report: (Finding) -> Void
    ) {
        guard checks.count > 1, records.records.count >= recordsToSpread else {
            for check in checks { check.check(series, records, store, report: report) }
            return
        }
        let found = SideBySide.run(tasks: checks.count, output: [Finding]()) { index, findings in
            checks[index].check(series, records, store) { findings.append($0) }
        }
        for findings in found { findings.forEach(report) }
    }
}
