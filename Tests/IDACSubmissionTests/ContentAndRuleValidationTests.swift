import Foundation
import IDACSubmission
import SDMXCSV
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

@Suite struct ContentAndRuleValidationTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    func validate(_ path: String, catalog: StructureCatalog = Self.catalog) throws -> ValidationReport {
        try #require(try SubmissionValidator(catalog: catalog).validate(path: path).first)
    }

    func summary(_ report: ValidationReport) -> [String] {
        report.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" }
    }

    /// Each of the Alliance's rules and its constraint broken once; totals within the tolerance
    /// (lines 5 to 7: 40 110 + 39 900 against 80 300) give nothing.
    @Test func allianceRulesAndConstraintOnTheirLines() throws {
        let report = try validate(TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"))
        #expect(
            summary(report) == [
                "RULE_VIOLATION@4:SEX",
                "RULE_VIOLATION@12:AGE",
                "CONSTRAINT_VIOLATION@13:AGE",
                "RULE_VIOLATION@18:ACCOMPANIMENT",
                "CONSTRAINT_VIOLATION@19:FREQ",
                "RULE_VIOLATION@20:OBS_VALUE",
                "RULE_VIOLATION@21:OBS_VALUE",
                "RULE_VIOLATION@22:OBS_VALUE",
                "RULE_VIOLATION@23:OBS_VALUE",
                "RULE_VIOLATION@24:OBS_VALUE",
                "RULE_VIOLATION@25:TIME_PERIOD",
            ])
        let messages = report.findings.map(\.message)
        #expect(
            messages[0].contains("SEX_TOTAL_MISMATCH") && messages[0].contains("(line 2)")
                && messages[0].contains("(line 3)"))
        #expect(messages[1].contains("Y0T17 172000") && messages[1].contains("= 162000"))
        #expect(messages[2].contains("IDAC:CC_CHILD_MIGRATION(1.0)"))
        #expect(messages[4].contains("allowed: A, Q"))
        #expect(messages[5].contains("NEGATIVE_VALUE"))
        #expect(messages[6].contains("MISSING_WITHOUT_STATUS"))
        #expect(messages[7].contains("VALUE_WITH_MISSING_STATUS"))
        #expect(messages[8].contains("FRACTIONAL_PERSONS"))
        #expect(messages[9].contains("PERCENT_OVER_100"))
        #expect(messages[10].contains("FLOW_QUARTERS_SUM") && messages[10].contains("lines 26, 27, 28, 29"))
        #expect(report.findings.allSatisfy { $0.line != 5 && $0.line != 6 && $0.line != 7 }, "within the tolerance")
        #expect(report.findings[0].column == 12, "CSV findings point at the OBS_VALUE field")
    }

    /// The cross-observation rules move what they keep to temporary files beyond a budget, and read
    /// it back a partition at a time: with a budget of one observation every rule still finds the
    /// same thing on the same line, and no temporary file is left behind.
    @Test func rulesGiveTheSameFindingsWhenTheirRecordsGoToDisk() throws {
        let rules = try ValidationRules.load(from: Self.catalog)
        var found: [[String]] = []
        for budget in [1 << 18, 1, 3] {
            let validator = DataValidator(catalog: Self.catalog, rules: rules, ruleRecordBudget: budget)
            try SDMXCSVDataReader().read(
                path: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"), into: validator)
            found.append(validator.collector.sortedFindings.map { "\($0.code.rawValue)@\($0.line):\($0.message)" })
        }
        #expect(found[0].filter { $0.hasPrefix("RULE_VIOLATION") }.count == 9)
        #expect(found[1] == found[0])
        #expect(found[2] == found[0])
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("idac-rules-") }
        #expect(left.isEmpty, "the temporary files are unlinked as soon as they are made")
    }

    /// A folder the rules cannot write to stops the run with an error about the machine (exit 2),
    /// not a finding about the data.
    @Test func anUnwritableTemporaryFolderIsAnErrorOfTheRun() throws {
        let validator = DataValidator(
            catalog: Self.catalog, rules: try ValidationRules.load(from: Self.catalog),
            ruleRecordBudget: 1, temporaryDirectory: "/nonexistent/idac")
        do {
            try SDMXCSVDataReader().read(
                path: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"), into: validator)
            Issue.record("the rules cannot keep their records anywhere")
        } catch let error as SDMXError {
            #expect(error.code == .unreadableFile)
            #expect(error.message.contains("/nonexistent/idac") && error.message.contains("TMPDIR"))
        }
    }

    @Test func seriesValuesBreakingTheConstraintAreReportedOnceAtTheSeries() throws {
        let report = try validate(TestPaths.fixture("monthly-series-with-header-period.xml"))
        #expect(
            summary(report) == [
                "CONSTRAINT_VIOLATION@17:FREQ",
                "INVALID_TIME_PERIOD@23:-",
            ])
        #expect(report.findings[1].severity == .warning)
        #expect(report.findings[1].message.contains("after the header's ReportingEnd"))
    }

    @Test func validSubmissionsPassEveryRule() throws {
        for file in ["SampleData/kenya-2024-quarterly.xml", "SampleData/kenya-2024-quarterly.csv"] {
            let report = try validate(TestPaths.project(file))
            #expect(report.findings.isEmpty, "\(file): \(report.findings.map(\.message))")
        }
    }

    /// Hierarchical rules with a condition, and items with one, apply where their conditions (on the
    /// group's dimensions) hold: the Tanzanian file's SEX total on line 4 (125 000 against 61 200 +
    /// 59 800) breaks the rule only while the rule's condition holds, and an item whose condition
    /// fails is left out of the sum.
    @Test func hierarchicalConditionsChooseRulesAndItems() throws {
        func findings(rule: String) throws -> [String] {
            let directory = try TestPaths.temporaryDirectory()
            for name in ["IDAC_CODELISTS.xml", "DF_CHILD_MIGRATION.xml"] {
                try FileManager.default.copyItem(
                    atPath: TestPaths.project("Schemas/" + name), toPath: directory + "/" + name)
            }
            let original =
                "define hierarchical ruleset HR_SEX (variable rule SEX) is\n  SEX_TOTAL: '_T' = 'F' + 'M' + '_O' + '_U'"
            let schemes = try String(contentsOfFile: TestPaths.project("Schemas/IDAC_RULES.xml"), encoding: .utf8)
            #expect(schemes.contains(original))
            try schemes.replacingOccurrences(of: original, with: rule).write(
                toFile: directory + "/IDAC_RULES.xml", atomically: false, encoding: .utf8)
            let catalog = try StructureLoader().load(paths: [directory])
            let report = try validate(TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"), catalog: catalog)
            return report.findings.filter { $0.component == "SEX" }.map { "\($0.line): \($0.message)" }
        }
        let header = "define hierarchical ruleset HR_SEX (variable condition REF_AREA rule SEX) is\n  SEX_TOTAL: "
        let holds = try findings(rule: header + "when REF_AREA = \"TZA\" then '_T' = 'F' + 'M' + '_O' + '_U'")
        #expect(
            holds.count == 1 && holds[0].hasPrefix("4: ") && holds[0].contains("125000")
                && holds[0].contains("= 121000"), "\(holds)")
        #expect(try findings(rule: header + "when REF_AREA = \"KEN\" then '_T' = 'F' + 'M' + '_O' + '_U'").isEmpty)
        // An item whose condition fails is left out of the sum: F alone, and line 7's total breaks the rule too.
        let partial = try findings(rule: header + "'_T' = 'F' + 'M' [REF_AREA = \"KEN\"]")
        #expect(
            partial.count == 2 && partial[0].contains("= 61200") && !partial[0].contains("59800")
                && partial[1].hasPrefix("7: "), "\(partial)")
        let both = try findings(rule: header + "'_T' = 'F' + 'M' [REF_AREA = \"TZA\"]")
        #expect(both.count == 1 && both[0].contains("= 121000"), "\(both)")
    }

    @Test func aRulesetThatDoesNotParseIsABrokenStructure() throws {
        let directory = try TestPaths.temporaryDirectory()
        for name in ["IDAC_CODELISTS.xml", "DF_CHILD_MIGRATION.xml"] {
            try FileManager.default.copyItem(
                atPath: TestPaths.project("Schemas/" + name), toPath: directory + "/" + name)
        }
        let rules = try String(contentsOfFile: TestPaths.project("Schemas/IDAC_RULES.xml"), encoding: .utf8)
            .replacingOccurrences(of: "NON_NEGATIVE: OBS_VALUE &gt;= 0", with: "NON_NEGATIVE: OBS_VALUE &gt;=")
        try rules.write(toFile: directory + "/IDAC_RULES.xml", atomically: false, encoding: .utf8)
        let catalog = try StructureLoader().load(paths: [directory])
        do {
            _ = try SubmissionValidator(catalog: catalog)
            Issue.record("a broken ruleset must be an error")
        } catch let error as SDMXError {
            #expect(error.message.contains("ruleset DPR_OBS_VALUE, line 2"))
            #expect(error.message.contains("errorcode"))
            #expect(error.message.contains("IDAC:RS_IDAC(1.0)"))
        }
    }
}

