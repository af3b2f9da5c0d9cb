import Foundation
import GRDB
import SDMXModel

/// The repository in a SQLite file through GRDB: the embedded default, one machine, nothing to set up.
final class SQLiteBackend: RepositoryBackend {
    let queue: DatabaseQueue
    var dialect: SQLDialect { .sqlite }

    /// Opens the repository at `path`, migrating it as needed. A SQLite database that is not an idac
    /// repository is refused, never given idac's tables.
    init(path: String, mode: AllianceRepository.OpeningMode) throws {
        // SQLite reads "" and ":memory:" as a database that vanishes with the process, and "file:" as a
        // URI with options: a transmission "stored" there would be lost (an unset IDAC_REPOSITORY in a
        // crontab gives ""). A repository is a file path.
        if path.isEmpty || path == ":memory:" || path.lowercased().hasPrefix("file:") {
            throw SDMXError(
                .unreadableFile,
                "'\(path)' is not a repository path: give --repository (or IDAC_REPOSITORY) "
                    + "the path of a file, such as alliance.sqlite, or a postgres:// URL")
        }
        if mode == .mustExist && !FileManager.default.fileExists(atPath: path) {
            throw SDMXError(
                .unreadableFile,
                "there is no repository at \(path): check --repository or IDAC_REPOSITORY "
                    + "(idac ingest creates one)")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw SDMXError(.unreadableFile, "cannot open the repository \(path): \(error)")
        }
        do {
            try RepositoryMark.claim(queue, path: path)
        } catch let error as SDMXError {
            throw error
        } catch {
            throw SDMXError(.unreadableFile, "\(path) is not an idac repository: \(error)")
        }
        do {
            try RepositoryMigrations.migrator.migrate(queue)
        } catch {
            throw SDMXError(.unreadableFile, "cannot open the repository \(path): \(error)")
        }
        // Write-ahead logging: readers (`idac serve` streaming an answer, `export`) never block an ingest's
        // commit, nor it them; the setting stays with the file (beside it: PATH-wal and PATH-shm, which a
        // backup copies too, or use SQLite's .backup). Where the file system cannot share memory between
        // processes, SQLite refuses it and the repository keeps its rollback journal.
        _ = try? queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode=WAL") }
    }

    func forEachRow(_ statements: [SQLStatement], _ body: ([SQLValue]) throws -> Void) throws {
        try queue.read { db in
            for statement in statements {
                let rows = try Row.fetchCursor(
                    try db.cachedStatement(sql: statement.sql), arguments: Self.arguments(statement.arguments))
                while let row = try rows.next() {
                    try body(
                        row.databaseValues.map { value in
                            switch value.storage {
                            case .int64(let number): .integer(number)
                            case .string(let text): .text(text)
                            case .double(let number): .text(String(number))
                            case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                            case .null: .null
                            }
                        })
                }
            }
        }
    }

    func forEachObservationRow(_ statements: [SQLStatement], _ body: (ObservationRow) throws -> Void) throws {
        try queue.read { db in
            var starts = InstantTexts(), ends = InstantTexts()
            var repeated = RepeatedColumns()
            for statement in statements {
                let rows = try Row.fetchCursor(
                    try db.cachedStatement(sql: statement.sql), arguments: Self.arguments(statement.arguments))
                while let row = try rows.next() {
                    // A statement-backed row reads a column only when asked: the texts that repeat are not read.
                    let validTo: Int64? = row[8]
                    try body(
                        ObservationRow(
                            seriesKey: repeated.seriesKey(row[0]) { row[1] }, period: row[2], value: row[3],
                            attributes: repeated.attributes(row[4]) { row[5] }, transmissionID: row[6],
                            validFrom: starts.text(row[7]), validTo: validTo.map { ends.text($0) }))
                }
            }
        }
    }

    func write(_ statements: [SQLStatement]) throws {
        try queue.write { db in
            for statement in statements {
                try db.execute(sql: statement.sql, arguments: Self.arguments(statement.arguments))
            }
        }
    }

    func ingest(
        _ record: TransmissionRecord, storing: (ObservationStore) throws -> AllianceRepository.TransmissionDetails
    ) throws -> (TransmissionRecord, ObservationStore) {
        var record = record
        var storeOut: ObservationStore?
        // Immediate: the write lock is taken first, so that what is read below (is the file stored? the latest
        // time) stays true until the commit, even with another process ingesting into the same file.
        try queue.inTransaction(.immediate) { db in
            if let stored = try TransmissionRecord.filter(Column("sha256") == record.sha256).fetchOne(db) {
                throw AllianceRepository.AlreadyStored(record: stored)
            }
            // A transmission that waited for another's commit is stamped after it (by a millisecond: a version
            // is keyed by its start), so that each key's versions stay in time order.
            if let latest = try String.fetchOne(db, sql: "SELECT MAX(received) FROM transmission"),
                let latestTime = RepositoryInstant.milliseconds(latest), latest >= record.received
            {
                record.received = RepositoryInstant.text(milliseconds: latestTime + 1)
            }
            try record.insert(db)
            guard let id = record.id else { return .rollback }
            let now = RepositoryInstant.milliseconds(record.received) ?? 0
            let store = ObservationStore(sink: try SQLiteObservationSink(db: db, transmissionID: id, now: now))
            let details = try storing(store)
            try store.finish()
            record.complete(with: details, observations: store.inserted + store.unchanged)
            try record.update(db)
            storeOut = store
            return .commit
        }
        guard let store = storeOut else { throw AllianceRepository.Rejected() }
        return (record, store)
    }

    func importRows(
        accounts: [AccountRecord], transmissions: [TransmissionRecord],
        observations produce: (([CopiedObservation]) throws -> Void) throws -> Void
    ) throws {
        try queue.inTransaction(.immediate) { db in
            for account in accounts {
                try db.execute(
                    sql: "INSERT INTO account (id, name, country, role, tokenHash, created, revoked) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: Self.arguments(account.rowValues))
            }
            for record in transmissions {
                var copy = record
                try copy.insert(db)
            }
            let names = try SQLiteNames(db: db)
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO observation (seriesID, period, validFrom, validTo, value, attributeSetID,
                        transmissionID) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            try produce { batch in
                for row in batch {
                    let dataflow = try names.dataflow(row.dataflow)
                    let series = try names.series(dataflow: dataflow, key: row.seriesKey, refArea: row.refArea, now: 0)
                    let attributes = try names.attributeSet(dataflow: dataflow, attributes: row.attributes)
                    try insert.execute(arguments: [
                        series.id, row.period, row.validFrom, row.validTo, row.value, attributes, row.transmissionID,
                    ])
                }
            }
            try db.execute(sql: RepositoryMigrations.seriesUpdated)
            return .commit
        }
    }

    /// One process at a time works on a SQLite repository's inbox (the inbox's own lock): every claim is granted.
    func tryClaim(_ key: String) throws -> Bool { true }
    func releaseClaim(_ key: String) throws {}

    func queryPlan(_ statements: [SQLStatement]) throws -> [String] {
        try queue.read { db in
            try statements.flatMap { statement in
                try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: Self.arguments(statement.arguments)
                )
                .map { $0["detail"] as String? ?? "" }
            }
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                case .null: nil
                }
            })
    }
}

/// Version times as text, each written once while it repeats (the versions of one transmission share it).
struct InstantTexts {
    private var last: (milliseconds: Int64, text: String) = (.min, "")

    mutating func text(_ milliseconds: Int64) -> String {
        if milliseconds != last.milliseconds {
            last = (milliseconds, RepositoryInstant.text(milliseconds: milliseconds))
        }
        return last.text
    }
}
