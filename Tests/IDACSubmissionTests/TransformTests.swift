import Foundation
import Harmonisation
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

@Suite struct TransformTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    func transformer() throws -> SubmissionTransformer {
        SubmissionTransformer(
            validator: try SubmissionValidator(catalog: Self.catalog), maps: try HarmonisationMaps.embedded())
    }

    /// The national-codes sample without its straddling band: ISO2/M49 codes, Eurostat bands, thousands, `..`.
    func nationalSample() throws -> String {
        let text = try String(
            contentsOfFile: TestPaths.project("SampleData/invalid/kenya-2024-national-codes.csv"), encoding: .utf8)
        let path = try TestPaths.temporaryDirectory() + "/national.csv"
        try text.split(separator: "\n").filter { !$0.contains("Y10-19") }.joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func harmonisesCodesBandsUnitsAndMissingValues() throws {
        let directory = try TestPaths.temporaryDirectory()
        let output = directory + "/out.csv"
        let (report, written, _) = try transformer().transform(path: try nationalSample(), to: .sdmxCSV, output: output)
        #expect(report.isValid, "\(report.findings.map(\.message))")
        #expect(written == 5)
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            rows[0].hasPrefix(
                "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,OBS_VALUE"
            ))
        #expect(
            rows.dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).prefix(12).joined(
                    separator: ",")
            } == [
                "A,KEN,MG_RFGS_CNTRY_ASYLM,SOM,F,Y0T17,_T,2024,61200,PS,0,A",
                "A,KEN,MG_RFGS_CNTRY_ASYLM,SOM,M,Y0T17,_T,2024,59800,PS,0,A",
                "A,KEN,MG_RFGS_CNTRY_ASYLM,SOM,_T,Y0T17,_T,2024,121000,PS,0,A",
                "A,KEN,MG_RFGS_CNTRY_ASYLM,SSD,_T,Y0T17,_T,2024,,PS,0,O",
                "A,KEN,MG_RFGS_CNTRY_ASYLM,SSD,_T,Y0T4,_T,2024,7750,PS,0,A",
            ])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"], "no temporary file is left")
    }

    @Test func straddlingBandsAreRefusedAndNothingIsWritten() throws {
        let directory = try TestPaths.temporaryDirectory()
        let (report, written, _) = try transformer().transform(
            path: TestPaths.project("SampleData/invalid/kenya-2024-national-codes.csv"), to: .sdmxML,
            output: directory + "/out.xml")
        #expect(written == 0)
        #expect(
            report.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" } == [
                "STRADDLING_AGE_BAND@7:AGE"
            ])
        #expect(report.findings.first?.message.contains("straddles") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "no partial output")
    }

    /// Every format idac also reads (SDMX-JSON input is not read yet: its output is checked against the schema).
    @Test(arguments: SubmissionTransformer.Target.allCases.filter { $0 != .sdmxJSON })
    func outputReadsBackWithTheSameObservations(_ target: SubmissionTransformer.Target) throws {
        let output = try TestPaths.temporaryDirectory() + "/out"
        _ = try transformer().transform(
            path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), to: target, output: output)
        let again = try #require(try SubmissionValidator(catalog: Self.catalog).validate(path: output).first)
        #expect(again.findings.isEmpty, "\(again.findings.map(\.message))")
        #expect(again.observations == 16)
        #expect(again.series == 4)
    }

    @Test(.requires(.xmllint, .corpus)) func genericOutputIsValidAgainstTheOfficialSchemas() throws {
        let xmllint = ExternalRequirement.xmllintPath
        let output = try TestPaths.temporaryDirectory() + "/generic.xml"
        _ = try transformer().transform(path: try nationalSample(), to: .sdmxMLGeneric, output: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint ?? "")
        process.arguments = [
            "--noout", "--nonet", "--schema", TestPaths.corpus("sdmx-ml-2.1/schemas/SDMXMessage.xsd"), output,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test(.requires(.jsonSchema, .corpus)) func jsonOutputIsValidAgainstTheOfficialSchema() throws {
        let output = try TestPaths.temporaryDirectory() + "/out.json"
        let (_, written, _) = try transformer().transform(
            path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), to: .sdmxJSON, output: output)
        #expect(written == 16)
        let document = try String(contentsOfFile: output, encoding: .utf8)
        #expect(try JSONSchemaCheck.violations(of: document, schema: JSONSchemaCheck.dataSchema) == [])
        #expect(document.components(separatedBy: "\"observations\"").count == 2)
    }

    /// The `sdmx1` Python package reads what idac writes, with the same count (skipped without it).
    @Test(.requires(.sdmx1)) func sdmx1ReadsTheOutput() throws {
        let python = ExternalRequirement.sdmx1Python
        let directory = try TestPaths.temporaryDirectory()
        _ = try transformer().transform(
            path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), to: .sdmxMLGeneric,
            output: directory + "/generic.xml")
        _ = try transformer().transform(
            path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), to: .sdmxML,
            output: directory + "/ss.xml")
        _ = try transformer().transform(
            path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), to: .sdmxML30,
            output: directory + "/ss30.xml")
        let script = """
            import sdmx, sys
            # sdmx1's SDMX-ML 3.0 reader fails to import once its 2.1 reader has met a structure-specific
            # namespace (global state in sdmx1 2.x): import it first.
            import sdmx.reader.xml.v30
            schemas = sys.argv[1]
            flow = sdmx.read_sdmx(schemas + "/DF_CHILD_MIGRATION.xml")
            dsd = flow.structure["DSD_CHILD_MIGRATION"]
            generic = sdmx.read_sdmx(sys.argv[2])
            ss = sdmx.read_sdmx(sys.argv[3], structure=dsd)
            ss30 = sdmx.read_sdmx(sys.argv[4], structure=dsd)
            print(*(sum(len(d.obs) for d in message.data) for message in (generic, ss, ss30)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "")
        process.arguments = [
            "-c", script, TestPaths.project("Schemas"), directory + "/generic.xml", directory + "/ss.xml",
            directory + "/ss30.xml",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "16 16 16")
    }

    @Test func validateHarmoniseReportsTheRawFileDifferently() throws {
        let raw = try #require(
            try SubmissionValidator(catalog: Self.catalog)
                .validate(path: TestPaths.project("SampleData/invalid/kenya-2024-national-codes.csv")).first)
        #expect(raw.byCode[.invalidCode, default: 0] > 10, "without --harmonise the national codes are wrong")
        let harmonised = try #require(
            try SubmissionValidator(catalog: Self.catalog, harmonisation: try HarmonisationMaps.embedded())
                .validate(path: TestPaths.project("SampleData/invalid/kenya-2024-national-codes.csv")).first)
        #expect(harmonised.byCode == [.straddlingAgeBand: 1])
    }
}