/// The validator on other agencies' real structures and data.
@Suite struct OtherAgenciesTests {
    static let pairs: [(structure: String, data: String)] = [
        ("ng-structure-full.xml", "ng-ts-ss.xml"), ("ng-structure-full.xml", "ng-flat-ss.xml"),
        ("ng-structure-full.xml", "ng-xs-ss.xml"), ("ng-structure-full.xml", "ng-ts-gf-ss.xml"),
        ("sg-structure-full.xml", "sg-ts-ss.xml"), ("sg-structure-full.xml", "sg-ts-gf-ss.xml"),
        ("sg-structure-full.xml", "sg-xs-ss.xml"), ("sg-structure-full.xml", "sg-ts-gf-flat-ss.xml"),
    ]

    func validate(data: String, structure: String) throws -> ValidationReport {
        let catalog = try StructureLoader().load(paths: [TestPaths.corpus("sdmx-test-data/ECB_EXR/" + structure)])
        return try #require(try SubmissionValidator(catalog: catalog).validate(path: data).first)
    }

    @Test(.requires(.corpus)) func ecbExchangeRateFilesAreValid() throws {
        for pair in Self.pairs {
            let report = try validate(
                data: TestPaths.corpus("sdmx-test-data/ECB_EXR/" + pair.data), structure: pair.structure)
            #expect(report.findings.isEmpty, "\(pair.data): \(report.findings.map(\.message))")
            #expect(report.observations == 12)
        }
    }

