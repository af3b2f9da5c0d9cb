import PostgresNIO
import SDMXModel

/// Stores observations in batches inside an ingest's PostgreSQL transaction: a round trip per observation
/// would cost more than the rest of the ingest. A batch goes to the server as arrays (one bound parameter
/// per column, read with `unnest`) in two statements: the first closes the current versions the batch
/// changes, the second inserts the batch's observations that then have no current version. Its outcome is
/// the one-at-a-time writer's (``SQLiteObservationSink``): a key repeated within a batch, or a deletion,
/// first writes what is held, so every observation sees the ones before it.
///
/// The first write of a dataflow takes a transaction-level advisory lock on it: two transmissions revising
/// the same series at once are stored one after the other, each seeing the other's versions. The versions
/// are then stamped with the server's clock read after the lock was granted (``now``), not with the time
/// the file arrived: a transmission that waited for another stamps its versions after the other's, so
/// each key's history stays in order (one clock for every worker, whatever their machines' clocks say).
final class PostgresObservationSink: ObservationSink {
    private let connection: PostgresSession.Locked
    private let transmissionID: Int64
    /// The time the versions written are stamped with: the transmission's arrival until a lock is taken.
    private(set) var now: String
    private(set) var inserted = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0
    private var batch: [PendingObservation] = []
    private var keys: Set<String> = []
    private var lockedDataflows: Set<String> = []
    /// Observations per batch: large enough to amortise the round trips, small enough to bound memory.
    static let batchSize = 5_000

    init(connection: PostgresSession.Locked, transmissionID: Int64, now: String) {
        self.connection = connection
        self.transmissionID = transmissionID
        self.now = now
    }

    func upsert(_ observation: PendingObservation) throws {
        if !lockedDataflows.contains(observation.dataflow) {
            try flush()
            try lock(observation.dataflow)
        }
        let key = observation.dataflow + "\u{1}" + observation.seriesKey + "\u{1}" + observation.period
        if keys.contains(key) { try flush() }
        keys.insert(key)
        batch.append(observation)
        if batch.count >= Self.batchSize { try flush() }
    }

    func delete(dataflow: String, keyParts: [String], period: String) throws {
        try lock(dataflow)
        try flush()
        let rows = try connection.query(
            "SELECT id, seriesKey FROM observation WHERE dataflow = ? AND validTo IS NULL AND (? = '' OR period = ?)",
            [.text(dataflow), .text(period), .text(period)])
        var ids: [Int64] = []
        for row in rows {
            let cells = row.makeRandomAccess()
            if ObservationStore.key(try cells[1].decode(String.self), matches: keyParts) {
                ids.append(try cells[0].decode(Int64.self))
            }
        }
        guard !ids.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(now)
        bindings.append(ids)
        try connection.query(
            PostgresQuery(
                unsafeSQL: "UPDATE observation SET validTo = $1 WHERE id = ANY($2::bigint[])", binds: bindings))
        deleted += ids.count
    }

    func finish() throws {
        try flush()
    }

    /// Serialises the writers of one dataflow until this transaction ends, and reads the time to stamp.
    private func lock(_ dataflow: String) throws {
        guard !lockedDataflows.contains(dataflow) else { return }
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [.text("idac:" + dataflow)])
        lockedDataflows.insert(dataflow)
        let stamp = try connection.query(
            #"SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#)
        if let text = try stamp.first?.makeRandomAccess()[0].decode(String.self) { now = text }
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        defer {
            batch.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
        }
        var dataflows: [String] = [], seriesKeys: [String] = [], periods: [String] = [], values: [String] = []
        var attributes: [String] = [], areas: [String] = [], hasArea: [Bool] = []
        var starts: [Int64] = [], ends: [Int64] = [], hasInterval: [Bool] = []
        for observation in batch {
            dataflows.append(observation.dataflow)
            seriesKeys.append(observation.seriesKey)
            periods.append(observation.period)
            // Missing values are stored as NULL, and compared as empty (NULLIF/COALESCE below).
            values.append(observation.value ?? "")
            attributes.append(observation.attributes)
            areas.append(observation.refArea ?? "")
            hasArea.append(observation.refArea != nil)
            starts.append(observation.periodStart ?? 0)
            ends.append(observation.periodEnd ?? 0)
            hasInterval.append(observation.periodStart != nil && observation.periodEnd != nil)
        }
        var close = PostgresBindings()
        close.append(now)
        for column in [dataflows, seriesKeys, periods, values, attributes] { close.append(column) }
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE observation o SET validTo = $1
                    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                        AS s(dataflow, seriesKey, period, value, attributes)
                    WHERE o.dataflow = s.dataflow AND o.seriesKey = s.seriesKey AND o.period = s.period
                        AND o.validTo IS NULL AND (COALESCE(o.value, '') <> s.value OR o.attributes <> s.attributes)
                    """, binds: close))
        var insert = PostgresBindings()
        insert.append(transmissionID)
        insert.append(now)
        for column in [dataflows, seriesKeys, areas, periods, values, attributes] { insert.append(column) }
        insert.append(hasArea)
        insert.append(starts)
        insert.append(ends)
        insert.append(hasInterval)
        let result = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID,
                        validFrom, periodStart, periodEnd)
                    SELECT s.dataflow, s.seriesKey, CASE WHEN s.hasArea THEN s.refArea END, s.period,
                        NULLIF(s.value, ''), s.attributes, $1, $2, CASE WHEN s.hasInterval THEN s.periodStart END,
                        CASE WHEN s.hasInterval THEN s.periodEnd END
                    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::boolean[], $10::bigint[], $11::bigint[], $12::boolean[])
                        AS s(dataflow, seriesKey, refArea, period, value, attributes, hasArea, periodStart,
                            periodEnd, hasInterval)
                    WHERE NOT EXISTS (
                        SELECT 1 FROM observation o WHERE o.dataflow = s.dataflow AND o.seriesKey = s.seriesKey
                            AND o.period = s.period AND o.validTo IS NULL)
                    """, binds: insert))
        let stored = result.metadata.rows ?? 0
        inserted += stored
        unchanged += batch.count - stored
    }
}
