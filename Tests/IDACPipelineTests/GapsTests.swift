import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import TestSupport
import Testing

/// A handful of transmissions, and the map says exactly what they hold.
@Suite struct GapsTests {
    func report(format: String? = nil, backend: TestBackend = .sqlite) throws -> GapReport {
        let directory = try TestPaths.temporaryDirectory()
        let catalog = try StructureLoader().loadEmbedded()
        let repository = try AllianceRepository(path: try backend.location(in: directory))
        let ingestor = Ingestor(
            validator: try SubmissionValidator(catalog: catalog, harmonisation: try HarmonisationMaps.embedded()),
            repository: repository)
        for file in ["kenya-2024.csv", "kenya-2025-sex-only.csv", "uganda-2025-age-and-sex.csv"] {
            let outcome = try #require(try ingestor.ingest(path: TestPaths.fixture("gaps/" + file)).first?.outcome)
            #expect(outcome.isAccepted, "\(file)")
        }
        return try GapAnalysis(repository: repository, catalog: catalog)
            .analyse(
                dataflow: try #require(ArtefactReference(parsing: "IDAC:DF_CHILD_MIGRATION(1.0)", kind: .dataflow)),
                period: "2025", countries: .named(["TZA", "ETH"]))
    }

    func cell(_ report: GapReport, _ country: String, _ indicator: String) throws -> GapCell {
        let row = try #require(report.countries.firstIndex(of: country))
        let column = try #require(report.indicators.firstIndex(of: indicator))
        return report.cells[row][column]
    }

    @Test(arguments: TestBackend.all) func cellsSayWhichBreakdownsExist(_ backend: TestBackend) throws {
        let report = try report(backend: backend)
        #expect(
            report.countries == ["ETH", "KEN", "TZA", "UGA"], "named countries appear though they never transmitted")
        #expect(report.indicators.count == 8)
        let kenya = try cell(report, "KEN", "MG_RFGS_CNTRY_ASYLM")
        #expect(kenya.observations == 3)
        #expect(kenya.sex == true && kenya.age == .totalOnly && kenya.accompaniment == false && kenya.origin == true)
        #expect(abs(kenya.estimatedShare - 1.0 / 3) < 0.001)
        #expect(kenya.latestPeriod == "2025")
        #expect(kenya.timelinessDays != nil)
        let uganda = try cell(report, "UGA", "MG_RFGS_CNTRY_ASYLM")
        #expect(uganda.observations == 15)
        #expect(uganda.sex == true && uganda.age == .bands && uganda.origin == false)
        let returns = try cell(report, "UGA", "MG_RETURNED")
        #expect(returns.accompaniment == true && returns.sex == false)
        #expect(try cell(report, "TZA", "MG_RFGS_CNTRY_ASYLM").hasData == false)
        #expect(try cell(report, "KEN", "MG_RETURNED").hasData == false, "2024 data are not 2025's")
    }

    @Test func summariesAndLargestGaps() throws {
        let report = try report()
        let refugees = try #require(report.byIndicator.first { $0.key == "MG_RFGS_CNTRY_ASYLM" })
        #expect(refugees.cellsWithData == 2 && refugees.cells == 4)
        #expect(abs(refugees.coverageChange - 0.5) < 0.001)
        let returns = try #require(report.byIndicator.first { $0.key == "MG_RETURNED" })
        #expect(
            abs(returns.coverage - 0.25) < 0.001 && abs(returns.previousCoverage - 0.25) < 0.001, "KEN had it in 2024")
        #expect(report.byCountry.first { $0.key == "TZA" }?.cellsWithData == 0)
        #expect(report.largestGaps.contains("KEN: MG_RFGS_CNTRY_ASYLM is reported without a breakdown by age"))
        #expect(report.largestGaps.contains("TZA: no data at all for 2025"))
        #expect(!report.largestGaps.contains { $0.hasPrefix("UGA: MG_RFGS") }, "Uganda reports age and sex")
    }

    @Test func everyFormatCarriesTheFacts() throws {
        var report = try report()
        let csv = GapReportRenderer.csv(report).components(separatedBy: "\r\n").dropLast()
        #expect(csv.count == 1 + 4 * 8, "RFC 4180: records end with CRLF")
        // A field holding a comma or a quote is quoted, its quotes doubled (RFC 4180).
        report.cells[0][0].latestPeriod = "2025,\"Q4\""
        #expect(GapReportRenderer.csv(report).contains(",\"2025,\"\"Q4\"\"\","))
        #expect(csv.contains { $0.hasPrefix("KEN,MG_RFGS_CNTRY_ASYLM,3,2025,yes,total-only,no,yes,") })
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(GapReportRenderer.json(report).utf8)) as? [String: Any])
        #expect(json["period"] as? String == "2025" && json["previousPeriod"] as? String == "2024")
        let cells = try #require(json["cells"] as? [[String: Any]])
        let kenya = try #require(
            cells.first { $0["country"] as? String == "KEN" && $0["indicator"] as? String == "MG_RFGS_CNTRY_ASYLM" })
        #expect(
            kenya["age"] as? String == "total-only" && kenya["sex"] as? Bool == true
                && kenya["observations"] as? Int == 3)
        #expect((json["largestGaps"] as? [String])?.isEmpty == false)
        let text = GapReportRenderer.text(report)
        #expect(text.contains("TZA") && text.contains("0/8") && text.contains("Largest gaps"))
    }

    @Test(.requires(.chromium)) func htmlPageRendersInABrowser() throws {
        let page = try TestPaths.temporaryDirectory() + "/gaps.html"
        let html = GapReportRenderer.html(try report())
        #expect(!html.contains("<script") && !html.contains("src=\"http"))
        try html.write(toFile: page, atomically: false, encoding: .utf8)
        let (dom, succeeded) = try HeadlessBrowser.dumpDOM(of: page)
        #expect(succeeded)
        #expect(dom.contains("What we know about children on the move, 2025"))
        #expect(dom.contains("TZA: no data at all for 2025"))
        #expect(dom.contains("class=\"cell none\""))
        #expect(dom.contains("Country detail"))
    }
}
