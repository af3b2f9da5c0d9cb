import SDMXModel

/// The line and content of recently seen observations, in a fixed-size direct-mapped table: a
/// repeat within the last tens of thousands of observations is compared value by value (identical
/// or different, and where the first one was), in memory that does not grow with the file.
///
/// A series' periods go to neighbouring entries (the series picks where its run starts, the period
/// where in the run): observations, which come series by series, are written one after the other
/// instead of all over the table, so storing one seldom misses the cache (a store that misses holds
/// up the next atomic instruction, such as a reference count's, until it completes).
struct RecentObservations {
    struct Entry {
        var generation: UInt32 = 0
        var series: Int32 = -1
        var periodValue: Int64 = 0
        var contentHash: Int = 0
        var line: Int32 = 0
        var periodKind: UInt8 = 0

        var period: TimePeriod.Ordinal { TimePeriod.Ordinal(kind: periodKind, value: periodValue) }
    }

    private var entries: [Entry]
    private var mask: Int
    /// The table starts small and doubles as observations arrive, up to its capacity: a file (or
    /// zip entry) with a few observations does not pay for mapping and clearing 2 MB.
    private let capacity: Int
    private var storesBeforeGrowing: Int
    /// Entries of an older generation count as empty: forgetting everything costs nothing.
    private var generation: UInt32 = 1

    init(capacityPowerOfTwo: Int = 16) {
        capacity = 1 << capacityPowerOfTwo
        let start = min(capacity, 1 << 10)
        entries = Array(repeating: Entry(), count: start)
        mask = start - 1
        storesBeforeGrowing = start < capacity ? start / 2 : Int.max
    }

    private func slot(_ series: Int32, _ period: TimePeriod.Ordinal) -> Int {
        var start = UInt64(UInt32(bitPattern: series)) &* 0xC2B2AE3D27D4EB4F
        start ^= UInt64(period.kind) &* 0x9E3779B97F4A7C15
        start ^= start >> 29
        return Int(truncatingIfNeeded: start &+ UInt64(bitPattern: period.value)) & mask
    }

    func lookup(series: Int32, period: TimePeriod.Ordinal) -> Entry? {
        let entry = entries[slot(series, period)]
        return entry.generation == generation && entry.series == series && entry.periodValue == period.value
            && entry.periodKind == period.kind ? entry : nil
    }

    mutating func store(series: Int32, period: TimePeriod.Ordinal, contentHash: Int, line: Int32) {
        storesBeforeGrowing -= 1
        if storesBeforeGrowing < 0 { grow() }
        entries[slot(series, period)] = Entry(
            generation: generation, series: series, periodValue: period.value, contentHash: contentHash,
            line: line, periodKind: period.kind)
    }

    /// Doubles the table, keeping the current generation's entries.
    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(), count: old.count * 2)
        mask = entries.count - 1
        storesBeforeGrowing = entries.count < capacity ? entries.count / 2 : Int.max
        for entry in old where entry.generation == generation {
            entries[slot(entry.series, entry.period)] = entry
        }
    }

    mutating func removeAll() {
        generation &+= 1
        if generation == 0 {
            for index in entries.indices { entries[index].generation = 0 }
            generation = 1
        }
    }
}
