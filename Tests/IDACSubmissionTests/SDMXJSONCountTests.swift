import Foundation
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// Every SDMX-JSON data message of the shared corpus, counted by idac and by an independent reader:
/// sdmx1 (SDMX-JSON 1.0), else pysdmx, else Python's json module (`scripts/reference-counts.py` says
/// which, and why the packages could not read the file).
@Suite struct SDMXJSONCountTests {
    /// The corpus's SDMX-JSON data messages (the schemas beside them are not messages).
    static var files: [String] {
        (TestPaths.corpusFiles(under: "sdmx-json/data-message/samples", extension: "json")
            + TestPaths.corpusFiles(under: "sdmx-test-data", extension: "json"))
    }

    /// `file → count` as the script prints them.
    static func referenceCounts(_ files: [String]) throws -> [String: Int] {
        let python = try #require(ExternalRequirement.sdmx1Python)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestPaths.project("scripts/reference-counts.py"), TestPaths.corpus] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var counts: [String: Int] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 2, let count = Int(fields[1]) { counts[String(fields[0])] = count }
        }
        return counts
    }

    @Test(.requires(.corpus, .sdmx1)) func everyCorpusSDMXJSONFileGivesTheReferenceCount() throws {
        let files = Self.files
        #expect(files.count >= 12, "the corpus's SDMX-JSON samples")
        let reference = try Self.referenceCounts(files)
        let inspector = Inspector(catalog: FormatTests.catalog)
        for path in files {
            let name = String(path.dropFirst(TestPaths.corpus.count + 1))
            let expected = try #require(reference[name], "\(name) has a reference count")
            let inspection = try #require(try inspector.inspect(path: path).first)
            guard case let .data(_, format, _, dataSets, _, observations) = inspection else {
                Issue.record("\(name) reads as data: \(inspection)")
                continue
            }
            #expect(format.hasPrefix("SDMX-JSON"), "\(name)")
            #expect(observations == expected, "\(name)")
            #expect(dataSets >= 1, "\(name)")
        }
    }
}
