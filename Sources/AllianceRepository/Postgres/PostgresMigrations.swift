import Foundation
import SDMXModel

/// The PostgreSQL repository's schema, versioned like SQLite's (``RepositoryMigrations``): each migration runs
/// once, in order, in a transaction of its own, recorded in `idac_migrations`, and is never edited after
/// release (add one instead). The mark table `idac_repository` says the database is idac's: a database that
/// holds other tables and not the mark is refused, never given idac's tables.
///
/// The same semantics as SQLite's schema: text columns compare and sort in code order (`COLLATE "C"`, as
/// SQLite's `BINARY`), which key ranges and as-of reads rely on.
enum PostgresMigrations {
    /// Every migration, in order: its identifier and its statements.
    static let all: [(identifier: String, statements: [String])] = [
        (
            "v1: transmissions and versioned observations, with period intervals",
            [
                """
                CREATE TABLE transmission (
                    id bigserial PRIMARY KEY, sender text, messageID text, prepared text,
                    received text COLLATE "C" NOT NULL, fileName text NOT NULL, sha256 text NOT NULL UNIQUE,
                    format text NOT NULL, dataflow text COLLATE "C", status text NOT NULL,
                    observationCount bigint NOT NULL DEFAULT 0, report text)
                """,
                // Every version of every observation: the current one has validTo NULL; an as-of read takes
                // the version whose [validFrom, validTo) holds the date. periodStart/periodEnd: the time the
                // period covers (UTC seconds, end exclusive; PeriodInterval), NULL when it cannot be read.
                """
                CREATE TABLE observation (
                    id bigserial PRIMARY KEY, dataflow text COLLATE "C" NOT NULL,
                    seriesKey text COLLATE "C" NOT NULL, refArea text COLLATE "C",
                    period text COLLATE "C" NOT NULL, value text, attributes text NOT NULL,
                    transmissionID bigint NOT NULL REFERENCES transmission,
                    validFrom text COLLATE "C" NOT NULL, validTo text COLLATE "C",
                    periodStart bigint, periodEnd bigint)
                """,
                """
                CREATE UNIQUE INDEX observation_current ON observation (dataflow, seriesKey, period)
                    WHERE validTo IS NULL
                """,
                "CREATE INDEX observation_history ON observation (dataflow, seriesKey, period, validFrom)",
                "CREATE INDEX observation_area ON observation (dataflow, refArea, period)",
                "CREATE INDEX observation_updated ON observation (dataflow, validFrom)",
            ]
        ),
        (
            // As SQLite's AccountMigration: the portal's accounts and the account that sent a transmission.
            "v2: accounts and the account that sent a transmission",
            [
                """
                CREATE TABLE account (
                    id bigint PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE, country text NOT NULL,
                    role text NOT NULL CHECK (role IN ('office', 'secretariat')),
                    tokenHash text NOT NULL UNIQUE, created text NOT NULL, revoked text)
                """,
                "ALTER TABLE transmission ADD COLUMN accountID bigint REFERENCES account(id)",
                "CREATE INDEX transmission_account ON transmission (accountID)",
            ]
        ),
        (
            // As SQLite's CompactMigration: dataflows, series and attribute sets stored once with integer ids;
            // a version is (series, period, validFrom) with times as milliseconds since 1970. The heap's columns
            // are ordered to leave no alignment padding; one index, on (series, period).
            "v3: dataflows, series and attribute sets by id; times as milliseconds",
            [
                #"CREATE TABLE dataflow (id bigserial PRIMARY KEY, name text COLLATE "C" NOT NULL UNIQUE)"#,
                """
                CREATE TABLE series (
                    id bigserial PRIMARY KEY, dataflowID bigint NOT NULL REFERENCES dataflow,
                    seriesKey text COLLATE "C" NOT NULL, refArea text COLLATE "C", updated bigint NOT NULL,
                    UNIQUE (dataflowID, seriesKey))
                """,
                "CREATE INDEX series_area ON series (dataflowID, refArea)",
                """
                CREATE TABLE attributeSet (
                    id bigserial PRIMARY KEY, dataflowID bigint NOT NULL REFERENCES dataflow, attributes text NOT NULL)
                """,
                // By digest: a B-tree entry holds at most about 2 700 bytes, an attribute set may hold more (two sets
                // with one MD5, which only a crafted file could give, make its ingest fail: nothing is mixed up).
                "CREATE UNIQUE INDEX attributeSet_text ON attributeSet (dataflowID, md5(attributes))",
                """
                CREATE TABLE version (
                    validFrom bigint NOT NULL, validTo bigint, seriesID integer NOT NULL,
                    attributeSetID integer NOT NULL, transmissionID integer NOT NULL REFERENCES transmission,
                    period text COLLATE "C" NOT NULL, value text)
                """,
                "INSERT INTO dataflow (name) SELECT DISTINCT dataflow FROM observation ORDER BY dataflow",
                """
                INSERT INTO series (dataflowID, seriesKey, refArea, updated)
                    SELECT d.id, o.seriesKey, MIN(o.refArea),
                        MAX(GREATEST(\(milliseconds("o.validFrom")),
                            COALESCE(\(milliseconds("o.validTo")), 0)))
                    FROM observation o JOIN dataflow d ON d.name = o.dataflow
                    GROUP BY d.id, o.seriesKey ORDER BY d.id, o.seriesKey
                """,
                """
                INSERT INTO attributeSet (dataflowID, attributes)
                    SELECT DISTINCT d.id, o.attributes FROM observation o JOIN dataflow d ON d.name = o.dataflow
                """,
                // A version that lasted no time (a key given twice in one transmission) is left out, as on SQLite.
                """
                INSERT INTO version (validFrom, validTo, seriesID, attributeSetID, transmissionID, period, value)
                    SELECT DISTINCT ON (s.id, o.period, \(milliseconds("o.validFrom")))
                        \(milliseconds("o.validFrom")), \(milliseconds("o.validTo")), s.id, a.id, o.transmissionID,
                        o.period, o.value
                    FROM observation o JOIN dataflow d ON d.name = o.dataflow
                    JOIN series s ON s.dataflowID = d.id AND s.seriesKey = o.seriesKey
                    JOIN attributeSet a ON a.dataflowID = d.id AND a.attributes = o.attributes
                    WHERE o.validTo IS NULL OR o.validTo <> o.validFrom
                    ORDER BY s.id, o.period, \(milliseconds("o.validFrom")), o.id DESC
                """,
                "DROP TABLE observation",
                "ALTER TABLE version RENAME TO observation",
                "CREATE INDEX observation_key ON observation (seriesID, period)",
            ]
        ),
        (
            // The ingest looks a batch's series up by (dataflowID, seriesKey). While a transmission fills an empty
            // or young table, the planner's statistics say the table is tiny, and with series_area led by
            // dataflowID it took that index and filtered every series of the dataflow by key (22 ms per batch,
            // a third of an ingest of 1,000,000 observations). Led by refArea, it serves only queries that name
            // countries, and the look-up can only take the unique (dataflowID, seriesKey) index.
            "v4: the countries' index of series led by the country",
            [
                "DROP INDEX series_area",
                "CREATE INDEX series_area ON series (refArea, dataflowID)",
            ]
        ),
    ]

