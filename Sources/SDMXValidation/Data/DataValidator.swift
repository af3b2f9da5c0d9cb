import SDMXModel
import VTLRules

/// Checks a data stream against its structure as it arrives, producing findings.
///
/// A coordinator: it resolves each dataset's structure (``StructureResolver``), places every
/// observation's values in one ``SlotTable`` (which says what changed since the observation
/// before), and hands them to one check per kind of finding, each in `Checks/`: ``ValueCheck``
/// (code lists and formats), ``UnknownComponentCheck``, ``DimensionCheck``, ``TimePeriodCheck``,
/// ``AttributeCheck``, ``DuplicateCheck``, ``ConstraintCheck``, and the consistency rules
/// (``RuleChecker``). The report's charts are counted apart (``ObservationTally``).
///
/// It keeps only what the checks need: the current dataset's structure, the current series'
/// values, and per distinct series its key and a bitset of the periods seen (for duplicates).
public final class DataValidator: DataHandler {
    /// What was counted while validating.
    public struct Counts: Sendable {
        /// Datasets begun, whether or not their structure resolved.
        public var dataSets = 0
        /// Observations received, valid or not.
        public var observations = 0
    }

    /// The validator is made on one thread and used on another (``DataEventPipe``): objects of the
    /// reading thread made just before or after it may share a cache line with its first or last
    /// fields, and every write on either side then takes that line from the other core (perf showed
    /// a tenth of the validator's time on two such fields). A line's worth of bytes at both ends.
    private let paddingBefore = CacheLinePadding()
    private var resolver: StructureResolver
    private let rules: ValidationRules
    private let ruleRecordBudget: Int
    private let temporaryDirectory: String?
    private var ruleChecker: RuleChecker? {
        get { ruleCheckerReference.object }
        set { ruleCheckerReference.set(newValue) }
    }
    /// The same, uncounted: the observation's checks use it without counting a reference for every
    /// observation.
    private var ruleCheckerReference = UncountedReference<RuleChecker>()
    /// The findings so far: every one counted, the first ones listed (see ``FindingCollector``).
    public private(set) var collector: FindingCollector
    /// Datasets and observations seen so far.
    public private(set) var counts = Counts()
    /// The structures the datasets followed, as named in reports.
    public private(set) var structureNames: [String] = []
    /// The structures as the data named them, resolved or not.
    public private(set) var namedStructures: [String] = []
    /// Observations per time period and per reference area, for the report's charts.
    public var observationsByPeriod: [String: Int] { tally.byPeriod }
    /// Observations per reference area, for the report's charts.
    public var observationsByArea: [String: Int] { tally.byArea }
    private var tally = ObservationTally()

    // The current dataset.
    private var structure: ResolvedStructure? {
        get { structureReference.object }
        set { structureReference.set(newValue) }
    }
    /// The same, uncounted, for the per-observation entry.
    private var structureReference = UncountedReference<ResolvedStructure>()
    /// The current observation's values, and the dataset's and series' beneath them.
    private let table = SlotTable()
    private var groupValues = GroupValues()

    // The checks, one per kind of finding.
    private var valueCheck = ValueCheck()
    private var unknownComponents = UnknownComponentCheck()
    private var dimensionCheck = DimensionCheck()
    private var timeCheck = TimePeriodCheck()
    private var attributeCheck = AttributeCheck()
    private var duplicateCheck: DuplicateCheck
    private var constraintCheck = ConstraintCheck()
    private var repeatCheck = RepeatedComponentCheck()

    /// Every series seen, numbered: its number indexes `seriesStates`.
    private let seriesKeys = SeriesKeys()
    /// Per series, the periods seen so far (for duplicates across blocks of a series), the dataset
    /// they belong to (a new dataset starts them afresh, lazily) and its number among the series the
    /// current dataset's rules keep.
    private let seriesStates = SeriesStates()
    private var dataSetGeneration: Int32 = 0
    /// The series of the last observation (``currentSeries(_:)``): its number, and its number among
    /// the series the rules keep when they keep it; its key's text is the table's, for messages.
    private var currentNumbers: (index: Int, stored: Int?)?
    private var currentDimensions: [String?] = []
    private var unstructuredSeries = 0
    /// The record `observation(values:at:)` fills, so that text goes the same way as readers' bytes.
    private let textRecord = ObservationRecord()
    /// Every value of every observation checked afresh (``init``'s `checksEveryValue`), and the
    /// rules across observations on one thread.
    private let checksEveryValue: Bool
    /// How many members a partition's groups need for a hierarchical rule's check of them to run
    /// on two threads (tests set it low, to compare with the one-thread check on small files).
    var ruleMembersToSplit = HierarchyCheck.defaultMembersToSplit
    /// See `paddingBefore`.
    private let paddingAfter = CacheLinePadding()

