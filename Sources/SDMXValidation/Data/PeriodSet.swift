import SDMXModel

/// The periods already seen in one series, kept as a bitset over the series' span (one bit per
/// period: 40 quarters fit in one word), with a small set for periods of another kind or far away.
/// This is what lets duplicate detection run in memory that grows with series, not observations.
struct PeriodSet {
    private var kind: UInt8 = 0
    private var base: Int64 = 0
    private var words: [UInt64] = []
    private var overflow: Set<TimePeriod.Ordinal> = []

    /// Widest span kept as bits; beyond it periods go to the overflow set.
    private static let maxWords = 1024

    /// Inserts the period; returns false when it was already there.
    mutating func insert(_ period: TimePeriod.Ordinal) -> Bool {
        if words.isEmpty, overflow.isEmpty {
            kind = period.kind
            base = period.value & ~63
            words = [0]
        }
        guard period.kind == kind else { return overflow.insert(period).inserted }
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
