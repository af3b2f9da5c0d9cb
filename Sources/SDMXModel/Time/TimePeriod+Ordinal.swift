extension TimePeriod {
    /// A period as a number that consecutive periods of the same kind share a scale of: 2024-Q3 is
    /// one more than 2024-Q2. Used to keep per-series sets of periods as compact bitsets.
    public struct Ordinal: Hashable, Sendable {
        /// Periods of different kinds (years, quarters, months, …) are never equal.
        public var kind: UInt8
        /// The period's place on its kind's scale: the year for years, `year * 4 + quarter - 1` for quarters, `year *
        /// 12 + month - 1` for months, days since 0001-01-01 for days; a range gets a stable hash instead.
        public var value: Int64

        /// Makes an ordinal from its parts; ``TimePeriod/ordinal`` is how periods get theirs.
        public init(kind: UInt8, value: Int64) {
            self.kind = kind
            self.value = value
        }

        /// The kind and value in one integer (the value's low 56 bits), so that periods of one kind
        /// sort in time order: a compact key for tables of periods.
        public var packed: Int64 {
            (Int64(kind) << 56) | (value & 0x00FF_FFFF_FFFF_FFFF)
        }

        /// The ordinal a ``packed`` integer holds (values are 56-bit, sign-extended).
        public init(packed: Int64) {
            var value = packed & 0x00FF_FFFF_FFFF_FFFF
            if value & 0x0080_0000_0000_0000 != 0 { value |= ~0x00FF_FFFF_FFFF_FFFF }
            self.init(kind: UInt8(truncatingIfNeeded: packed >> 56), value: value)
        }

        /// The year of a year's ordinal, or the year and quarter (0–3) of a quarter's; nil otherwise.
        public var yearAndQuarter: (year: Int, quarter: Int?)? {
            switch kind {
            case Self.yearKind: (Int(value), nil)
            case Self.quarterKind: (Int(value >> 2), Int(value & 3))
            default: nil
            }
        }

        @usableFromInline static let yearKind: UInt8 = 1
        @usableFromInline static let monthKind: UInt8 = 2
        @usableFromInline static let quarterKind: UInt8 = 6
    }

    /// The period on its kind's scale, so that consecutive periods differ by one: a reporting quarter and `2024-Q3`
    /// share one, as do a reporting month and `2024-07`. A date-time counts as its day.
    public var ordinal: Ordinal {
        switch self {
        case .year(let year): Ordinal(kind: Ordinal.yearKind, value: Int64(year))
        case .yearMonth(let year, let month): Ordinal(kind: Ordinal.monthKind, value: Int64(year * 12 + month - 1))
        case .day(let year, let month, let day): Ordinal(kind: 3, value: Self.dayNumber(year, month, day))
        case .reporting(let year, let type, let index):
            switch type {
            case .year: Ordinal(kind: Ordinal.yearKind, value: Int64(year))
            case .month: Ordinal(kind: Ordinal.monthKind, value: Int64(year * 12 + index - 1))
            case .semester: Ordinal(kind: 4, value: Int64(year * 2 + index - 1))
            case .trimester: Ordinal(kind: 5, value: Int64(year * 3 + index - 1))
            case .quarter: Ordinal(kind: Ordinal.quarterKind, value: Int64(year * 4 + index - 1))
            case .week: Ordinal(kind: 7, value: Int64(year * 53 + index - 1))
            case .day: Ordinal(kind: 8, value: Int64(year * 366 + index - 1))
            }
        case .dateTime(let year, let month, let day):
            // Day-level: the time of day is not kept in the parsed value.
            Ordinal(kind: 3, value: Self.dayNumber(year, month, day))
        case .range(let start, let duration):
            Ordinal(kind: 9, value: Int64(truncatingIfNeeded: Self.stableHash(start + "/" + duration)))
        }
    }

    /// The ordinal of the commonest forms — `2024`, `2024-Q3`, `2024-07` — with the frequency
    /// letter their form requires (`A`, `Q`, `M`), read straight from the bytes; nil for any other
    /// form or for text that is no period, which ``init(bytes:)`` then parses in full. Every
    /// observation has a period, and these are nearly all of them.
    @inlinable
    public static func quickOrdinal(_ b: UnsafeBufferPointer<UInt8>) -> (ordinal: Ordinal, frequency: UInt8)? {
        @inline(__always) func digit(_ index: Int) -> Int? {
            let value = Int(b[index]) &- 48
            return value >= 0 && value <= 9 ? value : nil
        }
        guard b.count == 4 || b.count == 7, let d0 = digit(0), let d1 = digit(1), let d2 = digit(2), let d3 = digit(3)
        else { return nil }
        let year = d0 * 1000 + d1 * 100 + d2 * 10 + d3
        guard year >= 1 else { return nil }
        if b.count == 4 { return (Ordinal(kind: Ordinal.yearKind, value: Int64(year)), UInt8(ascii: "A")) }
        guard b[4] == UInt8(ascii: "-") else { return nil }
        if b[5] == UInt8(ascii: "Q") {
            guard let quarter = digit(6), quarter >= 1, quarter <= 4 else { return nil }
            return (Ordinal(kind: Ordinal.quarterKind, value: Int64(year * 4 + quarter - 1)), UInt8(ascii: "Q"))
        }
        guard let m0 = digit(5), let m1 = digit(6) else { return nil }
        let month = m0 * 10 + m1
        guard month >= 1, month <= 12 else { return nil }
        return (Ordinal(kind: Ordinal.monthKind, value: Int64(year * 12 + month - 1)), UInt8(ascii: "M"))
    }

    /// Days since 0001-01-01 in the proleptic Gregorian calendar.
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += daysIn(month: m, year: year) }
        return Int64(days + day - 1)
    }

    /// FNV-1a: the same in every run (Swift's `Hasher` is seeded per process).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash = FNV1a()
        hash.combine(text)
        return hash.value
    }
}
