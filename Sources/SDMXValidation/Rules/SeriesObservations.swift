import SDMXModel

/// What the cross-observation rules keep of one dataset: per series that some rule relates to other
/// series, its dimension values once and, per observation, the period, the value and where it was
/// written — 22 bytes an observation, in four flat arrays, whatever the number of rules.
///
/// Every hierarchical and temporal rule reads the same columns once the dataset has been read, so
/// an observation is stored once, not once per rule, and nothing is hashed per observation.
final class SeriesObservations {
    /// One series' observations in arrival order.
    struct Column {
        var periods: [Int64] = []
        /// NaN when the observation was reported without a value.
        var values: [Double] = []
        var lines: [UInt32] = []
        var columns: [UInt16] = []
        /// Whether the periods arrived in ascending order (the usual case; otherwise sorted when read).
        var ascending = true

        var count: Int { periods.count }

        mutating func append(period: Int64, value: Double, line: Int, column: Int) {
            if let last = periods.last, period < last { ascending = false }
            periods.append(period)
            values.append(value)
            lines.append(UInt32(clamping: line))
            columns.append(UInt16(clamping: column))
        }

        /// Entry indices in period order; of two entries for one period, the later one comes last.
        func order() -> [Int] {
            guard !ascending else { return Array(0..<count) }
            return (0..<count).sorted { (periods[$0], $0) < (periods[$1], $1) }
        }
    }

    /// Per stored series: its dimension values (the structure's slots, attributes and time empty).
    private(set) var keys: [[String?]] = []
    private(set) var columns: [Column] = []
    /// The text of each period seen, by period key, for messages.
    private var periodTexts: [Int64: String] = [:]

    /// Adds a series; returns its number.
    func addSeries(dimensionValues: [String?]) -> Int {
        keys.append(dimensionValues)
        columns.append(Column())
        return keys.count - 1
    }

    func append(series: Int, period: Int64, text: String, value: Double, line: Int, column: Int) {
        if periodTexts[period] == nil { periodTexts[period] = text }
        columns[series].append(period: period, value: value, line: line, column: column)
    }

    func periodText(_ period: Int64) -> String { periodTexts[period] ?? "" }

    /// The key under which a period is stored: its kind and ordinal in one integer, so periods of
    /// one kind sort in time order. Periods that are not regular (date-times, ranges, malformed
    /// text) get their kind's hash, as duplicate detection does.
    static func key(_ ordinal: TimePeriod.Ordinal) -> Int64 {
        (Int64(ordinal.kind) << 56) | (ordinal.value & 0x00FF_FFFF_FFFF_FFFF)
    }

    /// The year of a year period key, or the year and quarter (0–3) of a quarter period key.
    static func yearAndQuarter(_ key: Int64) -> (year: Int, quarter: Int?)? {
        var value = key & 0x00FF_FFFF_FFFF_FFFF
        if value & 0x0080_0000_0000_0000 != 0 { value |= ~0x00FF_FFFF_FFFF_FFFF }  // negative ordinals
        switch key >> 56 {
        case 1: return (Int(value), nil)
        case 6: return (Int(value >> 2), Int(value & 3))
        default: return nil
        }
    }
}
