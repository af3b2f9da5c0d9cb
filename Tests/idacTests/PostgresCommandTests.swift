import Foundation
import TestSupport
import Testing

/// The commands over a PostgreSQL repository: the same answers as over SQLite for the same transmissions,
/// and a server that cannot be reached or refuses the login is an error (exit 2) naming the server and what
/// to check, never the password.
@Suite struct PostgresCommandTests {
    let cli = CommandLineTests()
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    /// Times differ from one repository to the other (each stamps its own transmissions): left out.
    static func withoutTimes(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?"#,
            with: "TIME", options: .regularExpression)
    }

    /// A CSV answer with one column's values blanked: the days from a period's end to its transmission's
    /// arrival change when the two repositories are filled on either side of midnight.
    static func withoutColumn(_ column: String, _ csv: String) -> String {
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let position = lines.first?.firstIndex(of: column) else { return csv }
        for index in lines.indices.dropFirst() where position < lines[index].count { lines[index][position] = "" }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\n")
    }

    /// What each command answers over a repository made by the same ingests.
    func answers(_ repository: String, files directory: String) async throws -> [String: String] {
        let revised = directory + "/revised.csv"
        try String(contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
            .replacingOccurrences(of: "2024-Q1,412,", with: "2024-Q1,415,")
            .write(toFile: revised, atomically: false, encoding: .utf8)
        let deletion = directory + "/delete.csv"
        try """
        STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD
        dataflow,IDAC:DF_CHILD_MIGRATION(1.0),D,Q,KEN,MG_ASYLM_APPL_NEW,SSD,,,,2024-Q2

        """.write(toFile: deletion, atomically: false, encoding: .utf8)
        var answers: [String: String] = [:]
        for file in [
            "SampleData/kenya-2024-quarterly.xml", revised, "Tests/Fixtures/twins/valid.csv20.csv", deletion,
            "SampleData/invalid/tanzania-2024-rules.csv", "SampleData/kenya-2024-quarterly.xml",
        ] {
            let run = try cli.idac("ingest", "--repository", repository, file)
            answers["ingest " + URL(fileURLWithPath: file).lastPathComponent] =
                "\(run.status) " + Self.withoutTimes(run.output)
        }
        for (name, arguments) in [
            ("export", ["export", "--dataflow", Self.flow]),
            ("export xml", ["export", "--dataflow", Self.flow, "--to", "sdmx-ml"]),
            ("status", ["status", "--period", "2024-Q4"]),
            ("status json", ["status", "--format", "json"]),
            ("gaps", ["gaps", "--period", "2024", "--format", "csv"]),
        ] {
            let run = try cli.idac(arguments: arguments + ["--repository", repository])
            let output = name == "gaps" ? Self.withoutColumn("timeliness_days", run.output) : run.output
            answers[name] = "\(run.status) " + Self.withoutTimes(output) + Self.withoutTimes(run.errors)
        }
        let service = try RunningService.start(repository: repository)
        for path in [
            "/rest/data/IDAC,DF_CHILD_MIGRATION,1.0/Q.KEN.....",
            "/rest/data/IDAC,DF_CHILD_MIGRATION,1.0/all?startPeriod=2024-Q2&detail=dataonly",
            "/rest/v2/data/dataflow/IDAC/DF_CHILD_MIGRATION/1.0/*?c[TIME_PERIOD]=ge:2024-Q3&lastNObservations=1",
            "/rest/availableconstraint/IDAC,DF_CHILD_MIGRATION,1.0/Q.KEN.....",
        ] {
            let (body, status, _) = try await service.get(path)
            answers["serve " + path] = "\(status) " + Self.withoutTimes(body)
        }
        let (exitStatus, _) = try service.stop()
        answers["serve exit"] = "\(exitStatus)"
        return answers
    }

    @Test(.requires(.postgres)) func theCommandsAnswerAlikeOnSQLiteAndPostgreSQL() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let sqlite = try await answers(try TestBackend.sqlite.location(in: directory), files: directory)
        let postgres = try await answers(try TestBackend.postgres.location(in: directory), files: directory)
        #expect(sqlite.keys.sorted() == postgres.keys.sorted())
        for (name, answer) in sqlite.sorted(by: { $0.key < $1.key }) {
            #expect(answer == postgres[name], "\(name) differs:\n\(answer)\n\(postgres[name] ?? "-")")
            #expect(!answer.hasPrefix("2 "), "\(name): \(answer.prefix(300))")
        }
        #expect(sqlite["export"]?.contains("415") == true, "the revision is exported")
        #expect(sqlite["serve /rest/data/IDAC,DF_CHILD_MIGRATION,1.0/Q.KEN....."]?.hasPrefix("200 ") == true)
        #expect(
            sqlite["serve /rest/availableconstraint/IDAC,DF_CHILD_MIGRATION,1.0/Q.KEN....."]?.hasPrefix("200 ") == true)
        #expect(sqlite["status"]?.contains("KEN") == true && sqlite["gaps"]?.contains("KEN") == true)
    }

    @Test func anUnreachableServerIsExitTwoNamingItWithoutThePassword() throws {
        let port = try PostgresPort.closed()
        for command in [["status"], ["ingest", "SampleData/kenya-2024-quarterly.xml"], ["gaps"]] {
            let run = try cli.idac(
                arguments: command + [
                    "--repository", "postgres://idac:pw-never-shown@127.0.0.1:\(port)/alliance?sslmode=disable",
                ])
            #expect(run.status == 2, "\(command)")
            #expect(run.errors.contains("127.0.0.1:\(port)"), "\(run.errors)")
            #expect(run.errors.contains("check that the server runs"), "\(run.errors)")
            #expect(!(run.output + run.errors).contains("pw-never-shown"), "\(run.errors)")
        }
        // The same from IDAC_REPOSITORY, and with the password from PGPASSWORD.
        let run = try cli.idac(
            arguments: ["status"],
            environment: [
                "IDAC_REPOSITORY": "postgresql://idac@127.0.0.1:\(port)/alliance?sslmode=disable",
                "PGPASSWORD": "pw-never-shown",
            ])
        #expect(run.status == 2 && run.errors.contains("127.0.0.1:\(port)"), "\(run.errors)")
        #expect(!run.errors.contains("pw-never-shown"))
    }

    @Test(.requires(.postgres)) func aRefusedLoginIsExitTwoSayingWhatToCheck() throws {
        let url = try #require(TestBackend.postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = "pw-wrong-never-shown"
        let run = try cli.idac(arguments: ["status", "--repository", try #require(components.string)])
        #expect(run.status == 2)
        #expect(run.errors.contains("refused the connection"), "\(run.errors)")
        #expect(run.errors.contains("\(components.host ?? ""):\(components.port ?? 5432)"), "\(run.errors)")
        #expect(!run.errors.contains("pw-wrong-never-shown"), "\(run.errors)")
    }
}

/// Ports for connection tests.
enum PostgresPort {
    /// A loopback port nothing listens on (bound, then closed).
    static func closed() throws -> Int {
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
