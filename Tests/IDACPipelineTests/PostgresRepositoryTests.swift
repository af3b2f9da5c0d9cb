@testable import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// What only the PostgreSQL backend has: its URL, its refusals, its mark, and several writers at once. The
/// semantics both backends share are tested on both by the repository suites (`TestBackend.all`).
@Suite struct PostgresRepositoryTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    /// The server the PostgreSQL cases of the shared suites run against: skipped, saying why, without one.
    @Test(.requires(.postgres)) func theTestServerTakesARepository() throws {
        let location = try TestBackend.postgres.location(in: try TestPaths.temporaryDirectory())
        let repository = try AllianceRepository(path: location)
        #expect(repository.engine == "PostgreSQL")
        #expect(try repository.transmissions().isEmpty)
        #expect(try repository.lastChange() == nil)
    }

    @Test func urlsAreReadAndThePasswordIsNeverShown() throws {
        let location = try #require(
            try PostgresLocation(
                parsing: "postgresql://ana:s%40cret:pw@db.example.org:6543/alliance?sslmode=require",
                environment: [:]))
        #expect(location.user == "ana" && location.password == "s@cret:pw")
        #expect(location.host == "db.example.org" && location.port == 6543 && location.database == "alliance")
        #expect(location.tls == .require)
        #expect(location.description == "postgres://ana@db.example.org:6543/alliance")
        #expect(!location.description.contains("cret"))
        let defaults = try #require(try PostgresLocation(parsing: "postgres://h/db", environment: ["PGUSER": "u"]))
        #expect(defaults.user == "u" && defaults.port == 5432 && defaults.password == nil)
        #expect(try PostgresLocation(parsing: "alliance.sqlite", environment: [:]) == nil)
        for bad in [
            "postgres://h", "postgres:///db", "postgres://h/db?sslmode=maybe", "postgres://h/db?options=x",
            "postgres://h:0/db", "postgres://h/db?schema=Drop;Table",
        ] {
            #expect(throws: SDMXError.self, "\(bad)") { try PostgresLocation(parsing: bad, environment: [:]) }
        }
        let fromEnvironment = try #require(
            try PostgresLocation(parsing: "postgres://u@h/db", environment: ["PGPASSWORD": "env-pw"]))
        #expect(fromEnvironment.password == "env-pw")
    }

    @Test func pgpassLinesMatchAsLibpqReadsThem() {
        let file = """
            # comment
            other:5432:db:u:wrong
            h:5432:*:u:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(
            PostgresLocation.password(inPassFile: file, host: "h", port: 5432, database: "any", user: "u")
                == "pa:ss\\word")
        #expect(
            PostgresLocation.password(inPassFile: file, host: "x", port: 1, database: "d", user: "v") == "fallback")
        #expect(
            PostgresLocation.password(inPassFile: "h:5432:db:u", host: "h", port: 5432, database: "db", user: "u")
                == nil)
    }

    @Test func aPgpassFileOthersMayReadIsIgnored() throws {
        let directory = try TestPaths.temporaryDirectory()
        let file = directory + "/pgpass"
        try "*:*:*:*:from-file\n".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let url = "postgres://u@h/db"
        #expect(try PostgresLocation(parsing: url, environment: ["PGPASSFILE": file])?.password == "from-file")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresLocation(parsing: url, environment: ["PGPASSFILE": file])?.password == nil)
    }

    /// Nothing listens there: the message names the server and what to check, never the password.
    @Test func anUnreachableServerIsNamedWithWhatToCheck() throws {
        let port = try Self.closedPort()
        let url = "postgres://idac:hunter2-secret@127.0.0.1:\(port)/alliance?sslmode=disable"
        do {
            _ = try AllianceRepository(path: url)
            Issue.record("a repository opened on a closed port")
        } catch let error as SDMXError {
            let message = String(describing: error)
            #expect(message.contains("127.0.0.1:\(port)"), "\(message)")
            #expect(message.contains("check that the server runs"), "\(message)")
            #expect(!message.contains("hunter2"), "\(message)")
        }
    }

    @Test(.requires(.postgres)) func aRefusedLoginSaysWhatToCheckWithoutThePassword() throws {
        let url = try #require(TestBackend.postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = "wrong-secret-pw"
        components.path = "/" + (components.path.dropFirst().isEmpty ? "postgres" : String(components.path.dropFirst()))
        do {
            _ = try AllianceRepository(path: try #require(components.string))
            // A server that trusts every local login (no password asked) cannot test this: say so.
            Issue.record("the test server accepted a wrong password: give it password authentication")
        } catch let error as SDMXError {
            let message = String(describing: error)
            #expect(message.contains("refused the connection") && message.contains("password"), "\(message)")
            #expect(!message.contains("wrong-secret-pw"), "\(message)")
        }
    }

    @Test(.requires(.postgres)) func aForeignDatabaseIsRefusedAndAnEmptyOneIsNotMadeForReading() throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try TestBackend.postgres.location(in: directory)
        #expect(throws: SDMXError.self, "a reading command does not make a repository") {
            try AllianceRepository(path: location, mode: .mustExist)
        }
        // Another program's tables in the schema: refused, and nothing of idac's added.
        let parsed = try #require(try PostgresLocation(parsing: location))
        let session = try PostgresSession(location: parsed)
        let schema = try #require(parsed.schema)
        try session.query("CREATE SCHEMA \(schema)")
        try session.query("CREATE TABLE \(schema).invoices (id int)")
        do {
            _ = try AllianceRepository(path: location)
            Issue.record("a foreign database was taken as a repository")
        } catch let error as SDMXError {
            #expect(String(describing: error).contains("not an idac repository"))
            #expect(String(describing: error).contains("invoices"))
        }
        let tables = try session.query(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?", [.text(schema)])
        #expect(try tables.first?.makeRandomAccess()[0].decode(Int64.self) == 1)
    }

    @Test(.requires(.postgres)) func migrationsRunOnceAndAreRecorded() throws {
        let location = try TestBackend.postgres.location(in: try TestPaths.temporaryDirectory())
        _ = try AllianceRepository(path: location)
        let again = try AllianceRepository(path: location, mode: .mustExist)
        guard let backend = again.backend as? PostgresBackend else {
            Issue.record("a postgres:// location opens the PostgreSQL backend")
            return
        }
        let rows = try backend.session.query("SELECT identifier FROM idac_migrations")
        #expect(rows.count == PostgresMigrations.all.count)
        #expect(try backend.session.query("SELECT application FROM idac_repository").count == 1)
    }

    /// Queries read the indexes on PostgreSQL too: one series key is an index search, never a scan.
    @Test(.requires(.postgres)) func oneSeriesKeyIsAnIndexSearch() throws {
        let location = try TestBackend.postgres.location(in: try TestPaths.temporaryDirectory())
        let repository = try AllianceRepository(path: location)
        let plan = try repository.queryPlan(
            ObservationQuery(
                dataflow: Self.flow, keys: [[["Q"], ["KEN"], ["MG_ASYLM_APPL_NEW"], ["SOM"], ["F"], ["Y0T17"], ["_T"]]])
        )
        #expect(plan.contains { $0.contains("Index") && $0.contains("series_dataflowid_serieskey_key") }, "\(plan)")
        #expect(plan.contains { $0.contains("Index") && $0.contains("observation_key") }, "\(plan)")
        #expect(!plan.contains { $0.contains("Seq Scan") }, "\(plan)")
    }

    /// A port nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
