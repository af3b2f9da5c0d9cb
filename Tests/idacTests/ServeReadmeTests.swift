import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The README's web-service section tells the truth: each `curl` example and each Python snippet is run
/// against `idac serve` over a repository of the Kenya sample (as the README makes it), and what it
/// prints must be the block shown after it.
@Suite(.serialized) struct ServeReadmeTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var language: String
        var code: String
        var expected: String
        var line: Int
        var testDescription: String { "README.md:\(line): \(language)" }
    }

    static let examples: [Example] = {
        let blocks = ReadmeExamplesTests.blocks()
        let readme = ReadmeExamplesTests.readme.components(separatedBy: "\n")
        guard let start = readme.firstIndex(where: { $0.hasPrefix("## The web service") }) else { return [] }
        let end = readme[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? readme.count
        return zip(blocks, blocks.dropFirst()).compactMap { code, output in
            guard code.line > start, code.line < end, output.info == "text" else { return nil }
            if code.info == "sh", code.body.hasPrefix("curl "), !code.body.contains("\n") {
                return Example(language: "curl", code: code.body, expected: output.body, line: code.line)
            }
            if code.info == "python" || code.info == "r" {
                return Example(language: code.info, code: code.body, expected: output.body, line: code.line)
            }
            return nil
        }
    }()

    @Test func theSectionHasCurlAndPythonExamples() {
        #expect(Self.examples.filter { $0.language == "curl" }.count >= 2)
        #expect(Self.examples.filter { $0.language == "python" }.count >= 2)
    }

    @Test func curlExamplesPrintWhatTheReadmeShows() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        for example in Self.examples where example.language == "curl" {
            let (url, headers) = try Self.curlRequest(example.code)
            let path = url.replacingOccurrences(of: "http://127.0.0.1:8080", with: "")
            let (body, status, _) = try await service.get(Self.encodingBrackets(path), headers: headers)
            #expect(status == 200, "README.md:\(example.line)")
            #expect(body == example.expected + "\n", "README.md:\(example.line) shows another answer")
        }
    }

    @Test(.requires(.sdmx1)) func pythonExamplesPrintWhatTheReadmeShows() async throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        for example in Self.examples where example.language == "python" {
            let code = example.code.replacingOccurrences(of: "http://127.0.0.1:8080", with: service.baseURL)
            let output = try PythonScript.run(code, arguments: [])
            #expect(output == example.expected + "\n", "README.md:\(example.line) prints another answer")
        }
    }

    @Test(.requires(.rsdmx)) func rExamplesPrintWhatTheReadmeShows() throws {
        let service = try RunningService.start()
        defer { _ = try? service.stop() }
        let examples = Self.examples.filter { $0.language == "r" }
        #expect(!examples.isEmpty)
        for example in examples {
            let code = example.code.replacingOccurrences(of: "http://127.0.0.1:8080", with: service.baseURL)
            let output = try RScript.run(code)
            #expect(output == example.expected + "\n", "README.md:\(example.line) prints another answer")
        }
    }

    /// The URL and `-H` headers of a one-line `curl -s [-g] 'URL' [-H 'Name: value']…`.
    static func curlRequest(_ line: String) throws -> (String, [String: String]) {
        let quoted = line.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        guard let url = quoted.first(where: { $0.hasPrefix("http://") }) else {
            throw RunningService.ServiceFailure(message: "no URL in \(line)")
        }
        var headers: [String: String] = [:]
        for header in quoted where !header.hasPrefix("http://") {
            let parts = header.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { headers[parts[0]] = parts[1] }
        }
        return (url, headers)
    }

    /// What `curl -g` sends for `[` and `]` (URLSession refuses them raw).
    static func encodingBrackets(_ path: String) -> String {
        path.replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(of: "]", with: "%5D")
    }
}
