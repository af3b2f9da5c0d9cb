extension TimePeriod {
    /// The months the period spans, counted from January of year 0: `2024-Q3` spans July to September
    /// 2024, `2024` its twelve months, a day its month. Periods of different frequencies are compared
    /// through it (an annual `2024` covers `2024-Q3`). Nil for weeks, date-times and ranges, which do not
    /// fall in whole months.
    public var months: ClosedRange<Int>? {
        switch self {
        case .year(let year), .reporting(let year, .year, _):
            return year * 12...year * 12 + 11
        case .yearMonth(let year, let month), .day(let year, let month, _), .reporting(let year, .month, let month):
            return year * 12 + month - 1...year * 12 + month - 1
        case .reporting(let year, .semester, let index):
            return year * 12 + (index - 1) * 6...year * 12 + index * 6 - 1
        case .reporting(let year, .trimester, let index):
            return year * 12 + (index - 1) * 4...year * 12 + index * 4 - 1
        case .reporting(let year, .quarter, let index):
            return year * 12 + (index - 1) * 3...year * 12 + index * 3 - 1
        case .reporting, .dateTime, .range:
            return nil
        }
    }

    /// Whether the two periods share time: by their months where both have them, else by their text form.
    public func overlaps(_ other: TimePeriod) -> Bool {
        guard let mine = months, let theirs = other.months else { return self == other }
        return mine.overlaps(theirs)
    }
}
