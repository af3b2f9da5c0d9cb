import SDMXModel
import VTLRules

/// The current observation's values, one slot per component of the dataset's structure, with the
/// values the dataset and the current series give (which an observation's own values override).
///
/// Slots keep their values from one observation to the next, and placing a record works only on
/// what changed (``SlotChanges``): the change mask it returns tells the checks which inputs are new.
/// The period and the measures, which change on every observation, stay bytes until a message or
/// a text-based check needs their text (``ensureText(_:)``). The layout tables are SDMXBytes'
/// ``FixedBuffer``s, read for every value without a reference count or bounds check.
final class SlotTable {
    /// Made with the validator on the reading thread and written per observation on the validating
    /// one: padded, so that its fields share no cache line with the reading thread's (``CacheLinePadding``).
    private let paddingBefore = CacheLinePadding()
    /// The current observation's values and their columns (0: none).
    var slots: [String?] = []
    var columns: [Int] = []
    /// The values and columns the dataset gives.
    var dataSetValues: [String?] = []
    var dataSetColumns: [Int] = []
    /// The current series (series-form messages): its values, where it starts, whether one is open.
    var inSeries = false
    var seriesValues: [String?] = []
    var seriesColumns: [Int] = []
    var seriesPosition = DataPosition(line: 0, column: 0)
    /// A deletion's key may be partial: its text is made afresh for every message.
    var isDeletion = false
    /// The current series' key, made when a message asks (``messageKey(_:)``); nil for a new series.
    var currentKey: String?

    // What changed since the last observation (``SlotChanges``): slots keep their values between
    // observations, and checks whose inputs did not change are not run again.
    let changes = SlotChanges(count: 0)
    /// Set when the values underneath the record's change (a dataset, a series, a group): the next
    /// observation starts its slots afresh and counts everything as changed.
    var refreshSlots = true
    /// Structures of more than 64 components have slots without a bit: checked in full every time.
    private(set) var isWide = false
    /// The component ids last seen at each position of a reader's values, and their indices.
    private var recentIDs: [String] = []
    private var recentIndices: [Int?] = []
    private var recordLayout: (record: ObjectIdentifier, number: Int)?
    /// The slot of each of the record's positions, or -1 for ids that are no component (read for
    /// every value, without a reference count or a bounds check: ``slot(atPosition:)``).
    private var slotOfPosition = FixedBuffer<Int>(repeating: -1, count: 0)
    /// The slots the record layout gives values to, and whether it gives one twice.
    private(set) var layoutPresent: UInt64 = 0
    private(set) var layoutRepeats = false
    /// Whether the record layout's slots rise with its positions (none unknown, none past the
    /// 64th), and each slot's position then.
    private(set) var slotsFollowPositions = false
    /// Allocated on the validating thread (the first such layout), beside that thread's own data
    /// (``position(ofSlot:)``).
    private var positionOfSlot = FixedBuffer<Int>(repeating: -1, count: 0)
    /// The slots the last record gave values to.
    private(set) var presentLast: UInt64 = 0
    /// The slots of the period and the measures, which change on every observation: their values
    /// stay bytes (kept by ``changes``) until a message or a text-based check needs their text.
    private var byteSlots: UInt64 = 0
    /// The byte slots whose text in `slots` is out of date (``ensureText(_:)`` makes it).
    private var staleText: UInt64 = 0
    /// A copy of the period's bytes when they are text already (``bytes(ofSlot:)``).
    private var scratch = FixedBuffer<UInt8>(repeating: 0, count: 64)
    private let paddingAfter = CacheLinePadding()

    /// The slot of the record's value `position` (of the layout last placed), or -1 for an id that
    /// is no component.
    @inline(__always)
    func slot(atPosition position: Int) -> Int { slotOfPosition[position] }

    /// How many record positions the last placed layout maps (``slot(atPosition:)`` takes fewer).
    var placedPositions: Int { slotOfPosition.count }

    /// While ``slotsFollowPositions``: the position of the record's value for `slot` (-1: none).
    @inline(__always)
    func position(ofSlot slot: Int) -> Int { positionOfSlot[slot] }

