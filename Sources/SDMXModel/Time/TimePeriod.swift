/// An SDMX time period value, parsed: Gregorian periods, reporting periods, date-times and ranges.
///
/// Parsing works on the UTF-8 bytes without Foundation: it runs once per observation.
public enum TimePeriod: Hashable, Sendable {
    /// `2024`
    case year(Int)
    /// `2024-07`
    case yearMonth(Int, Int)
    /// `2024-07-15`
    case day(Int, Int, Int)
    /// `2024-07-15T10:30:00` with optional fraction and zone.
    case dateTime(Int, Int, Int)
    /// `2024-Q3`, `2024-A1`, `2024-M07`, `2024-W01`, `2024-D001`…
    case reporting(year: Int, type: ReportingPeriodType, index: Int)
    /// `2024-01-01/P1Y` (start and ISO 8601 duration).
    case range(start: String, duration: String)

    /// The kind of a reporting period, named by the letter after `YYYY-` (`2024-Q3`).
    public enum ReportingPeriodType: Character, Hashable, Sendable {
        /// `A`: the reporting year, `2024-A1`.
        case year = "A"
        /// `S`: a half-year, `2024-S1` or `2024-S2`.
        case semester = "S"
        /// `T`: a third of a year, `2024-T1` to `2024-T3`.
        case trimester = "T"
        /// `Q`: a quarter, `2024-Q1` to `2024-Q4`.
        case quarter = "Q"
        /// `M`: a month, `2024-M01` to `2024-M12`.
        case month = "M"
        /// `W`: a week, `2024-W01` to `2024-W53` (53 only in years that have it).
        case week = "W"
        /// `D`: a day of the year, `2024-D001` to `2024-D366` (366 only in leap years).
        case day = "D"

        /// The type a period's letter (the byte after `YYYY-`) names, if any.
        init?(letter: UInt8) {
            switch letter {
            case UInt8(ascii: "A"): self = .year
            case UInt8(ascii: "S"): self = .semester
            case UInt8(ascii: "T"): self = .trimester
            case UInt8(ascii: "Q"): self = .quarter
            case UInt8(ascii: "M"): self = .month
            case UInt8(ascii: "W"): self = .week
            case UInt8(ascii: "D"): self = .day
            default: return nil
            }
        }

        var maxIndex: Int {
            switch self {
            case .year: 1
            case .semester: 2
            case .trimester: 3
            case .quarter: 4
            case .month: 12
            case .week: 53
            case .day: 366
            }
        }

        var digits: Int {
            switch self {
            case .year, .semester, .trimester, .quarter: 1
            case .month, .week: 2
            case .day: 3
            }
        }
    }

