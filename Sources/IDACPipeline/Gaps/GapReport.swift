/// One country × indicator cell of the data-gap map.
public struct GapCell: Sendable, Equatable {
    public enum AgeBreakdown: String, Sendable {
        /// The Alliance's bands that partition Y0T17 (five-year, or UNHCR's) are all reported.
        case bands
        /// Some bands, not a full partition.
        case partial
        /// Only all ages (Y0T17 or _T).
        case totalOnly = "total-only"
        /// No data, or no AGE dimension in the dataflow.
        case none
        case notApplicable = "n/a"
    }

    public var country: String
    public var indicator: String
    public var observations: Int
    public var latestPeriod: String?
    /// nil where the dataflow has no such dimension.
    public var sex: Bool?
    public var age: AgeBreakdown
    public var accompaniment: Bool?
    public var origin: Bool?
    public var estimatedShare: Double
    public var provisionalShare: Double
    public var imputedShare: Double
    public var missingShare: Double
    /// Median days from the end of an observation's period to the transmission that first delivered it.
    public var timelinessDays: Int?
    /// Share of observations revised at least once.
    public var revisedShare: Double

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
    public var key: String
    public var cells: Int
    public var cellsWithData: Int
    public var coverage: Double
    public var completeness: Double
    public var previousCoverage: Double
    public var coverageChange: Double { coverage - previousCoverage }
}

/// The data-gap map for a dataflow and period.
public struct GapReport: Sendable {
    public var dataflow: String
    public var period: String
    public var previousPeriod: String
    public var countries: [String]
    public var indicators: [String]
    /// Rows are countries, columns indicators.
    public var cells: [[GapCell]]
    /// `COUNTRY|INDICATOR` of the cells that had data in the previous period.
    public var previousCells: Set<String>

    public var byCountry: [GapSummary] {
        zip(countries, cells).map { country, row in
            summary(key: country, row, previous: row.map { "\(country)|\($0.indicator)" })
        }
    }

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
