@testable import AllianceRepository
import Foundation
import GRDB
import PostgresNIO
import SDMXModel
import TestSupport
import Testing

/// Repositories made with the first schema (observations repeating their dataflow, key and attributes as
/// text) open, migrate to the compact one, and answer exactly as before: now, as of every past time, with
/// their history, their changes and their status.
@Suite struct RepositoryMigrationTests {
    static let flow = RepositoryQueryTests.flow

    /// Every answer the repository gives that the migration could change, as text.
    func answers(_ repository: AllianceRepository) throws -> [String] {
        func text(_ observation: StoredObservation) -> String {
            let attributes = observation.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "\(observation.dataflow)|\(observation.seriesKey)|\(observation.period)|\(observation.value)|"
                + "\(attributes.joined(separator: ","))|\(observation.transmissionID)|\(observation.validFrom)|"
                + (observation.validTo ?? "-")
        }
        var lines: [String] = []
        var queries = [
            ObservationQuery(dataflow: Self.flow), ObservationQuery(dataflow: Self.flow, includeHistory: true),
            ObservationQuery(dataflow: Self.flow, keys: [[["Q"], ["KEN"], [], [], [], [], []]], lastN: 2),
        ]
        for transmission in try repository.transmissions() {
            queries.append(ObservationQuery(dataflow: Self.flow, asOf: transmission.received))
            queries.append(ObservationQuery(dataflow: Self.flow, updatedAfter: transmission.received))
            queries.append(
                ObservationQuery(dataflow: Self.flow, asOf: transmission.received, includeHistory: true))
        }
        for query in queries {
            lines.append("query \(query)")
            try repository.forEachObservation(query) { lines.append(text($0)) }
        }
        lines += try repository.status(period: "2024-Q1").map { "\($0)" }
        lines += try repository.reportingAreas(dataflow: Self.flow)
        var summaries: [String] = []
        try repository.forEachObservationSummary(dataflow: Self.flow) { summary in
            summaries.append("\(summary.seriesKey)|\(summary.period)|\(summary.firstDelivered)|\(summary.versions)")
        }
        lines += summaries.sorted()
        lines += try repository.history(
            dataflow: Self.flow, seriesKey: "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T", period: "2024-Q1"
        ).map(text)
        return lines
    }

    /// A repository with revisions and a deletion, in three transmissions.
    func revisedFixture(_ backend: TestBackend) throws -> RepositoryQueryTests.Fixture {
        let fixture = try RepositoryQueryTests().fixture(backend)
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.ingest(
            [
                RepositoryQueryTests.line("Q", "KEN", "SOM", "F", "2024-Q1", 999),
                RepositoryQueryTests.line("Q", "KEN", "SOM", "F", "2024-Q2", 102),
            ], name: "revision.csv")
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.ingest(
            ["dataflow,\(Self.flow),D,Q,UGA,MG_ASYLM_APPL_NEW,SOM,M,Y0T17,_T,2024-Q1,,,,,,,"], name: "deletion.csv")
        return fixture
    }