    /// Parses any SDMX observational time period; `nil` when the text is none.
    public init?(_ text: String) {
        var text = text
        // Parsed in place, from the string's own bytes: this runs once per observation.
        let parsed: TimePeriod? = text.withUTF8 { TimePeriod.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses a period from its UTF-8 bytes (a reader's value, without making text of it).
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let parsed = TimePeriod.parse(bytes) else { return nil }
        self = parsed
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> TimePeriod? {
        if let slash = b.firstIndex(of: UInt8(ascii: "/")) {
            let start = UnsafeBufferPointer(rebasing: b[..<slash]), duration = b[(slash + 1)...]
            guard let startPeriod = parse(start), startPeriod.isDateLike, isDuration(ArraySlice(duration)) else {
                return nil
            }
            return .range(
                start: String(decoding: start, as: UTF8.self), duration: String(decoding: duration, as: UTF8.self))
        }
        guard b.count >= 4, let year = number(b, 0, 4), year >= 1 else { return nil }
        if b.count == 4 { return .year(year) }
        guard b[4] == UInt8(ascii: "-"), b.count >= 6 else { return nil }
        // Reporting period: YYYY-Xn…
        if let type = ReportingPeriodType(letter: b[5]) {
            let digits = b.count - 6
            guard digits == type.digits, let index = number(b, 6, digits), index >= 1, index <= type.maxIndex else {
                return nil
            }
            if type == .week, index == 53, !hasWeek53(year) { return nil }
            if type == .day, index == 366, !isLeap(year) { return nil }
            return .reporting(year: year, type: type, index: index)
        }
        guard b.count >= 7, let month = number(b, 5, 2), (1...12).contains(month) else { return nil }
        if b.count == 7 { return .yearMonth(year, month) }
        guard b.count >= 10, b[7] == UInt8(ascii: "-"), let day = number(b, 8, 2),
            day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        if b.count == 10 { return .day(year, month, day) }
        guard b[10] == UInt8(ascii: "T"), isTimeOfDay(UnsafeBufferPointer(rebasing: b[11...])) else { return nil }
        return .dateTime(year, month, day)
    }

    private var isDateLike: Bool {
        switch self {
        case .year, .yearMonth, .day, .dateTime: true
        default: false
        }
    }

    /// `hh:mm[:ss[.fff]][Z|±hh:mm]`
    private static func isTimeOfDay(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 5, let hour = number(b, 0, 2), hour <= 24, b[2] == UInt8(ascii: ":"),
            let minute = number(b, 3, 2), minute < 60
        else { return false }
        var i = 5
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let second = number(b, i + 1, 2), second <= 60 else { return false }
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count - i == 6,
            let zoneHour = number(b, i + 1, 2), zoneHour <= 14, b[i + 3] == UInt8(ascii: ":"),
            let zoneMinute = number(b, i + 4, 2), zoneMinute < 60
        else { return false }
        return true
    }

    /// ISO 8601 duration: `P1Y`, `P3M`, `P1DT12H`, `PT30M`, `P0.5Y`. Units in their order (Y, M, W, D, then
    /// after `T` H, M, S), each once, each number of at most six digits and nine decimals: `P99999999999Y`
    /// is no period anyone reports, and a megabyte of digits no value to store.
    private static func isDuration(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let end = bytes.endIndex
        guard index < end, bytes[index] == UInt8(ascii: "P") else { return false }
        index += 1
        var units = Array("YMWD".utf8)
        var next = 0  // the position in `units` of the first unit still allowed
        var inTime = false, sawUnit = false, sawTimeUnit = false
        while index < end {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime else { return false }
                inTime = true
                units = Array("HMS".utf8)
                next = 0
                index += 1
                continue
            }
            var digits = 0, decimals = 0
            while index < end, isDigit(bytes[index]) {
                digits += 1
                index += 1
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < end, isDigit(bytes[index]) {
                    decimals += 1
                    index += 1
                }
                guard decimals > 0 else { return false }
            }
            guard (1...6).contains(digits), decimals <= 9, index < end,
                let unit = units[next...].firstIndex(of: bytes[index])
            else { return false }
            next = unit + 1
            index += 1
            sawUnit = true
            if inTime { sawTimeUnit = true }
        }
        return sawUnit && (!inTime || sawTimeUnit)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(b[index]) else { return nil }
            value = value * 10 + Int(b[index] - 48)
        }
        return value
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO years with 53 weeks start on a Thursday, or on a Wednesday in a leap year.
    static func hasWeek53(_ year: Int) -> Bool {
        func weekday(ofJanuaryFirst year: Int) -> Int {  // 0 = Sunday
            let y = year - 1
            return (1 + 5 * (y % 4) + 4 * (y % 100) + 6 * (y % 400)) % 7
        }
        let first = weekday(ofJanuaryFirst: year)
        return first == 4 || (isLeap(year) && first == 3)
    }

    /// Whether the period has the form that the SDMX frequency code `frequency` requires.
    /// Frequencies without a fixed form (hourly, minutely, irregular, unknown codes) accept any period.
    public func matches(frequency: String) -> Bool {
        switch (frequency, self) {
        case ("A", .year), ("A", .reporting(_, .year, _)): true
        case ("S", .reporting(_, .semester, _)): true
        case ("T", .reporting(_, .trimester, _)): true
        case ("Q", .reporting(_, .quarter, _)): true
        case ("M", .yearMonth), ("M", .reporting(_, .month, _)): true
        case ("W", .reporting(_, .week, _)): true
        case ("D", .day), ("D", .reporting(_, .day, _)), ("B", .day): true
        case ("H", .dateTime), ("N", .dateTime), ("I", .dateTime), ("I", .day): true
        case (_, .range): true
        case ("A", _), ("S", _), ("T", _), ("Q", _), ("M", _), ("W", _), ("D", _), ("B", _), ("H", _), ("N", _): false
        default: true
        }
    }

    /// An example of the form a frequency requires, for messages: `2024-Q3` for Q.
    public static func example(forFrequency frequency: String) -> String? {
        switch frequency {
        case "A": "2024"
        case "S": "2024-S2"
        case "T": "2024-T3"
        case "Q": "2024-Q3"
        case "M": "2024-07"
        case "W": "2024-W27"
        case "D", "B": "2024-07-15"
        case "H", "N": "2024-07-15T10:30:00"
        default: nil
        }
    }

    /// The frequency this period's form implies, where it implies one.
    public var impliedFrequency: String? {
        switch self {
        case .year: "A"
        case .yearMonth: "M"
        case .day: "D"
        case .reporting(_, let type, _): String(type.rawValue)
        case .dateTime, .range: nil
        }
    }
}
