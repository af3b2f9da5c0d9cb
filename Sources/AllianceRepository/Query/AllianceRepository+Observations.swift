import SDMXModel

extension AllianceRepository {
    /// Hands the observations a query selects to `body` one at a time, in key and period order (and version
    /// order in a history read), as SQLite's cursors yield them: memory does not grow with the answer.
    /// The dataflow, version, period bounds, update time and the key's leading values are selected in SQL
    /// through the indexes; the rest of the key, the component conditions and the per-series limits as the
    /// rows pass.
    public func forEachObservation(_ query: ObservationQuery, _ body: (StoredObservation) throws -> Void) throws {
        if let areas = query.refAreas, areas.isEmpty { return }
        let selection = ObservationSelection(query, dialect: backend.dialect)
        let filter = RowFilter(query)
        try withoutActuallyEscaping(body) { body in
            var limiter = SeriesLimiter(firstN: query.firstN, lastN: query.lastN, body: body)
            let limited = query.firstN != nil || query.lastN != nil
            var decoded = AttributeDecoding()
            try backend.forEachObservationRow(selection.statements) { row in
                let value = row.value ?? ""
                let attributes = decoded.attributes(row.attributes)
                guard
                    filter.matches(
                        seriesKey: row.seriesKey, period: row.period, value: value, attributes: attributes)
                else { return }
                let observation = StoredObservation(
                    dataflow: query.dataflow, seriesKey: row.seriesKey, period: row.period, value: value,
                    attributes: attributes, transmissionID: row.transmissionID, validFrom: row.validFrom,
                    validTo: row.validTo)
                // Without per-series limits a row goes straight on.
                if limited { try limiter.accept(observation) } else { try body(observation) }
            }
            try limiter.flush()
        }
    }

    /// What the engine says of each statement a query runs, one line per step (SQLite's `EXPLAIN QUERY
    /// PLAN`, PostgreSQL's `EXPLAIN`): how a query's filters use the indexes, for diagnostics and tests.
    public func queryPlan(_ query: ObservationQuery) throws -> [String] {
        try backend.queryPlan(ObservationSelection(query, dialect: backend.dialect).statements)
    }

    /// The time of the repository's last change (the latest accepted transmission, whose time every version
    /// it stored or closed carries), of one dataflow or of all; nil when there is none. What a server's
    /// `ETag` and `Last-Modified` come from.
    public func lastChange(dataflow: String? = nil) throws -> String? {
        var last: String?
        let statement =
            dataflow.map {
                SQLStatement(
                    sql: "SELECT MAX(received) FROM transmission WHERE status = 'accepted' AND dataflow = ?",
                    arguments: [.text($0)])
            }
            ?? SQLStatement(sql: "SELECT MAX(received) FROM transmission WHERE status = 'accepted'", arguments: [])
        try backend.forEachRow([statement]) { row in last = row.text(0) }
        return last
    }
}

/// The attributes of the rows, decoded once per distinct text (a dataflow has few attribute sets, and a
/// series' rows mostly share one): decoding each row's cost a tenth of an answer. Holds at most 1 024.
struct AttributeDecoding {
    private var lastText = ""
    private var last: [String: String] = [:]
    private var known: [String: [String: String]] = [:]

    mutating func attributes(_ text: String) -> [String: String] {
        if text == lastText { return last }
        let attributes: [String: String]
        if let found = known[text] {
            attributes = found
        } else {
            attributes = ObservationStore.decode(text)
            if known.count >= 1024 { known.removeAll(keepingCapacity: true) }
            known[text] = attributes
        }
        lastText = text
        last = attributes
        return attributes
    }
}

/// The checks made row by row: the key (SQL narrowed its leading positions only) and the component
/// conditions.
struct RowFilter {
    /// The key alternatives; empty for any key.
    let keys: [[Set<String>]]
    let dimensionConditions: [(position: Int, condition: ComponentCondition)]
    let otherConditions: [ComponentCondition]
    /// The period bounds (``ObservationQuery/periodFrom``, ``ObservationQuery/periodUntil``), nil when none.
    let periodBounds: PeriodBounds?

