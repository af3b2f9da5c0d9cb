import PostgresNIO
import SDMXModel

/// Stores observations in batches inside an ingest's PostgreSQL transaction: a round trip per observation
/// would cost more than the rest of the ingest. A batch's series and attribute sets are resolved to ids first
/// (``PostgresNames``). A batch goes to the server as arrays (one bound parameter per column, read with
/// `unnest`). Its keys in series this transaction made and did not write before (``WrittenKeys``) have no
/// version at all: they are inserted as they are, looked up nowhere. The others take three statements: the
/// first revises in place the versions this transmission wrote that the batch changes again, the second
/// closes the older current versions it changes, the third inserts the batch's observations that then have
/// no current version. Its outcome is
/// the one-at-a-time writer's (``SQLiteObservationSink``): a key repeated within a batch, or a deletion,
/// first writes what is held, so every observation sees the ones before it.
///
/// The first write of a dataflow takes a transaction-level advisory lock on it (keyed within the repository's
/// schema, so that repositories in other schemas of the database never wait for it): two transmissions revising
/// the same series at once are stored one after the other, each seeing the other's versions. The versions
/// are then stamped with the server's clock read after the lock was granted (``now``), not with the time
/// the file arrived: a transmission that waited for another stamps its versions after the other's, so
/// each key's history stays in order (one clock for every worker, whatever their machines' clocks say).
final class PostgresObservationSink: ObservationSink {
    private let connection: PostgresSession.Locked
    private let transmissionID: Int64
    private let names: PostgresNames
    /// The repository's schema, in the dataflow locks' keys.
    private let schema: String
    /// The time the versions written are stamped with: the transmission's arrival until a lock is taken.
    private(set) var now: String
    private var nowMilliseconds: Int64
    private(set) var inserted = 0
    private(set) var unchanged = 0
    private(set) var deleted = 0
    private var batch: [PendingObservation] = []
    private var keys: Set<Int> = []
    private var lastDataflow = ""
    private var lockedDataflows: Set<String> = []
    /// The series whose `updated` is already this transmission's time.
    private var touched: Set<Int64> = []
    /// The keys written into series this transaction made.
    private var written = WrittenKeys()
    /// Observations per batch: large enough to amortise the round trips, small enough to bound memory.
    static let batchSize = 5_000

    init(connection: PostgresSession.Locked, transmissionID: Int64, now: String, schema: String) {
        self.connection = connection
        self.schema = schema
        self.transmissionID = transmissionID
        self.now = now
        nowMilliseconds = RepositoryInstant.milliseconds(now) ?? 0
        names = PostgresNames(connection: connection)
    }

    func upsert(_ observation: PendingObservation) throws {
        if observation.dataflow != lastDataflow {
            if !lockedDataflows.contains(observation.dataflow) {
                try flush()
                try lock(observation.dataflow)
            }
            lastDataflow = observation.dataflow
        }
        // The batch's keys by hash: two keys with one hash only write the batch early.
        var hasher = Hasher()
        hasher.combine(observation.dataflow)
        hasher.combine(observation.seriesKey)
        hasher.combine(observation.period)
        let key = hasher.finalize()
        if keys.contains(key) { try flush() }
        keys.insert(key)
        batch.append(observation)
        if batch.count >= Self.batchSize { try flush() }
    }

