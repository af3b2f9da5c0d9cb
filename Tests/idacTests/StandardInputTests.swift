import Foundation
import TestSupport
import Testing

/// `-` and pipes given as paths are read as streams: format detection from their first bytes, and
/// reports that name standard input `<stdin>`.
@Suite struct StandardInputTests {
    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs idac with `input` written to its standard input; the report and the errors together.
    func idac(_ arguments: [String], input: [UInt8]) throws -> Run {
        let run = try CommandLineTests().idac(arguments: arguments, input: input)
        return Run(status: run.status, output: run.output + run.errors)
    }

    func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.project("SampleData/" + name))))
    }

    @Test func dashReadsStandardInput() throws {
        let run = try idac(["validate", "-"], input: sample("kenya-2024-quarterly.csv"))
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("<stdin>: valid"))
        #expect(run.output.contains("16 observations"))
    }

    @Test func aPipeGivenAsAPathIsReadAsAStream() throws {
        let run = try idac(["validate", "/dev/stdin"], input: sample("kenya-2024-quarterly.xml"))
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.output.contains("empty file"))
        #expect(run.output.contains("16 observations"))
    }

    @Test func gzipFromStandardInputIsInspected() throws {
        let run = try idac(["inspect", "-"], input: ZipBuilder.gzipMember(sample("kenya-2024-quarterly.xml")))
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("<stdin>: SDMX-ML 2.1"))
        #expect(run.output.contains("observations: 16"))
    }

    /// Larger than what a stream keeps for replay: detection's bytes are replayed, the rest streamed.
    @Test func aLargeStreamIsReadWhole() throws {
        let lines = try String(decoding: sample("kenya-2024-quarterly.csv"), as: UTF8.self).split(separator: "\n")
        var text = String(lines[0]) + "\n"
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for year in 1000..<3000 {
            for quarter in 1...4 {
                var fields = row
                fields[10] = "\(year)-Q\(quarter)"
                text += fields.joined(separator: ",") + "\n"
            }
        }
        #expect(text.utf8.count > 1 << 20)
        let run = try idac(["validate", "--format", "json", "-"], input: Array(text.utf8))
        #expect(
            run.output.contains("\"observations\": 8000") || run.output.contains("\"observations\":8000"),
            "\(run.output.prefix(600))")
    }

    @Test func aZipOnStandardInputSaysToSaveIt() throws {
        let zip = ZipBuilder([ZipBuilder.Entry("kenya.csv", try sample("kenya-2024-quarterly.csv"))]).bytes()
        let run = try idac(["validate", "-"], input: zip)
        #expect(run.status == 1)
        #expect(run.output.contains("save it to a file"))
    }
}
