import Foundation
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

@Suite struct SubmissionValidationTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    func validate(_ path: String, dataflow: ArtefactReference? = nil, maxFindings: Int = 1000) throws
        -> ValidationReport
    {
        try #require(
            try SubmissionValidator(catalog: Self.catalog, dataflow: dataflow, maxFindings: maxFindings)
                .validate(path: path).first)
    }

    /// (code, line, component) of each finding, for exact comparisons.
    func summary(_ report: ValidationReport) -> [String] {
        report.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" }
    }

    @Test(arguments: ["SampleData/kenya-2024-quarterly.xml", "SampleData/kenya-2024-quarterly.csv"])
    func validSubmissionsAreClean(_ file: String) throws {
        let report = try validate(TestPaths.project(file))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.isValid)
        #expect(report.observations == 16)
        #expect(report.series == 4)
        #expect(report.dataSets == 1)
        #expect(report.structure == "IDAC:DF_CHILD_MIGRATION(1.0)")
    }

    /// The same faults in both forms: every finding on its line, naming its component, and nothing else.
    @Test func invalidXMLSubmissionHasEachFaultOnItsLine() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.xml"))
        #expect(
            summary(report) == [
                "INVALID_CODE@15:REF_AREA",
                "MISSING_DIMENSION@18:SEX",
                "INVALID_VALUE@22:OBS_VALUE",
                "INVALID_TIME_PERIOD@23:TIME_PERIOD",
                "MISSING_ATTRIBUTE@24:OBS_STATUS",
                "UNKNOWN_COMPONENT@25:OBS_REMARK",
                "MISSING_ATTRIBUTE@27:UNIT_MULT",
                "DUPLICATE_OBSERVATION@29:-",
            ])
        #expect(!report.isValid)
        #expect(report.errors == 8)
        let invalidCode = try #require(report.findings.first)
        #expect(invalidCode.value == "UG")
        #expect(invalidCode.message.contains("did you mean UGA?"))
        #expect(invalidCode.key == "Q.UG.MG_RFGS_CNTRY_ASYLM.SSD.F.Y0T17._T")
        #expect(invalidCode.column == 5)
    }

    @Test func invalidCSVSubmissionHasEachFaultOnItsLineAndField() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.csv"))
        #expect(
            summary(report) == [
                "INVALID_CODE@2:REF_AREA",
                "UNKNOWN_COMPONENT@2:OBS_REMARK",
                "MISSING_DIMENSION@3:SEX",
                "INVALID_VALUE@4:OBS_VALUE",
                "INVALID_TIME_PERIOD@5:TIME_PERIOD",
                "MISSING_ATTRIBUTE@6:OBS_STATUS",
                "MISSING_ATTRIBUTE@8:UNIT_MULT",
                "DUPLICATE_OBSERVATION@9:-",
            ])
        #expect(report.findings.map(\.column) == [5, 16, 8, 12, 11, 15, 14, 1])
        let period = try #require(report.findings.first { $0.code == .invalidTimePeriod })
        #expect(period.timePeriod == "2024-07")
        #expect(period.message.contains("2024-Q3"))
    }

    @Test func xmlAndCSVTwinsGiveTheSameFindingCodes() throws {
        let xml = try validate(TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.xml"))
        let csv = try validate(TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.csv"))
        #expect(xml.byCode == csv.byCode)
    }

    @Test func unknownStructureIsAFinding() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/unknown-dataflow.xml"))
        #expect(summary(report) == ["UNKNOWN_STRUCTURE@14:-"])
        #expect(report.findings[0].message.contains("IDAC:DF_CHILD_MIGRANTS(1.0)"))
        #expect(report.observations == 16, "observations are still counted")
    }

    @Test func dataflowOptionOverridesTheHeader() throws {
        let report = try validate(
            TestPaths.project("SampleData/invalid/unknown-dataflow.xml"),
            dataflow: ArtefactReference(parsing: "IDAC:DF_CHILD_MIGRATION(1.0)", kind: .dataflow))
        #expect(report.findings.isEmpty)
    }

    @Test func truncatedFileKeepsEarlierFindingsAndReportsWhereItBroke() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/truncated.xml"))
        #expect(summary(report) == ["MALFORMED_INPUT@29:-"])
        #expect(report.observations == 9)
        #expect(report.findings.first?.message.hasPrefix("the file ends before the XML document does") == true)
    }

    @Test func otherFormatsAreNamed() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/sdmx-json-instead.json"))
        #expect(summary(report) == ["UNSUPPORTED_FORMAT@0:-"])
        #expect(report.findings[0].message.contains("SDMX-JSON"))
        let structure = try validate(TestPaths.project("Schemas/IDAC_CODELISTS.xml"))
        #expect(structure.findings.first?.code == .unsupportedFormat)
        #expect(structure.findings.first?.message.contains("--structure") == true)
    }

    @Test func flatFormWithDuplicatesAndAStructureNamedByDSD() throws {
        let report = try validate(TestPaths.fixture("flat-duplicates.xml"))
        #expect(summary(report) == ["DUPLICATE_OBSERVATION@16:-", "INVALID_TIME_PERIOD@18:TIME_PERIOD"])
        #expect(report.findings[0].severity == .warning, "an identical repeat is a warning")
        #expect(report.errors == 1 && report.warnings == 1)
        #expect(report.structure == "IDAC:DSD_CHILD_MIGRATION(1.0)")
        #expect(report.series == 2)
    }

    @Test func recordWithTooManyFieldsIsMalformed() throws {
        let report = try validate(TestPaths.fixture("wrong-field-count.csv"))
        #expect(report.findings.contains { $0.code == .malformedInput && $0.line == 3 })
        #expect(!report.findings.contains { $0.line == 2 || $0.line == 4 }, "clean lines stay clean")
    }

    @Test func maxFindingsCapsTheListNotTheCounts() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/uganda-2024-Q3-errors.xml"), maxFindings: 2)
        #expect(report.findings.count == 2)
        #expect(report.errors == 8)
        #expect(report.truncated)
    }

    @Test func compressedSubmissionsAreReadEntryByEntry() throws {
        let directory = try TestPaths.temporaryDirectory()
        for file in ["SampleData/kenya-2024-quarterly.xml", "SampleData/invalid/uganda-2024-Q3-errors.csv"] {
            try FileManager.default.copyItem(
                atPath: TestPaths.project(file),
                toPath: directory + "/" + URL(fileURLWithPath: file).lastPathComponent)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import gzip, shutil, zipfile
            with zipfile.ZipFile('transmission.zip', 'w', zipfile.ZIP_DEFLATED) as z:
                z.write('kenya-2024-quarterly.xml'); z.write('uganda-2024-Q3-errors.csv')
            with open('uganda-2024-Q3-errors.csv', 'rb') as f, gzip.open('uganda.csv.gz', 'wb') as g:
                shutil.copyfileobj(f, g)
            """,
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let validator = try SubmissionValidator(catalog: Self.catalog)
        let reports = try validator.validate(path: directory + "/transmission.zip")
        #expect(
            reports.map(\.file) == [
                directory + "/transmission.zip!kenya-2024-quarterly.xml",
                directory + "/transmission.zip!uganda-2024-Q3-errors.csv",
            ])
        #expect(reports.map(\.isValid) == [true, false])
        #expect(reports[1].findings.map(\.line) == [2, 2, 3, 4, 5, 6, 8, 9], "lines are those of the entry")
        let gzipped = try #require(try validator.validate(path: directory + "/uganda.csv.gz").first)
        #expect(gzipped.format == "SDMX-CSV 2.0")
        #expect(gzipped.byCode == reports[1].byCode)
    }

    @Test func severalFilesAtOnceGiveTheReportsOfOneByOne() throws {
        let validator = try SubmissionValidator(catalog: Self.catalog)
        let files = [
            "SampleData/kenya-2024-quarterly.xml", "SampleData/invalid/uganda-2024-Q3-errors.csv",
            "SampleData/invalid/tanzania-2024-rules.csv", "SampleData/kenya-2024-quarterly.csv",
            "SampleData/invalid/truncated.xml",
        ].map(TestPaths.project)
        let together = try validator.validate(paths: files)
        let oneByOne = try files.flatMap { try validator.validate(path: $0) }
        #expect(together.map(\.file) == oneByOne.map(\.file))
        #expect(together.map(\.findings) == oneByOne.map(\.findings))
        #expect(together.map(\.observations) == oneByOne.map(\.observations))
        #expect(throws: SDMXError.self) {
            try validator.validate(paths: [files[0], TestPaths.project("SampleData/missing.xml"), files[1]])
        }
    }

    @Test func missingFileThrows() {
        #expect(throws: SDMXError.self) { try validate(TestPaths.project("SampleData/no-such-file.xml")) }
    }

    @Test func inspectCountsDataAndStructures() throws {
        let inspector = Inspector(catalog: Self.catalog)
        guard
            case let .data(_, format, structures, dataSets, series, observations) =
                try inspector.inspect(path: TestPaths.project("SampleData/kenya-2024-quarterly.csv")).first
        else {
            Issue.record("a CSV submission is data")
            return
        }
        #expect(format == "SDMX-CSV 2.0")
        #expect(structures == ["IDAC:DF_CHILD_MIGRATION(1.0)"])
        #expect((dataSets, series, observations) == (1, 4, 16))
        guard
            case let .structure(_, format, artefacts, unresolved) =
                try inspector.inspect(path: TestPaths.project("Schemas/IDAC_CODELISTS.xml")).first
        else {
            Issue.record("Schemas/IDAC_CODELISTS.xml is a structure message")
            return
        }
        #expect(format == "SDMX-ML structure message")
        #expect(artefacts.count == 15)
        #expect(artefacts.first { $0.reference == "IDAC:CL_AREA(1.0)" }?.counts.first?.1 == 252)
        #expect(unresolved.isEmpty)
    }
}
