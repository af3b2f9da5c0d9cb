import SDMXModel
import VTLRules

/// Checks a data stream against its structure as it arrives, producing findings.
///
/// It keeps only what the checks need: the current dataset's structure, the current series'
/// values, and per distinct series its key and a bitset of the periods seen (for duplicates).
public final class DataValidator: DataHandler {
    /// What was counted while validating.
    public struct Counts: Sendable {
        public var dataSets = 0
        public var series = 0
        public var observations = 0
    }

    /// The validator is made on one thread and used on another (``DataEventPipe``): objects of the
    /// reading thread made just before or after it may share a cache line with its first or last
    /// fields, and every write on either side then takes that line from the other core (perf showed
    /// a tenth of the validator's time on two such fields). A line's worth of bytes at both ends.
    private let paddingBefore = CacheLinePadding()
    private let catalog: StructureCatalog
    private let structureOverride: ArtefactReference?
    private let rules: ValidationRules
    private let ruleRecordBudget: Int
    private let temporaryDirectory: String?
    private var ruleChecker: RuleChecker? {
        didSet { unmanagedRuleChecker = ruleChecker.map(Unmanaged.passUnretained) }
    }
    /// The same, unretained (`ruleChecker` keeps it): the observation's checks use it without
    /// counting a reference for every observation.
    private var unmanagedRuleChecker: Unmanaged<RuleChecker>?
    public private(set) var collector: FindingCollector
    public private(set) var counts = Counts()
    /// The structures the datasets followed, as named in reports.
    public private(set) var structureNames: [String] = []
    /// The structures as the data named them, resolved or not.
    public private(set) var namedStructures: [String] = []
    /// Observations per time period and per reference area, for the report's charts (a few hundred
    /// entries at most in practice: one per distinct period or area).
    public var observationsByPeriod: [String: Int] { periodTally.byPeriod }
    private let periodTally = PeriodTally()
    public var observationsByArea: [String: Int] {
        var counts = areaCounts
        if let pendingArea { Self.count(pendingArea.area, pendingArea.count, in: &counts) }
        return counts
    }
    private var areaCounts: [String: Int] = [:]
    private var areaIndex: Int?

    // The current dataset.
    private var structure: ResolvedStructure? {
        didSet { unmanagedStructure = structure.map(Unmanaged.passUnretained) }
    }
    /// The same, unretained (`structure` keeps it), for the per-observation entry.
    private var unmanagedStructure: Unmanaged<ResolvedStructure>?
    private var checkers: [ComponentChecker] = []
    private var preparedStructure: Prepared?
    private var componentIDs: [String] = []
    private var seriesConstraintReported: Set<Int> = []
    private var freqIndex: Int?
    private var cachedFrequencyLetter: UInt8?
    private var frequencyLetterKnown = false
    private var dataSetValues: [String?] = []
    private var dataSetColumns: [Int] = []
    private var dataSetLine = 0
    private var customColumnsAllowed = false
    private var labelMapping: LabelMapping?
    /// Deleting (SDMX action Delete) needs keys only: no measure, attributes or rules.
    private var isDeletion = false
    private var dataSetAttributesChecked = false
    private var reportedOnce: Set<String> = []
    /// Attribute values given on `Group` elements, per group descriptor, by the group's partial key.
    private var groupValues: [[String: [(index: Int, value: String)]]] = []
    private var reportingBegin: TimePeriod?
    private var reportingEnd: TimePeriod?
    /// Every series seen, numbered: its number indexes `seriesStates`.
    private let seriesKeys = SeriesKeys()
    /// Per series, the periods seen so far (for duplicates across blocks of a series), the dataset
    /// they belong to (a new dataset starts them afresh, lazily) and its number among the series the
    /// current dataset's rules keep.
    private let seriesStates = SeriesStates()
    private var dataSetGeneration: Int32 = 0
    /// Structures already resolved in this file, with their checkers, by the reference data named:
    /// a file that starts many datasets (a CSV alternating actions) resolves each structure once.
    private var prepared: [String: Prepared] = [:]
    private var unresolvable: [String: String] = [:]

    final class Prepared {
        let structure: ResolvedStructure
        let checkers: [ComponentChecker]
        let constraints: ConstraintChecker?
        let constraintIndices: [Int]
        let componentIDs: [String]

        init(_ structure: ResolvedStructure) {
            self.structure = structure
            let constraints = ConstraintChecker(structure: structure)
            checkers = structure.components.indices.map { index in
                ComponentChecker(structure.components[index]) { constraints.mayAllow($0, componentIndex: index) }
            }
            self.constraints = constraints.isEmpty ? nil : constraints
            constraintIndices = constraints.componentIndices
            componentIDs = structure.components.map(\.id)
        }
    }
    /// Line and content of recent observations, so a repeat says where and whether values differ.
    private var recent: RecentObservations

    /// The series of the last observation (``currentSeries(_:)``): its number, its number among the
    /// series the rules keep when they keep it, and apart its key's text, which only messages read.
    private var currentNumbers: (index: Int, stored: Int?)?
    private var currentKey: String?  // nil until a message asks (``messageKey(_:)``)
    private var currentDimensions: [String?] = []
    /// Per slot, the last value that passed its code list or format check.
    private var lastValid: [String?] = []
    /// The component ids last seen at each position of a reader's values, and their indices.
    private var recentIDs: [String] = []
    private var recentIndices: [Int?] = []

    // The current series (series-form messages).
    private var inSeries = false
    private var seriesValues: [String?] = []
    private var seriesColumns: [Int] = []
    private var seriesPosition = DataPosition(line: 0, column: 0)
    private var seriesReported: Set<Int> = []

    // The current observation.
    private var slots: [String?] = []
    private var columns: [Int] = []
    private var unstructuredSeries = 0
    /// The record `observation(values:at:)` fills, so that text goes the same way as readers' bytes.
    private let textRecord = ObservationRecord()