    /// - Parameter recentObservationsLog2: the log2 of how many recent observations are kept for
    ///   comparing repeats value by value (2^16 by default, 2 MB).
    /// - Parameter rules: the consistency rules to apply where a dataset's structure fits them
    ///   (``ValidationRules/load(from:)`` reads those the structures publish).
    /// - Parameter ruleRecordBudget: how many observations the cross-observation rules hold in
    ///   memory before they move them to temporary files (about 130 000, 4 MB, by default), in
    ///   `temporaryDirectory` (else `TMPDIR`, else /tmp). A folder that cannot be written is an error
    ///   of the run (``SDMXError/Code/unreadableFile``), not a finding about the data.
    /// - Parameter checksEveryValue: check every value of every observation as if it were the first,
    ///   instead of only those that changed since the observation before, and run the rules across
    ///   observations on one thread: slower, with the same findings (the tests hold the two ways to that).
    public init(
        catalog: StructureCatalog, structureOverride: ArtefactReference? = nil,
        rules: ValidationRules = ValidationRules(),
        maxFindings: Int = 1000, recentObservationsLog2: Int = 16, ruleRecordBudget: Int = 1 << 17,
        temporaryDirectory: String? = nil, checksEveryValue: Bool = false
    ) {
        self.checksEveryValue = checksEveryValue
        self.rules = rules
        self.ruleRecordBudget = ruleRecordBudget
        self.temporaryDirectory = temporaryDirectory
        duplicateCheck = DuplicateCheck(recentLog2: max(1, min(recentObservationsLog2, 24)))
        resolver = StructureResolver(catalog: catalog, structureOverride: structureOverride)
        self.collector = FindingCollector(maxFindings: maxFindings)
    }

    /// Records a finding that did not come from a value (a reader's error, an unsupported format).
    public func add(_ finding: Finding) {
        collector.add(finding)
    }

    /// Distinct series seen; set once the stream has ended.
    public var seriesCount: Int { seriesKeys.count + unstructuredSeries }

    // MARK: DataHandler

    /// Checks the header's reporting period (`ReportingBegin`/`ReportingEnd`): one that is no period is a finding; a
    /// valid one is kept to compare observations' periods with.
    public func header(_ header: DataMessageHeader) throws {
        timeCheck.header(header, into: &collector)
    }

    /// A web service's footer says why its answer holds what it holds (Eurostat's 413: "the response
    /// will be written to a file"): each message is a finding, an error where the footer says so.
    public func footer(_ messages: [FooterMessage]) throws {
        for message in messages {
            let code = message.code.map { " \($0)" } ?? ""
            let severity = message.severity.map { " (\($0))" } ?? ""
            collector.add(
                Finding(
                    code: .footerMessage, severity: message.isError ? .error : .warning,
                    message: "the message's footer says\(code)\(severity): "
                        + message.texts.joined(separator: " / "),
                    line: message.line, column: 0, value: message.code))
        }
    }

