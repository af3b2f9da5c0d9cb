extension TimePeriod {
    /// The first day the period covers, as days since 0001-01-01: what constraint time ranges compare.
    public var startDay: Int64 {
        switch self {
        case .year(let year): Self.dayNumber(year, 1, 1)
        case .yearMonth(let year, let month): Self.dayNumber(year, month, 1)
        case .day(let year, let month, let day), .dateTime(let year, let month, let day):
            Self.dayNumber(year, month, day)
        case .reporting(let year, let type, let index):
            switch type {
            case .year: Self.dayNumber(year, 1, 1)
            case .semester: Self.dayNumber(year, (index - 1) * 6 + 1, 1)
            case .trimester: Self.dayNumber(year, (index - 1) * 4 + 1, 1)
            case .quarter: Self.dayNumber(year, (index - 1) * 3 + 1, 1)
            case .month: Self.dayNumber(year, index, 1)
            case .week: Self.dayNumber(year, 1, 1) + Int64((index - 1) * 7)
            case .day: Self.dayNumber(year, 1, 1) + Int64(index - 1)
            }
        case .range(let start, _): TimePeriod(start)?.startDay ?? 0
        }
    }

    /// The last day the period covers.
    public var endDay: Int64 {
        switch self {
        case .year(let year): Self.dayNumber(year + 1, 1, 1) - 1
        case .yearMonth(let year, let month):
            month == 12 ? Self.dayNumber(year + 1, 1, 1) - 1 : Self.dayNumber(year, month + 1, 1) - 1
        case .day, .dateTime: startDay
        case .reporting(let year, let type, let index):
            switch type {
            case .year: Self.dayNumber(year + 1, 1, 1) - 1
            case .semester, .trimester, .quarter:
                index * (12 / type.maxIndex) + 1 > 12
                    ? Self.dayNumber(year + 1, 1, 1) - 1
                    : Self.dayNumber(year, index * (12 / type.maxIndex) + 1, 1) - 1
            case .month: TimePeriod.yearMonth(year, index).endDay
            case .week: startDay + 6
            case .day: startDay
            }
        case .range: startDay
        }
    }

    /// The calendar year the period starts in.
    public var year: Int {
        switch self {
        case .year(let year), .yearMonth(let year, _), .day(let year, _, _), .dateTime(let year, _, _):
            year
        case .reporting(let year, _, _):
            year
        case .range(let start, _):
            TimePeriod(start)?.year ?? 0
        }
    }
}
