import PostgresNIO

/// The ids of dataflows, series and attribute sets inside one PostgreSQL transaction, made on first use and
/// remembered (bounded): a batch's unknown names are resolved in one statement each (inserted when absent,
/// read when present). The writers of one dataflow hold its advisory lock, so no other transaction makes the
/// same series or attribute set meanwhile.
final class PostgresNames {
    private let connection: PostgresSession.Locked
    private var dataflows: [String: Int64] = [:]
    private var series: [String: Int64] = [:]
    private var attributeSets: [String: Int64] = [:]
    /// The series this transaction made (none of them has a version another transaction wrote), up to ``limit``.
    private var created: Set<Int64> = []
    /// At most this many series and attribute sets remembered; forgetting only costs a look-up.
    static let limit = 100_000

    init(connection: PostgresSession.Locked) {
        self.connection = connection
    }

    func dataflow(_ name: String) throws -> Int64 {
        if let id = dataflows[name] { return id }
        let rows = try connection.query(
            """
            WITH added AS (INSERT INTO dataflow (name) VALUES (?) ON CONFLICT DO NOTHING RETURNING id)
            SELECT id FROM added UNION ALL SELECT id FROM dataflow WHERE name = ?
            """, [.text(name), .text(name)])
        guard let id = try rows.first?.makeRandomAccess()[0].decode(Int64.self) else {
            throw PostgresNamesError.unresolved(name)
        }
        dataflows[name] = id
        return id
    }

    /// Whether this transaction made the series (false when it cannot tell).
    func made(_ series: Int64) -> Bool { created.contains(series) }

    /// The ids of each (dataflow, series key, REF_AREA), in order; series made now are stamped `now`.
    func series(_ wanted: [(dataflow: Int64, key: String, refArea: String?)], now: Int64) throws -> [Int64] {
        let name = { (dataflow: Int64, key: String) in String(dataflow) + "\u{1}" + key }
        var missing: [String: (dataflow: Int64, key: String, refArea: String?)] = [:]
        for item in wanted where series[name(item.dataflow, item.key)] == nil {
            missing[name(item.dataflow, item.key)] = item
        }
        if !missing.isEmpty {
            if series.count + missing.count > Self.limit { series.removeAll(keepingCapacity: true) }
            let items = Array(missing.values)
            var bindings = PostgresBindings()
            bindings.append(items.map(\.dataflow))
            bindings.append(items.map(\.key))
            bindings.append(items.map { $0.refArea ?? "" })
            bindings.append(items.map { $0.refArea != nil })
            bindings.append(now)
            let rows = try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::boolean[])
                                AS i(dataflowID, seriesKey, refArea, hasArea)),
                            added AS (INSERT INTO series (dataflowID, seriesKey, refArea, updated)
                                SELECT dataflowID, seriesKey, CASE WHEN hasArea THEN refArea END, $5 FROM input
                                ORDER BY dataflowID, seriesKey
                                ON CONFLICT DO NOTHING RETURNING id, dataflowID, seriesKey)
                        SELECT id, dataflowID, seriesKey, true FROM added
                        UNION ALL SELECT s.id, s.dataflowID, s.seriesKey, false FROM series s
                            JOIN input i ON s.dataflowID = i.dataflowID AND s.seriesKey = i.seriesKey
                        """, binds: bindings))
            for row in rows {
                let (id, dataflow, key, made) = try row.decode((Int64, Int64, String, Bool).self)
                series[name(dataflow, key)] = id
                if made, created.count < Self.limit { created.insert(id) }
            }
        }
        return try wanted.map { item in
            guard let id = series[name(item.dataflow, item.key)] else { throw PostgresNamesError.unresolved(item.key) }
            return id
        }
    }

    /// The ids of each (dataflow, attributes), in order.
    func attributeSets(_ wanted: [(dataflow: Int64, attributes: String)]) throws -> [Int64] {
        let name = { (dataflow: Int64, attributes: String) in String(dataflow) + "\u{1}" + attributes }
        var missing: [String: (dataflow: Int64, attributes: String)] = [:]
        for item in wanted where attributeSets[name(item.dataflow, item.attributes)] == nil {
            missing[name(item.dataflow, item.attributes)] = item
        }
        if !missing.isEmpty {
            if attributeSets.count + missing.count > Self.limit { attributeSets.removeAll(keepingCapacity: true) }
            let items = Array(missing.values)
            var bindings = PostgresBindings()
            bindings.append(items.map(\.dataflow))
            bindings.append(items.map(\.attributes))
            let rows = try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[]) AS i(dataflowID, attributes)),
                            added AS (INSERT INTO attributeSet (dataflowID, attributes)
                                SELECT dataflowID, attributes FROM input
                                ON CONFLICT DO NOTHING RETURNING id, dataflowID, attributes)
                        SELECT id, dataflowID, attributes FROM added
                        UNION ALL SELECT a.id, a.dataflowID, a.attributes FROM attributeSet a
                            JOIN input i ON a.dataflowID = i.dataflowID
                                AND md5(a.attributes) = md5(i.attributes)
                                AND a.attributes = i.attributes
                        """, binds: bindings))
            for row in rows {
                let (id, dataflow, attributes) = try row.decode((Int64, Int64, String).self)
                attributeSets[name(dataflow, attributes)] = id
            }
        }
        return try wanted.map { item in
            guard let id = attributeSets[name(item.dataflow, item.attributes)] else {
                throw PostgresNamesError.unresolved(item.attributes)
            }
            return id
        }
    }
}

/// A name a statement should have given an id to and did not (another writer made it without the lock).
enum PostgresNamesError: Error, CustomStringConvertible {
    case unresolved(String)

    var description: String {
        switch self {
        case .unresolved(let name): "the repository gave no id to '\(name.prefix(80))': try the ingest again"
        }
    }
}