    func delete(dataflow: String, keyParts: [String], period: String) throws {
        try lock(dataflow)
        try flush()
        let rows = try connection.query(
            """
            SELECT s.id, s.seriesKey, o.period, o.validFrom
            FROM dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation o ON o.seriesID = s.id
            WHERE d.name = ? AND o.validTo IS NULL AND (? = '' OR o.period = ?)
            """, [.text(dataflow), .text(period), .text(period)])
        var series: [Int64] = [], periods: [String] = [], starts: [Int64] = []
        for row in rows {
            let (id, seriesKey, period, validFrom) = try row.decode((Int64, String, String, Int64).self)
            if ObservationStore.key(seriesKey, matches: keyParts) {
                series.append(id)
                periods.append(period)
                starts.append(validFrom)
            }
        }
        guard !series.isEmpty else { return }
        var bindings = PostgresBindings()
        bindings.append(nowMilliseconds)
        bindings.append(series)
        bindings.append(periods)
        bindings.append(starts)
        // A version this transmission wrote never was in force: removed; the others end now.
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH doomed AS (SELECT * FROM unnest($2::bigint[], $3::text[], $4::bigint[])
                            AS d(seriesID, period, validFrom)),
                        removed AS (DELETE FROM observation o USING doomed d WHERE o.seriesID = d.seriesID
                            AND o.period = d.period AND o.validFrom = d.validFrom AND o.validFrom = $1)
                    UPDATE observation o SET validTo = $1 FROM doomed d WHERE o.seriesID = d.seriesID
                        AND o.period = d.period AND o.validFrom = d.validFrom AND o.validFrom <> $1
                    """, binds: bindings))
        try touch(Set(series))
        deleted += series.count
    }

    func finish() throws {
        try flush()
    }

    /// Serialises the writers of one dataflow until this transaction ends, and reads the time to stamp.
    private func lock(_ dataflow: String) throws {
        guard !lockedDataflows.contains(dataflow) else { return }
        try connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
            [.text(PostgresBackend.lockKey("dataflow:" + dataflow, schema: schema))])
        if lockedDataflows.isEmpty {
            // A batch's 5 000 keys are each one index search. Knowing the arrays' length, the planner would
            // rather read the whole versions table once per statement (a hash join), 200 times for 1 000 000
            // observations: until the transaction ends, it looks keys up by index only.
            try connection.query(
                """
                SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),
                    set_config('enable_mergejoin', 'off', true)
                """)
        }
        lockedDataflows.insert(dataflow)
        // After the last accepted transmission by a millisecond at least: a version is keyed by its start.
        let stamp = try connection.query(
            """
            SELECT to_char(GREATEST(date_trunc('milliseconds', clock_timestamp()),
                (SELECT MAX(received) FROM transmission WHERE status = 'accepted')::timestamptz
                    + interval '1 millisecond') AT TIME ZONE 'UTC',
                'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            """)
        if let text = try stamp.first?.makeRandomAccess()[0].decode(String.self),
            let milliseconds = RepositoryInstant.milliseconds(text)
        {
            if milliseconds != nowMilliseconds { touched.removeAll(keepingCapacity: true) }
            now = text
            nowMilliseconds = milliseconds
        }
    }

    /// Stamps the series changed with this transmission's time, for updatedAfter.
    private func touch(_ series: Set<Int64>) throws {
        let fresh = series.subtracting(touched)
        guard !fresh.isEmpty else { return }
        if touched.count > PostgresNames.limit { touched.removeAll(keepingCapacity: true) }
        touched.formUnion(fresh)
        var bindings = PostgresBindings()
        bindings.append(nowMilliseconds)
        bindings.append(Array(fresh))
        try connection.query(
            PostgresQuery(
                unsafeSQL: "UPDATE series SET updated = $1 WHERE id = ANY($2::bigint[]) AND updated <> $1",
                binds: bindings))
    }