    /// The first schema's rows for every version `repository` holds, oldest first: each column as stored.
    func firstSchemaRows(_ repository: AllianceRepository) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try repository.backend.forEachRow([
            SQLStatement(
                sql: "SELECT \(CopiedObservation.columns) FROM \(ObservationSelection.tables) "
                    + "ORDER BY o.validFrom, s.seriesKey, o.period", arguments: [])
        ]) { row in
            let version = CopiedObservation(row: row)
            let interval = PeriodInterval(period: version.period)
            rows.append([
                .text(version.dataflow), .text(version.seriesKey), SQLValue(version.refArea), .text(version.period),
                SQLValue(version.value), .text(version.attributes), .integer(version.transmissionID),
                .text(RepositoryInstant.text(milliseconds: version.validFrom)),
                SQLValue(version.validTo.map { RepositoryInstant.text(milliseconds: $0) }),
                SQLValue(interval?.start), SQLValue(interval?.end),
            ])
        }
        return rows
    }

    static let firstSchemaInsert = """
        INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID, validFrom,
            validTo, periodStart, periodEnd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// A SQLite repository at `path` as the first schema (and the accounts' migration) left it.
    static func firstSchemaSQLite(
        at path: String, transmissions: [TransmissionRecord], rows: [[SQLValue]]
    ) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(RepositoryMark.applicationID)")
        }
        try RepositoryMigrations.migrator.migrate(queue, upTo: "v3: accounts and the account that sent a transmission")
        try queue.write { db in
            for transmission in transmissions {
                var copy = transmission
                try copy.insert(db)
            }
            for row in rows { try db.execute(sql: firstSchemaInsert, arguments: SQLiteBackend.arguments(row)) }
        }
    }

    /// A PostgreSQL repository at `location` as its first two migrations left it.
    static func firstSchemaPostgres(
        at location: String, transmissions: [TransmissionRecord], rows: [[SQLValue]]
    ) throws {
        let parsed = try #require(try PostgresLocation(parsing: location))
        let schema = try #require(parsed.schema)
        let session = try PostgresSession(location: parsed)
        try session.withConnection { connection in
            try connection.query("CREATE SCHEMA \(schema)")
            try connection.query(
                "CREATE TABLE idac_repository (application text PRIMARY KEY, created text NOT NULL)")
            try connection.query("INSERT INTO idac_repository VALUES ('idac', '2025-01-01T00:00:00.000Z')")
            try connection.query("CREATE TABLE idac_migrations (identifier text PRIMARY KEY, applied text NOT NULL)")
            for migration in PostgresMigrations.all.prefix(2) {
                for statement in migration.statements { try connection.query(statement) }
                try connection.query(
                    "INSERT INTO idac_migrations VALUES (?, '2025-01-01T00:00:00.000Z')", [.text(migration.identifier)])
            }
            for record in transmissions {
                try connection.query(
                    "INSERT INTO transmission (\(TransmissionRecord.columns)) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        SQLValue(record.id), SQLValue(record.sender), SQLValue(record.messageID),
                        SQLValue(record.prepared), .text(record.received), .text(record.fileName),
                        .text(record.sha256), .text(record.format), SQLValue(record.dataflow), .text(record.status),
                        .integer(Int64(record.observationCount)), SQLValue(record.report), SQLValue(record.accountID),
                    ])
            }
            for row in rows { try connection.query(Self.firstSchemaInsert, row) }
        }
    }

    @Test(arguments: TestBackend.all) func aFirstSchemaRepositoryMigratesAndAnswersAsBefore(_ backend: TestBackend)
        throws
    {
        let fixture = try revisedFixture(backend)
        let expected = try answers(fixture.repository)
        #expect(expected.count > 20)
        let transmissions = try fixture.repository.transmissions()
        let rows = try firstSchemaRows(fixture.repository)
        #expect(rows.count == 17)
        let old = try backend.location(in: try TestPaths.temporaryDirectory())
        switch backend {
        case .sqlite: try Self.firstSchemaSQLite(at: old, transmissions: transmissions, rows: rows)
        case .postgres: try Self.firstSchemaPostgres(at: old, transmissions: transmissions, rows: rows)
        }
        let migrated = try AllianceRepository(path: old, mode: .mustExist)
        let answered = try answers(migrated)
        #expect(answered.count == expected.count)
        for (line, want) in zip(answered, expected) where line != want { #expect(line == want) }
        let (count, digest) = try migrated.contentDigest()
        let (expectedCount, expectedDigest) = try fixture.repository.contentDigest()
        #expect(count == expectedCount && digest == expectedDigest)
    }

    /// The first schema's periods of every form (and some that are no period) are filtered by the time they
    /// cover once migrated, as PeriodInterval reads them.
    @Test func periodsOfEveryFormAreFilteredAfterTheMigration() throws {
        let fixture = try RepositoryQueryTests().fixture()
        let forms = [
            "2024-05", "2024-05-31", "2024-M05", "2024-S2", "2024-T3", "2024-A1", "2024-W05", "2024-D060",
            "2024-02-29T10:00:00Z", "2024-01-01/P6M", "2024-02-30", "2024-13", "2023-M13", "0000", "soon",
        ]
        var rows = try firstSchemaRows(fixture.repository)
        let template = try #require(rows.first)
        for (index, form) in forms.enumerated() {
            var row = template
            row[1] = .text("X.\(index)")
            row[3] = .text(form)
            rows.append(row)
        }
        let old = try TestBackend.sqlite.location(in: try TestPaths.temporaryDirectory())
        try Self.firstSchemaSQLite(at: old, transmissions: try fixture.repository.transmissions(), rows: rows)
        let reopened = try AllianceRepository(path: old)
        var query = ObservationQuery(dataflow: Self.flow)
        query.periodFrom = try #require(PeriodInterval(period: "2024")).start
        var count = 0
        try reopened.forEachObservation(query) { _ in count += 1 }
        #expect(count == 1 + 4 + 4 + 1 + 10)
        var all: [String] = []
        try reopened.forEachObservation(ObservationQuery(dataflow: Self.flow)) { all.append($0.period) }
        #expect(all.count == 16 + forms.count)
        #expect(Set(forms).isSubset(of: Set(all)))
    }
}
