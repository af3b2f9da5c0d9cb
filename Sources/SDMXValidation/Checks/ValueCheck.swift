import SDMXModel

/// INVALID_CODE and INVALID_VALUE: each value against its component's code list (with "did you
/// mean" suggestions, ``CodeSuggester``) or text format (``TextFormatChecker``). The period is left
/// to ``TimePeriodCheck``, which says more. A value that passed and did not change since is not
/// checked again (`knownValid`), nor the code that last passed in a slot.
struct ValueCheck {
    private var checkers: [ComponentChecker] = []
    private var componentIDs: [String] = []
    /// The country-CSV profile's label mapping, named in messages about labels it does not map.
    private var labelMapping: LabelMapping?
    /// Per slot, the last value that passed its code list or format check.
    private var lastValid: [String?] = []
    /// The slots whose current value passed its code list or format check.
    private var knownValid: UInt64 = 0
    /// Slots whose every value passes once one has (the period, unless it has a code list: the time
    /// checks judge it), which a change does not make unchecked again.
    private var alwaysValid: UInt64 = 0

    mutating func startDataSet(labelMapping: LabelMapping?) {
        self.labelMapping = labelMapping
    }

    mutating func startDataSet(_ structure: ResolvedStructure, checkers: [ComponentChecker], componentIDs: [String]) {
        self.checkers = checkers
        self.componentIDs = componentIDs
        lastValid = Array(repeating: nil, count: structure.components.count)
        alwaysValid =
            structure.timeIndex.map { time in
                if case .codes = checkers[time] { return 0 }
                return SlotChanges.bit(time)
            } ?? 0
    }

    /// Forgets that the values of the `changed` slots passed.
    @inline(__always)
    mutating func forget(_ changed: UInt64) {
        knownValid &= ~changed | alwaysValid
    }

    /// Checks the record's values against their representations, once all are placed (so messages
    /// name the whole series key); a value that passed and did not change is not checked again.
    @inline(__always)
    mutating func check(
        _ record: ObservationRecord, at position: DataPosition, _ structure: ResolvedStructure, _ table: SlotTable,
        checkEvery: Bool, unknown: inout UnknownComponentCheck, into collector: inout FindingCollector
    ) {
        // Usually only the values that changed are unchecked: taken from the masks, in slot order,
        // which is position order here, so findings come in the order of the loop below.
        if !checkEvery, table.slotsFollowPositions {
            var pending = table.presentLast & ~knownValid
            while pending != 0 {
                let slot = pending.trailingZeroBitCount
                pending &= pending - 1
                checkValue(
                    record, at: table.position(ofSlot: slot), slot: slot, position, structure, table, into: &collector)
            }
            return
        }
        for offset in 0..<record.count {
            let slot = table.slot(atPosition: offset)
            guard slot >= 0 else {
                unknown.report(
                    ComponentValue(
                        id: record.id(at: offset), value: record.value(at: offset), column: record.column(at: offset)),
                    at: position, level: "observation", structure: structure, into: &collector)
                continue
            }
            if !checkEvery, knownValid & SlotChanges.bit(slot) != 0 { continue }
            checkValue(
                record, at: offset, slot: slot, position, structure, table, checkEvery: checkEvery, into: &collector)
        }
    }

    /// Checks the value of one slot not known to be valid (with `checkEvery`, the record's own
    /// value, as if nothing were known).
    private mutating func checkValue(
        _ record: ObservationRecord, at offset: Int, slot: Int, _ position: DataPosition,
        _ structure: ResolvedStructure, _ table: SlotTable, checkEvery: Bool = false,
        into collector: inout FindingCollector
    ) {
        let bit = SlotChanges.bit(slot)
        if !checkEvery, let bytes = table.staleBytes(slot), surelyValid(bytes, slot: slot, structure) {
            knownValid |= bit
            return
        }
        // Messages name the whole key and period: every value as text from here.
        table.ensureText(~0)
        let value = checkEvery ? record.value(at: offset) : table.text(ofSlot: slot) ?? ""
        // SDMX-CSV 2.0 marks values to delete `-`: in a deletion it is no value to check against a type.
        let passed =
            value.isEmpty || (table.isDeletion && value == "-")
            || check(
                value, index: slot, column: record.column(at: offset), line: position.line, structure: structure,
                slots: table.slots, into: &collector)
        if passed, !checkEvery { knownValid |= bit }
    }

    /// Whether a value given as bytes surely passes its slot's check (empty values are not checked;
    /// the period is checked by the time checks); false sends it to ``check(_:index:column:line:structure:slots:into:)``.
    private func surelyValid(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int, _ structure: ResolvedStructure) -> Bool {
        if bytes.isEmpty || slot == structure.timeIndex { return true }
        switch checkers[slot] {
        case .text(let checker): return checker.surelyAccepts(bytes)
        case .unchecked: return true
        case .codes: return false
        }
    }

    /// Checks a value against its component's code list or format; whether it passed.
    @discardableResult
    mutating func check(
        _ value: String, index: Int, column: Int, line: Int, structure: ResolvedStructure, slots: [String?],
        into collector: inout FindingCollector
    ) -> Bool {
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
                message =
                    "\(id) label '\(value)' has no mapping in the profile \(labelMapping.profile) (\"codes\".\(id)) "
                    + "and is not a code of \(codelist.reference)\(context(structure, slots)); add it to the profile\(hint)"
            } else {
                message =
                    "\(id) value '\(value)' is not in code list \(codelist.reference)\(context(structure, slots))\(hint)"
            }
            collector.add(
                Finding(
                    code: .invalidCode,
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
            collector.add(
                Finding(
                    code: .invalidValue,
                    message: "\(id) value '\(value)' \(problem)\(context(structure, slots))",
                    line: line, column: column, component: id, value: value,
                    key: partialKey(structure, slots), timePeriod: structure.timeIndex.flatMap { slots[$0] }))
        case .unchecked:
            return true
        }
        return false
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