    init(_ query: ObservationQuery) {
        periodBounds =
            query.periodFrom == nil && query.periodUntil == nil
            ? nil : PeriodBounds(from: query.periodFrom, until: query.periodUntil)
        keys = query.keys.contains { $0.allSatisfy(\.isEmpty) } ? [] : query.keys
        var dimensions: [(Int, ComponentCondition)] = []
        var others: [ComponentCondition] = []
        for condition in query.conditions {
            if case .dimension(let position) = condition.target {
                dimensions.append((position, condition))
            } else {
                others.append(condition)
            }
        }
        dimensionConditions = dimensions
        otherConditions = others
    }

    var isEmpty: Bool {
        keys.isEmpty && dimensionConditions.isEmpty && otherConditions.isEmpty && periodBounds == nil
    }
    var readsKey: Bool { !keys.isEmpty || !dimensionConditions.isEmpty }

    func matches(seriesKey: String, period: String, value: String, attributes: [String: String]) -> Bool {
        if let periodBounds, !periodBounds.holds(period) { return false }
        if readsKey {
            let parts = seriesKey.split(separator: ".", omittingEmptySubsequences: false)
            guard matchesKey(parts) else { return false }
        }
        return matchesOthers(period: period, value: value, attributes: attributes)
    }

    func matchesOthers(period: String, value: String, attributes: [String: String]) -> Bool {
        otherConditions.allSatisfy { condition in
            switch condition.target {
            case .timePeriod: condition.matches(period)
            case .value: condition.matches(value)
            case .attribute(let id): condition.matches(attributes[id] ?? "")
            case .dimension: true
            }
        }
    }

    func matchesKey(_ parts: [Substring]) -> Bool {
        guard dimensionConditionsHold(parts, except: nil) else { return false }
        return keys.isEmpty || keys.contains { misses(parts, $0, limit: 0) == [] }
    }

    /// For `mode=available`: the key positions whose value the row may offer. Every position when the row
    /// matches; the one position that fails, when only one does (for some alternative); none otherwise.
    func offered(_ parts: [Substring]) -> (selected: Bool, positions: Set<Int>) {
        var failedConditions: [Int] = []
        for (position, condition) in dimensionConditions
        where !(position < parts.count && condition.matches(String(parts[position]))) {
            if !failedConditions.contains(position) { failedConditions.append(position) }
        }
        if failedConditions.count > 1 { return (false, []) }
        var offered = Set<Int>()
        for key in keys.isEmpty ? [[]] : keys {
            guard var failed = key.isEmpty ? [] : misses(parts, key, limit: 1) else { continue }
            for position in failedConditions where !failed.contains(position) { failed.append(position) }
            if failed.isEmpty { return (true, Set(0..<parts.count)) }
            if failed.count == 1 { offered.insert(failed[0]) }
        }
        return (false, offered)
    }

    private func dimensionConditionsHold(_ parts: [Substring], except: Int?) -> Bool {
        dimensionConditions.allSatisfy { position, condition in
            position == except || (position < parts.count && condition.matches(String(parts[position])))
        }
    }

    /// The positions where `parts` fails `key`, or nil past `limit` of them (or a different length).
    private func misses(_ parts: [Substring], _ key: [Set<String>], limit: Int) -> [Int]? {
        guard parts.count == key.count else { return nil }
        var failed: [Int] = []
        for (position, values) in key.enumerated() where !values.isEmpty && !values.contains(String(parts[position])) {
            failed.append(position)
            if failed.count > limit { return nil }
        }
        return failed
    }
}

/// Whether a period lies within bounds, by the time it covers (``PeriodInterval``): a period that cannot be
/// read is outside any. Each period is parsed once (answers repeat their periods in every series).
final class PeriodBounds {
    let from: Int64?
    let until: Int64?
    private var known: [String: Bool] = [:]

    init(from: Int64?, until: Int64?) {
        self.from = from
        self.until = until
    }

    func holds(_ period: String) -> Bool {
        if let answer = known[period] { return answer }
        let answer =
            PeriodInterval(period: period).map { interval in
                from.map { interval.start >= $0 } ?? true && until.map { interval.end <= $0 } ?? true
            } ?? false
        // Bounded: daily or date-time periods are all different.
        if known.count >= 10_000 { known.removeAll(keepingCapacity: true) }
        known[period] = answer
        return answer
    }
}
