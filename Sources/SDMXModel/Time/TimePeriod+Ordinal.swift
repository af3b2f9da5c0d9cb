extension TimePeriod {
    /// A period as a number that consecutive periods of the same kind share a scale of: 2024-Q3 is
    /// one more than 2024-Q2. Used to keep per-series sets of periods as compact bitsets.
    public struct Ordinal: Hashable, Sendable {
        /// Periods of different kinds (years, quarters, months, …) are never equal.
        public var kind: UInt8
        public var value: Int64

        public init(kind: UInt8, value: Int64) {
            self.kind = kind
            self.value = value
        }
    }

    public var ordinal: Ordinal {
        switch self {
        case .year(let year): Ordinal(kind: 1, value: Int64(year))
        case .yearMonth(let year, let month): Ordinal(kind: 2, value: Int64(year * 12 + month - 1))
        case .day(let year, let month, let day): Ordinal(kind: 3, value: Self.dayNumber(year, month, day))
        case .reporting(let year, let type, let index):
            switch type {
            case .year: Ordinal(kind: 1, value: Int64(year))
            case .month: Ordinal(kind: 2, value: Int64(year * 12 + index - 1))
            case .semester: Ordinal(kind: 4, value: Int64(year * 2 + index - 1))
            case .trimester: Ordinal(kind: 5, value: Int64(year * 3 + index - 1))
            case .quarter: Ordinal(kind: 6, value: Int64(year * 4 + index - 1))
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

    /// Days since 0001-01-01 in the proleptic Gregorian calendar.
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += daysIn(month: m, year: year) }
        return Int64(days + day - 1)
    }

    /// FNV-1a: the same in every run (Swift's `Hasher` is seeded per process).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }
}
