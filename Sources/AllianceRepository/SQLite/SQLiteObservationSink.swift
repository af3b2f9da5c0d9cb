import GRDB

/// Stores observations one at a time with prepared statements, inside an ingest's SQLite transaction.
final class SQLiteObservationSink: ObservationSink {
    private let db: Database
    private let transmissionID: Int64
    private let now: String
    private let current: Statement
    private let close: Statement
    private let insert: Statement
    private let insertNew: Statement
    private(set) var inserted = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0

    init(db: Database, transmissionID: Int64, now: String) throws {
        self.db = db
        self.transmissionID = transmissionID
        self.now = now
        current = try db.makeStatement(
            sql: """
                SELECT id, value, attributes FROM observation
                WHERE dataflow = ? AND seriesKey = ? AND period = ? AND validTo IS NULL
                """)
        close = try db.makeStatement(sql: "UPDATE observation SET validTo = ? WHERE id = ?")
        insert = try db.makeStatement(
            sql: """
                INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID,
                    validFrom, periodStart, periodEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Most observations of a transmission are new: try the insert first, and look for the
        // current version only when one is there.
        insertNew = try db.makeStatement(
            sql: """
                INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID,
                    validFrom, periodStart, periodEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dataflow, seriesKey, period) WHERE validTo IS NULL DO NOTHING
                """)
    }

    func upsert(_ observation: PendingObservation) throws {
        let arguments: StatementArguments = [
            observation.dataflow, observation.seriesKey, observation.refArea, observation.period, observation.value,
            observation.attributes, transmissionID, now, observation.periodStart, observation.periodEnd,
        ]
        try insertNew.execute(arguments: arguments)
        if db.changesCount > 0 {
            inserted += 1
            return
        }
        if let row = try Row.fetchOne(
            current, arguments: [observation.dataflow, observation.seriesKey, observation.period])
        {
            let oldValue: String? = row["value"], oldAttributes: String = row["attributes"]
            if (oldValue ?? "") == (observation.value ?? ""), oldAttributes == observation.attributes {
                unchanged += 1
                return
            }
            try close.execute(arguments: [now, row["id"] as Int64])
        }
        try insert.execute(arguments: arguments)
        inserted += 1
    }

    func delete(dataflow: String, keyParts: [String], period: String) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, seriesKey FROM observation WHERE dataflow = ? AND validTo IS NULL AND (? = '' OR period = ?)
                """, arguments: [dataflow, period, period])
        for row in rows where ObservationStore.key(row["seriesKey"], matches: keyParts) {
            try close.execute(arguments: [now, row["id"] as Int64])
            deleted += 1
        }
    }

    func finish() throws {}
}
