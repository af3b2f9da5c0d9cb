import SDMXModel

/// The periods already seen in one series, in 24 bytes: a bitset of the first 128 periods from the
/// start of the series' span (40 quarters fit in one word), with the span's start and the periods'
/// kind in one word. This is what lets duplicate detection run in memory that grows with series,
/// not observations; ``SeriesStates`` keeps one per series and, for the few series that outgrow it,
/// a ``WidePeriodSet`` beside it.
struct PeriodSet {
    /// The span's start (a multiple of 64) with, in its low 6 bits: a period was seen (bit 0), the
    /// periods' kind (bits 1–4, ``kindCode(_:)``), and the series keeps a wide set (bit 5).
    private var start: Int64 = 0
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Period kinds in 4 bits: the ordinal kinds 0–14 as themselves; any other kind (hashed
    /// periods) never goes in place.
    private static func kindCode(_ kind: UInt8) -> Int64? { kind < 15 ? Int64(kind) : nil }

    /// Whether the series' periods are in a wide set (every insert goes there).
    var isWide: Bool { start & 32 != 0 }

    /// Inserts the period in place: true when it is new, false when it was there, nil when it does
    /// not fit in place (the caller moves the set to a ``WidePeriodSet`` and inserts it there).
    mutating func insertInPlace(_ period: TimePeriod.Ordinal) -> Bool? {
        guard let kind = Self.kindCode(period.kind) else { return nil }
        if start & 1 == 0 { start = (period.value & ~63) | kind << 1 | 1 }
        guard (start >> 1) & 15 == kind else { return nil }
        let (distance, overflowed) = period.value.subtractingReportingOverflow(start & ~63)
        guard !overflowed, distance >= 0, distance < 128 else { return nil }
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

    /// The set as a wide one, from now on (the in-place bits move there).
    mutating func widened() -> WidePeriodSet {
        let wide = WidePeriodSet(
            started: start & 1 != 0, kind: UInt8((start >> 1) & 15), base: start & ~63, words: [low, high])
        start |= 32
        return wide
    }
}

/// The periods of a series that outgrew its ``PeriodSet``: a bitset over up to 1024 words of the
/// series' span, and a set for periods of another kind or farther away.
final class WidePeriodSet {
    private let started: Bool
    private let kind: UInt8
    private var base: Int64
    private var words: [UInt64]
    private var overflow: Set<TimePeriod.Ordinal> = []

    /// Widest span kept as bits; beyond it periods go to the overflow set.
    private static let maxWords = 1024

    init(started: Bool, kind: UInt8, base: Int64, words: [UInt64]) {
        self.started = started
        self.kind = kind
        self.base = base
        self.words = words
    }

    /// Inserts the period; returns false when it was already there.
    func insert(_ period: TimePeriod.Ordinal) -> Bool {
        guard started, period.kind == kind else { return overflow.insert(period).inserted }
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
