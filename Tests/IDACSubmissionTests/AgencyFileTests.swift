import Foundation
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// The last checks real agency files needed: deletion markers, SDMX 3.0 cardinality, footers,
/// dangling structure references, invisible characters shown, comments before the root element.
@Suite struct AgencyFileTests {
    static var catalog: StructureCatalog {
        get throws { try StructureLoader().loadEmbedded() }
    }

    static let csvHeader =
        "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,"
        + "OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,CONF_STATUS,OBS_FOOTNOTE,DATA_SOURCE\n"
    static let key = "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),"

    static func write(_ text: String, name: String) throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func report(_ path: String, catalog: StructureCatalog? = nil) throws -> ValidationReport {
        try #require(try SubmissionValidator(catalog: catalog ?? Self.catalog).validate(path: path).first)
    }

    /// SDMX-CSV 2.0 marks values to delete `-`: with ACTION D it is not type-checked (the OBS_VALUE is a
    /// Decimal, OBS_STATUS coded); in an ordinary dataset it still is.
    @Test func deletionMarkersAreNotTypeChecked() throws {
        let rows =
            Self.key + "D,Q,KEN,MG_ASYLM_APPL_NEW,SOM,F,Y0T17,_T,2024-Q1,-,,,,,,\n" + Self.key
            + "D,Q,KEN,MG_ASYLM_APPL_NEW,SOM,F,Y0T17,_T,2024-Q2,,,,-,,,\n"
        let deletion = try Self.report(Self.write(Self.csvHeader + rows, name: "delete.csv"))
        #expect(deletion.errors == 0, "\(deletion.findings.map(\.message))")
        let information = try Self.report(
            Self.write(Self.csvHeader + rows.replacingOccurrences(of: ",D,", with: ",I,"), name: "inform.csv"))
        #expect(information.byCode[.invalidValue] == 1)
        #expect(information.byCode[.invalidCode] == 1)
    }

    /// A no-break space after a value is shown as `\u00A0` in the finding's message, in every format.
    @Test func invisibleCharactersAreShownVisibly() throws {
        let row =
            Self.key + "I,Q,KEN,MG_ASYLM_APPL_NEW,SOM,F,Y0T17,_T,2024-Q1,211\u{00A0},PS,0,A,,,\n"
        let report = try Self.report(Self.write(Self.csvHeader + row, name: "nbsp.csv"))
        let finding = try #require(report.findings.first { $0.component == "OBS_VALUE" })
        #expect(finding.message.contains("'211\\u00A0'"), "\(finding.message)")
        #expect(!finding.message.contains("\u{00A0}"))
        #expect(JSONReportRenderer.render([report]).contains("211\\\\u00A0"))
    }

    /// A dataset whose structureRef matches no Structure of its header: named, and the header's only
    /// structure used, with a warning.
    @Test func danglingStructureRefIsNamedAndTheOnlyStructureUsed() throws {
        let sample = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.xml"), encoding: .utf8)
        let dangling = sample.replacingOccurrences(
            of: "data:structureRef=\"IDAC_DF_CHILD_MIGRATION\"", with: "data:structureRef=\"STR1\"")
        #expect(dangling != sample)
        let report = try Self.report(Self.write(dangling, name: "dangling.xml"))
        let finding = try #require(report.findings.first { $0.code == .unknownStructure })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("structureRef 'STR1'") && finding.message.contains("IDAC_DF_CHILD_MIGRATION"))
        #expect(report.observations == 16)
        #expect(report.structure == "IDAC:DF_CHILD_MIGRATION(1.0)")
    }

    /// A comment before the root element may hold `>` and tag-like words: it is skipped whole.
    @Test func commentsBeforeTheRootAreSkippedWhole() throws {
        let text = "<?xml version=\"1.0\"?>\n<!-- if a > b, see <ConceptRole> -->\n<message:Structure/>"
        guard case .structure = FormatDetector.detect(prefix: Array(text.utf8)) else {
            Issue.record("a comment's words were taken for the root element")
            return
        }
    }

    /// Eurostat's answer with only a footer (code 413) is reported as what it says, not "valid, 0 datasets".
    @Test(.requires(.corpus)) func footerMessagesAreFindings() throws {
        let report = try Self.report(TestPaths.corpus("sdmx-test-data/ESTAT/footer.xml"))
        let footer = report.findings.filter { $0.code == .footerMessage }
        #expect(footer.count == 2)
        #expect(footer.contains { $0.value == "413" && $0.message.contains("written to a file") })
        #expect(footer.contains { $0.message.contains("holds no dataset") })
    }

    /// A validator of ECB's SDMX 3.0 DSD with multi-valued attributes (its code lists are not in the file).
    func complexAttributesValidator() throws -> SubmissionValidator {
        var catalog = try StructureLoader().load(paths: [TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA_DSD.xml")])
        catalog.requiresCompleteStructures = false
        var validator = try SubmissionValidator(
            catalog: catalog,
            dataflow: ArtefactReference(
                kind: .dataStructure, agencyID: "ECB", id: "ECB_EXR_COMPLEX_ATTRIBUTES", version: "1.0"))
        validator.pipelined = false
        return validator
    }

    /// SDMX 3.0 `maxOccurs`: ECB_EXR_CA gives SOURCE_PUB two values where its DSD allows one.
    @Test(.requires(.corpus)) func sdmx30CardinalityIsChecked() throws {
        let validator = try complexAttributesValidator()
        let report = try #require(
            try validator.validate(path: TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA.xml")).first)
        let finding = try #require(report.findings.first { $0.code == .invalidValue })
        #expect(finding.component == "SOURCE_PUB")
        #expect(finding.message.contains("2 values") && finding.message.contains("at most 1"))
        // TITLE and SOURCE_AGENCY are unbounded: several values pass.
        #expect(report.byCode[.invalidValue] == 1)
    }

    /// The same on an observation: OBS_CONF (`maxOccurs` 1) given two values on the last `Obs`; OBS_STATUS,
    /// unbounded, passes with three.
    @Test(.requires(.corpus)) func sdmx30CardinalityIsCheckedOnObservations() throws {
        let validator = try complexAttributesValidator()
        let original = try String(
            contentsOfFile: TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA.xml"), encoding: .utf8)
        let anchor = "<Obs TIME_PERIOD=\"2019\""
        let obsLine = try #require(original.components(separatedBy: "\n").firstIndex { $0.contains(anchor) }) + 1
        let obs = "<Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1.485477254901961\">"
        let edited = original.replacingOccurrences(
            of: obs, with: obs + "<Comp id=\"OBS_CONF\"><Value>F</Value><Value>C</Value></Comp>")
        #expect(edited != original)
        let path = try TestPaths.temporaryDirectory() + "/ECB_EXR_CA-obs.xml"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try #require(try validator.validate(path: path).first)
        let onObservation = report.findings.filter { $0.code == .invalidValue && $0.component == "OBS_CONF" }
        #expect(onObservation.count == 1, "\(report.findings.map(\.message))")
        #expect(onObservation.first?.line == obsLine)
        #expect(onObservation.first?.message.contains("on the observation") == true)
        #expect(!report.findings.contains { $0.component == "OBS_STATUS" && $0.code == .invalidValue })
    }
}