    // What changed since the last observation (``SlotChanges``): slots keep their values between
    // observations, and checks whose inputs did not change are not run again.
    private let changes = SlotChanges(count: 0)
    /// Set when the values underneath the record's change (a dataset, a series, a group): the next
    /// observation starts its slots afresh and counts everything as changed.
    private var refreshSlots = true
    /// Structures of more than 64 components have slots without a bit: checked in full every time.
    private var isWide = false
    /// Every value of every observation checked afresh (``init``'s `checksEveryValue`), and the
    /// rules across observations on one thread.
    private let checksEveryValue: Bool
    /// How many members a partition's groups need for a hierarchical rule's check of them to run
    /// on two threads (tests set it low, to compare with the one-thread check on small files).
    var ruleMembersToSplit = HierarchyCheck.defaultMembersToSplit
    private var recordLayout: (record: ObjectIdentifier, number: Int)?
    /// The slot of each of the record's positions, or -1 for ids that are no component (raw
    /// memory: read for every value, without a reference count or a bounds check).
    private var slotOfPosition = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    /// The slots the record layout gives values to, and whether it gives one twice.
    private var layoutPresent: UInt64 = 0
    private var layoutRepeats = false
    /// Whether the record layout's slots rise with its positions (none unknown, none past the
    /// 64th), and each slot's position then.
    private var slotsFollowPositions = false
    /// Raw memory, allocated on the validating thread (the first layout), beside that thread's own data.
    private var positionOfSlot = UnsafeMutablePointer<Int>(bitPattern: 0)
    /// The slots the last record gave values to.
    private var presentLast: UInt64 = 0
    /// The slots whose current value passed its code list or format check.
    private var knownValid: UInt64 = 0
    /// Slots whose every value passes once one has (the period, unless it has a code list: the time
    /// checks judge it), which a change does not make unchecked again.
    private var alwaysValid: UInt64 = 0
    private var dimensionMask: UInt64 = 0
    private var attributeMask: UInt64 = 0
    private var constraintMask: UInt64 = 0
    /// Whether the last observation had every dimension, every mandatory attribute, and met the constraints.
    private var dimensionsComplete = false
    private var attributesComplete = false
    private var constraintsPassed = false
    /// The slots of the period and the measures, which change on every observation: their values
    /// stay bytes (kept by ``changes``) until a message or a text-based check needs their text.
    private var byteSlots: UInt64 = 0
    /// The byte slots whose text in `slots` is out of date (``ensureText(_:)`` makes it).
    private var staleText: UInt64 = 0
    /// A copy of the period's bytes when they are text already (``slotBytes(_:)``).
    private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private var scratchCapacity = 64
    /// Per slot, the hash of its value for duplicate checks (0: not made), and the slots changed
    /// since the hashes were last brought up to date.
    private var slotHashes: [UInt64] = []
    /// The attributes' values hashed together (nil: to be made).
    private var attributesHash: UInt64?
    private var contentChanges: UInt64 = ~0
    /// The observations of the current reference area not yet added to ``observationsByArea``.
    private var pendingArea: (area: String, count: Int)?
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
    public init(catalog: StructureCatalog, structureOverride: ArtefactReference? = nil, rules: ValidationRules = ValidationRules(),
                maxFindings: Int = 1000, recentObservationsLog2: Int = 16, ruleRecordBudget: Int = 1 << 17,
                temporaryDirectory: String? = nil, checksEveryValue: Bool = false) {
        self.checksEveryValue = checksEveryValue
        self.rules = rules
        self.ruleRecordBudget = ruleRecordBudget
        self.temporaryDirectory = temporaryDirectory
        self.recent = RecentObservations(capacityPowerOfTwo: max(1, min(recentObservationsLog2, 24)))
        self.catalog = catalog
        self.structureOverride = structureOverride
        self.collector = FindingCollector(maxFindings: maxFindings)
    }

    deinit {
        scratch.deallocate()
        slotOfPosition.deallocate()
        positionOfSlot?.deallocate()
    }

    /// Records a finding that did not come from a value (a reader's error, an unsupported format).
    public func add(_ finding: Finding) {
        collector.add(finding)
    }

    /// Distinct series seen; set once the stream has ended.
    public var seriesCount: Int { seriesKeys.count + unstructuredSeries }

    // MARK: DataHandler

    public func header(_ header: DataMessageHeader) throws {
        func period(_ entry: (value: String, line: Int)?, _ name: String) -> TimePeriod? {
            guard let entry else { return nil }
            if let parsed = TimePeriod(entry.value) { return parsed }
            collector.add(Finding(code: .invalidTimePeriod,
                                  message: "the header's \(name) '\(entry.value)' is not an SDMX time period; write it like 2024-01-01",
                                  line: entry.line, column: 0, component: name, value: entry.value))
            return nil
        }
        reportingBegin = period(header.reportingBegin, "ReportingBegin")
        reportingEnd = period(header.reportingEnd, "ReportingEnd")
    }

    /// Observations outside the period the header declares are reported (as warnings).
    private func checkReportingPeriod(_ parsed: TimePeriod?, _ structure: ResolvedStructure, position: DataPosition) {
        guard let parsed, reportingBegin != nil || reportingEnd != nil else { return }
        let before = reportingBegin.map { parsed.endDay < $0.startDay } ?? false
        let after = reportingEnd.map { parsed.startDay > $0.endDay } ?? false
        guard before || after else { return }
        let key = messageKey(structure)
        guard reportedOnce.insert("reporting|\(key)").inserted else { return }
        let period = periodText(structure)
        collector.add(Finding(code: .invalidTimePeriod, severity: .warning,
                              message: "period \(period ?? "") of series \(key) lies \(before ? "before the header's ReportingBegin" : "after the header's ReportingEnd") "
                                  + "(reported once per series); correct the period or the header",
                              line: position.line, column: position.column, key: key, timePeriod: period))
    }