    /// Starts a dataset of `structure`: every slot empty, the layouts forgotten.
    func startDataSet(_ structure: ResolvedStructure, checksEveryValue: Bool) {
        currentKey = nil
        recentIDs.removeAll()
        recentIndices.removeAll()
        refreshSlots = true
        recordLayout = nil
        let count = structure.components.count
        dataSetValues = Array(repeating: nil, count: count)
        dataSetColumns = Array(repeating: 0, count: count)
        seriesValues = dataSetValues
        seriesColumns = dataSetColumns
        slots = dataSetValues
        columns = dataSetColumns
        changes.reset(count: count)
        isWide = count > 64 || checksEveryValue
        byteSlots = isWide ? 0 : SlotChanges.mask(structure.measureIndices + (structure.timeIndex.map { [$0] } ?? []))
        staleText = 0
    }

    /// Opens a series: its values start from the dataset's.
    func startSeries(at position: DataPosition) {
        inSeries = true
        seriesPosition = position
        seriesValues = dataSetValues
        seriesColumns = dataSetColumns
    }

    /// A component's index; generic messages name the primary measure without its id. Readers
    /// send the same ids in the same order element after element, so the last answers are kept by
    /// the value's position and reused when the id is the same (comparing two short strings).
    func componentIndex(_ id: String, at position: Int, _ structure: ResolvedStructure) -> Int? {
        if position < recentIDs.count, recentIDs[position] == id { return recentIndices[position] }
        let index =
            structure.index(of: id) ?? (id == ComponentValue.primaryMeasureID ? structure.measureIndices.first : nil)
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

    /// Puts the record's values in their slots, making text only of those that changed since the
    /// last observation; returns the slots that changed, and whether every value must be checked
    /// (a component given twice in one record).
    func place(_ record: ObservationRecord, _ structure: ResolvedStructure, refresh forced: Bool) -> (
        changed: UInt64, checkEvery: Bool
    ) {
        // Layout numbers are each record's own: a handler may be sent records of several.
        let layout = (ObjectIdentifier(record), record.layout)
        let sameLayout = recordLayout.map { $0 == layout } ?? false
        if !sameLayout {
            recordLayout = layout
            let slots = (0..<record.count).map { componentIndex(record.id(at: $0), at: $0, structure) ?? -1 }
            slotOfPosition.reset(repeating: -1, count: slots.count)
            for (position, slot) in slots.enumerated() { slotOfPosition[position] = slot }
            // The slots a record of this layout gives values to, and whether one is given twice.
            layoutPresent = 0
            layoutRepeats = false
            for slot in slots where slot >= 0 {
                let bit = SlotChanges.bit(slot)
                if layoutPresent & bit != 0 { layoutRepeats = true }
                layoutPresent |= bit
            }
            // Slots rising with positions (columns in the structure's order), none unknown, all
            // with a bit: the values to check are found from the masks (``ValueCheck``).
            slotsFollowPositions =
                !slots.isEmpty && slots.allSatisfy { $0 >= 0 && $0 < 64 }
                && zip(slots, slots.dropFirst()).allSatisfy { $0 < $1 }
            if slotsFollowPositions {
                if positionOfSlot.count < 64 { positionOfSlot.reset(repeating: -1, count: 64) }
                positionOfSlot.fill(with: -1)
                for (position, slot) in slots.enumerated() { positionOfSlot[slot] = position }
            }
        }
        // Group values are filled in per observation and depend on its key: slots start afresh then too.
        let refresh = refreshSlots || isWide || forced
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
        // Through buffer pointers: one uniqueness check per record, not one per value written. The
        // slots placed are returned, not added to `changed` inside: a local `var` captured by the
        // closures was boxed, an allocation per record.
        changed |= slotOfPosition.withBuffer { slotOfPosition in
            columns.withUnsafeMutableBufferPointer { columns in
                var placed: UInt64 = 0
                @inline(__always) func place(_ position: Int) {
                    let slot = slotOfPosition[position]
                    guard slot >= 0 else { return }
                    columns[slot] = record.column(at: position)
                    if changes.isSame(slot, record, at: position), !refresh { return }
                    let bit = SlotChanges.bit(slot)
                    if byteSlots & bit != 0, record.byteCount(at: position) <= SlotChanges.width {
                        staleText |= bit
                    } else {
                        slots[slot] = record.value(at: position)
                        staleText &= ~bit
                    }
                    placed |= bit
                }
                guard count <= 64 else {
                    for position in 0..<count { place(position) }
                    return placed
                }
                var pending = (count == 64 ? ~0 : (1 &<< UInt64(count)) &- 1) & ~unchanged
                while pending != 0 {
                    let position = pending.trailingZeroBitCount
                    pending &= pending &- 1
                    place(position)
                }
                return placed
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
        if checkEvery { changed = ~0 }
        return (changed, checkEvery)
    }

    /// Makes the text of the byte slots in `mask` whose text is out of date.
    func ensureText(_ mask: UInt64) {
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
    func staleBytes(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        staleText & SlotChanges.bit(slot) != 0 ? changes.kept(slot) : nil
    }

    /// A slot's text (nil: no value; a byte slot's is out of date until ``ensureText(_:)``). The
    /// checks read single slots through here rather than through `slots`, whose array they would
    /// retain and release for every observation.
    @inline(__always)
    func text(ofSlot slot: Int) -> String? { slots[slot] }

    /// Whether the slot's text is missing or empty (a byte slot's as of its last ``ensureText(_:)``;
    /// ``isEmpty(_:)`` looks at its bytes).
    @inline(__always)
    func hasNoText(_ slot: Int) -> Bool { slots[slot]?.isEmpty ?? true }

    /// Whether the slot holds no value (none given, or an empty one).
    func isEmpty(_ slot: Int) -> Bool {
        if let kept = staleBytes(slot) { return kept.isEmpty }
        return slots[slot]?.isEmpty ?? true
    }

    /// A slot's value as bytes, nil when it has none: those ``changes`` keeps while its text is out
    /// of date, else a copy of its text (valid until the next call).
    func bytes(ofSlot slot: Int) -> UnsafeBufferPointer<UInt8>? {
        if let kept = staleBytes(slot) { return kept }
        guard var text = slots[slot] else { return nil }
        return text.withUTF8 { scratch.copy($0) }
    }

    /// A slot's value as the rules read it: from its bytes while its text is out of date (a method,
    /// so that reading the slots counts no reference).
    func ruleValue(ofSlot index: Int, _ ruleChecker: RuleChecker) -> VTLValue {
        if let kept = staleBytes(index) { return ruleChecker.value(kept, index) }
        return ruleChecker.value(slots[index], index)
    }

    /// FNV-1a of a slot's value (its bytes while its text is out of date), then a separator.
    func valueHash(ofSlot index: Int) -> UInt64 {
        var hash = FNV1a()
        if let kept = staleBytes(index) {
            hash.combine(kept)
        } else if let text = slots[index] {
            hash.combine(text)
        }
        hash.combine(byte: 0xFF)  // a separator, so "ab","" differs from "a","b"
        return hash.value
    }

    /// The column a finding about a slot names: the value's own, else the element's.
    func column(_ slot: Int, else position: DataPosition) -> Int {
        columns[slot] > 0 ? columns[slot] : position.column
    }

    // MARK: Keys for messages

    /// The period as text, for messages (every slot's text is made).
    func periodText(_ structure: ResolvedStructure) -> String? {
        ensureText(~0)
        return structure.timeIndex.flatMap { slots[$0] }
    }

    /// The current series' key, for messages.
    func messageKey(_ structure: ResolvedStructure) -> String {
        guard !isDeletion else { return seriesKey(structure) }
        if let currentKey { return currentKey }
        let key = seriesKey(structure)
        currentKey = key
        return key
    }

    /// The series key: dimension values in DSD order, joined by `.`.
    private func seriesKey(_ structure: ResolvedStructure) -> String {
        var key = ""
        for (position, index) in structure.dimensionIndices.enumerated() {
            if position > 0 { key += "." }
            key += slots[index] ?? ""
        }
        return key
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
}