    @Test(.requires(.corpus)) func brokenECBFileGivesTheRightFindingsOnTheRightLines() throws {
        var lines = try String(contentsOfFile: TestPaths.corpus("sdmx-test-data/ECB_EXR/ng-ts-ss.xml"), encoding: .utf8)
            .components(separatedBy: "\n")
        // Line 16: an unknown observation status; line 17: a period that is not monthly; line 15: no CURRENCY.
        lines[15] = lines[15].replacingOccurrences(of: "OBS_STATUS=\"A\"", with: "OBS_STATUS=\"Z\"")
        lines[16] = lines[16].replacingOccurrences(of: "TIME_PERIOD=\"2010-09\"", with: "TIME_PERIOD=\"2010-Q3\"")
        lines[14] = lines[14].replacingOccurrences(of: "CURRENCY=\"CHF\" ", with: "")
        let path = try TestPaths.temporaryDirectory() + "/broken.xml"
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let report = try validate(data: path, structure: "ng-structure-full.xml")
        #expect(
            report.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" } == [
                "MISSING_DIMENSION@15:CURRENCY", "INVALID_CODE@16:OBS_STATUS", "INVALID_TIME_PERIOD@17:TIME_PERIOD",
            ])
    }

    /// SDMX-ML 3.0 data against a 3.0 DSD whose code lists come from a 2.1 file: one model serves both.
    @Test(.requires(.corpus)) func sdmx30DataAgainstMixedVersionStructures() throws {
        let catalog = try StructureLoader().load(paths: [
            TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA_DSD.xml"),
            TestPaths.corpus("sdmx-test-data/ECB_EXR/1/structure-full.xml"),
        ])
        let validator = try SubmissionValidator(
            catalog: catalog,
            dataflow: ArtefactReference(parsing: "ECB:ECB_EXR_COMPLEX_ATTRIBUTES(1.0)", kind: .dataflow))
        let report = try #require(
            try validator.validate(path: TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA.xml")).first)
        #expect(report.format == "SDMX-ML 3.0 StructureSpecificData")
        #expect(report.observations == 3)
        // The one real defect: SOURCE_PUB given two values where the DSD's maxOccurs allows one.
        #expect(report.findings.map(\.code) == [.invalidValue], "\(report.findings.map(\.message))")
        #expect(report.findings.first?.component == "SOURCE_PUB")
        // The multi-valued SOURCE_AGENCY (4F0, 4D0, CZ2) is read value by value: a wrong one is found.
        let text = try String(contentsOfFile: TestPaths.corpus("sdmx-test-data/v3/xml/ECB_EXR_CA.xml"), encoding: .utf8)
            .replacingOccurrences(of: "<Value>4D0</Value>", with: "<Value>XX9</Value>")
        let path = try TestPaths.temporaryDirectory() + "/ca.xml"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let broken = try #require(try validator.validate(path: path).first)
        #expect(broken.findings.map(\.code) == [.invalidValue, .invalidCode])
        #expect(broken.findings.last?.value == "XX9")
    }

    /// UNICEF's child-mortality dataflow allows only some wealth quintiles through a data key set.
    @Test(.requires(.corpus)) func unicefDataKeySetIsEnforced() throws {
        let path = try TestPaths.temporaryDirectory() + "/cme.csv"
        try """
        STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,WEALTH_QUINTILE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS
        dataflow,UNICEF:CME(1.0),I,BRA,CME_MRY0T4,F,_T,2020,13.18,D_PER_1000_B,A
        dataflow,UNICEF:CME(1.0),I,BRA,CME_MRY0T4,F,B20,2020,19.02,D_PER_1000_B,A
        dataflow,UNICEF:CME(1.0),I,BRA,CME_MRY0T4,F,Q1,2020,21.50,D_PER_1000_B,A

        """.write(toFile: path, atomically: false, encoding: .utf8)
        let catalog = try StructureLoader().load(paths: [TestPaths.corpus("unicef/dataflow_CME_dsd.xml")])
        let report = try #require(try SubmissionValidator(catalog: catalog).validate(path: path).first)
        #expect(
            report.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" } == [
                "CONSTRAINT_VIOLATION@3:WEALTH_QUINTILE"
            ])
        #expect(report.findings.first?.message.contains("UNICEF:CME_WEATLH_QUINTILE(1.0)") == true)
    }

    @Test(.requires(.corpus)) func groupAttributesCountForTheirSeries() throws {
        // Without its sibling groups, the series lose TITLE, which the DSD makes mandatory at group level.
        let text = try String(
            contentsOfFile: TestPaths.corpus("sdmx-test-data/ECB_EXR/sg-ts-gf-ss.xml"), encoding: .utf8)
        let withoutGroups = text.components(separatedBy: "\n").filter { !$0.contains("<Group ") }.joined(
            separator: "\n")
        let path = try TestPaths.temporaryDirectory() + "/no-groups.xml"
        try withoutGroups.write(toFile: path, atomically: false, encoding: .utf8)
        let report = try validate(data: path, structure: "sg-structure-full.xml")
        #expect(report.findings.count == 4)
        #expect(report.findings.allSatisfy { $0.code == .missingAttribute && $0.component == "TITLE" })
    }
}