    public func startDataSet(_ dataSet: DataSetStart) throws {
        counts.dataSets += 1
        structure = nil
        preparedStructure = nil
        ruleChecker = nil
        currentKey = nil
        currentNumbers = nil
        recentIDs.removeAll()
        recentIndices.removeAll()
        refreshSlots = true
        recordLayout = nil
        flushArea()
        dataSetGeneration += 1
        recent.removeAll()
        reportedOnce.removeAll()
        groupValues.removeAll()
        dataSetAttributesChecked = false
        dataSetLine = dataSet.position.line
        customColumnsAllowed = dataSet.unknownComponentsAreCustom
        labelMapping = dataSet.labelMapping
        isDeletion = dataSet.action.map { ["D", "Delete"].contains($0) } ?? false
        if let named = dataSet.structure?.description, !namedStructures.contains(named) { namedStructures.append(named) }
        guard let reference = structureOverride ?? dataSet.structure else {
            collector.add(Finding(code: .unknownStructure,
                                  message: "the dataset names no dataflow or data structure; name one in the message header "
                                      + "(or the STRUCTURE_ID column), or give --dataflow AGENCY:ID(VERSION)",
                                  line: dataSet.position.line, column: dataSet.position.column))
            return
        }
        let key = reference.kind.rawValue + "|" + reference.description
        if let message = unresolvable[key] {
            collector.add(Finding(code: .unknownStructure, message: message, line: dataSet.position.line,
                                  column: dataSet.position.column, value: reference.description))
            return
        }
        let preparedStructure: Prepared
        if let cached = prepared[key] {
            preparedStructure = cached
        } else {
            do {
                preparedStructure = Prepared(try catalog.resolve(reference))
            } catch let error as SDMXError where error.code == .unresolvedReference && !isKnown(reference) {
                let known = catalog.structureNames.prefix(8).joined(separator: ", ")
                let message = "\(reference.kind.displayName) \(reference) is not among the loaded structures"
                    + (known.isEmpty ? "" : " (loaded: \(known))") + "; check the name, or load its structure with --structure"
                unresolvable[key] = message
                collector.add(Finding(code: .unknownStructure, message: message, line: dataSet.position.line,
                                      column: dataSet.position.column, value: reference.description))
                return
            }
            prepared[key] = preparedStructure
        }
        let resolved = preparedStructure.structure
        structure = resolved
        if !structureNames.contains(resolved.name) { structureNames.append(resolved.name) }
        checkers = preparedStructure.checkers
        componentIDs = preparedStructure.componentIDs
        self.preparedStructure = preparedStructure
        let ruleChecker = RuleChecker(rules: rules, structure: resolved, seriesKeys: seriesKeys, recordBudget: ruleRecordBudget,
                                      temporaryDirectory: temporaryDirectory,
                                      membersToSplit: checksEveryValue ? Int.max : ruleMembersToSplit)
        self.ruleChecker = ruleChecker.isEmpty ? nil : ruleChecker
        freqIndex = resolved.index(of: "FREQ").flatMap { resolved.components[$0].isDimension ? $0 : nil }
        frequencyLetterKnown = false
        areaIndex = resolved.index(of: "REF_AREA").flatMap { resolved.components[$0].isDimension ? $0 : nil }
        let count = resolved.components.count
        dataSetValues = Array(repeating: nil, count: count)
        dataSetColumns = Array(repeating: 0, count: count)
        seriesValues = dataSetValues
        seriesColumns = dataSetColumns
        slots = dataSetValues
        columns = dataSetColumns
        lastValid = dataSetValues
        changes.reset(count: count)
        slotHashes = Array(repeating: 0, count: count)
        attributesHash = nil
        contentChanges = ~0
        isWide = count > 64 || checksEveryValue
        byteSlots = isWide ? 0 : SlotChanges.mask(resolved.measureIndices + (resolved.timeIndex.map { [$0] } ?? []))
        alwaysValid = resolved.timeIndex.map { time in
            if case .codes = checkers[time] { return 0 }
            return SlotChanges.bit(time)
        } ?? 0
        staleText = 0
        dimensionMask = SlotChanges.mask(resolved.dimensionIndices)
        attributeMask = SlotChanges.mask(resolved.attributeIndices)
        constraintMask = SlotChanges.mask(preparedStructure.constraintIndices)
        place(dataSet.values, into: &dataSetValues, columns: &dataSetColumns, at: dataSet.position, level: "dataset")
    }

    /// Whether the artefact itself is loaded (so a failure lies deeper, in a broken structure set).
    private func isKnown(_ reference: ArtefactReference) -> Bool {
        switch reference.kind {
        case .dataflow: catalog.dataflow(reference) != nil
        case .dataStructure: catalog.dataStructure(reference) != nil
        default: false
        }
    }

