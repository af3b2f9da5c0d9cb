import Foundation
import GRDB
import SDMXModel

/// The Alliance repository: transmissions, and every version of every harmonised observation with
/// the transmission that set it. One ingest is one transaction: a file is stored whole or not at all.
///
/// Where it lives is chosen by its location: a file path is a SQLite database (through GRDB, the embedded
/// default); a `postgres://` or `postgresql://` URL is a PostgreSQL database (through postgres-nio), for
/// several ingest workers, the web service and analysts at once. Both give the same answers
/// (``RepositoryBackend``).
public final class AllianceRepository: Sendable {
    /// The location as given, any password left out: what messages and logs may show.
    public let path: String
    let backend: any RepositoryBackend

    /// Whether opening may create a repository where there is none.
    public enum OpeningMode: Sendable {
        /// Commands that store (`ingest`, `inbox`): a new repository is made where the path is free.
        case createIfMissing
        /// Commands that only read (`export`, `status`, `gaps`): a mistyped path is an error, never a new,
        /// empty repository that answers "nothing".
        case mustExist
    }

    /// Opens the repository at `path` (a file path, or a `postgres://` URL), migrating it as needed. A database
    /// that is not an idac repository is refused, never given idac's tables.
    public init(path: String, mode: OpeningMode = .createIfMissing) throws {
        if let location = try PostgresLocation(parsing: path) {
            self.path = location.description
            backend = try PostgresBackend(location: location, mode: mode)
        } else {
            self.path = path
            backend = try SQLiteBackend(path: path, mode: mode)
        }
    }

