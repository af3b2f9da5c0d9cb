import SDMXModel

/// DUPLICATE_OBSERVATION: a series and period reported twice. Duplicates are found exactly through
/// each series' compact period set (``SeriesStates``); a repeat of a recent observation (the last
/// ~65 000) is also compared value by value: identical is a warning, different an error. An older
/// repeat cannot be compared, and is an error asking to keep one.
struct DuplicateCheck {
    /// What an observation repeats.
    enum Repeat: Equatable {
        case sameValues(firstLine: Int32)
        case differentValues(firstLine: Int32)
        /// Too long ago to compare the values.
        case longAgo
    }

    /// Line and content of recent observations, so a repeat says where and whether values differ.
    private var recent: RecentObservations
    private var attributeMask: UInt64 = 0
    /// Per slot, the hash of its value (0: not made), and the slots changed since the hashes were
    /// last brought up to date.
    private var slotHashes: [UInt64] = []
    private var contentChanges: UInt64 = ~0
    /// The attributes' values hashed together (nil: to be made).
    private var attributesHash: UInt64?

    /// - Parameter recentLog2: the log2 of how many recent observations are kept for comparing repeats.
    init(recentLog2: Int) {
        recent = RecentObservations(capacityPowerOfTwo: recentLog2)
    }

    mutating func startDataSet() {
        recent.removeAll()
    }

    mutating func startDataSet(_ structure: ResolvedStructure) {
        attributeMask = SlotChanges.mask(structure.attributeIndices)
        slotHashes = Array(repeating: 0, count: structure.components.count)
        attributesHash = nil
        contentChanges = ~0
    }

    /// Notes the slots that changed with an observation, whether or not it is checked.
    @inline(__always)
    mutating func noteChanges(_ changed: UInt64) {
        contentChanges |= changed
    }

    /// Checks the observation in `table`, of series number `series` and period `ordinal`.
    @inline(__always)
    mutating func check(
        _ structure: ResolvedStructure, _ table: SlotTable, series: Int, ordinal: TimePeriod.Ordinal,
        periods: SeriesStates, position: DataPosition, into collector: inout FindingCollector
    ) {
        let contentHash = self.contentHash(structure, table)
        guard
            let found = repeatOf(
                series: series, ordinal: ordinal, contentHash: contentHash, line: position.line, in: periods)
        else {
            return
        }
        let period = table.periodText(structure) ?? ""
        collector.add(
            Self.finding(
                found, key: table.messageKey(structure), period: period, line: position.line, column: position.column))
    }

    /// Records an observation's period in its series; what it repeats, nil when it is the first.
    @inline(__always)
    mutating func repeatOf(
        series: Int, ordinal: TimePeriod.Ordinal, contentHash: UInt64, line: Int, in periods: SeriesStates
    ) -> Repeat? {
        let seriesID = Int32(truncatingIfNeeded: series)
        guard !periods.insert(ordinal, series: series) else {
            recent.store(
                series: seriesID, period: ordinal, contentHash: Int(truncatingIfNeeded: contentHash),
                line: Int32(clamping: line))
            return nil
        }
        guard let earlier = recent.lookup(series: seriesID, period: ordinal) else { return .longAgo }
        return earlier.contentHash == Int(truncatingIfNeeded: contentHash)
            ? .sameValues(firstLine: earlier.line) : .differentValues(firstLine: earlier.line)
    }

    static func finding(_ found: Repeat, key: String, period: String, line: Int, column: Int) -> Finding {
        let message: String
        var severity = Severity.error
        switch found {
        case .sameValues(let first):
            severity = .warning
            message =
                "series \(key), period \(period) is reported again with the same values (first on line \(first)); remove the repeat"
        case .differentValues(let first):
            message =
                "series \(key), period \(period) is reported again with different values (first on line \(first)); keep one"
        case .longAgo:
            message = "series \(key), period \(period) was already reported much earlier in the file; keep one"
        }
        return Finding(
            code: .duplicateObservation, severity: severity, message: message,
            line: line, column: column, key: key, timePeriod: period)
    }

    /// The measures' and attributes' values hashed together. FNV-1a over the values' bytes: it only
    /// tells a repeat with the same values from one with other values, and runs on every
    /// observation, where SipHash costs three times as much. Each value's hash is kept until the
    /// value changes; the observation's combines them.
    @inline(__always)
    private mutating func contentHash(_ structure: ResolvedStructure, _ table: SlotTable) -> UInt64 {
        var content = FNV1a()
        for index in structure.measureIndices { content.combine(word: valueHash(ofSlot: index, table)) }
        // The attributes' part is kept while none of them changes (most observations).
        if contentChanges & attributeMask != 0 || attributesHash == nil {
            var hash = FNV1a()
            for index in structure.attributeIndices { hash.combine(word: valueHash(ofSlot: index, table)) }
            attributesHash = hash.value
        }
        content.combine(word: attributesHash ?? 0)
        contentChanges = 0
        return content.value
    }

    /// FNV-1a of a slot's value, made again only when the value changed since it was made.
    private mutating func valueHash(ofSlot index: Int, _ table: SlotTable) -> UInt64 {
        if !SlotChanges.changed(index, in: contentChanges), slotHashes[index] != 0 { return slotHashes[index] }
        let hash = table.valueHash(ofSlot: index)
        slotHashes[index] = hash
        return hash
    }
}