    /// Group elements carry attributes for every series whose key matches the group's dimensions
    /// (ECB's sibling group); they are kept and applied to those series' observations.
    public func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        guard let structure else { return }
        var groupSlots = dataSetValues, groupColumns = dataSetColumns
        place(values, into: &groupSlots, columns: &groupColumns, at: position, level: "group")
        let groups = structure.dataStructure.groups
        guard let descriptor = groups.firstIndex(where: { $0.id == id }) ?? (groups.count == 1 ? 0 : nil) else { return }
        if groupValues.count != groups.count { groupValues = Array(repeating: [:], count: groups.count) }
        let dimensions = groups[descriptor].dimensionIDs.compactMap(structure.index(of:))
        let key = dimensions.map { groupSlots[$0] ?? "" }.joined(separator: ".")
        groupValues[descriptor][key] = values.compactMap { value in
            guard let index = structure.index(of: value.id), !dimensions.contains(index), !value.value.isEmpty else { return nil }
            return (index, value.value)
        }
    }

    /// Fills attribute values the observation's groups give and the observation itself does not.
    private func applyGroupValues(_ structure: ResolvedStructure) {
        for (descriptor, entries) in groupValues.enumerated() where !entries.isEmpty {
            let key = structure.dataStructure.groups[descriptor].dimensionIDs
                .map { id in structure.index(of: id).flatMap { slots[$0] } ?? "" }.joined(separator: ".")
            for (index, value) in entries[key] ?? [] where (slots[index] ?? "").isEmpty {
                slots[index] = value
            }
        }
    }

    public func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        inSeries = true
        seriesPosition = position
        seriesReported.removeAll(keepingCapacity: true)
        seriesConstraintReported.removeAll(keepingCapacity: true)
        guard structure != nil else {
            unstructuredSeries += 1
            return
        }
        seriesValues = dataSetValues
        seriesColumns = dataSetColumns
        place(values, into: &seriesValues, columns: &seriesColumns, at: position, level: "series")
        refreshSlots = true
    }

    public func endSeries() throws {
        inSeries = false
        refreshSlots = true
    }

    public func endDataSet() throws {
        flushArea()
        try ruleChecker?.finish { collector.add($0) }
        ruleChecker = nil
        structure = nil
    }

    public func observation(values: [ComponentValue], at position: DataPosition) throws {
        textRecord.set(values)
        try observation(textRecord, at: position)
    }

    public func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        counts.observations += 1
        guard let unmanagedStructure else { return }
        try unmanagedStructure._withUnsafeGuaranteedRef { structure in
            let (changed, checkEvery) = placeRecord(record, structure)
            checkRecord(record, at: position, structure, checkEvery: checkEvery)
            try checkObservation(structure, changed: changed, at: position)
        }
    }

    /// Puts the record's values in their slots, making text only of those that changed since the
    /// last observation; returns the slots that changed, and whether every value must be checked
    /// (a component given twice in one record).
    private func placeRecord(_ record: ObservationRecord, _ structure: ResolvedStructure) -> (changed: UInt64, checkEvery: Bool) {
        // Layout numbers are each record's own: a handler may be sent records of several.
        let layout = (ObjectIdentifier(record), record.layout)
        let sameLayout = recordLayout.map { $0 == layout } ?? false
        if !sameLayout {
            recordLayout = layout
            let slots = (0..<record.count).map { componentIndex(record.id(at: $0), at: $0, structure) ?? -1 }
            slotOfPosition.deallocate()
            slotOfPosition = .allocate(capacity: slots.count)
            _ = slotOfPosition.initialize(from: slots)
            // The slots a record of this layout gives values to, and whether one is given twice.
            layoutPresent = 0
            layoutRepeats = false
            for slot in slots where slot >= 0 {
                let bit = SlotChanges.bit(slot)
                if layoutPresent & bit != 0 { layoutRepeats = true }
                layoutPresent |= bit
            }
            // Slots rising with positions (columns in the structure's order), none unknown, all
            // with a bit: the values to check are found from the masks (``checkRecord``).
            slotsFollowPositions = !slots.isEmpty && slots.allSatisfy { $0 >= 0 && $0 < 64 } && zip(slots, slots.dropFirst()).allSatisfy { $0 < $1 }
            if slotsFollowPositions {
                let positions = positionOfSlot ?? .allocate(capacity: 64)
                positionOfSlot = positions
                positions.update(repeating: -1, count: 64)
                for (position, slot) in slots.enumerated() { positions[slot] = position }
            }
        }
        // Group values are filled in per observation and depend on its key: slots start afresh then too.
        let refresh = refreshSlots || isWide || !groupValues.isEmpty
        var changed: UInt64 = 0
        if refresh {
            // Copied element by element into buffers kept for the dataset: no array is allocated per observation.
            staleText = 0
            if inSeries {
                Self.overwrite(&slots, with: seriesValues)
                Self.overwrite(&columns, with: seriesColumns)
            } else {
                Self.overwrite(&slots, with: dataSetValues)
                Self.overwrite(&columns, with: dataSetColumns)
            }
            changes.forgetAll()
            changed = ~0
            presentLast = 0
            refreshSlots = false
        }
        let present = layoutPresent
        let checkEvery = isWide || layoutRepeats
        let count = record.count, byteSlots = byteSlots
        // Positions the reader found byte for byte (and column for column) as in the record before
        // (the one placed last, of this layout): their slots hold those values already.
        let unchanged = refresh || !sameLayout ? 0 : record.unchanged
        let slotOfPosition = self.slotOfPosition
        // Through buffer pointers: one uniqueness check per record, not one per value written.
        columns.withUnsafeMutableBufferPointer { columns in
            @inline(__always) func place(_ position: Int) {
                let slot = slotOfPosition[position]
                guard slot >= 0 else { return }
                columns[slot] = record.column(at: position)
                let bytes = record.bytes(at: position)
                if changes.isSame(slot, bytes), !refresh { return }
                let bit = SlotChanges.bit(slot)
                if byteSlots & bit != 0, bytes.count <= SlotChanges.width {
                    staleText |= bit
                } else {
                    slots[slot] = String(decoding: bytes, as: UTF8.self)
                    staleText &= ~bit
                }
                changed |= bit
            }
            guard count <= 64 else {
                for position in 0..<count { place(position) }
                return
            }
            var pending = (count == 64 ? ~0 : (1 &<< UInt64(count)) &- 1) & ~unchanged
            while pending != 0 {
                let position = pending.trailingZeroBitCount
                pending &= pending &- 1
                place(position)
            }
        }
        // A value the last record gave and this one does not falls back to the series' or dataset's.
        var gone = presentLast & ~present
        while gone != 0 {
            let slot = gone.trailingZeroBitCount
            gone &= gone - 1
            slots[slot] = inSeries ? seriesValues[slot] : dataSetValues[slot]
            columns[slot] = inSeries ? seriesColumns[slot] : dataSetColumns[slot]
            staleText &= ~SlotChanges.bit(slot)
            changes.forget(slot)
            changed |= SlotChanges.bit(slot)
        }
        presentLast = present
        if !groupValues.isEmpty {
            ensureText(~0)
            applyGroupValues(structure)
        }
        if checkEvery { changed = ~0 }
        knownValid &= ~changed | alwaysValid
        return (changed, checkEvery)
    }

    /// Checks the record's values against their representations, once all are placed (so messages
    /// name the whole series key); a value that passed and did not change is not checked again.
    private func checkRecord(_ record: ObservationRecord, at position: DataPosition, _ structure: ResolvedStructure, checkEvery: Bool) {
        // Usually only the values that changed are unchecked: taken from the masks, in slot order,
        // which is position order here, so findings come in the order of the loop below.
        if !checkEvery, slotsFollowPositions, let positionOfSlot {
            var pending = presentLast & ~knownValid
            while pending != 0 {
                let slot = pending.trailingZeroBitCount
                pending &= pending - 1
                checkValue(record, at: positionOfSlot[slot], slot: slot, position, structure)
            }
            return
        }
        for offset in 0..<record.count {
            let slot = slotOfPosition[offset]
            guard slot >= 0 else {
                reportUnknown(ComponentValue(id: record.id(at: offset), value: record.value(at: offset), column: record.column(at: offset)),
                              at: position, level: "observation")
                continue
            }
            if !checkEvery, knownValid & SlotChanges.bit(slot) != 0 { continue }
            checkValue(record, at: offset, slot: slot, position, structure, checkEvery: checkEvery)
        }
    }

    /// Checks the value of one slot not known to be valid (with `checkEvery`, the record's own
    /// value, as if nothing were known).
    private func checkValue(_ record: ObservationRecord, at offset: Int, slot: Int, _ position: DataPosition, _ structure: ResolvedStructure,
                            checkEvery: Bool = false) {
        let bit = SlotChanges.bit(slot)
        if !checkEvery, let bytes = staleBytes(slot), surelyValid(bytes, slot: slot, structure) {
            knownValid |= bit
            return
        }
        // Messages name the whole key and period: every value as text from here.
        ensureText(~0)
        let value = checkEvery ? record.value(at: offset) : slots[slot] ?? ""
        let passed = value.isEmpty
            || check(value, index: slot, column: record.column(at: offset), line: position.line, structure: structure, slots: slots)
        if passed, !checkEvery { knownValid |= bit }
    }

    /// Whether a value given as bytes surely passes its slot's check (empty values are not checked;
    /// the period is checked by the time checks); false sends it to ``check(_:index:column:line:structure:slots:)``.
    private func surelyValid(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, _ structure: ResolvedStructure) -> Bool {
        if bytes.isEmpty || slot == structure.timeIndex { return true }
        switch checkers[slot] {
        case .text(let checker): return checker.surelyAccepts(bytes)
        case .unchecked: return true
        case .codes: return false
        }
    }

    /// Makes the text of the byte slots in `mask` whose text is out of date.
    private func ensureText(_ mask: UInt64) {
        var pending = staleText & mask
        guard pending != 0 else { return }
        staleText &= ~pending
        while pending != 0 {
            let slot = pending.trailingZeroBitCount
            pending &= pending - 1
            slots[slot] = changes.kept(slot).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// A byte slot's value while its text is out of date (the bytes ``changes`` keeps); nil once the
    /// text is made, or for other slots.
    @inline(__always)
    private func staleBytes(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        staleText & SlotChanges.bit(slot) != 0 ? changes.kept(slot) : nil
    }

    /// Whether the slot holds no value (none given, or an empty one).
    private func slotIsEmpty(_ slot: Int) -> Bool {
        if let kept = staleBytes(slot) { return kept.isEmpty }
        return slots[slot]?.isEmpty ?? true
    }

    /// A slot's value as bytes, nil when it has none: those ``changes`` keeps while its text is out
    /// of date, else a copy of its text (valid until the next call).
    private func slotBytes(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        if let kept = staleBytes(slot) { return kept }
        guard var text = slots[slot] else { return nil }
        return text.withUTF8 { bytes in
            if bytes.count > scratchCapacity {
                scratch.deallocate()
                scratch = .allocate(capacity: bytes.count)
                scratchCapacity = bytes.count
            }
            if let base = bytes.baseAddress { scratch.update(from: base, count: bytes.count) }
            return UnsafeBufferPointer(start: scratch, count: bytes.count)
        }
    }

    /// The period as text, for messages (every slot's text is made).
    private func periodText(_ structure: ResolvedStructure) -> String? {
        ensureText(~0)
        return structure.timeIndex.flatMap { slots[$0] }
    }

    /// The checks of the observation as a whole: its key, period, attributes, duplicates,
    /// constraints and rules. `changed` tells which slots differ from the last observation's.
    private func checkObservation(_ structure: ResolvedStructure, changed: UInt64, at position: DataPosition) throws {
        let series: (index: Int, stored: Int?)?
        if isDeletion {
            series = nil
        } else if let currentNumbers, changed & dimensionMask == 0 {
            series = currentNumbers
        } else {
            series = currentSeries(structure)
        }
        if let areaIndex {
            // The same area as the last observation's is counted in place (its text not copied).
            if SlotChanges.changed(areaIndex, in: changed) {
                countArea(slots[areaIndex])
            } else if pendingArea != nil {
                pendingArea!.count += 1
            }
        }
        // A deletion may name a partial key: the dimensions it leaves out are not missing.
        if !isDeletion { checkDimensions(structure, changed: changed, position: position) }
        // The period is read from its bytes; its text is made for messages only.
        let period = structure.timeIndex.flatMap { slotBytes($0) }.flatMap { $0.isEmpty ? nil : $0 }
        // The commonest forms, when they fit FREQ and no header period asks for the parsed one,
        // give their ordinal without parsing (what the full parse and check would find).
        var parsedPeriod: TimePeriod?
        let ordinal: TimePeriod.Ordinal?
        if let period, reportingBegin == nil, reportingEnd == nil, let quick = TimePeriod.quickOrdinal(period),
           frequencyLetter(changed: changed).map({ $0 == quick.frequency }) ?? true {
            ordinal = quick.ordinal
        } else {
            parsedPeriod = period.flatMap { checkTimePeriod(structure, period: $0, position: position) }
            ordinal = period.map { Self.ordinal(of: $0, parsed: parsedPeriod) }
        }
        if let period { periodTally.count(period, packed: ordinal?.packed) }
        contentChanges |= changed
        guard let series else {
            checkConstraints(structure, changed: changed, position: position)
            return
        }
        if changed & attributeMask != 0 || !attributesComplete {
            attributesComplete = checkAttributes(structure, position: position)
        }
        if let ordinal {
            checkDuplicate(structure, series: series.index, ordinal: ordinal, position: position)
        }
        checkConstraints(structure, changed: changed, position: position)
        checkReportingPeriod(parsedPeriod, structure, position: position)
        guard let unmanagedRuleChecker else { return }
        try unmanagedRuleChecker._withUnsafeGuaranteedRef { ruleChecker in
            try checkRules(ruleChecker, structure, changed: changed, series: series.stored, period: period, ordinal: ordinal, position: position)
        }
    }

    /// The consistency rules on the observation: datapoint rules now, and its record kept for the
    /// rules across observations.
    private func checkRules(_ ruleChecker: RuleChecker, _ structure: ResolvedStructure, changed: UInt64, series: Int?,
                            period: UnsafeBufferPointer<UInt8>?, ordinal: TimePeriod.Ordinal?, position: DataPosition) throws {
        let measureColumn = structure.measureIndices.first.map { columns[$0] > 0 ? columns[$0] : position.column } ?? position.column
        let failed = try ruleChecker.observe(changed: changed, storedSeries: series, line: position.line, column: measureColumn,
                                             period: period, periodKey: ordinal?.packed,
                                             reader: RuleInputs(validator: .passUnretained(self), ruleChecker: .passUnretained(ruleChecker)))
        if failed {
            let period = periodText(structure)
            ruleChecker.reportFailures(slots, key: messageKey(structure), period: period, line: position.line, column: measureColumn) { collector.add($0) }
        }
    }

    /// A slot's value as the rules read it: from its bytes while its text is out of date.
    fileprivate func ruleValue(ofSlot index: Int, _ ruleChecker: RuleChecker) -> VTLValue {
        if let kept = staleBytes(index) { return ruleChecker.value(kept, index) }
        return ruleChecker.value(slots[index], index)
    }

    /// Counts an observation of `area` (nil: of the same area as the last one) for the report.
    private func countArea(_ area: String?) {
        if let pending = pendingArea, area == nil || area == pending.area {
            pendingArea = (pending.area, pending.count + 1)
            return
        }
        flushArea()
        if let area, !area.isEmpty { pendingArea = (area, 1) }
    }

    private func flushArea() {
        guard let pending = pendingArea else { return }
        pendingArea = nil
        Self.count(pending.area, pending.count, in: &areaCounts)
    }

    /// Adds to an area's count; beyond 10 000 areas (a file of nonsense), new ones are not counted.
    private static func count(_ area: String, _ count: Int, in counts: inout [String: Int]) {
        guard counts.count < 10_000 || counts[area] != nil else { return }
        counts[area, default: 0] += count
    }

    private static func overwrite<Element>(_ buffer: inout [Element], with values: [Element]) {
        guard buffer.count == values.count else {
            buffer = values
            return
        }
        buffer.withUnsafeMutableBufferPointer { target in
            for index in values.indices { target[index] = values[index] }
        }
    }

    /// The series of the current observation. Consecutive observations of one series (the usual
    /// order, in every format) find it again by comparing their dimension values with the last ones,
    /// without building the key or looking it up.
    private func currentSeries(_ structure: ResolvedStructure) -> (index: Int, stored: Int?) {
        if let currentNumbers {
            var same = true
            for (position, index) in structure.dimensionIndices.enumerated() where slots[index] != currentDimensions[position] {
                same = false
                break
            }
            if same { return currentNumbers }
        }
        let (index, isNew) = seriesKeys.number(of: slots, dimensions: structure.dimensionIndices)
        if isNew || seriesStates[index].generation != dataSetGeneration {
            let state = SeriesStates.State(generation: dataSetGeneration,
                                           stored: ruleChecker?.series(index, slots: slots).map(Int32.init) ?? SeriesStates.notStored)
            if isNew { seriesStates.append(state) } else { seriesStates[index] = state }
        }
        currentDimensions = structure.dimensionIndices.map { slots[$0] }
        let stored = seriesStates[index].stored
        let series = (index: index, stored: stored == SeriesStates.notStored ? nil : Int(stored))
        currentKey = nil  // made when a message needs it
        currentNumbers = series
        return series
    }

    /// The current series' key, for messages.
    private func messageKey(_ structure: ResolvedStructure) -> String {
        guard !isDeletion else { return seriesKey(structure) }
        if let currentKey { return currentKey }
        let key = seriesKey(structure)
        currentKey = key
        return key
    }

    /// A period as duplicate detection and the rules compare it: regular periods by their ordinal;
    /// periods finer than a day, ranges and malformed text by a hash of their text.
    private static func ordinal(of period: UnsafeBufferPointer<UInt8>, parsed: TimePeriod?) -> TimePeriod.Ordinal {
        switch parsed {
        case .year?, .yearMonth?, .day?, .reporting?: parsed?.ordinal ?? TimePeriod.Ordinal(kind: 0, value: 0)
        default: TimePeriod.Ordinal(kind: 255, value: Int64(truncatingIfNeeded: TimePeriod.stableHash(String(decoding: period, as: UTF8.self))))
        }
    }

    /// A value a constraint does not allow is reported where it was written: once at the series when
    /// it is a series value, on the observation's line otherwise.
    private func checkConstraints(_ structure: ResolvedStructure, changed: UInt64, position: DataPosition) {
        guard let prepared = preparedStructure, let constraintChecker = prepared.constraints else { return }
        // The values the constraints look at are mostly those of the last observation, which passed.
        if changed & constraintMask == 0, constraintsPassed { return }
        ensureText(constraintMask)
        let violations = constraintChecker.violations(slots, componentIDs: componentIDs)
        constraintsPassed = violations.isEmpty
        let period = violations.isEmpty ? nil : periodText(structure)
        let key = violations.isEmpty ? "" : messageKey(structure)
        for violation in violations {
            let index = violation.componentIndex
            let fromSeries = inSeries && seriesValues[index] != nil && seriesValues[index] == slots[index]
            if fromSeries, !seriesConstraintReported.insert(index).inserted { continue }
            let at = fromSeries ? seriesPosition : position
            collector.add(Finding(code: .constraintViolation,
                                  message: "\(violation.message) (series \(key)\(period.map { ", period \($0)" } ?? ""))",
                                  line: at.line, column: columns[index] > 0 ? columns[index] : at.column,
                                  component: componentIDs[index], value: slots[index], key: key,
                                  timePeriod: fromSeries ? nil : period))
        }
    }

    // MARK: Placing and checking values

    /// Puts reported values in their component's slot, checking each against its representation.
    private func place(_ values: [ComponentValue], into slots: inout [String?], columns: inout [Int],
                       at position: DataPosition, level: String) {
        guard let structure else { return }
        for (offset, value) in values.enumerated() {
            guard let index = componentIndex(value.id, at: offset, structure) else { continue }
            slots[index] = value.value
            columns[index] = value.column
        }
        // Checked once all are placed, so messages name the whole series key.
        for (offset, value) in values.enumerated() {
            guard let index = componentIndex(value.id, at: offset, structure) else {
                reportUnknown(value, at: position, level: level)
                continue
            }
            guard !value.value.isEmpty else { continue }
            check(value.value, index: index, column: value.column, line: position.line, structure: structure, slots: slots)
        }
    }

    /// A component's index; generic messages name the primary measure without its id. Readers
    /// send the same ids in the same order element after element, so the last answers are kept by
    /// the value's position and reused when the id is the same (comparing two short strings).
    private func componentIndex(_ id: String, at position: Int, _ structure: ResolvedStructure) -> Int? {
        if position < recentIDs.count, recentIDs[position] == id { return recentIndices[position] }
        let index = structure.index(of: id) ?? (id == ComponentValue.primaryMeasureID ? structure.measureIndices.first : nil)
        if position < 64 {
            while recentIDs.count <= position {
                recentIDs.append("")
                recentIndices.append(nil)
            }
            recentIDs[position] = id
            recentIndices[position] = index
        }
        return index
    }

    private func reportUnknown(_ value: ComponentValue, at position: DataPosition, level: String) {
        if value.id == ComponentValue.textProblemMarker {
            collector.add(Finding(code: .malformedInput, message: "the record's \(value.value)", line: position.line, column: 0))
            return
        }
        if value.id == ComponentValue.fieldCountMarker {
            collector.add(Finding(code: .malformedInput,
                                  message: "the record has \(value.value) fields, not as many as the header's columns; "
                                      + "check for a missing or extra separator",
                                  line: position.line, column: value.column))
            return
        }
        guard reportedOnce.insert("unknown|\(level)|\(value.id)").inserted else { return }
        let dsd = structure.map { $0.dataStructure.reference.description } ?? "the structure"
        if customColumnsAllowed {
            collector.add(Finding(code: .unknownComponent, severity: .warning,
                                  message: "column \(value.id) is not a component of \(dsd), so it is ignored (SDMX-CSV allows "
                                      + "columns of its own; reported once per dataset); check its spelling if it was meant to be one",
                                  line: position.line, column: value.column, component: value.id, value: value.value))
            return
        }
        collector.add(Finding(code: .unknownComponent,
                              message: "\(value.id) is not a component of \(dsd) (it appears on the \(level); "
                                  + "reported once per dataset); remove it or check its spelling",
                              line: position.line, column: value.column, component: value.id, value: value.value))
    }

    /// Checks a value against its component's code list or format; whether it passed.
    @discardableResult
    private func check(_ value: String, index: Int, column: Int, line: Int, structure: ResolvedStructure, slots: [String?]) -> Bool {
        switch checkers[index] {
        case .codes(let codes):
            // The code that passed in this slot last time passes again (a status switching between two
            // codes) without hashing it. Not done for text formats: their values change on every observation.
            if lastValid[index] == value { return true }
            guard !codes.contains(value) else {
                lastValid[index] = value
                return true
            }
            // Past --max-findings a finding only counts: no message, no suggestions.
            if collector.isFull {
                collector.count(.invalidCode, key: partialKey(structure, slots))
                return false
            }
            let id = componentIDs[index]
            let codelist = codes.codelist
            let suggestions = codes.suggestions(for: value)
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: " or "))?"
            let message: String
            if let labelMapping, labelMapping.components.contains(id) {
                message = "\(id) label '\(value)' has no mapping in the profile \(labelMapping.profile) (\"codes\".\(id)) "
                    + "and is not a code of \(codelist.reference)\(context(structure, slots)); add it to the profile\(hint)"
            } else {
                message = "\(id) value '\(value)' is not in code list \(codelist.reference)\(context(structure, slots))\(hint)"
            }
            collector.add(Finding(code: .invalidCode,
                                  message: message,
                                  line: line, column: column, component: id, value: value,
                                  key: partialKey(structure, slots), timePeriod: structure.timeIndex.flatMap { slots[$0] }))
        case .text(let checker):
            if index == structure.timeIndex { return true }  // the time checks say more
            guard let problem = checker.problem(with: value) else { return true }
            if collector.isFull {
                collector.count(.invalidValue, key: partialKey(structure, slots))
                return false
            }
            let id = componentIDs[index]
            collector.add(Finding(code: .invalidValue,
                                  message: "\(id) value '\(value)' \(problem)\(context(structure, slots))",
                                  line: line, column: column, component: id, value: value,
                                  key: partialKey(structure, slots), timePeriod: structure.timeIndex.flatMap { slots[$0] }))
        case .unchecked:
            return true
        }
        return false
    }

    private func checkDimensions(_ structure: ResolvedStructure, changed: UInt64, position: DataPosition) {
        if changed & dimensionMask != 0 || !dimensionsComplete {
            dimensionsComplete = !structure.dimensionIndices.contains { (slots[$0] ?? "").isEmpty }
        }
        let timeMissing = structure.timeIndex.map { slotIsEmpty($0) } ?? false
        guard !dimensionsComplete || timeMissing else { return }
        let period = periodText(structure)
        let key = messageKey(structure)
        var missing = structure.dimensionIndices.filter { (slots[$0] ?? "").isEmpty }
        if let time = structure.timeIndex, (slots[time] ?? "").isEmpty { missing.append(time) }
        for index in missing {
            // A dimension the series lacks is reported once for the series, at the series.
            let fromSeries = inSeries && (seriesValues[index] ?? "").isEmpty && structure.timeIndex != index
            if fromSeries, !seriesReported.insert(index).inserted { continue }
            let at = fromSeries ? seriesPosition : position
            let id = structure.components[index].id
            let empty = slots[index] != nil
            collector.add(Finding(code: .missingDimension,
                                  message: "dimension \(id) is \(empty ? "empty" : "missing")\(fromSeries ? " on the series" : "")"
                                      + " (series \(key)\(period.map { ", period \($0)" } ?? "")); every observation needs a value for each dimension",
                                  line: at.line, column: columns[index] > 0 ? columns[index] : at.column,
                                  component: id, value: slots[index], key: key, timePeriod: period))
        }
    }

    /// Checks the period's form and its match with FREQ; returns it parsed when it parses.
    @discardableResult
    private func checkTimePeriod(_ structure: ResolvedStructure, period bytes: UnsafeBufferPointer<UInt8>,
                                 position: DataPosition) -> TimePeriod? {
        guard let timeIndex = structure.timeIndex else { return nil }
        let parsed = TimePeriod(bytes: bytes)
        if let parsed, freqMatches(parsed) { return parsed }
        let period = periodText(structure) ?? ""
        let key = messageKey(structure)
        let id = structure.components[timeIndex].id
        let column = columns[timeIndex] > 0 ? columns[timeIndex] : position.column
        guard let parsed else {
            collector.add(Finding(code: .invalidTimePeriod,
                                  message: "\(id) '\(period)' is not an SDMX time period (series \(key)); write it like 2024, 2024-Q3 or 2024-07",
                                  line: position.line, column: column, component: id, value: period, key: key, timePeriod: period))
            return nil
        }
        guard let freqIndex, let frequency = slots[freqIndex], !frequency.isEmpty,
              !parsed.matches(frequency: frequency) else { return parsed }
        let example = TimePeriod.example(forFrequency: frequency).map { "; with FREQ \(frequency) write periods like \($0)" } ?? ""
        collector.add(Finding(code: .invalidTimePeriod,
                              message: "\(id) '\(period)' does not match FREQ '\(frequency)' (series \(key))\(example)",
                              line: position.line, column: column, component: id, value: period, key: key, timePeriod: period))
        return parsed
    }

    /// FREQ's value when it is one byte (A, Q, M, …), 0 when it is something else, nil when the
    /// structure has no FREQ or the observation none: kept until FREQ's slot changes.
    private func frequencyLetter(changed: UInt64) -> UInt8? {
        guard let freqIndex else { return nil }
        if SlotChanges.changed(freqIndex, in: changed) || !frequencyLetterKnown {
            frequencyLetterKnown = true
            if let frequency = slots[freqIndex], !frequency.isEmpty {
                let utf8 = frequency.utf8
                cachedFrequencyLetter = utf8.count == 1 ? utf8.first : 0
            } else {
                cachedFrequencyLetter = nil
            }
        }
        return cachedFrequencyLetter
    }

    /// Whether the period fits FREQ (or there is no FREQ to fit).
    private func freqMatches(_ parsed: TimePeriod) -> Bool {
        guard let freqIndex, let frequency = slots[freqIndex], !frequency.isEmpty else { return true }
        return parsed.matches(frequency: frequency)
    }

    /// Reports mandatory attributes the observation lacks; whether it has them all.
    private func checkAttributes(_ structure: ResolvedStructure, position: DataPosition) -> Bool {
        var complete = true
        // The period and key for messages, made at the first missing attribute.
        var named: (period: String?, key: String)?
        for index in structure.attributeIndices {
            guard case .attribute(.mandatory, let attachment) = structure.components[index].role,
                  (slots[index] ?? "").isEmpty else { continue }
            complete = false
            if named == nil { named = (periodText(structure), messageKey(structure)) }
            let (period, key) = named!
            let id = structure.components[index].id
            let at: DataPosition
            let scope: String
            switch attachment {
            case .observation:
                at = position
                scope = "observation (series \(key)\(period.map { ", period \($0)" } ?? ""))"
            case .dataSet:
                guard reportedOnce.insert("attribute|\(id)").inserted else { continue }
                at = DataPosition(line: dataSetLine, column: 1)
                scope = "dataset"
            case .group, .dimensions:
                if inSeries, (seriesValues[index] ?? "").isEmpty {
                    guard seriesReported.insert(index).inserted else { continue }
                    at = seriesPosition
                } else {
                    guard reportedOnce.insert("attribute|\(id)|\(key)").inserted else { continue }
                    at = position
                }
                scope = "series \(key)"
            }
            collector.add(Finding(code: .missingAttribute,
                                  message: "mandatory attribute \(id) is missing for the \(scope); it must be reported at the \(attachment.levelName) level",
                                  line: at.line, column: columns[index] > 0 ? columns[index] : at.column,
                                  component: id, key: key, timePeriod: attachment == .observation ? period : nil))
        }
        return complete
    }

    /// Duplicates are found exactly through each series' compact period set; a repeat of a recent
    /// observation (the last ~65 000) is also compared value by value: identical is a warning,
    /// different an error. An older repeat cannot be compared, and is an error asking to keep one.
    private func checkDuplicate(_ structure: ResolvedStructure, series: Int, ordinal: TimePeriod.Ordinal, position: DataPosition) {
        // FNV-1a over the values' bytes: it only tells a repeat with the same values from one with
        // other values, and runs on every observation, where SipHash costs three times as much.
        // Each value's hash is kept until the value changes; the observation's combines them.
        var content = FNV1a()
        for index in structure.measureIndices { content.combine(word: valueHash(ofSlot: index)) }
        // The attributes' part is kept while none of them changes (most observations).
        if contentChanges & attributeMask != 0 || attributesHash == nil {
            var hash = FNV1a()
            for index in structure.attributeIndices { hash.combine(word: valueHash(ofSlot: index)) }
            attributesHash = hash.value
        }
        content.combine(word: attributesHash ?? 0)
        let contentHash = content.value
        contentChanges = 0
        let seriesID = Int32(truncatingIfNeeded: series)
        guard !seriesStates.insert(ordinal, series: series) else {
            recent.store(series: seriesID, period: ordinal, contentHash: Int(truncatingIfNeeded: contentHash),
                         line: Int32(clamping: position.line))
            return
        }
        let period = periodText(structure) ?? ""
        let key = messageKey(structure)
        let message: String
        var severity = Severity.error
        if let earlier = recent.lookup(series: seriesID, period: ordinal) {
            if earlier.contentHash == Int(truncatingIfNeeded: contentHash) {
                severity = .warning
                message = "series \(key), period \(period) is reported again with the same values (first on line \(earlier.line)); remove the repeat"
            } else {
                message = "series \(key), period \(period) is reported again with different values (first on line \(earlier.line)); keep one"
            }
        } else {
            message = "series \(key), period \(period) was already reported much earlier in the file; keep one"
        }
        collector.add(Finding(code: .duplicateObservation, severity: severity, message: message,
                              line: position.line, column: position.column, key: key, timePeriod: period))
    }

    /// FNV-1a of a slot's value, made again only when the value changed since it was made.
    private func valueHash(ofSlot index: Int) -> UInt64 {
        if !SlotChanges.changed(index, in: contentChanges), slotHashes[index] != 0 { return slotHashes[index] }
        var hash = FNV1a()
        if let kept = staleBytes(index) {
            hash.combine(kept)
        } else if let text = slots[index] {
            hash.combine(text)
        }
        hash.combine(byte: 0xFF)  // a separator, so "ab","" differs from "a","b"
        slotHashes[index] = hash.value
        return hash.value
    }

    // MARK: Keys and context

    /// The series key: dimension values in DSD order, joined by `.`.
    private func seriesKey(_ structure: ResolvedStructure) -> String {
        var key = ""
        for (position, index) in structure.dimensionIndices.enumerated() {
            if position > 0 { key += "." }
            key += slots[index] ?? ""
        }
        return key
    }

    private func partialKey(_ structure: ResolvedStructure, _ values: [String?]) -> String {
        structure.dimensionIndices.map { values[$0] ?? "" }.joined(separator: ".")
    }

    /// ` (series Q.KEN…, period 2024-Q1)` for messages.
    private func context(_ structure: ResolvedStructure, _ values: [String?]) -> String {
        let key = partialKey(structure, values)
        let period = structure.timeIndex.flatMap { values[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        return " (series \(key)\(period.map { ", period \($0)" } ?? ""))"
    }
}

/// The validator's slots as the datapoint rules read them. Unmanaged (the validator and its rule
/// checker outlive every run of the rules): making one, and reading a value through it, counts no
/// reference (an `unowned(unsafe)` one was retained and released around each call).
private struct RuleInputs: SlotValueReader {
    let validator: Unmanaged<DataValidator>
    let ruleChecker: Unmanaged<RuleChecker>

    func value(ofSlot slot: Int) -> VTLValue {
        validator._withUnsafeGuaranteedRef { validator in
            ruleChecker._withUnsafeGuaranteedRef { validator.ruleValue(ofSlot: slot, $0) }
        }
    }
}