    /// Whether `location` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        PostgresLocation.isURL(location)
    }

    /// The SQLite database, for tests and diagnostics; nil on PostgreSQL.
    var sqliteQueue: DatabaseQueue? { (backend as? SQLiteBackend)?.queue }

    /// Whether several processes may work on the repository at once (PostgreSQL): then the inbox runs without
    /// its folder lock, and each file is claimed in the database (``withClaim(_:_:)``).
    public var takesSeveralWorkers: Bool { backend.dialect == .postgres }

    /// Runs `body` holding the claim named `name` among the processes sharing this repository, or returns nil
    /// without running it when another process holds it. A killed process's claims end with its connection.
    /// On SQLite every claim is granted (one process at a time works there).
    public func withClaim<T>(_ name: String, _ body: () throws -> T) throws -> T? {
        guard try backend.tryClaim(name) else { return nil }
        defer { try? backend.releaseClaim(name) }
        return try body()
    }

    /// Which engine holds the repository.
    public var engine: String { backend.dialect == .sqlite ? "SQLite" : "PostgreSQL" }

    /// The accepted transmission with this SHA-256, if any.
    public func transmission(sha256: String) throws -> TransmissionRecord? {
        try transmissions(where: "sha256 = ? AND status = 'accepted'", [.text(sha256)]).first
    }

    /// Every stored transmission, by id.
    public func transmissions() throws -> [TransmissionRecord] {
        try transmissions(where: "1 = 1", [])
    }

    private func transmissions(where condition: String, _ arguments: [SQLValue]) throws -> [TransmissionRecord] {
        var records: [TransmissionRecord] = []
        try backend.forEachRow([
            SQLStatement(
                sql: "SELECT \(TransmissionRecord.columns) FROM transmission WHERE \(condition) ORDER BY id",
                arguments: arguments)
        ]) { row in records.append(TransmissionRecord(row: row)) }
        return records
    }

    /// Why an ingest stops and stores nothing: the file has errors.
    public struct Rejected: Error {
        /// The only value there is: the storing closure throws it to roll the transaction back.
        public init() {}
    }

    /// What the file said about itself, learnt while storing it.
    public struct TransmissionDetails: Sendable {
        /// The structure its datasets followed (`IDAC:DF_CHILD_MIGRATION(1.0)`); nil when it held no dataset.
        public var dataflow: String?
        /// The format detected, in words (`SDMX-CSV 2.0`).
        public var format: String
        /// The header's `Sender` id; nil when the format has no header or the header names none.
        public var sender: String?
        /// The header's message `ID`, as the sender chose it; nil when absent.
        public var messageID: String?
        /// The header's `Prepared` date-time, as written; nil when absent.
        public var prepared: String?
        /// The validation report, as JSON.
        public var report: String

        /// The details in the order the transmission record keeps them.
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
    /// the store; if it throws (``Rejected`` when the file has errors), nothing is kept. A transmission with
    /// the same SHA-256 stored meanwhile by another process (another worker over the same PostgreSQL) is
    /// ``AlreadyStored``.
    public func ingest(_ transmission: TransmissionRecord, storing: (ObservationStore) throws -> TransmissionDetails)
        throws
        -> (TransmissionRecord, ObservationStore)
    {
        try backend.ingest(transmission, storing: storing)
    }

    /// Why an ingest stored nothing: another process stored the same file (by SHA-256) first.
    public struct AlreadyStored: Error {
        /// The transmission the other process stored, which the caller reports as already ingested.
        public var record: TransmissionRecord
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
        var versions: [StoredObservation] = []
        try backend.forEachObservationRow([
            SQLStatement(
                sql: """
                    SELECT \(ObservationSelection.columns) FROM \(ObservationSelection.tables)
                    WHERE d.name = ? AND s.seriesKey = ? AND o.period = ? ORDER BY o.validFrom
                    """, arguments: [.text(dataflow), .text(seriesKey), .text(period)])
        ]) { row in
            versions.append(
                StoredObservation(
                    dataflow: dataflow, seriesKey: row.seriesKey, period: row.period, value: row.value ?? "",
                    attributes: ObservationStore.decode(row.attributes), transmissionID: row.transmissionID,
                    validFrom: row.validFrom, validTo: row.validTo))
        }
        return versions
    }

    /// One current observation with what its history says: when it was first delivered and how
    /// many versions it has had. What the data-gap map is computed from.
    public struct ObservationSummary: Sendable {
        /// Dimension values in DSD order, joined by `.`.
        public var seriesKey: String
        /// The series' REF_AREA value (the country); nil when the structure has no REF_AREA.
        public var refArea: String?
        /// The time period, as the file wrote it.
        public var period: String
        /// The value in force; empty when it is missing.
        public var value: String
        /// The attributes, as the JSON object the repository keeps.
        public var attributesJSON: String
        /// When the observation's first version arrived, in the repository's form (``RepositoryInstant``).
        public var firstDelivered: String
        /// How many versions it has had, the current one included (1 when never revised).
        public var versions: Int
    }

    /// Streams the current observations of a dataflow with their history, in one pass.
    public func forEachObservationSummary(dataflow: String, _ body: (ObservationSummary) throws -> Void) throws {
        try backend.forEachRow([
            SQLStatement(
                sql: """
                    SELECT s.seriesKey, s.refArea, c.period, c.value, a.attributes,
                        (SELECT MIN(h.validFrom) FROM observation h
                            WHERE h.seriesID = c.seriesID AND h.period = c.period),
                        (SELECT COUNT(*) FROM observation h WHERE h.seriesID = c.seriesID AND h.period = c.period)
                    FROM dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation c ON c.seriesID = s.id
                    JOIN attributeSet a ON a.id = c.attributeSetID
                    WHERE d.name = ? AND c.validTo IS NULL
                    """, arguments: [.text(dataflow)])
        ]) { row in
            try body(
                ObservationSummary(
                    seriesKey: row.text(0) ?? "", refArea: row.text(1), period: row.text(2) ?? "",
                    value: row.text(3) ?? "", attributesJSON: row.text(4) ?? "{}",
                    firstDelivered: row.integer(5).map { RepositoryInstant.text(milliseconds: $0) } ?? "",
                    versions: Int(row.integer(6) ?? 0)))
        }
    }

    /// The countries that have ever had observations in a dataflow.
    public func reportingAreas(dataflow: String) throws -> [String] {
        var areas: [String] = []
        try backend.forEachRow([
            SQLStatement(
                sql: """
                    SELECT DISTINCT s.refArea FROM dataflow d JOIN series s ON s.dataflowID = d.id
                    WHERE d.name = ? AND s.refArea IS NOT NULL ORDER BY s.refArea
                    """,
                arguments: [.text(dataflow)])
        ]) { row in areas.append(row.text(0) ?? "") }
        return areas
    }

    /// For each country and dataflow: the last transmission, the periods covered, and whether the
    /// period asked about is among them.
    /// Who has reported what. With `period`, whether each country has reported it, comparing periods by the
    /// time they cover: an annual reporter's `2024` counts for `2024-Q3`, a quarter for its year.
    public func status(period: String?) throws -> [ReportingStatus] {
        var reported: Set<String> = []
        if let period, let asked = TimePeriod(period) {
            try backend.forEachRow([
                SQLStatement(
                    sql: """
                        SELECT DISTINCT s.refArea, d.name, o.period
                        FROM dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation o ON o.seriesID = s.id
                        WHERE o.validTo IS NULL AND s.refArea IS NOT NULL
                        """, arguments: [])
            ]) { row in
                let text = row.text(2) ?? ""
                if TimePeriod(text)?.overlaps(asked) ?? (text == period) {
                    reported.insert("\(row.text(0) ?? "")|\(row.text(1) ?? "")")
                }
            }
        }
        var statuses: [ReportingStatus] = []
        try backend.forEachRow([
            SQLStatement(
                sql: """
                    SELECT s.refArea, s.dataflow, s.first, s.last, s.lastTransmission, t.received AS received FROM (
                        SELECT s.refArea, d.name AS dataflow, MIN(o.period) AS first, MAX(o.period) AS last,
                            MAX(o.transmissionID) AS lastTransmission
                        FROM dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation o ON o.seriesID = s.id
                        WHERE o.validTo IS NULL AND s.refArea IS NOT NULL
                        GROUP BY s.refArea, d.name
                    ) s JOIN transmission t ON t.id = s.lastTransmission
                    ORDER BY s.dataflow, s.refArea
                    """, arguments: [])
        ]) { row in
            let refArea = row.text(0) ?? "", dataflow = row.text(1) ?? ""
            statuses.append(
                ReportingStatus(
                    refArea: refArea, dataflow: dataflow, lastTransmissionID: row.integer(4) ?? 0,
                    lastReceived: row.text(5) ?? "", firstPeriod: row.text(2) ?? "", lastPeriod: row.text(3) ?? "",
                    reportedForPeriod: period.map { _ in reported.contains("\(refArea)|\(dataflow)") }))
        }
        return statuses
    }
}

extension TransmissionRecord {
    /// The columns ``init(row:)`` reads, in order.
    static let columns =
        "id, sender, messageID, prepared, received, fileName, sha256, format, dataflow, status, observationCount, report, "
        + "accountID"

    init(row: [SQLValue]) {
        self.init(
            sender: row.text(1), messageID: row.text(2), prepared: row.text(3), received: row.text(4) ?? "",
            fileName: row.text(5) ?? "", sha256: row.text(6) ?? "", format: row.text(7) ?? "",
            dataflow: row.text(8), status: row.text(9) ?? "", observationCount: Int(row.integer(10) ?? 0),
            report: row.text(11), accountID: row.count > 12 ? row.integer(12) : nil)
        id = row.integer(0)
    }

    /// The record of a stored transmission: what the file said about itself.
    mutating func complete(with details: AllianceRepository.TransmissionDetails, observations: Int) {
        status = "accepted"
        dataflow = details.dataflow
        format = details.format
        sender = details.sender
        messageID = details.messageID
        prepared = details.prepared
        report = details.report
        observationCount = observations
    }
}
