/// The stretch of time a period covers, as UTC seconds since 1970-01-01: `start` inclusive, `end`
/// exclusive. Periods of different frequencies are compared through it (`2024-05` lies in `2024-Q2`,
/// which lies in `2024`), as the SDMX REST specification asks of `startPeriod` and `endPeriod`.
///
/// Weeks are ISO 8601 weeks (week 1 holds 4 January, weeks start on Monday): the reporting week of a
/// reporting year that starts on 1 January. A date-time is the one second it names, its offset applied;
/// a range (`2024-01-01/P6M`) runs from its start for its duration.
public struct PeriodInterval: Hashable, Sendable {
    /// The first second of the interval, UTC seconds since 1970-01-01 (inclusive).
    public var start: Int64
    /// The second after the interval's last, UTC seconds since 1970-01-01 (exclusive).
    public var end: Int64

    /// Makes an interval from its bounds, not checked; ``init(period:)`` is how a period's interval is found.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Whether `other` lies wholly inside this interval.
    public func contains(_ other: PeriodInterval) -> Bool { other.start >= start && other.end <= end }

    /// The interval an SDMX time period covers; nil for text that is no period.
    public init?(period text: String) {
        guard let period = TimePeriod(text) else { return nil }
        let day: Int64 = 86_400
        func days(_ first: Int64, _ last: Int64) -> PeriodInterval {
            PeriodInterval(start: (first - Self.epochDay) * day, end: (last + 1 - Self.epochDay) * day)
        }
        switch period {
        case .reporting(let year, .week, let index):
            let first = Self.isoWeekOneMonday(year) + Int64(index - 1) * 7
            self = days(first, first + 6)
        case .dateTime:
            guard let instant = Self.instant(dateTime: Substring(text)) else { return nil }
            self.init(start: instant, end: instant + 1)
        case .range(let start, let duration):
            guard let from = PeriodInterval(period: start), let to = Self.adding(duration, to: from.start) else {
                return nil
            }
            self.init(start: from.start, end: max(to, from.start + 1))
        default:
            self = days(period.startDay, period.endDay)
        }
    }

    /// 1970-01-01 as days since 0001-01-01.
    static let epochDay = TimePeriod.dayNumber(1970, 1, 1)

    /// The Monday of ISO week 1: the week that holds 4 January (0001-01-01 was a Monday).
    static func isoWeekOneMonday(_ year: Int) -> Int64 {
        let fourth = TimePeriod.dayNumber(year, 1, 4)
        return fourth - fourth % 7
    }

    /// `2024-07-15T10:30:00[.fff][Z|±hh:mm]` as UTC seconds (no zone: UTC).
    static func instant(dateTime text: Substring) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let dayOfMonth = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2)
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":"), let value = number(index + 1, 2) {
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            }
        }
        var offset = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
        {
            offset = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let days = TimePeriod.dayNumber(year, month, dayOfMonth) - epochDay
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
    }

    /// `instant` moved on by an ISO 8601 duration (`P1Y`, `P3M`, `P1W`, `P2DT12H`, `PT30M`); years and
    /// months by the calendar, the day clamped to the month's end. Fractions are not supported.
    static func adding(_ duration: String, to instant: Int64) -> Int64? {
        var years = 0, months = 0, seconds: Int64 = 0, number = 0, inTime = false, sawDigit = false
        for byte in duration.utf8.dropFirst() {
            switch byte {
            case 48...57:
                number = number * 10 + Int(byte - 48)
                sawDigit = true
                guard number < 100_000 else { return nil }
            case UInt8(ascii: "T"): inTime = true
            case UInt8(ascii: "Y") where !inTime: years += number
            case UInt8(ascii: "M") where !inTime: months += number
            case UInt8(ascii: "W") where !inTime: seconds += Int64(number) * 7 * 86_400
            case UInt8(ascii: "D") where !inTime: seconds += Int64(number) * 86_400
            case UInt8(ascii: "H") where inTime: seconds += Int64(number) * 3600
            case UInt8(ascii: "M") where inTime: seconds += Int64(number) * 60
            case UInt8(ascii: "S") where inTime: seconds += Int64(number)
            default: return nil
            }
            if byte > 57 { number = 0 }
        }
        guard sawDigit else { return nil }
        var moved = instant
        if years != 0 || months != 0 {
            let dayCount = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
            let timeOfDay = instant - dayCount * 86_400
            var (year, month, day) = Self.civil(dayCount + epochDay)
            let total = year * 12 + (month - 1) + years * 12 + months
            (year, month) = (total / 12, total % 12 + 1)
            day = min(day, TimePeriod.daysIn(month: month, year: year))
            moved = (TimePeriod.dayNumber(year, month, day) - epochDay) * 86_400 + timeOfDay
        }
        return moved + seconds
    }

    /// The year, month and day of a day number (days since 0001-01-01).
    static func civil(_ dayNumber: Int64) -> (Int, Int, Int) {
        var year = Int(dayNumber / 366) + 1
        while TimePeriod.dayNumber(year + 1, 1, 1) <= dayNumber { year += 1 }
        var month = 1
        while month < 12, TimePeriod.dayNumber(year, month + 1, 1) <= dayNumber { month += 1 }
        return (year, month, Int(dayNumber - TimePeriod.dayNumber(year, month, 1)) + 1)
    }
}