/// The HTML report, opened in a real browser.
@Suite struct HTMLReportTests {
    func report() throws -> String {
        let catalog = try StructureLoader().loadEmbedded()
        let validator = try SubmissionValidator(catalog: catalog)
        return HTMLReportRenderer.render(
            try validator.validate(path: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"))
                + validator.validate(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml")))
    }

    @Test func isSelfContained() throws {
        let html = try report()
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(html.contains("<svg"))
        #expect(html.contains("This file cannot be accepted yet: 11 problems must be fixed."))
        #expect(html.contains("This file can be sent: no problems were found."))
        #expect(
            html.contains("(Fusion Registry: REG-201-130, REG-201-131)"),
            "rule findings name their Fusion Registry equivalents")
    }

    @Test(.requires(.chromium)) func rendersTheFindingsInABrowser() throws {
        let page = try TestPaths.temporaryDirectory() + "/report.html"
        try report().write(toFile: page, atomically: false, encoding: .utf8)
        let (dom, succeeded) = try HeadlessBrowser.dumpDOM(of: page)
        #expect(succeeded)
        #expect(dom.contains("Figures that do not add up or do not make sense"))
        #expect(dom.contains("RULE_VIOLATION"))
        #expect(dom.contains("SEX_TOTAL_MISMATCH"))
        #expect(dom.contains("Values the Alliance does not collect"))
        #expect(dom.contains("Observations per period"))
    }
}
