import Foundation
import TestSupport
import Testing

/// Repository arguments: read-only commands never create a repository, only idac's SQLite files are
/// used, as-of times are instants, and export keys name real codes.
@Suite struct RepositoryArgumentTests {
    let cli = CommandLineTests()
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    @Test func commandsThatOnlyReadNeverCreateARepository() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/mistyped.sqlite"
        for arguments in [["status"], ["export", "--dataflow", Self.flow], ["gaps"]] {
            let run = try cli.idac(arguments: arguments + ["--repository", path])
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.contains("there is no repository at \(path)"), "\(run.errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aForeignSQLiteDatabaseIsRefusedAndLeftAlone() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/other.sqlite"
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table users(x)'); c.commit()", path,
        ]
        try make.run()
        make.waitUntilExit()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for arguments in [["ingest", "SampleData/kenya-2024-quarterly.xml"], ["status"]] {
            let run = try cli.idac(arguments: arguments + ["--repository", path])
            #expect(run.status == 2)
            #expect(run.errors.contains("is a SQLite database but not an idac repository"), "\(run.errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the foreign database was changed")
    }

    @Test func asOfTakesISOInstantsAndRefusesTheRest() throws {
        let directory = try TestPaths.temporaryDirectory()
        let repository = directory + "/r.sqlite"
        let ingest = try cli.idac("ingest", "--repository", repository, "SampleData/kenya-2024-quarterly.xml")
        #expect(ingest.status == 0, "\(ingest.errors)")
        func rows(_ asOf: String) throws -> (Int32, Int) {
            let run = try cli.idac("export", "--repository", repository, "--dataflow", Self.flow, "--as-of", asOf)
            return (run.status, run.output.split(separator: "\n").count - 1)
        }
        for bad in [
            "garbage", "2025-13-45", "2025-02-30", "2025-03-31T25:00:00Z", "2025-03-31T10:00:00+99:00", "31/03/2025",
        ] {
            let (status, _) = try rows(bad)
            #expect(status == 2, "\(bad) was accepted")
        }
        // The same instant written in three time zones gives the same answer; a second before the
        // transmission gives nothing, a second after gives everything.
        let received = Date()
        func stamp(_ date: Date, _ zone: String) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: zone)
            return formatter.string(from: date)
        }
        for zone in ["UTC", "Asia/Kolkata", "America/Bogota"] {
            #expect(try rows(stamp(received.addingTimeInterval(2), zone)) == (0, 16), "\(zone)")
            #expect(try rows(stamp(received.addingTimeInterval(-60), zone)) == (0, 0), "\(zone)")
        }
        #expect(try rows("2000-01-01") == (0, 0))
        #expect(try rows("2999-12-31") == (0, 16))
    }

    @Test func anExportKeyValueOutsideItsCodeListIsAnError() throws {
        let directory = try TestPaths.temporaryDirectory()
        let repository = directory + "/r.sqlite"
        _ = try cli.idac("ingest", "--repository", repository, "SampleData/kenya-2024-quarterly.xml")
        let wrong = try cli.idac(
            "export", "--repository", repository, "--dataflow", Self.flow, "--key", "Q.KEN+UGA..F...")
        #expect(wrong.status == 2)
        #expect(wrong.errors.contains("gives 'F' for COUNTRY_ORIGIN"), "\(wrong.errors)")
        let right = try cli.idac(
            "export", "--repository", repository, "--dataflow", Self.flow, "--key", "Q.KEN+UGA...F..")
        #expect(right.status == 0)
        #expect(right.output.split(separator: "\n").count - 1 == 4, "the girls of Kenya's four quarters")
    }

    @Test func gapsSaysWhichPeriodItUsedAndWhyTheGridIsEmpty() throws {
        let directory = try TestPaths.temporaryDirectory()
        let repository = directory + "/r.sqlite"
        _ = try cli.idac("ingest", "--repository", repository, "SampleData/kenya-2024-quarterly.xml")
        let run = try cli.idac("gaps", "--repository", repository, "--period", "2023")
        #expect(run.status == 0)
        #expect(
            run.errors.contains(
                "no observation of IDAC:DF_CHILD_MIGRATION(1.0) falls in 2023; the repository holds 2024-Q1 to 2024-Q4"),
            "\(run.errors)")
        let defaulted = try cli.idac("gaps", "--repository", repository)
        #expect(defaulted.errors.contains("the last complete year (give --period to choose another)"))
        let covered = try cli.idac("gaps", "--repository", repository, "--period", "2024")
        #expect(!covered.errors.contains("no observation"))
    }

    @Test func aRepositoryIsAFileNeverAThrowAwayDatabase() throws {
        for path in ["", ":memory:", "file:alliance.sqlite?mode=memory"] {
            let run = try cli.idac(arguments: ["ingest", "--repository", path, "SampleData/kenya-2024-quarterly.xml"])
            #expect(run.status == 2, "'\(path)'")
            #expect(run.errors.contains("is not a repository path"), "\(run.errors)")
        }
        let unset = try cli.idac(arguments: ["status"], environment: ["IDAC_REPOSITORY": ""])
        #expect(unset.status == 2)
    }
}
