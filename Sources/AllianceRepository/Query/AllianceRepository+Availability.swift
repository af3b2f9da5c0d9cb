import SDMXModel

extension AllianceRepository {
    /// What the repository holds for a query (its first/last-N limits aside), for `dimensions` key positions:
    /// in ``DataAvailability/Mode/exact`` the values of each dimension among the observations selected; in
    /// ``DataAvailability/Mode/available`` each dimension's values among the observations that the other
    /// dimensions' selections keep (its own ignored). Counts and time range are those of the selection.
    /// One pass over the rows, in SQL's key order; memory holds the distinct values only.
    public func availability(_ query: ObservationQuery, dimensions: Int, mode: DataAvailability.Mode = .exact)
        throws -> DataAvailability
    {
        var values = [Set<String>](repeating: [], count: dimensions)
        var counted = 0, series = 0
        var earliest: (start: Int64, period: String)?, latest: (end: Int64, period: String)?
        var lastKey: String?
        var selectionQuery = query
        selectionQuery.firstN = nil
        selectionQuery.lastN = nil
        let filter = RowFilter(query)
        if mode == .available {
            // Every key: each row is weighed against the key here, position by position.
            selectionQuery.keys = []
            selectionQuery.conditions = query.conditions.filter { condition in
                if case .dimension = condition.target { return false }
                return true
            }
        }
        if let areas = query.refAreas, areas.isEmpty {
            return DataAvailability(
                values: values.map { _ in [] }, earliestPeriod: nil, latestPeriod: nil, timeRange: nil,
                observationCount: 0, seriesCount: 0)
        }
        let selection = ObservationSelection(selectionQuery, dialect: backend.dialect)
        let needsAttributes = query.conditions.contains { condition in
            if case .attribute = condition.target { return true }
            return false
        }
        var parts: [Substring] = []
        var partsKey: String?
        try backend.forEachObservationRow(selection.statements) { row in
            let seriesKey = row.seriesKey
            let period = row.period
            if let bounds = filter.periodBounds, !bounds.holds(period) { return }
            if !filter.otherConditions.isEmpty {
                let attributes = needsAttributes ? ObservationStore.decode(row.attributes) : [:]
                guard
                    filter.matchesOthers(period: period, value: row.value ?? "", attributes: attributes)
                else { return }
            }
            if seriesKey != partsKey {
                parts = seriesKey.split(separator: ".", omittingEmptySubsequences: false)
                partsKey = seriesKey
            }
            let selected: Bool
            if mode == .available {
                let offered = filter.offered(parts)
                selected = offered.selected
                if !selected {
                    for position in offered.positions where position < dimensions {
                        values[position].insert(String(parts[position]))
                    }
                }
            } else {
                selected = filter.matchesKey(parts)
            }
            guard selected else { return }
            for position in 0..<min(dimensions, parts.count) {
                values[position].insert(String(parts[position]))
            }
            counted += 1
            if seriesKey != lastKey {
                series += 1
                lastKey = seriesKey
            }
            if let interval = PeriodInterval(period: period) {
                if earliest.map({ interval.start < $0.start }) ?? true { earliest = (interval.start, period) }
                if latest.map({ interval.end > $0.end }) ?? true { latest = (interval.end, period) }
            }
        }
        return DataAvailability(
            values: values.map { $0.sorted() }, earliestPeriod: earliest?.period, latestPeriod: latest?.period,
            timeRange: earliest.flatMap { first in latest.map { .init(start: first.start, end: $0.end) } },
            observationCount: counted, seriesCount: series)
    }
}
