import PostgresNIO
import SDMXModel

/// The repository in a PostgreSQL database through postgres-nio: for several ingest workers, the web
/// service and analysts at once. Reads run in a read-only snapshot (`REPEATABLE READ`) through a server-side
/// cursor, a batch of rows at a time; an ingest is one transaction whose observations go in by batches
/// (``PostgresObservationSink``).
final class PostgresBackend: RepositoryBackend {
    let session: PostgresSession
    /// The schema holding the repository's tables: advisory locks are database-wide, so their keys name it
    /// (``lockKey(_:schema:)``), and repositories in other schemas of the database never wait for them.
    let schema: String
    var dialect: SQLDialect { .postgres }

    init(location: PostgresLocation, mode: AllianceRepository.OpeningMode) throws {
        session = try PostgresSession(location: location)
        schema = try session.withConnection { connection in
            try PostgresMigrations.prepare(connection, location: location, mode: mode)
            let rows = try connection.query("SELECT current_schema()::text")
            return try rows.first?.makeRandomAccess()[0].decode(String?.self) ?? ""
        }
    }

    /// The text an advisory lock's key is hashed from: `name` within `schema`, the schema's length first so
    /// that no two (schema, name) pairs give the same text.
    static func lockKey(_ name: String, schema: String) -> String {
        "idac/\(schema.utf8.count)/\(schema)/\(name)"
    }

    func forEachRow(_ statements: [SQLStatement], _ body: ([SQLValue]) throws -> Void) throws {
        try read(statements) { row in try body(try Self.values(row)) }
    }

    func forEachObservationRow(_ statements: [SQLStatement], _ body: (ObservationRow) throws -> Void) throws {
        var starts = InstantTexts(), ends = InstantTexts()
        var repeated = RepeatedColumns()
        try read(statements) { row in
            let cells = row.makeRandomAccess()
            try body(
                ObservationRow(
                    seriesKey: try repeated.seriesKey(try cells[0].decode(Int64.self)) {
                        try cells[1].decode(String.self)
                    },
                    period: try cells[2].decode(String.self), value: try cells[3].decode(String?.self),
                    attributes: try repeated.attributes(try cells[4].decode(Int64.self)) {
                        try cells[5].decode(String.self)
                    },
                    transmissionID: try cells[6].decode(Int64.self),
                    validFrom: starts.text(try cells[7].decode(Int64.self)),
                    validTo: try cells[8].decode(Int64?.self).map { ends.text($0) }))
        }
    }

