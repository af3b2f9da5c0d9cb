import Foundation
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// Inputs the fuzzers once crashed on (Tests/Fixtures/fuzz/TARGET/), read again on every run.
@Suite struct FuzzRegressionTests {
    static func inputs(_ harness: String) -> [String] {
        let folder = TestPaths.fixture("fuzz/" + harness)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    @Test(arguments: ["data", "archive"])
    func crashingInputsNowGetAReport(harness: String) throws {
        let inputs = Self.inputs(harness)
        try #require(!inputs.isEmpty, "the fuzz regression inputs are missing")
        let validator = try SubmissionValidator(catalog: try StructureLoader().loadEmbedded())
        for input in inputs {
            let reports = try validator.validate(path: input)
            #expect(reports.count == 1, "\(input)")
            #expect(reports.allSatisfy { $0.errors > 0 }, "\(input) is broken, and says so")
        }
    }

    /// A zip file shorter than its end-of-central-directory record, starting with that record's
    /// signature, was read past its end (found by the archive harness's fixed-seed run in CI).
    @Test func aZipShorterThanItsDirectoryRecordIsDamagedNotACrash() throws {
        let report = try #require(
            try SubmissionValidator(catalog: try StructureLoader().loadEmbedded())
                .validate(path: TestPaths.fixture("fuzz/archive/eocd-shorter-than-its-record.zip")).first)
        #expect(report.byCode[.malformedInput] == 1)
        #expect(report.findings.first?.message.contains("not a complete zip archive") == true)
    }

    /// The first crash: a malformed period hashed to a 64-bit ordinal overflowed the period set's arithmetic.
    @Test func hashedPeriodsFarApartDoNotOverflow() throws {
        let path = try TestPaths.temporaryDirectory() + "/periods.csv"
        let header =
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
        let rows = ["not-a-period", "also not", "2024-07-15T10:00:00", "xx", "2024-07-15T11:00:00"].map {
            "dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,A,KEN,MG_RETURNED,_T,_T,Y0T17,_T,\($0),1,PS,0,A\n"
        }
        try (header + rows.joined()).write(toFile: path, atomically: false, encoding: .utf8)
        let report = try #require(
            try SubmissionValidator(catalog: try StructureLoader().loadEmbedded()).validate(path: path).first)
        #expect(report.byCode[.invalidTimePeriod] == 5)
        #expect(report.byCode[.duplicateObservation] == nil)
    }
}
