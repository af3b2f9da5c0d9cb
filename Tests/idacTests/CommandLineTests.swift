import Foundation
import TestSupport
import Testing

/// Runs the built `idac` as a user would, checking exit statuses and outputs.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The `idac` executable the build made.
    static var executable: String {
        // The test bundle sits beside the products in the build folder.
        let bundle = Bundle.main.bundleURL
        let candidates =
            [bundle.appendingPathComponent("idac"), bundle.deletingLastPathComponent().appendingPathComponent("idac")]
            + [TestPaths.project(".build/debug/idac")].map(URL.init(fileURLWithPath:))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? "idac"
    }

    func idac(_ arguments: String...) throws -> Run {
        try idac(arguments: arguments)
    }

    /// Runs idac as a user would; `input`, when given, is written to its standard input through a pipe.
    func idac(arguments: [String], environment: [String: String]? = nil, input: [UInt8]? = nil) throws -> Run {
        let process = Process()
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.root)
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if input != nil { process.standardInput = standardInput }
        try process.run()
        if let input {
            // idac may stop reading early (and must, on a refused input): the write then fails, not the test.
            signal(SIGPIPE, SIG_IGN)
            Thread {
                try? standardInput.fileHandleForWriting.write(contentsOf: Data(input))
                try? standardInput.fileHandleForWriting.close()
            }.start()
        }
        // Standard error is drained on another thread, so that neither pipe can fill while the other is read.
        let drained = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var err = Data()
        Thread {
            err = errors.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }

    @Test func validSubmissionExitsZero() throws {
        let run = try idac("validate", "SampleData/kenya-2024-quarterly.xml", "SampleData/kenya-2024-quarterly.csv")
        #expect(run.status == 0, "\(run.output)\(run.errors)")
        #expect(run.output.contains("SampleData/kenya-2024-quarterly.xml: valid"))
        #expect(run.output.contains("SampleData/kenya-2024-quarterly.csv: valid"))
    }

    @Test func invalidSubmissionExitsOneWithCompilerStyleLines() throws {
        let run = try idac("validate", "SampleData/invalid/uganda-2024-Q3-errors.csv")
        #expect(run.status == 1)
        #expect(
            run.output.contains(
                "SampleData/invalid/uganda-2024-Q3-errors.csv:2:5: error: INVALID_CODE: REF_AREA value 'UG' is not in code list IDAC:CL_AREA(1.0)"
            ))
        #expect(run.output.contains("  INVALID_CODE: 1\n"))
    }

    @Test func jsonReportHasTheDocumentedFields() throws {
        let run = try idac("validate", "--format", "json", "SampleData/invalid/uganda-2024-Q3-errors.xml")
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "SampleData/invalid/uganda-2024-Q3-errors.xml")
        #expect(object["format"] as? String == "SDMX-ML 2.1 StructureSpecificData")
        #expect(object["structure"] as? String == "IDAC:DF_CHILD_MIGRATION(1.0)")
        #expect(object["valid"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["observations"] as? Int == 8)
        #expect(summary["errors"] as? Int == 8)
        #expect((summary["byCode"] as? [String: Int])?["MISSING_ATTRIBUTE"] == 2)
        #expect(summary["truncated"] as? Bool == false)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(
            Set(first.keys) == [
                "code", "severity", "message", "line", "column", "component", "value", "key", "timePeriod",
            ])
        #expect(first["line"] as? Int == 15)
        #expect(first["component"] as? String == "REF_AREA")
    }

    @Test func severalFilesGiveAJSONArrayWrittenToOutput() throws {
        let directory = try TestPaths.temporaryDirectory()
        let report = directory + "/report.json"
        let run = try idac(
            "validate", "--format", "json", "--output", report,
            "SampleData/kenya-2024-quarterly.xml", "SampleData/invalid/truncated.xml")
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        let data = try Data(contentsOf: URL(fileURLWithPath: report))
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.map { $0["valid"] as? Bool } == [true, false])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"],
            "no temporary file is left")
    }

    @Test func missingFileAndBadArgumentsExitTwo() throws {
        let missing = try idac("validate", "SampleData/nothing-here.xml")
        #expect(missing.status == 2)
        #expect(missing.errors.contains("cannot open SampleData/nothing-here.xml"))
        let badDataflow = try idac("validate", "--dataflow", "CHILD", "SampleData/kenya-2024-quarterly.xml")
        #expect(badDataflow.status == 2)
        #expect(badDataflow.errors.contains("AGENCY:ID(VERSION)"))
        let badOption = try idac("validate", "--no-such-option")
        #expect(badOption.status == 2)
        let brokenStructure = try idac(
            "validate", "--structure", "SampleData/invalid/truncated.xml", "SampleData/kenya-2024-quarterly.xml")
        #expect(brokenStructure.status == 2)
    }

    @Test func inspectReportsCounts() throws {
        let run = try idac("inspect", "--format", "json", "SampleData/kenya-2024-quarterly.xml")
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["datasets"] as? Int == 1)
        #expect(object["series"] as? Int == 4)
        #expect(object["observations"] as? Int == 16)
        #expect(object["structure"] as? String == "IDAC:DF_CHILD_MIGRATION(1.0)")
        let text = try idac("inspect", "Schemas/DF_CHILD_MIGRATION.xml")
        #expect(text.output.contains("data structure definition IDAC:DSD_CHILD_MIGRATION(1.0)"))
        #expect(text.output.contains("7 dimensions, 1 time dimension, 6 attributes, 1 measure, 0 groups"))
    }
}