    /// The statements' rows in one read-only snapshot, through a cursor each.
    private func read(_ statements: [SQLStatement], _ body: (PostgresRow) throws -> Void) throws {
        try session.withConnection { connection in
            try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                for statement in statements {
                    try connection.cursor(statement.sql, statement.arguments, body)
                }
            }
        }
    }

    func write(_ statements: [SQLStatement]) throws {
        try session.withConnection { connection in
            try connection.transaction {
                for statement in statements { try connection.query(statement.sql, statement.arguments) }
            }
        }
    }

    func ingest(
        _ record: TransmissionRecord, storing: (ObservationStore) throws -> AllianceRepository.TransmissionDetails
    ) throws -> (TransmissionRecord, ObservationStore) {
        var record = record
        return try session.withConnection { connection in
            try connection.transaction {
                // The claim on the file: a second process inserting the same SHA-256 waits here until the
                // first commits (then inserts nothing: it is stored) or ends (killed, rolled back: then it
                // proceeds).
                let inserted = try connection.query(
                    """
                    INSERT INTO transmission (sender, messageID, prepared, received, fileName, sha256, format,
                        dataflow, status, observationCount, report, accountID)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id
                    """,
                    [
                        SQLValue(record.sender), SQLValue(record.messageID), SQLValue(record.prepared),
                        .text(record.received), .text(record.fileName), .text(record.sha256), .text(record.format),
                        SQLValue(record.dataflow), .text(record.status), .integer(Int64(record.observationCount)),
                        SQLValue(record.report), SQLValue(record.accountID),
                    ])
                guard let id = try inserted.first?.makeRandomAccess()[0].decode(Int64.self) else {
                    let existing = try connection.query(
                        "SELECT \(TransmissionRecord.columns) FROM transmission WHERE sha256 = ?",
                        [.text(record.sha256)])
                    guard let row = existing.first else {
                        throw SDMXError(.unreadableFile, "\(record.fileName) could not be stored")
                    }
                    throw AllianceRepository.AlreadyStored(record: TransmissionRecord(row: try Self.values(row)))
                }
                record.id = id
                let sink = PostgresObservationSink(
                    connection: connection, transmissionID: id, now: record.received, schema: schema)
                let store = ObservationStore(sink: sink)
                let details = try storing(store)
                try store.finish()
                record.received = sink.now
                record.complete(with: details, observations: store.inserted + store.unchanged)
                try connection.query(
                    """
                    UPDATE transmission SET status = ?, dataflow = ?, format = ?, sender = ?, messageID = ?,
                        prepared = ?, report = ?, observationCount = ?, received = ? WHERE id = ?
                    """,
                    [
                        .text(record.status), SQLValue(record.dataflow), .text(record.format), SQLValue(record.sender),
                        SQLValue(record.messageID), SQLValue(record.prepared), SQLValue(record.report),
                        .integer(Int64(record.observationCount)), .text(record.received), .integer(id),
                    ])
                return (record, store)
            }
        }
    }

    func importRows(
        accounts: [AccountRecord], transmissions: [TransmissionRecord],
        observations produce: (([CopiedObservation]) throws -> Void) throws -> Void
    ) throws {
        try session.withConnection { connection in
            try connection.transaction {
                for account in accounts {
                    try connection.query(
                        "INSERT INTO account (id, name, country, role, tokenHash, created, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        account.rowValues)
                }
                for record in transmissions {
                    try connection.query(
                        "INSERT INTO transmission (\(TransmissionRecord.columns)) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            SQLValue(record.id), SQLValue(record.sender), SQLValue(record.messageID),
                            SQLValue(record.prepared), .text(record.received), .text(record.fileName),
                            .text(record.sha256), .text(record.format), SQLValue(record.dataflow), .text(record.status),
                            .integer(Int64(record.observationCount)), SQLValue(record.report),
                            SQLValue(record.accountID),
                        ])
                }
                // The next transmission stored gets the id after the copied ones.
                try connection.query(
                    "SELECT setval(pg_get_serial_sequence('transmission', 'id'), "
                        + "GREATEST((SELECT MAX(id) FROM transmission), 1))")
                let names = PostgresNames(connection: connection)
                try produce { batch in try Self.insert(batch, into: connection, names: names) }
                try connection.query(RepositoryMigrations.seriesUpdated)
            }
        }
    }

    /// A batch of copied versions, as arrays (the end beside a flag array: postgres-nio binds no arrays of
    /// optionals).
    private static func insert(
        _ batch: [CopiedObservation], into connection: PostgresSession.Locked, names: PostgresNames
    ) throws {
        guard !batch.isEmpty else { return }
        var dataflowIDs: [Int64] = []
        for row in batch { dataflowIDs.append(try names.dataflow(row.dataflow)) }
        var bindings = PostgresBindings()
        bindings.append(try names.series(zip(dataflowIDs, batch).map { ($0, $1.seriesKey, $1.refArea) }, now: 0))
        bindings.append(batch.map(\.period))
        bindings.append(batch.map(\.validFrom))
        bindings.append(batch.map { $0.validTo ?? 0 })
        bindings.append(batch.map { $0.validTo != nil })
        bindings.append(batch.map { $0.value ?? "" })
        bindings.append(batch.map { $0.value != nil })
        bindings.append(try names.attributeSets(zip(dataflowIDs, batch).map { ($0, $1.attributes) }))
        bindings.append(batch.map(\.transmissionID))
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO observation (seriesID, period, validFrom, validTo, value, attributeSetID,
                        transmissionID)
                    SELECT seriesID, period, validFrom, CASE WHEN hasValidTo THEN validTo END,
                        CASE WHEN hasValue THEN value END, attributeSetID, transmissionID
                    FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::boolean[], $6::text[],
                        $7::boolean[], $8::bigint[], $9::bigint[])
                        AS s(seriesID, period, validFrom, validTo, hasValidTo, value, hasValue, attributeSetID,
                            transmissionID)
                    """, binds: bindings))
    }

    /// A session-level advisory lock: held across the claimant's transactions, and released by the server
    /// when its connection ends, however the process ended. Keyed within the repository's schema: the inbox
    /// of another repository in the database may hold a file of the same name.
    func tryClaim(_ key: String) throws -> Bool {
        let rows = try session.query(
            "SELECT pg_try_advisory_lock(hashtextextended(?, 0))", [.text(Self.lockKey(key, schema: schema))])
        return try rows.first?.makeRandomAccess()[0].decode(Bool.self) ?? false
    }

    func releaseClaim(_ key: String) throws {
        try session.query(
            "SELECT pg_advisory_unlock(hashtextextended(?, 0))", [.text(Self.lockKey(key, schema: schema))])
    }

    func queryPlan(_ statements: [SQLStatement]) throws -> [String] {
        try session.withConnection { connection in
            try statements.flatMap { statement in
                try connection.query("EXPLAIN " + statement.sql, statement.arguments).map {
                    try $0.makeRandomAccess()[0].decode(String.self)
                }
            }
        }
    }

    /// A row's cells as the shared code reads them.
    static func values(_ row: PostgresRow) throws -> [SQLValue] {
        try row.map { cell -> SQLValue in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