    /// The ids of each observation's series and attribute set; runs of one series or one attribute set (the
    /// usual order of a file) are looked up once.
    private func resolve(_ batch: [PendingObservation]) throws -> (series: [Int64], attributeSets: [Int64]) {
        var seriesWanted: [(dataflow: Int64, key: String, refArea: String?)] = []
        var attributesWanted: [(dataflow: Int64, attributes: String)] = []
        var seriesIndex: [Int] = [], attributesIndex: [Int] = []
        seriesIndex.reserveCapacity(batch.count)
        attributesIndex.reserveCapacity(batch.count)
        var previous: PendingObservation?
        for observation in batch {
            let sameFlow = previous?.dataflow == observation.dataflow
            let dataflow =
                sameFlow ? seriesWanted[seriesWanted.count - 1].dataflow : try names.dataflow(observation.dataflow)
            if !sameFlow || previous?.seriesKey != observation.seriesKey {
                seriesWanted.append((dataflow, observation.seriesKey, observation.refArea))
            }
            if !sameFlow || previous?.attributes != observation.attributes {
                attributesWanted.append((dataflow, observation.attributes))
            }
            seriesIndex.append(seriesWanted.count - 1)
            attributesIndex.append(attributesWanted.count - 1)
            previous = observation
        }
        let series = try names.series(seriesWanted, now: nowMilliseconds)
        let attributeSets = try names.attributeSets(attributesWanted)
        return (seriesIndex.map { series[$0] }, attributesIndex.map { attributeSets[$0] })
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        defer {
            batch.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
        }
        let (allSeries, allAttributeSets) = try resolve(batch)
        // A key of a series this transaction made, not written before: it has no version to revise or close.
        var fresh: [Int] = [], rest: [Int] = []
        var freshSeries = Set<Int64>()
        var lastSeries: Int64 = -1, made = false
        for index in batch.indices {
            let series = allSeries[index], period = batch[index].period
            if series != lastSeries {
                lastSeries = series
                made = names.made(series)
                if made { freshSeries.insert(series) }
            }
            if made, !written.mightContain(series: series, period: period) {
                fresh.append(index)
            } else {
                rest.append(index)
            }
            if made { written.insert(series: series, period: period) }
        }
        if !fresh.isEmpty {
            var bindings = PostgresBindings()
            bindings.append(transmissionID)
            bindings.append(nowMilliseconds)
            bindings.append(fresh.map { allSeries[$0] })
            bindings.append(fresh.map { batch[$0].period })
            bindings.append(fresh.map { batch[$0].value ?? "" })
            bindings.append(fresh.map { allAttributeSets[$0] })
            try connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO observation (seriesID, period, validFrom, value, attributeSetID, transmissionID)
                        SELECT s.seriesID, s.period, $2, NULLIF(s.value, ''), s.attributeSetID, $1
                        FROM unnest($3::bigint[], $4::text[], $5::text[], $6::bigint[])
                            AS s(seriesID, period, value, attributeSetID)
                        """, binds: bindings))
            try touch(freshSeries)
            inserted += fresh.count
        }
        guard !rest.isEmpty else { return }
        let series = rest.map { allSeries[$0] }
        let attributeSets = rest.map { allAttributeSets[$0] }
        let remaining = rest.map { batch[$0] }
        // Missing values are stored as NULL, and compared as empty (NULLIF/COALESCE below).
        let rows = """
            unnest($3::bigint[], $4::text[], $5::text[], $6::bigint[]) AS s(seriesID, period, value, attributeSetID)
            """
        var bindings = PostgresBindings()
        bindings.append(transmissionID)
        bindings.append(nowMilliseconds)
        bindings.append(series)
        bindings.append(remaining.map(\.period))
        bindings.append(remaining.map { $0.value ?? "" })
        bindings.append(attributeSets)
        // One statement, each key's version in force found once (three statements probed every key three times):
        // a version of this very transmission is revised in place (a key given twice); another that differs is
        // closed and followed by the new one; a key without one gets its first. The sub-statements share one
        // snapshot, so they are told apart by what `current` found, and touch the rows it found by their
        // `ctid` (no other writer changes them meanwhile: the dataflow's lock is held).
        let stored = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    WITH current AS (
                            SELECT s.seriesID, s.period, s.value, s.attributeSetID, o.ctid AS found, o.validFrom,
                                (o.ctid IS NOT NULL AND (COALESCE(o.value, '') <> s.value
                                    OR o.attributeSetID <> s.attributeSetID)) AS differs
                            FROM \(rows) LEFT JOIN observation o
                                ON o.seriesID = s.seriesID AND o.period = s.period AND o.validTo IS NULL),
                        revised AS (
                            UPDATE observation o SET value = NULLIF(c.value, ''), attributeSetID = c.attributeSetID,
                                transmissionID = $1
                            FROM current c WHERE o.ctid = c.found AND c.differs AND c.validFrom = $2
                            RETURNING o.seriesID),
                        closed AS (
                            UPDATE observation o SET validTo = $2
                            FROM current c WHERE o.ctid = c.found AND c.differs AND c.validFrom <> $2),
                        added AS (
                            INSERT INTO observation (seriesID, period, validFrom, value, attributeSetID, transmissionID)
                            SELECT c.seriesID, c.period, $2, NULLIF(c.value, ''), c.attributeSetID, $1 FROM current c
                            WHERE c.found IS NULL OR (c.differs AND c.validFrom <> $2)
                            RETURNING seriesID)
                    SELECT seriesID FROM revised UNION ALL SELECT seriesID FROM added
                    """, binds: bindings)
        ).rows
        var changed = Set<Int64>()
        for row in stored { changed.insert(try row.decode(Int64.self)) }
        try touch(changed)
        inserted += stored.count
        unchanged += remaining.count - stored.count
    }
}