    /// Milliseconds since 1970 of a time stored as text by the first schema.
    static func milliseconds(_ column: String) -> String {
        "round(extract(epoch FROM \(column)::timestamptz) * 1000)::bigint"
    }

    /// The advisory lock every idac before per-schema migration locks took, whatever its schema ("IDACMIGR").
    /// Taken shared now: it keeps such a process from migrating alongside this one, and repositories in other
    /// schemas still migrate at once.
    static let lockKey: Int64 = 0x4944_4143_4D49_4752

    /// Checks the mark (making it in an empty database when `mode` allows) and runs the migrations not yet run.
    /// A session-level advisory lock on the schema's name is held meanwhile, so that workers starting together
    /// do not migrate one repository at once; it names the schema (advisory locks are database-wide), so that a
    /// long migration of one repository does not hold up the others of the database.
    static func prepare(
        _ connection: PostgresSession.Locked, location: PostgresLocation, mode: AllianceRepository.OpeningMode
    ) throws {
        let schema =
            try location.schema ?? connection.query("SELECT current_schema()::text").first.flatMap {
                try $0.makeRandomAccess()[0].decode(String?.self)
            } ?? ""
        let key = PostgresBackend.lockKey("migrations", schema: schema)
        defer {
            _ = try? connection.query(
                "SELECT pg_advisory_unlock(hashtextextended(?, 0)), pg_advisory_unlock_shared(\(lockKey))",
                [.text(key)])
        }
        try connection.query("SELECT pg_advisory_lock_shared(\(lockKey))")
        try connection.query("SELECT pg_advisory_lock(hashtextextended(?, 0))", [.text(key)])
        if let schema = location.schema, mode == .createIfMissing {
            try connection.query("CREATE SCHEMA IF NOT EXISTS \(schema)")
        }
        let tables = try connection.query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() "
                + "ORDER BY table_name"
        ).map { try $0.makeRandomAccess()[0].decode(String.self) }
        if tables.contains("idac_repository") {
            let marks = try connection.query("SELECT application FROM idac_repository").map {
                try $0.makeRandomAccess()[0].decode(String.self)
            }
            guard marks == ["idac"] else {
                throw SDMXError(
                    .unreadableFile,
                    "\(location.description) has an idac_repository table that is not idac's mark; "
                        + "give --repository a database of its own")
            }
        } else if tables.isEmpty {
            guard mode == .createIfMissing else {
                throw SDMXError(
                    .unreadableFile,
                    "there is no repository in \(location.description) (the database is empty): check "
                        + "--repository or IDAC_REPOSITORY (idac ingest creates one)")
            }
            try connection.transaction {
                try connection.query(
                    "CREATE TABLE idac_repository (application text PRIMARY KEY CHECK (application = 'idac'), "
                        + "created text NOT NULL)")
                try connection.query(
                    "INSERT INTO idac_repository (application, created) VALUES ('idac', ?)",
                    [.text(RepositoryInstant.format(Date()))])
                try connection.query(
                    "CREATE TABLE idac_migrations (identifier text PRIMARY KEY, applied text NOT NULL)")
            }
        } else {
            throw SDMXError(
                .unreadableFile,
                "\(location.description) is a PostgreSQL database but not an idac repository: it holds tables "
                    + "idac does not make (\(tables.prefix(5).joined(separator: ", "))); "
                    + "give --repository a database of its own")
        }
        let applied = Set(
            try connection.query("SELECT identifier FROM idac_migrations").map {
                try $0.makeRandomAccess()[0].decode(String.self)
            })
        for migration in all where !applied.contains(migration.identifier) {
            try connection.transaction {
                for statement in migration.statements { try connection.query(statement) }
                try connection.query(
                    "INSERT INTO idac_migrations (identifier, applied) VALUES (?, ?)",
                    [.text(migration.identifier), .text(RepositoryInstant.format(Date()))])
            }
        }
    }
}
