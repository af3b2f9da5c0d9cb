import Foundation
import TestSupport
import Testing

/// `idac repository copy`: a repository moves with its whole history, SQLite to PostgreSQL and back,
/// verified by counts and SHA-256, and only into an empty repository.
@Suite struct RepositoryCopyTests {
    let cli = CommandLineTests()
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    /// A repository with a revision and a deletion in its history; returns the time before the revision.
    func filled(_ repository: String, in directory: String) throws -> String {
        let revised = directory + "/revised.csv"
        try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
            .replacingOccurrences(of: "2024-Q1,412,", with: "2024-Q1,415,")
            .write(toFile: revised, atomically: false, encoding: .utf8)
        let deletion = directory + "/delete.csv"
        try """
        STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD
        dataflow,IDAC:DF_CHILD_MIGRATION(1.0),D,Q,KEN,MG_ASYLM_APPL_NEW,SSD,,,,2024-Q2

        """.write(toFile: deletion, atomically: false, encoding: .utf8)
        #expect(try cli.idac("ingest", "--repository", repository, "SampleData/kenya-2024-quarterly.xml").status == 0)
        Thread.sleep(forTimeInterval: 0.01)
        let before = ISO8601DateFormatter().string(from: Date())
        Thread.sleep(forTimeInterval: 1.01)
        for file in [revised, deletion, "Tests/Fixtures/twins/valid.csv20.csv"] {
            #expect(try cli.idac("ingest", "--repository", repository, file).status == 0)
        }
        return before
    }

    /// What a repository answers now and as of a time before its revision.
    func answers(_ repository: String, asOf: String) throws -> [String] {
        try [
            ["export", "--dataflow", Self.flow], ["export", "--dataflow", Self.flow, "--as-of", asOf],
            ["status", "--format", "json"],
        ].map { arguments in
            let run = try cli.idac(arguments: arguments + ["--repository", repository])
            #expect(run.status == 0, "\(arguments): \(run.errors)")
            return run.output
        }
    }

    func copy(_ from: String, _ to: String) throws -> CommandLineTests.Run {
        try cli.idac("repository", "copy", "--from", from, "--to", to)
    }

    @Test(arguments: TestBackend.all) func aRepositoryCopiesWithItsHistoryAndBack(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let original = directory + "/original.sqlite"
        let asOf = try filled(original, in: directory)
        let middle = try backend == .sqlite ? directory + "/middle.sqlite" : backend.location(in: directory)
        let back = directory + "/back.sqlite"
        let there = try copy(original, middle)
        #expect(there.status == 0, "\(there.errors)")
        #expect(there.output.contains("copied 4 transmissions and 24 observation versions"), "\(there.output)")
        let again = try copy(middle, back)
        #expect(again.status == 0, "\(again.errors)")
        let digest = { (output: String) in output.components(separatedBy: "SHA-256 ").last ?? "" }
        #expect(digest(there.output) == digest(again.output) && digest(there.output).count > 64)
        let expected = try answers(original, asOf: asOf)
        #expect(expected[0] != expected[1], "the as-of answer shows the history")
        #expect(try answers(middle, asOf: asOf) == expected)
        #expect(try answers(back, asOf: asOf) == expected)
        // The copy goes on as a repository: the next transmission gets the next id.
        let more = try cli.idac("ingest", "--repository", middle, "SampleData/country-csv/senegal-2024-refugees.csv")
        #expect(more.output.contains("transmission 5") || more.status == 1, "\(more.output)\(more.errors)")
    }

    @Test func aCopyGoesIntoAnEmptyRepositoryOnly() throws {
        let directory = try TestPaths.temporaryDirectory()
        let original = directory + "/original.sqlite"
        _ = try filled(original, in: directory)
        let target = directory + "/target.sqlite"
        #expect(try cli.idac("ingest", "--repository", target, "SampleData/kenya-2024-quarterly.xml").status == 0)
        let run = try copy(original, target)
        #expect(run.status == 2)
        #expect(run.errors.contains("already holds transmissions"), "\(run.errors)")
        let missing = try copy(directory + "/none.sqlite", directory + "/new.sqlite")
        #expect(missing.status == 2 && missing.errors.contains("there is no repository"), "\(missing.errors)")
    }
}
