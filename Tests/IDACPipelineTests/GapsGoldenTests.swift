import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// The gap map in every format, from transmissions received at a fixed time, kept as golden files.
@Suite struct GapsGoldenTests {
    static func report() throws -> GapReport {
        let directory = try TestPaths.temporaryDirectory()
        let catalog = try StructureLoader().loadEmbedded()
        let repository = try AllianceRepository(path: directory + "/alliance.sqlite")
        var ingestor = Ingestor(
            validator: try SubmissionValidator(catalog: catalog, harmonisation: try HarmonisationMaps.embedded()),
            repository: repository)
        ingestor.clock = { Date(timeIntervalSince1970: 1_767_225_600) }  // 2026-01-01T00:00:00Z
        for file in ["kenya-2024.csv", "kenya-2025-sex-only.csv", "uganda-2025-age-and-sex.csv"] {
            _ = try ingestor.ingest(path: TestPaths.fixture("gaps/" + file))
        }
        return try GapAnalysis(repository: repository, catalog: catalog)
            .analyse(
                dataflow: ArtefactReference(
                    kind: .dataflow, agencyID: "IDAC", id: "DF_CHILD_MIGRATION", version: "1.0"),
                period: "2025", countries: .named(["TZA", "ETH"]))
    }

    @Test(arguments: ["txt", "json", "csv", "html"])
    func gapMapIsTheGoldenFile(_ format: String) throws {
        let report = try Self.report()
        let text =
            switch format {
            case "txt": GapReportRenderer.text(report)
            case "json": GapReportRenderer.json(report)
            case "csv": GapReportRenderer.csv(report)
            default: GapReportRenderer.html(report)
            }
        let expected = try Golden.expected("gaps/gaps-2025.\(format)", actual: text)
        #expect(expected != nil, "no golden file: record it (see Golden)")
        #expect(
            text == expected, "the \(format) gap map differs from its golden file; if intended, re-record (see Golden)")
    }
}
