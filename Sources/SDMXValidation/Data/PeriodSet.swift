import SDMXModel

/// The periods already seen in one series, kept as a bitset over the series' span (one bit per
/// period: 40 quarters fit in one word), with a small set for periods of another kind or far away.
/// This is what lets duplicate detection run in memory that grows with series, not observations.
struct PeriodSet {
    private var started = false
    private var kind: UInt8 = 0
    private var base: Int64 = 0
    /// The first 128 periods from `base`, in place: most series never need more, and then a series
    /// costs no allocation at all.
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// The whole bitset once the series outgrows the two words (they move here).
    private var words: [UInt64] = []
    private var overflow: Set<TimePeriod.Ordinal> = []

    /// Widest span kept as bits; beyond it periods go to the overflow set.
    private static let maxWords = 1024

    /// Inserts the period; returns false when it was already there.
    mutating func insert(_ period: TimePeriod.Ordinal) -> Bool {
        if !started {
            started = true
            kind = period.kind
            base = period.value & ~63
        }
        guard period.kind == kind else { return overflow.insert(period).inserted }
        if words.isEmpty {
            let (distance, overflowed) = period.value.subtractingReportingOverflow(base)
            if !overflowed, distance >= 0, distance < 128 {
                let bit: UInt64 = 1 << UInt64(distance % 64)
                if distance < 64 {
                    if low & bit != 0 { return false }
                    low |= bit
                } else {
                    if high & bit != 0 { return false }
                    high |= bit
                }
                return true
            }
            words = [low, high]
        }
        // Hashed periods (date-times, malformed ones) can sit anywhere in the 64-bit range.
        let span = Int64(Self.maxWords * 64)
        let (distance, overflowed) = period.value.subtractingReportingOverflow(base)
        guard !overflowed, distance > -span, distance < span else { return overflow.insert(period).inserted }
        var offset = distance
        if offset < 0 {
            let extra = Int((-offset + 63) / 64)
            guard words.count + extra <= Self.maxWords else { return overflow.insert(period).inserted }
            words.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            base -= Int64(extra * 64)
            offset = period.value - base
        }
        let word = Int(offset / 64)
        if word >= words.count {
            guard word < Self.maxWords else { return overflow.insert(period).inserted }
            words.append(contentsOf: repeatElement(0, count: word - words.count + 1))
        }
        let bit: UInt64 = 1 << UInt64(offset % 64)
        if words[word] & bit != 0 { return false }
        words[word] |= bit
        return true
    }
}
