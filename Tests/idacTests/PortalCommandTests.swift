import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `idac users` and the portal of a started `idac serve`: tokens shown once and kept only as their
/// SHA-256, `/api/validate` answering exactly what `idac validate` prints.
@Suite(.serialized) struct PortalCommandTests {
    static func token(in output: String) -> String {
        output.firstMatch(of: /idac_[A-Za-z0-9_-]{43}/).map { String($0.0) } ?? ""
    }

    @Test func usersAddListRevoke() throws {
        let cli = CommandLineTests()
        let repository = try TestPaths.temporaryDirectory() + "/alliance.sqlite"
        let add = try cli.idac(
            arguments: [
                "users", "add", "--name", "Kenya National Bureau of Statistics", "--country", "KEN",
                "--repository", repository,
            ])
        #expect(add.status == 0, "\(add.errors)")
        let token = Self.token(in: add.output)
        #expect(token.count == 48)
        let second = try cli.idac(
            arguments: [
                "users", "add", "--name", "IDAC Secretariat", "--country", "XXX", "--role", "secretariat",
                "--repository", repository,
            ])
        #expect(Self.token(in: second.output) != token)
        // The repository holds the token's digest, never the token.
        var stored = try Data(contentsOf: URL(fileURLWithPath: repository))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: repository + "-wal")) { stored += wal }
        #expect(stored.range(of: Data(token.utf8)) == nil)
        let list = try cli.idac(arguments: ["users", "list", "--repository", repository])
        #expect(list.output.contains("Kenya National Bureau of Statistics\tKEN\toffice"))
        #expect(list.output.contains("IDAC Secretariat\tXXX\tsecretariat"))
        #expect(!list.output.contains(token))
        let duplicate = try cli.idac(
            arguments: ["users", "add", "--name", "IDAC Secretariat", "--country", "KEN", "--repository", repository])
        #expect(duplicate.status == 2)
        for bad in [["--country", "ke"], ["--country", "KEN", "--role", "admin"]] {
            let run = try cli.idac(arguments: ["users", "add", "--name", "X", "--repository", repository] + bad)
            #expect(run.status == 2)
        }
        let revoke = try cli.idac(arguments: [
            "users", "revoke", "Kenya National Bureau of Statistics",
            "--repository", repository,
        ])
        #expect(revoke.status == 0)
        let again = try cli.idac(arguments: [
            "users", "revoke", "Kenya National Bureau of Statistics",
            "--repository", repository,
        ])
        #expect(again.status == 2)
        #expect(try cli.idac(arguments: ["users", "list", "--repository", repository]).output.contains("revoked"))
    }

    @Test func apiValidateAnswersWhatTheCommandPrints() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        for (path, format) in [
            ("SampleData/kenya-2024-quarterly.xml", "json"), ("SampleData/invalid/uganda-2024-Q3-errors.csv", "json"),
            ("SampleData/invalid/uganda-2024-Q3-errors.xml", "text"), ("SampleData/kenya-2024-quarterly.csv", "html"),
        ] {
            let cli = try CommandLineTests().idac(arguments: ["validate", "--format", format, path])
            let boundary = "portalTest\(UUID().uuidString)"
            var body = Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n\(format)\r\n".utf8)
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(path)\"\r\n\r\n".utf8)
            body += try Data(contentsOf: URL(fileURLWithPath: TestPaths.project(path)))
            body += Data("\r\n--\(boundary)--\r\n".utf8)
            guard let url = URL(string: service.baseURL + "/api/validate") else { return }
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
            let (data, response) = try await URLSession.shared.upload(for: request, from: body)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let answer = String(decoding: data, as: UTF8.self)
            let expected = format == "html" ? cli.output : cli.output
            #expect(answer == expected, "\(path) \(format)")
        }
    }

    /// Request headers are bounded by swift-nio's HTTP parser (80 KB): past it, 400 and no work.
    @Test func oversizedHeadersAreRefused() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let (_, small, _) = try await service.get(
            "/health", headers: ["X-Padding": String(repeating: "a", count: 8000)])
        #expect(small == 200)
        let (_, large, _) = try await service.get(
            "/health", headers: ["X-Padding": String(repeating: "a", count: 200_000)])
        #expect(large == 400)
    }
}

extension PortalCommandTests {
    /// An upload folder others may write (or a link) stops the start: an upload there could be swapped
    /// between its check and its storing.
    @Test func aSharedUploadFolderStopsTheStart() throws {
        let directory = try TestPaths.temporaryDirectory()
        let repository = directory + "/alliance.sqlite"
        _ = try CommandLineTests().idac(
            arguments: ["users", "add", "--name", "x", "--country", "KEN", "--repository", repository])
        let shared = directory + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: shared)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: shared)
        for folder in [shared, directory + "/link"] {
            let run = try CommandLineTests().idac(
                arguments: ["serve", "--port", "0", "--repository", repository, "--upload-directory", folder])
            #expect(run.status == 2, "\(folder)")
            #expect(run.errors.contains("must be a folder (not a link)"), "\(run.errors)")
        }
    }
}
