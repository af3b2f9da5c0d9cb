/// One country × indicator cell of the data-gap map.
public struct GapCell: Sendable, Equatable {
    /// How far a cell's data break down by AGE.
    public enum AgeBreakdown: String, Sendable {
        /// The Alliance's bands that partition Y0T17 (five-year, or UNHCR's) are all reported.
        case bands
        /// Some bands, not a full partition.
        case partial
        /// Only all ages (Y0T17 or _T).
        case totalOnly = "total-only"
        /// No data, or no AGE dimension in the dataflow.
        case none
        /// The dataflow has no AGE dimension: age does not count towards completeness.
        case notApplicable = "n/a"
    }

    /// The REF_AREA code of the row.
    public var country: String
    /// The INDICATOR code of the column.
    public var indicator: String
    /// Observations stored for the cell within the period; 0 means a gap.
    public var observations: Int
    /// The period, as stored, that ends last among the cell's observations; nil without data.
    public var latestPeriod: String?
    /// nil where the dataflow has no such dimension.
    public var sex: Bool?
    /// How far the data break down by age.
    public var age: AgeBreakdown
    /// Whether some observation separates unaccompanied or separated children (ACCOMPANIMENT `UNACC` or `SEP`); nil
    /// where the dataflow has no such dimension or the cell has no data.
    public var accompaniment: Bool?
    /// Whether some observation names a COUNTRY_ORIGIN other than `_T`, `_U` or `_Z`; nil where the dataflow has no
    /// such dimension or the cell has no data.
    public var origin: Bool?
    /// Share (0 to 1) of the cell's observations with OBS_STATUS `E` (estimated).
    public var estimatedShare: Double
    /// Share (0 to 1) of the cell's observations with OBS_STATUS `P` (provisional).
    public var provisionalShare: Double
    /// Share (0 to 1) of the cell's observations with OBS_STATUS `I` (imputed).
    public var imputedShare: Double
    /// Share (0 to 1) of the cell's observations that are missing: OBS_STATUS `M`, `L`, `O` or `Q`, or an empty value
    /// with any other status (or none).
    public var missingShare: Double
    /// Median days from the end of an observation's period to the transmission that first delivered it.
    public var timelinessDays: Int?
    /// Share of observations revised at least once.
    public var revisedShare: Double

    /// Whether the cell has any observation in the period.
    public var hasData: Bool { observations > 0 }

    /// Share of the child-specific breakdowns the cell has (among those the dataflow allows): 0 to 1.
    public var completeness: Double {
        guard hasData else { return 0 }
        var present = 0.0, possible = 0.0
        for flag in [sex, accompaniment, origin] {
            guard let flag else { continue }
            possible += 1
            if flag { present += 1 }
        }
        if age != .notApplicable {
            possible += 1
            present += age == .bands ? 1 : age == .partial ? 0.5 : 0
        }
        return possible == 0 ? 1 : present / possible
    }

    static func empty(country: String, indicator: String) -> GapCell {
        GapCell(
            country: country, indicator: indicator, observations: 0, latestPeriod: nil, sex: nil, age: .none,
            accompaniment: nil,
            origin: nil, estimatedShare: 0, provisionalShare: 0, imputedShare: 0, missingShare: 0, timelinessDays: nil,
            revisedShare: 0)
    }
}

/// A row or column of the map summed up: how many cells have data, how complete their breakdowns
/// are, and the change in coverage since the period before.
public struct GapSummary: Sendable, Equatable {
    /// The country or indicator summed up.
    public var key: String
    /// Cells in the row or column.
    public var cells: Int
    /// Those of them with data in the period.
    public var cellsWithData: Int
    /// Share (0 to 1) of the cells with data.
    public var coverage: Double
    /// The mean ``GapCell/completeness`` of the cells with data (0 when none has).
    public var completeness: Double
    /// Share (0 to 1) of the cells that had data in the period before.
    public var previousCoverage: Double
    /// Coverage gained (positive) or lost since the period before, as a share.
    public var coverageChange: Double { coverage - previousCoverage }
}

/// The data-gap map for a dataflow and period.
public struct GapReport: Sendable {
    /// The dataflow mapped, `AGENCY:ID(VERSION)`.
    public var dataflow: String
    /// The period mapped, as the user gave it.
    public var period: String
    /// The period before it (the year, quarter, semester or month before), for the change in coverage.
    public var previousPeriod: String
    /// The rows' REF_AREA codes.
    public var countries: [String]
    /// The columns' INDICATOR codes, in code-list order.
    public var indicators: [String]
    /// Rows are countries, columns indicators.
    public var cells: [[GapCell]]
    /// `COUNTRY|INDICATOR` of the cells that had data in the previous period.
    public var previousCells: Set<String>

    /// One summary per country (row), in row order.
    public var byCountry: [GapSummary] {
        zip(countries, cells).map { country, row in
            summary(key: country, row, previous: row.map { "\(country)|\($0.indicator)" })
        }
    }

    /// One summary per indicator (column), in column order.
    public var byIndicator: [GapSummary] {
        indicators.enumerated().map { column, indicator in
            let cellsOfIndicator = cells.map { $0[column] }
            return summary(key: indicator, cellsOfIndicator, previous: countries.map { "\($0)|\(indicator)" })
        }
    }

    private func summary(key: String, _ group: [GapCell], previous: [String]) -> GapSummary {
        let withData = group.filter(\.hasData)
        return GapSummary(
            key: key, cells: group.count, cellsWithData: withData.count,
            coverage: group.isEmpty ? 0 : Double(withData.count) / Double(group.count),
            completeness: withData.isEmpty ? 0 : withData.map(\.completeness).reduce(0, +) / Double(withData.count),
            previousCoverage: previous.isEmpty
                ? 0 : Double(previous.filter(previousCells.contains).count) / Double(previous.count))
    }

    /// The largest gaps, in words: stocks of refugee or displaced children reported without age or
    /// sex, then countries with no data at all for the period.
    public var largestGaps: [String] {
        var gaps: [(Int, String)] = []
        for row in cells {
            for cell in row where cell.hasData && GapAnalysis.stockIndicators.contains(cell.indicator) {
                var missing: [String] = []
                if cell.age == .totalOnly || cell.age == .partial { missing.append("age") }
                if cell.sex == false { missing.append("sex") }
                if !missing.isEmpty {
                    gaps.append(
                        (
                            cell.observations,
                            "\(cell.country): \(cell.indicator) is reported without a breakdown by \(missing.joined(separator: " or "))"
                        ))
                }
            }
        }
        gaps.sort { $0.0 > $1.0 }
        var lines = gaps.prefix(15).map(\.1)
        for (country, row) in zip(countries, cells) where !row.contains(where: \.hasData) {
            lines.append("\(country): no data at all for \(period)")
        }
        return lines
    }
}
