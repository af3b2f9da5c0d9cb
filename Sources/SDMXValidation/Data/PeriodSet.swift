import SDMXModel

/// The periods already seen in one series, kept as a bitset over the series' span (one bit per
/// period: 40 quarters fit in one word), with a small set for periods of another kind or far away.
/// This is what lets duplicate detection run in memory that grows with series, not observations.
///
/// A series costs 32 bytes (the validator keeps one per series, hundreds of thousands in a large
/// file): the first 128 periods from the start of the span in place, the span's start and the kind
/// of its periods in one word, and the rest only for series that outgrow them.
struct PeriodSet {
    /// The span's start (a multiple of 64) with, in its low 6 bits, whether a period was seen
    /// (bit 0) and the periods' kind (``kindCode``, bits 1–5).
    private var start: Int64 = 0
    /// The first 128 periods from the start, in place: most series never need more, and then a
    /// series costs no allocation at all.
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// The whole bitset and the periods outside it, once the series outgrows the two words.
    private var wide: Wide?

    final class Wide {
        var words: [UInt64]
        var overflow: Set<TimePeriod.Ordinal> = []

        init(words: [UInt64]) { self.words = words }
    }

    /// Widest span kept as bits; beyond it periods go to the overflow set.
    private static let maxWords = 1024

    /// Period kinds in 5 bits: the ordinal kinds 0–30 as themselves, any other as 31 (such kinds are
    /// compared in full in the overflow set).
    private static func kindCode(_ kind: UInt8) -> Int64 { Int64(min(kind, 31)) }

    private var started: Bool { start & 1 != 0 }
    private var base: Int64 { start & ~63 }

    /// Inserts the period; returns false when it was already there.
    mutating func insert(_ period: TimePeriod.Ordinal) -> Bool {
        if !started { start = (period.value & ~63) | Self.kindCode(period.kind) << 1 | 1 }
        guard period.kind < 31, (start >> 1) & 31 == Self.kindCode(period.kind) else { return overflowInsert(period) }
        let base = self.base
        guard let wide else {
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
            self.wide = Wide(words: [low, high])
            return insert(period)
        }
        // Hashed periods (date-times, malformed ones) can sit anywhere in the 64-bit range.
        let span = Int64(Self.maxWords * 64)
        let (distance, overflowed) = period.value.subtractingReportingOverflow(base)
        guard !overflowed, distance > -span, distance < span else { return overflowInsert(period) }
        var offset = distance
        if offset < 0 {
            let extra = Int((-offset + 63) / 64)
            guard wide.words.count + extra <= Self.maxWords else { return overflowInsert(period) }
            wide.words.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            start -= Int64(extra * 64)
            offset = period.value - self.base
        }
        let word = Int(offset / 64)
        if word >= wide.words.count {
            guard word < Self.maxWords else { return overflowInsert(period) }
            wide.words.append(contentsOf: repeatElement(0, count: word - wide.words.count + 1))
        }
        let bit: UInt64 = 1 << UInt64(offset % 64)
        if wide.words[word] & bit != 0 { return false }
        wide.words[word] |= bit
        return true
    }

    private mutating func overflowInsert(_ period: TimePeriod.Ordinal) -> Bool {
        if wide == nil { wide = Wide(words: [low, high]) }
        return wide!.overflow.insert(period).inserted
    }
}
