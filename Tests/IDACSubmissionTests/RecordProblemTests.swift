import Foundation
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// A record its reader finds broken is reported as such, on its line, through the reader's own
/// `recordProblem` event (across the validation thread's hand-off), and its readable values are
/// still checked.
@Suite struct RecordProblemTests {
    /// Kenya's CSV sample with line 3 cut short by one field and line 4's OBS_FOOTNOTE not UTF-8.
    func brokenSample() throws -> String {
        let lines = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8
        ).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var bytes = Array(lines[0...1].joined(separator: "\n").utf8) + Array("\n".utf8)
        // Line 3: the last field (DATA_SOURCE, quoted) and its separator gone.
        let short = lines[2][..<(lines[2].range(of: ",\"")?.lowerBound ?? lines[2].endIndex)]
        bytes += Array(short.utf8) + Array("\n".utf8)
        // Line 4: a Latin-1 byte in OBS_FOOTNOTE (field 17).
        var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map { Array($0.utf8) }
        fields[16] = Array("caf".utf8) + [0xE9]
        bytes += Array(fields.joined(separator: Array(",".utf8))) + Array("\n".utf8)
        bytes += Array(lines[4...].joined(separator: "\n").utf8)
        let path = try TestPaths.temporaryDirectory() + "/kenya-broken.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func eachBrokenRecordIsAFindingOnItsLine() throws {
        let catalog = try StructureLoader().loadEmbedded()
        let report = try #require(try SubmissionValidator(catalog: catalog).validate(path: brokenSample()).first)
        let malformed = report.findings.filter { $0.code == .malformedInput }
        #expect(malformed.count == 2, "\(report.findings.map(\.message))")
        let fieldCount = try #require(malformed.first { $0.line == 3 })
        #expect(fieldCount.message.contains("the record has 17 fields, not as many as the header's columns"))
        #expect(fieldCount.column == 17)
        let text = try #require(malformed.first { $0.line == 4 })
        #expect(text.message.contains("field 17") && text.message.contains("UTF-8"), "\(text.message)")
        // Every observation was still read and checked.
        #expect(report.observations == 16)
        #expect(!report.isValid)
    }
}
