import Foundation
import IDACSubmission
import SDMXCSV
import SDMXInput
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// Every format idac reads, checked against independent counts and against each other.
@Suite struct FormatTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    /// Observations per corpus data file, as the `sdmx1` Python package counts them
    /// (`scripts/reference-counts.py`); footer2.zip's entry counted after extraction.
    static let referenceCounts: [(file: String, observations: Int)] = {
        var counts: [(String, Int)] = []
        for form in ["ng", "rg", "sg"] {
            for kind in [
                "generic/ecb_exr_\(form)_flat", "generic/ecb_exr_\(form)_ts", "generic/ecb_exr_\(form)_ts_gf",
                "generic/ecb_exr_\(form)_xs", "structured/ecb_exr_\(form)_ts", "structured/ecb_exr_\(form)_ts_gf",
                "structured/ecb_exr_\(form)_xs",
            ] {
                counts.append(("sdmx-ml-2.1/samples/exr/ecb_exr_\(form)/\(kind).xml", 12))
            }
            counts.append(("sdmx-test-data/ECB_EXR/\(form)-ts.xml", 12))
            counts.append(("sdmx-test-data/ECB_EXR/\(form)-xs.xml", 12))
            counts.append(("sdmx-test-data/ECB_EXR/\(form)-ts-gf-ss.xml", 12))
            counts.append(("sdmx-test-data/ECB_EXR/\(form)-xs-ss.xml", 12))
            counts.append(("sdmx-test-data/ECB_EXR/\(form)-ts-ss.xml", 12))
        }
        counts += [
            ("sdmx-ml-2.1/samples/exr/ecb_exr_ng/structured/ecb_exr_ng_flat.xml", 12),
            ("sdmx-ml-2.1/samples/exr/ecb_exr_rg/structured/ecb_exr_rg_flat.xml", 12),
            ("sdmx-ml-2.1/samples/exr/ecb_exr_sg/structured/ecb_exr_sg_ts_gf_flat.xml", 12),
            ("sdmx-test-data/ECB_EXR/ng-flat.xml", 12), ("sdmx-test-data/ECB_EXR/rg-flat.xml", 12),
            ("sdmx-test-data/ECB_EXR/sg-flat.xml", 12), ("sdmx-test-data/ECB_EXR/ng-flat-ss.xml", 12),
            ("sdmx-test-data/ECB_EXR/rg-flat-ss.xml", 12), ("sdmx-test-data/ECB_EXR/sg-ts-gf-flat-ss.xml", 12),
            ("sdmx-test-data/ECB_EXR/ng-ts-gf.xml", 12), ("sdmx-test-data/ECB_EXR/rg-ts-gf.xml", 12),
            ("sdmx-test-data/ECB_EXR/sg-ts-gf.xml", 12),
            ("sdmx-test-data/ECB_EXR/1/M.USD.EUR.SP00.A.xml", 252),
            ("sdmx-test-data/ESTAT/demography-xs.xml", 60),
            ("sdmx-test-data/v21/xml/demography/demography_xs.xml", 60),
            ("sdmx-test-data/ESTAT/footer.xml", 0), ("sdmx-test-data/ESTAT/footer2.xml", 0),
            ("sdmx-test-data/ESTAT/footer2.zip", 43),
            ("sdmx-test-data/v3/xml/ECB_EXR0.xml", 116), ("sdmx-test-data/v3/xml/ECB_EXR_CA.xml", 3),
        ]
        return counts
    }()

    @Test(.requires(.corpus)) func everyCorpusDataFileReadsWithTheReferenceCount() throws {
        let inspector = Inspector(catalog: Self.catalog)
        for (file, expected) in Self.referenceCounts {
            let inspections = try inspector.inspect(path: TestPaths.corpus(file))
            let observations = inspections.reduce(0) { total, inspection in
                guard case let .data(_, _, _, _, _, count) = inspection else { return total }
                return total + count
            }
            #expect(observations == expected, "\(file)")
            #expect(inspections.allSatisfy { if case .data = $0 { true } else { false } }, "\(file) is data")
        }
    }

    /// Records in the SDMX-CSV 2.0 examples, counted with Python's csv module (one has a quoted line break).
    static let csvExamples: [(name: String, records: Int)] = [
        ("example-01", 2), ("example-02", 2), ("example-03", 2), ("example-04", 2), ("example-05", 2),
        ("example-06", 2), ("example-07", 2), ("example-08", 2), ("example-09A", 3), ("example-09B", 3),
        ("example-10", 2), ("example-11", 2), ("example-12", 2), ("example-13", 2), ("example-14", 2),
        ("example-15", 2), ("example-16", 2), ("example-17", 2), ("example-18", 2), ("example-19A", 1),
        ("example-19B", 1),
    ]

    @Test(.requires(.corpus)) func everySDMXCSVExampleReads() throws {
        let inspector = Inspector(catalog: Self.catalog)
        for (name, records) in Self.csvExamples {
            let inspection = try #require(
                try inspector.inspect(path: TestPaths.corpus("sdmx-test-data/v3/csv/\(name).csv")).first)
            guard case let .data(_, format, structures, _, _, observations) = inspection else {
                Issue.record("\(name) is SDMX-CSV")
                continue
            }
            #expect(format == "SDMX-CSV 2.0", "\(name)")
            #expect(observations == records, "\(name)")
            #expect(!structures.isEmpty, "\(name) names its structure")
        }
    }

    // MARK: Twins: one submission in every format

    static let twinFormats = [
        "ss21.xml", "generic21.xml", "ss30.xml", "compact20.xml", "generic20.xml",
        "csv20.csv", "csv20-semicolon.csv", "csv10.csv", "country.csv", "json20.json", "json10-flat.json",
    ]

    func validate(_ file: String) throws -> ValidationReport {
        let profile = try CountryCSVProfile.load(path: TestPaths.fixture("twins/country-profile.json"))
        return try #require(
            try SubmissionValidator(catalog: Self.catalog, profile: profile).validate(
                path: TestPaths.fixture("twins/" + file)
            ).first)
    }

    /// What a finding is about, leaving out what the form decides: a series-level fault carries no
    /// period in series-form XML, but its record's period in flat CSV.
    func signature(_ report: ValidationReport) -> [String] {
        report.findings.map { "\($0.code.rawValue):\($0.component ?? "-"):\($0.severity.rawValue):\($0.key ?? "-")" }
            .sorted()
    }

    @Test(arguments: twinFormats)
    func validTwinIsClean(_ format: String) throws {
        let report = try validate("valid." + format)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.observations == 6)
        #expect(report.series == 3)
    }

    @Test(arguments: twinFormats)
    func invalidTwinGivesTheFindingsOfTheSDMXML21One(_ format: String) throws {
        let reference = try validate("invalid.ss21.xml")
        #expect(reference.byCode.count == 8, "the reference shows eight kinds of fault")
        let report = try validate("invalid." + format)
        #expect(signature(report) == signature(reference))
    }

    @Test func twinsPointAtTheirOwnLines() throws {
        let xml = try validate("invalid.generic20.xml").findings.map(\.line)
        #expect(xml == [5, 8, 12, 13, 14, 15, 17, 19])
        #expect(try validate("invalid.csv20.csv").findings.map(\.line) == [2, 3, 4, 5, 6, 7, 9, 10])
        #expect(
            try validate("invalid.country.csv").findings.map(\.line) == [3, 4, 5, 6, 7, 8, 10, 11],
            "country CSV lines count the skipped title line")
    }

    // MARK: SDMX-CSV details and country CSV

    @Test func sdmxCSVLabelsDecimalCommaAndMultipleValues() throws {
        let path = try TestPaths.temporaryDirectory() + "/labels.csv"
        try """
        STRUCTURE[|];STRUCTURE_ID;ACTION;SERIES_KEY;FREQ: Frequency;REF_AREA: Area;INDICATOR;COUNTRY_ORIGIN;SEX;AGE;ACCOMPANIMENT;TIME_PERIOD;OBS_VALUE;UNIT_MEASURE;UNIT_MULT;OBS_STATUS;NOTE
        dataflow;IDAC:DF_CHILD_MIGRATION(1.0): Child migration;I;A.KEN;A: Annual;KEN: Kenya;MG_RETURNED;_T;_T;Y0T17;_T;2024;1250,0;PS;0;A: Normal value;custom
        dataflow;IDAC:DF_CHILD_MIGRATION(1.0): Child migration;I;A.KEN;A: Annual;KEN: Kenya;MG_RETURNED;SOM;_T;Y0T17;_T;2024;NaN;PS;0;O: Missing value;custom
        dataflow;IDAC:DF_CHILD_MIGRATION(1.0): Child migration;D;A.KEN;A: Annual;KEN: Kenya;MG_RETURNED;ETH;;;;;;;;;

        """.write(toFile: path, atomically: false, encoding: .utf8)
        let report = try #require(try SubmissionValidator(catalog: Self.catalog).validate(path: path).first)
        // The custom column is a warning, once per dataset (the deletion is a dataset of its own).
        #expect(
            report.findings.map(\.code) == [.unknownComponent, .unknownComponent], "\(report.findings.map(\.message))")
        #expect(report.findings.allSatisfy { $0.severity == .warning && $0.component == "NOTE" })
        #expect(report.isValid)
        #expect(report.observations == 3)
        #expect(report.dataSets == 2, "a change of ACTION starts a dataset")
    }

    @Test func countryCSVSampleReadsThroughItsProfile() throws {
        let profile = try CountryCSVProfile.load(path: TestPaths.project("SampleData/country-csv/senegal-profile.json"))
        let validator = try SubmissionValidator(catalog: Self.catalog, profile: profile)
        let valid = try #require(
            try validator.validate(path: TestPaths.project("SampleData/country-csv/senegal-2024-refugees.csv")).first)
        #expect(valid.findings.isEmpty, "\(valid.findings.map(\.message))")
        #expect(valid.observations == 6)
        #expect(valid.format.hasPrefix("country CSV"))
        let invalid = try #require(
            try validator.validate(path: TestPaths.project("SampleData/invalid/senegal-2024-unmapped-labels.csv")).first
        )
        #expect(
            invalid.findings.map { "\($0.code.rawValue)@\($0.line):\($0.component ?? "-")" }
                == ["INVALID_CODE@4:SEX", "INVALID_CODE@5:COUNTRY_ORIGIN"])
        #expect(invalid.findings[0].message.contains("label 'Fille'"))
        #expect(invalid.findings[0].message.contains("senegal-profile.json"))
    }

    @Test func countryCSVDecodesLatin1AndMarksMissingValues() throws {
        final class Values: DataHandler {
            var rows: [[String: String]] = []
            func header(_ header: DataMessageHeader) throws {}
            func startDataSet(_ dataSet: DataSetStart) throws {}
            func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {}
            func startSeries(values: [ComponentValue], at position: DataPosition) throws {}
            func observation(values: [ComponentValue], at position: DataPosition) throws {
                rows.append(Dictionary(values.map { ($0.id, $0.value) }, uniquingKeysWith: { $1 }))
            }
            func endSeries() throws {}
            func endDataSet() throws {}
        }
        let profile = try CountryCSVProfile.load(path: TestPaths.project("SampleData/country-csv/senegal-profile.json"))
        let values = Values()
        try CountryCSVReader(profile: profile).read(
            source: ChunkedFileReader(path: TestPaths.project("SampleData/country-csv/senegal-2024-refugees.csv")),
            into: values)
        #expect(values.rows.count == 6)
        #expect(values.rows[3]["COUNTRY_ORIGIN"] == "COD", "'Rép. dém. du Congo' decoded from Latin-1 and mapped")
        #expect(values.rows[3]["OBS_VALUE"] == "" && values.rows[3]["OBS_STATUS"] == "O", "'..' is a missing value")
        #expect(values.rows[4]["OBS_VALUE"] == "412.0", "decimal comma")
        #expect(values.rows[0]["REF_AREA"] == "SEN", "fixed values")
    }

    @Test func badProfilesAreClearErrors() throws {
        let directory = try TestPaths.temporaryDirectory()
        try #"{"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)", "encoding": "EBCDIC", "columns": {"A": "REF_AREA"}}"#
            .write(toFile: directory + "/p1.json", atomically: false, encoding: .utf8)
        #expect { try CountryCSVProfile.load(path: directory + "/p1.json") } throws: {
            ($0 as? SDMXError)?.message.contains("encoding") == true
        }
        try #"{"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)"}"#.write(
            toFile: directory + "/p2.json", atomically: false, encoding: .utf8)
        #expect { try CountryCSVProfile.load(path: directory + "/p2.json") } throws: {
            ($0 as? SDMXError)?.message.contains("\"columns\"") == true
        }
        try #"{"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)", "skipRows": 2, "columns": {"Country": "REF_AREA"}}"#
            .write(toFile: directory + "/p3.json", atomically: false, encoding: .utf8)
        let profile = try CountryCSVProfile.load(path: directory + "/p3.json")
        let report = try #require(
            try SubmissionValidator(catalog: Self.catalog, profile: profile)
                .validate(path: TestPaths.project("SampleData/country-csv/senegal-2024-refugees.csv")).first)
        #expect(report.findings.first?.code == .malformedInput)
        #expect(report.findings.first?.message.contains("no column 'Country'") == true)
        #expect(report.findings.first?.line == 3)
    }
}
