/// Observations counted per time period, for the report's chart. Every observation is counted, so
/// the period's entry is found through a small direct-mapped cache keyed by its packed ordinal (the
/// text is still compared: two spellings of one period are two bars) before any text is hashed.
/// At most ``limit`` periods are kept: a file of nonsense periods does not grow it further.
struct PeriodTally {
    static let limit = 10_000

    private var texts: [String] = []
    private var counts: [Int] = []
    private var entries: [String: Int] = [:]
    private var cachedKeys = [Int64](repeating: .min, count: 256)
    private var cachedEntries = [Int](repeating: 0, count: 256)

    /// Counts one observation of `period`; `packed` is its ordinal's packed form when it has one.
    mutating func count(_ period: String, packed: Int64?) {
        guard let packed else {
            if let entry = entry(for: period) { counts[entry] += 1 }
            return
        }
        let slot = Int(truncatingIfNeeded: (UInt64(bitPattern: packed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if cachedKeys[slot] == packed, texts[cachedEntries[slot]] == period {
            counts[cachedEntries[slot]] += 1
            return
        }
        guard let entry = entry(for: period) else { return }
        cachedKeys[slot] = packed
        cachedEntries[slot] = entry
        counts[entry] += 1
    }

    private mutating func entry(for period: String) -> Int? {
        if let known = entries[period] { return known }
        guard texts.count < Self.limit else { return nil }
        entries[period] = texts.count
        texts.append(period)
        counts.append(0)
        return texts.count - 1
    }

    /// The counts by period text.
    var byPeriod: [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(texts, counts))
    }
}
