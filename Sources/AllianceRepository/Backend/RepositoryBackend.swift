/// Where the repository's rows live: SQLite through GRDB (a file path) or PostgreSQL through postgres-nio (a
/// `postgres://` URL). ``AllianceRepository`` writes its queries once, in the SQL both understand (with `?`
/// placeholders); a backend runs them, keeps its schema (its own versioned migrations and its own "this
/// is an idac repository" mark) and stores an ingest in one transaction.
///
/// Adding a table: a migration in each backend's migration list (``RepositoryMigrations`` for SQLite,
/// ``PostgresMigrations`` for PostgreSQL), then its queries in ``AllianceRepository`` through ``forEachRow(_:_:)``
/// and ``write(_:)``, which both backends already run.
///
/// Calls are synchronous and come from worker threads, one at a time per backend instance.
protocol RepositoryBackend: Sendable {
    var dialect: SQLDialect { get }
    /// Runs the statements in turn in one read snapshot, handing each row to `body` as it arrives (memory
    /// does not grow with the answer).
    func forEachRow(_ statements: [SQLStatement], _ body: ([SQLValue]) throws -> Void) throws
    /// ``forEachRow(_:_:)`` for statements selecting ``ObservationSelection/columns``: the export's and the
    /// web service's path, read without an intermediate array per row.
    func forEachObservationRow(_ statements: [SQLStatement], _ body: (ObservationRow) throws -> Void) throws
    /// Runs statements that change rows, in one transaction.
    func write(_ statements: [SQLStatement]) throws
    /// Stores a transmission and its observations in one transaction (see ``AllianceRepository/ingest(_:storing:)``).
    func ingest(
        _ record: TransmissionRecord, storing: (ObservationStore) throws -> AllianceRepository.TransmissionDetails
    ) throws -> (TransmissionRecord, ObservationStore)
    /// Writes a whole repository's rows into this empty one, in one transaction: the portal's accounts and the
    /// transmissions with their ids, then the versions `produce` hands over in batches (for
    /// ``AllianceRepository/copy(from:to:)``).
    func importRows(
        accounts: [AccountRecord], transmissions: [TransmissionRecord],
        observations produce: (([CopiedObservation]) throws -> Void) throws -> Void
    ) throws
    /// Takes the claim named `key` for this connection if no other process holds it; it ends with
    /// ``releaseClaim(_:)`` or with the connection (a killed process's claims end with it).
    func tryClaim(_ key: String) throws -> Bool
    func releaseClaim(_ key: String) throws
    /// How the engine runs each statement, one line per step.
    func queryPlan(_ statements: [SQLStatement]) throws -> [String]
}

extension [SQLValue] {
    func text(_ index: Int) -> String? {
        switch self[index] {
        case .text(let text): text
        case .integer(let number): String(number)
        case .null: nil
        }
    }

    func integer(_ index: Int) -> Int64? {
        switch self[index] {
        case .integer(let number): number
        case .text(let text): Int64(text)
        case .null: nil
        }
    }
}