    /// Reports a reader's problem with the next record (wrong field count, text that is not UTF-8) as findings.
    public func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        RecordProblemCheck.report(problem, at: position, into: &collector)
    }

    /// Resolves the dataset's structure (a structure that cannot be found is a finding, and the dataset's values then
    /// go unchecked), starts every check afresh and checks the dataset-level values.
    public func startDataSet(_ dataSet: DataSetStart) throws {
        counts.dataSets += 1
        structure = nil
        ruleChecker = nil
        currentNumbers = nil
        tally.flush()
        dataSetGeneration += 1
        duplicateCheck.startDataSet()
        timeCheck.startDataSet()
        attributeCheck.startDataSet(line: dataSet.position.line)
        unknownComponents.startDataSet(customColumnsAllowed: dataSet.unknownComponentsAreCustom)
        valueCheck.startDataSet(labelMapping: dataSet.labelMapping)
        groupValues.removeAll()
        table.isDeletion = dataSet.action.map { ["D", "Delete"].contains($0) } ?? false
        if let named = dataSet.structure?.description, !namedStructures.contains(named) {
            namedStructures.append(named)
        }
        guard let prepared = try resolver.resolve(dataSet, into: &collector) else {
            table.currentKey = nil
            table.refreshSlots = true
            return
        }
        let resolved = prepared.structure
        structure = resolved
        if !structureNames.contains(resolved.name) { structureNames.append(resolved.name) }
        let ruleChecker = RuleChecker(
            rules: rules, structure: resolved, seriesKeys: seriesKeys, recordBudget: ruleRecordBudget,
            temporaryDirectory: temporaryDirectory,
            membersToSplit: checksEveryValue ? Int.max : ruleMembersToSplit)
        self.ruleChecker = ruleChecker.isEmpty ? nil : ruleChecker
        tally.startDataSet(resolved)
        table.startDataSet(resolved, checksEveryValue: checksEveryValue)
        valueCheck.startDataSet(resolved, checkers: prepared.checkers, componentIDs: prepared.componentIDs)
        dimensionCheck.startDataSet(resolved)
        timeCheck.startDataSet(resolved)
        attributeCheck.startDataSet(resolved)
        duplicateCheck.startDataSet(resolved)
        constraintCheck.startDataSet(prepared.constraints, componentIDs: prepared.componentIDs)
        place(
            dataSet.values, into: &table.dataSetValues, columns: &table.dataSetColumns, at: dataSet.position,
            level: "dataset")
        repeatCheck.startDataSet(resolved, dataSetValues: table.dataSetValues)
    }

    /// Group elements carry attributes for every series whose key matches the group's dimensions
    /// (ECB's sibling group); they are kept and applied to those series' observations.
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        guard let structure else { return }
        var groupSlots = table.dataSetValues, groupColumns = table.dataSetColumns
        place(values, into: &groupSlots, columns: &groupColumns, at: position, level: "group")
        groupValues.add(id: id, values: values, groupSlots: groupSlots, structure)
    }

    /// Places and checks the series' key and attributes, which its observations then share.
    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        table.inSeries = true
        table.seriesPosition = position
        dimensionCheck.startSeries()
        attributeCheck.startSeries()
        constraintCheck.startSeries()
        guard structure != nil else {
            unstructuredSeries += 1
            return
        }
        table.startSeries(at: position)
        place(values, into: &table.seriesValues, columns: &table.seriesColumns, at: position, level: "series")
        repeatCheck.startSeries(seriesValues: table.seriesValues)
        table.refreshSlots = true
    }

    /// Leaves the series: the next observations carry their own keys (or a new series starts).
    public func endSeries() throws {
        table.inSeries = false
        table.refreshSlots = true
    }

    /// Runs the rules that need the whole dataset (hierarchies, quarters against years) and reports their findings.
    public func endDataSet() throws {
        tally.flush()
        try ruleChecker?.finish { collector.add($0) }
        ruleChecker = nil
        structure = nil
    }

    /// Checks an observation given as text, by making it a record as readers' bytes are.
    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        textRecord.set(values)
        try observation(textRecord, at: position)
    }

    /// Checks one observation: places its values (noting which changed since the observation before), checks the
    /// changed ones against their representations, then the observation as a whole.
    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        counts.observations += 1
        try structureReference.withObject { structure in
            // Group values are filled in per observation and depend on its key: slots start afresh then.
            let (changed, checkEvery) = table.place(record, structure, refresh: !groupValues.isEmpty)
            repeatCheck.check(record, structure, table, at: position, into: &collector)
            if !groupValues.isEmpty {
                table.ensureText(~0)
                groupValues.apply(to: &table.slots, structure)
            }
            valueCheck.forget(changed)
            valueCheck.check(
                record, at: position, structure, table, checkEvery: checkEvery, unknown: &unknownComponents,
                into: &collector)
            if CardinalityCheck.mayBreak(record, structure) {
                CardinalityCheck.check(
                    record.componentValues, structure, at: position, level: "observation", into: &collector)
            }
            try checkObservation(structure, changed: changed, at: position)
        }
    }

    /// The checks of the observation as a whole: its key, period, attributes, duplicates,
    /// constraints and rules. `changed` tells which slots differ from the last observation's.
    private func checkObservation(_ structure: ResolvedStructure, changed: UInt64, at position: DataPosition) throws {
        let series: (index: Int, stored: Int?)?
        if table.isDeletion {
            series = nil
        } else if let currentNumbers, changed & dimensionCheck.mask == 0 {
            series = currentNumbers
        } else {
            series = currentSeries(structure)
        }
        tally.countArea(changed: changed, table)
        // A deletion may name a partial key: the dimensions it leaves out are not missing.
        if !table.isDeletion {
            dimensionCheck.check(structure, table, changed: changed, position: position, into: &collector)
        }
        // The period is read from its bytes; its text is made for messages only.
        let period = structure.timeIndex.flatMap { table.bytes(ofSlot: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let (ordinal, parsedPeriod) = timeCheck.check(
            period, structure, table, changed: changed, position: position, into: &collector)
        if let period { tally.count(period: period, packed: ordinal?.packed) }
        duplicateCheck.noteChanges(changed)
        guard let series else {
            constraintCheck.check(structure, table, changed: changed, position: position, into: &collector)
            return
        }
        attributeCheck.check(structure, table, changed: changed, position: position, into: &collector)
        if let ordinal {
            duplicateCheck.check(
                structure, table, series: series.index, ordinal: ordinal, periods: seriesStates, position: position,
                into: &collector)
        }
        constraintCheck.check(structure, table, changed: changed, position: position, into: &collector)
        timeCheck.checkReportingPeriod(parsedPeriod, structure, table, position: position, into: &collector)
        try ruleCheckerReference.withObject { ruleChecker in
            try checkRules(
                ruleChecker, structure, changed: changed, series: series.stored, period: period, ordinal: ordinal,
                position: position)
        }
    }

    /// The consistency rules on the observation: datapoint rules now, and its record kept for the
    /// rules across observations.
    private func checkRules(
        _ ruleChecker: RuleChecker, _ structure: ResolvedStructure, changed: UInt64, series: Int?,
        period: UnsafeBufferPointer<UInt8>?, ordinal: TimePeriod.Ordinal?, position: DataPosition
    ) throws {
        let measureColumn = structure.measureIndices.first.map { table.column($0, else: position) } ?? position.column
        let failed = try ruleChecker.observe(
            changed: changed, storedSeries: series, line: position.line, column: measureColumn,
            period: period, periodKey: ordinal?.packed,
            reader: RuleInputs(
                table: Unretained(keptElsewhere: table), ruleChecker: Unretained(keptElsewhere: ruleChecker)))
        if failed {
            let period = table.periodText(structure)
            ruleChecker.reportFailures(
                table.slots, key: table.messageKey(structure), period: period, line: position.line,
                column: measureColumn
            ) { collector.add($0) }
        }
    }

    /// The series of the current observation. Consecutive observations of one series (the usual
    /// order, in every format) find it again by comparing their dimension values with the last ones,
    /// without building the key or looking it up.
    private func currentSeries(_ structure: ResolvedStructure) -> (index: Int, stored: Int?) {
        let slots = table.slots
        if let currentNumbers {
            var same = true
            for (position, index) in structure.dimensionIndices.enumerated()
            where slots[index] != currentDimensions[position] {
                same = false
                break
            }
            if same { return currentNumbers }
        }
        let (index, isNew) = seriesKeys.number(of: slots, dimensions: structure.dimensionIndices)
        if isNew || seriesStates[index].generation != dataSetGeneration {
            let state = SeriesStates.State(
                generation: dataSetGeneration,
                stored: ruleChecker?.series(index, slots: slots).map(Int32.init) ?? SeriesStates.notStored)
            if isNew { seriesStates.append(state) } else { seriesStates[index] = state }
        }
        currentDimensions = structure.dimensionIndices.map { slots[$0] }
        let stored = seriesStates[index].stored
        let series = (index: index, stored: stored == SeriesStates.notStored ? nil : Int(stored))
        table.currentKey = nil  // made when a message needs it
        currentNumbers = series
        return series
    }

    /// Puts reported values (of the dataset, a group or a series) in their component's slot,
    /// checking each against its representation.
    private func place(
        _ values: [ComponentValue], into slots: inout [String?], columns: inout [Int],
        at position: DataPosition, level: String
    ) {
        guard let structure else { return }
        for (offset, value) in values.enumerated() {
            guard let index = table.componentIndex(value.id, at: offset, structure) else { continue }
            // A series or group may not give a component the dataset gave, with another value.
            if level != "dataset",
                let conflict = RepeatedComponentCheck.conflict(
                    id: value.id, inherited: table.dataSetValues[index], from: "dataset", value: value.value,
                    level: level, line: position.line, column: value.column > 0 ? value.column : position.column)
            {
                collector.add(conflict)
            }
            slots[index] = value.value
            columns[index] = value.column
        }
        // Checked once all are placed, so messages name the whole series key.
        CardinalityCheck.check(values, structure, at: position, level: level, into: &collector)
        for (offset, value) in values.enumerated() {
            guard let index = table.componentIndex(value.id, at: offset, structure) else {
                unknownComponents.report(value, at: position, level: level, structure: structure, into: &collector)
                continue
            }
            guard !value.value.isEmpty else { continue }
            valueCheck.check(
                value.value, index: index, column: value.column, line: position.line, structure: structure,
                slots: slots,
                into: &collector)
        }
    }
}

/// The validator's slots as the datapoint rules read them: from a byte slot's bytes while its text
/// is out of date. Unretained (the validator's `table` and `ruleChecker` keep them, and outlive every
/// run of the rules): making one, and reading a value through it, counts no reference (an
/// `unowned(unsafe)` one was retained and released around each call).
private struct RuleInputs: SlotValueReader {
    let table: Unretained<SlotTable>
    let ruleChecker: Unretained<RuleChecker>

    func value(ofSlot slot: Int) -> VTLValue {
        table.withObject { table in
            ruleChecker.withObject { table.ruleValue(ofSlot: slot, $0) }
        }
    }
}
