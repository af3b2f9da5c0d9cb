import Foundation
import TestSupport
import Testing

/// The README's examples are the program's real output: every `sh` block of one `idac` command that is
/// followed by a `text` or `json` block is run, and its standard output must be that block, byte for byte.
/// After changing what idac prints, run the command and paste its output into the README.
@Suite struct ReadmeExamplesTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var command: String
        var expected: String
        var line: Int
        var testDescription: String { "README.md:\(line): \(command)" }
    }

    static let readme: String = (try? String(contentsOfFile: TestPaths.project("README.md"), encoding: .utf8)) ?? ""

    /// The README's fenced blocks, with their info string and first line number.
    static func blocks() -> [(info: String, body: String, line: Int)] {
        var blocks: [(String, String, Int)] = []
        var open: (info: String, lines: [String], line: Int)?
        for (number, line) in readme.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if let current = open {
                    blocks.append((current.info, current.lines.joined(separator: "\n"), current.line))
                    open = nil
                } else {
                    open = (String(line.dropFirst(3)), [], number + 1)
                }
            } else if open != nil {
                open?.lines.append(line)
            }
        }
        return blocks
    }

    static let examples: [Example] = {
        let all = blocks()
        return zip(all, all.dropFirst()).compactMap { command, output in
            guard command.info == "sh", ["text", "json"].contains(output.info) else { return nil }
            let lines = command.body.split(separator: "\n")
            guard lines.count == 1, lines[0].hasPrefix("swift run idac ") || lines[0].hasPrefix("idac ") else {
                return nil
            }
            return Example(command: String(lines[0]), expected: output.body, line: command.line)
        }
    }()

    @Test func theReadmeShowsExamplesWithTheirOutput() {
        #expect(Self.examples.count >= 3, "the README's examples with output were not found")
    }

    @Test(arguments: examples)
    func exampleOutputIsWhatIdacPrints(_ example: Example) throws {
        var words = example.command.split(separator: " ").map(String.init)
        words.removeFirst(words.first == "swift" ? 3 : 1)
        let run = try CommandLineTests().idac(arguments: words)
        #expect(run.output == example.expected + "\n", "README.md:\(example.line) shows other output than idac prints")
    }

    @Test func theProfileShownIsTheSampleProfile() throws {
        let profile = try String(
            contentsOfFile: TestPaths.project("SampleData/country-csv/senegal-profile.json"), encoding: .utf8)
        #expect(
            Self.readme.contains("```json\n" + profile + "```"),
            "the README's profile differs from senegal-profile.json")
    }

    @Test func helpTextsUseARealExportKey() throws {
        let help = try CommandLineTests().idac("export", "--help")
        #expect(help.output.contains("Q.KEN+UGA...F.."))
        #expect(!Self.readme.contains("Q.KEN+UGA..F..."))
    }
}
