import Foundation
import GRDB
import SDMXModel

/// The Alliance repository: transmissions, and every version of every harmonised observation with
/// the transmission that set it, in SQLite through GRDB. One ingest is one transaction: a file is
/// stored whole or not at all.
public final class AllianceRepository: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Whether opening may create a repository where there is none.
    public enum OpeningMode: Sendable {
        /// Commands that store (`ingest`, `inbox`): a new repository is made where the path is free.
        case createIfMissing
        /// Commands that only read (`export`, `status`, `gaps`): a mistyped path is an error, never a new,
        /// empty repository that answers "nothing".
        case mustExist
    }

    /// Opens the repository at `path`, migrating it as needed. A SQLite database that is not an idac
    /// repository is refused, never given idac's tables.
    public init(path: String, mode: OpeningMode = .createIfMissing) throws {
        self.path = path
        // SQLite reads "" and ":memory:" as a database that vanishes with the process, and "file:" as a
        // URI with options: a transmission "stored" there would be lost (an unset IDAC_REPOSITORY in a
        // crontab gives ""). A repository is a file path.
        if path.isEmpty || path == ":memory:" || path.lowercased().hasPrefix("file:") {
            throw SDMXError(
                .unreadableFile,
                "'\(path)' is not a repository path: give --repository (or IDAC_REPOSITORY) "
                    + "the path of a file, such as alliance.sqlite")
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

    /// The accepted transmission with this SHA-256, if any.
    public func transmission(sha256: String) throws -> TransmissionRecord? {
        try queue.read { db in
            try TransmissionRecord.filter(Column("sha256") == sha256 && Column("status") == "accepted").fetchOne(db)
        }
    }

    public func transmissions() throws -> [TransmissionRecord] {
        try queue.read { db in try TransmissionRecord.order(Column("id")).fetchAll(db) }
    }

    /// Why an ingest stops and stores nothing: the file has errors.
    public struct Rejected: Error {
        public init() {}
    }

    /// What the file said about itself, learnt while storing it.
    public struct TransmissionDetails: Sendable {
        public var dataflow: String?
        public var format: String
        public var sender: String?
        public var messageID: String?
        public var prepared: String?
        /// The validation report, as JSON.
        public var report: String

        public init(
            dataflow: String?, format: String, sender: String?, messageID: String?, prepared: String?, report: String
        ) {
            self.dataflow = dataflow
            self.format = format
            self.sender = sender
            self.messageID = messageID
            self.prepared = prepared
            self.report = report
        }
    }

    /// Stores a transmission and its observations in one transaction. `storing` reads the file into
    /// the store; if it throws (``Rejected`` when the file has errors), nothing is kept.
    public func ingest(_ transmission: TransmissionRecord, storing: (ObservationStore) throws -> TransmissionDetails)
        throws
        -> (TransmissionRecord, ObservationStore)
    {
        var record = transmission
        var storeOut: ObservationStore?
        try queue.inTransaction { db in
            try record.insert(db)
            guard let id = record.id else { return .rollback }
            let store = try ObservationStore(db: db, transmissionID: id, now: record.received)
            let details = try storing(store)
            record.status = "accepted"
            record.dataflow = details.dataflow
            record.format = details.format
            record.sender = details.sender
            record.messageID = details.messageID
            record.prepared = details.prepared
            record.report = details.report
            record.observationCount = store.inserted + store.unchanged
            try record.update(db)
            storeOut = store
            return .commit
        }
        guard let store = storeOut else { throw Rejected() }
        return (record, store)
    }

    /// The observations of a dataflow as they are now, or as they were at `asOf` (an ISO 8601 time),
    /// in key order. Holds them all: for large answers use ``forEachObservation(_:_:)``.
    public func observations(dataflow: String, asOf: String? = nil) throws -> [StoredObservation] {
        var all: [StoredObservation] = []
        try forEachObservation(ObservationQuery(dataflow: dataflow, asOf: asOf)) { all.append($0) }
        return all
    }

    /// Every version an observation has had, oldest first: the revision history.
    public func history(dataflow: String, seriesKey: String, period: String) throws -> [StoredObservation] {
        try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM observation WHERE dataflow = ? AND seriesKey = ? AND period = ? ORDER BY validFrom, id
                    """, arguments: [dataflow, seriesKey, period]
            ).map { row in
                StoredObservation(
                    dataflow: row["dataflow"], seriesKey: row["seriesKey"], period: row["period"],
                    value: (row["value"] as String?) ?? "", attributes: ObservationStore.decode(row["attributes"]),
                    transmissionID: row["transmissionID"], validFrom: row["validFrom"])
            }
        }
    }

    /// One current observation with what its history says: when it was first delivered and how
    /// many versions it has had. What the data-gap map is computed from.
    public struct ObservationSummary: Sendable {
        public var seriesKey: String
        public var refArea: String?
        public var period: String
        public var value: String
        /// The attributes, as the JSON object the repository keeps.
        public var attributesJSON: String
        public var firstDelivered: String
        public var versions: Int
    }

    /// Streams the current observations of a dataflow with their history, in one pass.
    public func forEachObservationSummary(dataflow: String, _ body: (ObservationSummary) throws -> Void) throws {
        try queue.read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.seriesKey, c.refArea, c.period, c.value, c.attributes, h.first, h.versions
                    FROM observation c
                    JOIN (SELECT seriesKey, period, MIN(validFrom) AS first, COUNT(*) AS versions
                          FROM observation WHERE dataflow = ? GROUP BY seriesKey, period) h
                      ON h.seriesKey = c.seriesKey AND h.period = c.period
                    WHERE c.dataflow = ? AND c.validTo IS NULL
                    """, arguments: [dataflow, dataflow])
            while let row = try cursor.next() {
                try body(
                    ObservationSummary(
                        seriesKey: row[0], refArea: row[1], period: row[2], value: (row[3] as String?) ?? "",
                        attributesJSON: row[4], firstDelivered: row[5], versions: row[6]))
            }
        }
    }

    /// The countries that have ever had observations in a dataflow.
    public func reportingAreas(dataflow: String) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT refArea FROM observation WHERE dataflow = ? AND refArea IS NOT NULL ORDER BY refArea",
                arguments: [dataflow])
        }
    }

    /// For each country and dataflow: the last transmission, the periods covered, and whether the
    /// period asked about is among them.
    /// Who has reported what. With `period`, whether each country has reported it, comparing periods by the
    /// time they cover: an annual reporter's `2024` counts for `2024-Q3`, a quarter for its year.
    public func status(period: String?) throws -> [ReportingStatus] {
        try queue.read { db in
            var reported: Set<String> = []
            if let period, let asked = TimePeriod(period) {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT refArea, dataflow, period FROM observation WHERE validTo IS NULL AND refArea IS NOT NULL
                        """)
                for row in rows {
                    let text: String = row["period"]
                    if TimePeriod(text)?.overlaps(asked) ?? (text == period) {
                        reported.insert("\(row["refArea"] as String)|\(row["dataflow"] as String)")
                    }
                }
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, t.received AS received FROM (
                        SELECT refArea, dataflow, MIN(period) AS first, MAX(period) AS last, MAX(transmissionID) AS lastTransmission
                        FROM observation WHERE validTo IS NULL AND refArea IS NOT NULL
                        GROUP BY refArea, dataflow
                    ) s JOIN transmission t ON t.id = s.lastTransmission
                    ORDER BY s.dataflow, s.refArea
                    """
            ).map { row in
                let refArea: String = row["refArea"], dataflow: String = row["dataflow"]
                return ReportingStatus(
                    refArea: refArea, dataflow: dataflow, lastTransmissionID: row["lastTransmission"],
                    lastReceived: row["received"] ?? "", firstPeriod: row["first"], lastPeriod: row["last"],
                    reportedForPeriod: period.map { _ in reported.contains("\(refArea)|\(dataflow)") })
            }
        }
    }
}
