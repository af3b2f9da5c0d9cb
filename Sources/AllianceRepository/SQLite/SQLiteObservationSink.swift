import GRDB

/// Stores observations one at a time with prepared statements, inside an ingest's SQLite transaction. A
/// version is keyed by (series, period, validFrom): a key given again within the same transmission revises
/// the version that transmission wrote in place (a version that lasted no time is never kept).
final class SQLiteObservationSink: ObservationSink {
    private let db: Database
    private let transmissionID: Int64
    private let now: Int64
    private let names: SQLiteNames
    private let current: Statement
    private let close: Statement
    private let revise: Statement
    private let insert: Statement
    private let insertNew: Statement
    private let touch: Statement
    private let remove: Statement
    /// The series whose `updated` is already this transmission's time.
    private var touched: Set<Int64> = []
    private(set) var inserted = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0

    init(db: Database, transmissionID: Int64, now: Int64) throws {
        self.db = db
        self.transmissionID = transmissionID
        self.now = now
        names = try SQLiteNames(db: db)
        current = try db.makeStatement(
            sql: """
                SELECT validFrom, value, attributeSetID FROM observation
                WHERE seriesID = ? AND period = ? AND validTo IS NULL
                """)
        close = try db.makeStatement(
            sql: "UPDATE observation SET validTo = ? WHERE seriesID = ? AND period = ? AND validFrom = ?")
        revise = try db.makeStatement(
            sql: """
                UPDATE observation SET value = ?, attributeSetID = ?, transmissionID = ?
                WHERE seriesID = ? AND period = ? AND validFrom = ?
                """)
        let columns = "seriesID, period, validFrom, value, attributeSetID, transmissionID"
        insert = try db.makeStatement(sql: "INSERT INTO observation (\(columns)) VALUES (?, ?, ?, ?, ?, ?)")
        // A series made by this transmission has no older versions: its observations are inserted at once.
        insertNew = try db.makeStatement(
            sql: "INSERT INTO observation (\(columns)) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        touch = try db.makeStatement(sql: "UPDATE series SET updated = ? WHERE id = ?")
        remove = try db.makeStatement(
            sql: "DELETE FROM observation WHERE seriesID = ? AND period = ? AND validFrom = ?")
    }

    func upsert(_ observation: PendingObservation) throws {
        let dataflow = try names.dataflow(observation.dataflow)
        let series = try names.series(
            dataflow: dataflow, key: observation.seriesKey, refArea: observation.refArea, now: now)
        let attributes = try names.attributeSet(dataflow: dataflow, attributes: observation.attributes)
        if series.fresh {
            touched.insert(series.id)
            try insertNew.execute(arguments: [
                series.id, observation.period, now, observation.value, attributes, transmissionID,
            ])
            if db.changesCount > 0 {
                inserted += 1
                return
            }
        }
        let key: StatementArguments = [series.id, observation.period]
        if let row = try Row.fetchOne(current, arguments: key) {
            let oldValue: String? = row[1], oldAttributes: Int64 = row[2], validFrom: Int64 = row[0]
            if (oldValue ?? "") == (observation.value ?? ""), oldAttributes == attributes {
                unchanged += 1
                return
            }
            if validFrom == now {
                try revise.execute(arguments: [observation.value, attributes, transmissionID] + key + [now])
                inserted += 1
                return
            }
            try close.execute(arguments: [now] + key + [validFrom])
        }
        try insert.execute(arguments: key + [now, observation.value, attributes, transmissionID])
        try touchSeries(series.id)
        inserted += 1
    }

    func delete(dataflow: String, keyParts: [String], period: String) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.seriesKey, o.period, o.validFrom
                FROM dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation o ON o.seriesID = s.id
                WHERE d.name = ? AND o.validTo IS NULL AND (? = '' OR o.period = ?)
                """, arguments: [dataflow, period, period])
        for row in rows where ObservationStore.key(row[1], matches: keyParts) {
            let seriesID: Int64 = row[0], period: String = row[2], validFrom: Int64 = row[3]
            if validFrom == now {
                // Written by this transmission: it never was in force.
                try remove.execute(arguments: [seriesID, period, validFrom])
            } else {
                try close.execute(arguments: [now, seriesID, period, validFrom])
            }
            try touchSeries(seriesID)
            deleted += 1
        }
    }

    private func touchSeries(_ id: Int64) throws {
        guard touched.insert(id).inserted else { return }
        try touch.execute(arguments: [now, id])
        if touched.count >= SQLiteNames.limit { touched.removeAll(keepingCapacity: true) }
    }

    func finish() throws {}
}
