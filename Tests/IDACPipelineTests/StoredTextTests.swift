import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// Text a bulk load would have to escape (PostgreSQL's `COPY` reads tabs, newlines, carriage returns and
/// backslashes as its own, `\N` as NULL and `\.` as the end) is stored and read back exactly, in series an
/// ingest makes (inserted as they are) and in revisions (looked up first); a NUL character, which PostgreSQL text cannot hold, is a clear error on
/// both backends and stores nothing. A NUL in an attribute is kept: attributes are stored as escaped JSON.
@Suite struct StoredTextTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"
    static let awkward = [
        "a\tb", "line\nbreak", "cr\rhere", "back\\slash", "\\N", "\\.", "\\", "\u{1}\u{7}\u{1B}[0m\u{7F}", "ümlaut €",
        "end\\",
    ]

    func record(_ name: String) -> TransmissionRecord {
        TransmissionRecord(
            sender: nil, messageID: nil, prepared: nil, received: RepositoryInstant.format(Date()), fileName: name,
            sha256: (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased(),
            format: "csv", dataflow: Self.flow, status: "accepted")
    }

    func store(_ repository: AllianceRepository, _ name: String, _ body: (ObservationStore) throws -> Void) throws {
        _ = try repository.ingest(record(name)) { store in
            try body(store)
            return AllianceRepository.TransmissionDetails(
                dataflow: Self.flow, format: "csv", sender: nil, messageID: nil, prepared: nil, report: "{}")
        }
    }

    /// The stored current observations as (key, period) → (value, footnote).
    func stored(_ repository: AllianceRepository) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for observation in try repository.observations(dataflow: Self.flow) {
            out[observation.seriesKey + "|" + observation.period] = [
                observation.value, observation.attributes["OBS_FOOTNOTE"] ?? "",
            ]
        }
        return out
    }

    @Test(arguments: TestBackend.all) func awkwardTextRoundTripsInNewSeriesAndRevisions(_ backend: TestBackend) throws {
        let repository = try AllianceRepository(path: try backend.location(in: try TestPaths.temporaryDirectory()))
        var expected: [String: [String]] = [:]
        func write(_ values: [String], _ name: String) throws {
            try store(repository, name) { store in
                for (index, text) in values.enumerated() {
                    let period = index == 0 ? "2024\t\\Q1" : "2024-Q1"
                    try store.upsert(
                        dataflow: Self.flow, seriesKey: "Q.KEN.X\(index)", refArea: "KEN", period: period, value: text,
                        attributes: [(id: "OBS_FOOTNOTE", value: text + "\u{0}")])
                    expected["Q.KEN.X\(index)|\(period)"] = [text, text + "\u{0}"]
                }
            }
        }
        try write(Self.awkward, "new.csv")
        #expect(try stored(repository) == expected)
        Thread.sleep(forTimeInterval: 0.01)
        try write(Self.awkward.reversed(), "revision.csv")
        #expect(try stored(repository) == expected)
        let history = try repository.history(dataflow: Self.flow, seriesKey: "Q.KEN.X1", period: "2024-Q1")
        #expect(history.map(\.value) == [Self.awkward[1], Self.awkward[Self.awkward.count - 2]])
    }

    /// A NUL byte the validation rejects (SDMX-CSV's reader does) gives the file's findings, even when the batch
    /// holding it reaches PostgreSQL before the end of the file (which refused the text).
    @Test(arguments: TestBackend.all) func aNULByteInAFileGivesItsFindings(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        var lines = [
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,"
                + "TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS"
        ]
        for origin in ["AFG", "SOM", "SYR", "IRQ", "ERI", "SDN", "COD", "SSD", "UKR", "VEN"] {
            for year in 1900..<2050 {
                for quarter in 1...4 {
                    let value = lines.count == 2 ? "1\u{0}2" : "1"
                    lines.append(
                        "dataflow,\(Self.flow),I,Q,KEN,MG_ASYLM_APPL_NEW,\(origin),F,Y0T17,_T,\(year)-Q\(quarter),"
                            + "\(value),PS,0,A")
                }
            }
        }
        let path = directory + "/nul.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let validator = try SubmissionValidator(
            catalog: RepositoryTests.catalog, harmonisation: try HarmonisationMaps.embedded())
        let location = try backend.location(in: directory)
        let ingestor = Ingestor(validator: validator, repository: try AllianceRepository(path: location))
        let outcome = try ingestor.ingest(path: path).first?.outcome
        guard case .rejected(let report)? = outcome else {
            Issue.record("a NUL byte is a finding: \(String(describing: outcome))")
            return
        }
        #expect(report.errors > 0)
        #expect(try ingestor.repository.transmissions().filter { $0.status == "accepted" }.isEmpty)
    }

    @Test(arguments: TestBackend.all) func aNULCharacterIsAClearErrorAndStoresNothing(_ backend: TestBackend) throws {
        let repository = try AllianceRepository(path: try backend.location(in: try TestPaths.temporaryDirectory()))
        try store(repository, "first.csv") { store in
            try store.upsert(
                dataflow: Self.flow, seriesKey: "Q.KEN.A", refArea: "KEN", period: "2024-Q1", value: "1",
                attributes: [])
        }
        let before = try stored(repository)
        for (value, period) in [("1\u{0}2", "2024-Q2"), ("3", "2024\u{0}-Q3")] {
            do {
                try store(repository, "nul.csv") { store in
                    try store.upsert(
                        dataflow: Self.flow, seriesKey: "Q.KEN.B", refArea: "KEN", period: "2024-Q1", value: "5",
                        attributes: [])
                    try store.upsert(
                        dataflow: Self.flow, seriesKey: "Q.KEN.A", refArea: "KEN", period: period, value: value,
                        attributes: [])
                }
                Issue.record("a NUL character was stored")
            } catch let error as SDMXError {
                #expect(String(describing: error).contains("NUL"), "\(error)")
            }
        }
        #expect(try stored(repository) == before)
        #expect(try repository.transmissions().count == 1)
    }
}
