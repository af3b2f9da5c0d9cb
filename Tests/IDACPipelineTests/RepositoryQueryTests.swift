@testable import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXREST
import SDMXValidation
import TestSupport
import Testing

/// The repository's query filters, pushed into SQL: periods compared as intervals across frequencies, keys
/// with alternatives, updatedAfter, includeHistory, first/last N per series, availability.
@Suite struct RepositoryQueryTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"
    static let header =
        "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD,"
        + "OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,CONF_STATUS,OBS_FOOTNOTE,DATA_SOURCE"

    /// `FREQ.AREA.ORIGIN.SEX` and a period, with a value: one CSV line.
    static func line(_ freq: String, _ area: String, _ origin: String, _ sex: String, _ period: String, _ value: Int)
        -> String
    {
        "dataflow,\(flow),I,\(freq),\(area),MG_ASYLM_APPL_NEW,\(origin),\(sex),Y0T17,_T,\(period),\(value),PS,0,A,,,"
    }

    struct Fixture {
        let directory: String
        let ingestor: Ingestor
        var repository: AllianceRepository { ingestor.repository }

        func ingest(_ lines: [String], name: String) throws {
            let path = directory + "/" + name
            try ([RepositoryQueryTests.header] + lines + [""]).joined(separator: "\n")
                .write(toFile: path, atomically: false, encoding: .utf8)
            let outcome = try ingestor.ingest(path: path).first?.outcome
            guard case .accepted? = outcome else {
                var findings = ""
                if case .rejected(let report)? = outcome {
                    findings = report.findings.prefix(3).map(\.message).joined(separator: "; ")
                }
                throw SDMXError(.invalidStructure, "fixture \(name) not accepted: \(findings)")
            }
        }

        func rows(_ query: ObservationQuery) throws -> [String] {
            var seen: [String] = []
            try repository.forEachObservation(query) { seen.append("\($0.seriesKey)@\($0.period)=\($0.value)") }
            return seen
        }
    }

    /// Annual and quarterly series of Kenya and Uganda (the dataflow's constraint allows no other frequency).
    func fixture(_ backend: TestBackend = .sqlite) throws -> Fixture {
        let directory = try TestPaths.temporaryDirectory()
        let catalog = try StructureLoader().loadEmbedded()
        let validator = try SubmissionValidator(catalog: catalog, harmonisation: try HarmonisationMaps.embedded())
        let fixture = Fixture(
            directory: directory,
            ingestor: Ingestor(
                validator: validator, repository: try AllianceRepository(path: try backend.location(in: directory))))
        var lines: [String] = []
        // The year 2024 is the sum of its quarters, as the dataflow's rules require.
        for year in 2022...2024 {
            lines.append(Self.line("A", "KEN", "SOM", "F", "\(year)", year == 2024 ? 410 : year - 2000))
        }
        for quarter in 1...4 { lines.append(Self.line("Q", "KEN", "SOM", "F", "2024-Q\(quarter)", 100 + quarter)) }
        for index in 0..<8 {
            lines.append(Self.line("Q", "UGA", "SSD", "F", "\(2023 + index / 4)-Q\(index % 4 + 1)", 201 + index))
        }
        lines.append(Self.line("Q", "UGA", "SOM", "M", "2024-Q1", 300))
        try fixture.ingest(lines, name: "first.csv")
        return fixture
    }

    func interval(_ period: String) throws -> PeriodInterval { try #require(PeriodInterval(period: period)) }

    @Test(arguments: TestBackend.all) func periodsAreComparedAsTheTimeTheyCover(_ backend: TestBackend) throws {
        let fixture = try fixture(backend)
        var query = ObservationQuery(dataflow: Self.flow)
        query.periodFrom = try interval("2024-Q2").start
        query.periodUntil = try interval("2024-Q2").end
        // Within the second quarter: the quarters; not the year 2024, which is longer.
        #expect(
            try fixture.rows(query) == [
                "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024-Q2=102",
                "Q.UGA.MG_ASYLM_APPL_NEW.SSD.F.Y0T17._T@2024-Q2=206",
            ])
        // From May 2024 (a month): the quarters that start after it, not the second, which starts in April.
        query.periodFrom = try interval("2024-05").start
        query.periodUntil = nil
        #expect(
            try fixture.rows(query).map { String($0.split(separator: "@")[1].prefix(7)) } == [
                "2024-Q3", "2024-Q4", "2024-Q3", "2024-Q4",
            ])
        // From 2023 on, with no end: 2023 and 2024 of the annual series, every quarter but none before 2023.
        query.periodFrom = try interval("2023").start
        let rows = try fixture.rows(query)
        #expect(rows.count == 2 + 4 + 8 + 1)
        #expect(!rows.contains { $0.hasSuffix("@2022=22") })
        // Until 2024-05-31 (a day): the years 2022 and 2023 and the quarters to 2024-Q1.
        query.periodFrom = nil
        query.periodUntil = try interval("2024-05-31").end
        #expect(try fixture.rows(query).count == 2 + 1 + 5 + 1)
    }

    @Test func periodIntervalsFollowTheSpecificationsCalendar() throws {
        #expect(try interval("2024-Q2").contains(try interval("2024-05")))
        #expect(try !interval("2024-Q2").contains(try interval("2024")))
        #expect(try interval("2024").contains(try interval("2024-S2")))
        // ISO weeks: 2024-W01 starts on Monday 2024-01-01, 2021-W01 on Monday 2021-01-04.
        #expect(try interval("2024-W01").start == interval("2024-01-01").start)
        #expect(try interval("2021-W01").start == interval("2021-01-04").start)
        #expect(try interval("2020-W53").end == interval("2021-01-03").end)
        #expect(try interval("2024-01-01T02:00:00+02:00").start == interval("2024-01-01").start)
        #expect(
            try interval("2024-01-01/P3M")
                == PeriodInterval(start: interval("2024-Q1").start, end: interval("2024-Q1").end))
        #expect(PeriodInterval(period: "2024-Q5") == nil)
    }

    @Test(arguments: TestBackend.all) func keysWithAlternativesAndWildcardsAreSelectedInSQL(_ backend: TestBackend)
        throws
    {
        let fixture = try fixture(backend)
        var query = ObservationQuery(dataflow: Self.flow)
        query.keys = [[["Q", "A"], ["KEN"], [], ["SOM"], [], [], []]]
        #expect(try fixture.rows(query).count == 3 + 4)
        query.keys = [[[], [], [], [], ["M"], [], []]]
        #expect(try fixture.rows(query) == ["Q.UGA.MG_ASYLM_APPL_NEW.SOM.M.Y0T17._T@2024-Q1=300"])
        // Two whole keys (2.x `,`): their union, not the cross product of their values.
        query.keys = [
            [["A"], ["KEN"], [], [], [], [], []],
            [["Q"], ["UGA"], [], [], [], [], []],
        ]
        #expect(try fixture.rows(query).count == 3 + 9)
        // The leading values become ranges of the index of current versions, in key order without a sort.
        query.keys = [[["Q", "A"], ["KEN", "UGA"], [], ["SOM"], [], [], []]]
        #expect(try fixture.rows(query).count == 3 + 4 + 1)
        // SQLite's plan (PostgreSQL's: PostgresRepositoryTests).
        guard backend == .sqlite else { return }
        let plan = try fixture.repository.queryPlan(query)
        // A search of the series' (dataflowID, seriesKey) index per prefix, never a scan of the dataflow; then
        // each series' versions by their key.
        #expect(plan.filter { $0.contains("(dataflowID=? AND seriesKey>? AND seriesKey<?)") }.count == 4, "\(plan)")
        #expect(plan.filter { $0.contains("SEARCH o USING PRIMARY KEY (seriesID=?)") }.count == 4, "\(plan)")
        #expect(plan.allSatisfy { $0.hasPrefix("SEARCH") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test func oneSeriesKeyReadsTheIndexAndSeesNoOtherRow() throws {
        let fixture = try fixture()
        let plan = try fixture.repository.queryPlan(
            ObservationQuery(
                dataflow: Self.flow, keys: [[["Q"], ["KEN"], ["MG_ASYLM_APPL_NEW"], ["SOM"], ["F"], ["Y0T17"], ["_T"]]])
        )
        #expect(plan.contains { $0.hasPrefix("SEARCH") && $0.contains("(dataflowID=? AND seriesKey=?)") }, "\(plan)")
        #expect(plan.allSatisfy { $0.hasPrefix("SEARCH") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
    }

    @Test(arguments: TestBackend.all) func updatedAfterGivesChangesAndDeletionsAndHistoryGivesEveryVersion(
        _ backend: TestBackend
    ) throws {
        let fixture = try fixture(backend)
        let first = try #require(try fixture.repository.lastChange(dataflow: Self.flow))
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.ingest(
            [
                Self.line("Q", "KEN", "SOM", "F", "2024-Q1", 999),
                Self.line("Q", "KEN", "SOM", "F", "2024-Q2", 102),
            ], name: "revision.csv")
        Thread.sleep(forTimeInterval: 0.01)
        try fixture.ingest(
            ["dataflow,\(Self.flow),D,Q,UGA,MG_ASYLM_APPL_NEW,SOM,M,Y0T17,_T,2024-Q1,,,,,,,"], name: "deletion.csv")
        let last = try #require(try fixture.repository.lastChange())
        #expect(last > first)
        var changed: [StoredObservation] = []
        try fixture.repository.forEachObservation(ObservationQuery(dataflow: Self.flow, updatedAfter: first)) {
            changed.append($0)
        }
        // The revised value (not the unchanged one) and the deletion, marked by its validTo.
        #expect(changed.map(\.period) == ["2024-Q1", "2024-Q1"])
        #expect(changed.map(\.value) == ["999", "300"])
        #expect(changed.map { $0.validTo == nil } == [true, false])

        var history: [StoredObservation] = []
        try fixture.repository.forEachObservation(
            ObservationQuery(
                dataflow: Self.flow, keys: [[["Q"], ["KEN"], [], [], [], [], []]], includeHistory: true)
        ) { history.append($0) }
        #expect(history.count == 5)
        #expect(history.prefix(2).map(\.value) == ["101", "999"])
        #expect(history.first?.validTo != nil && history[1].validTo == nil)
        // As of before the revision, the first value; after it, the revised one.
        #expect(
            try fixture.rows(
                ObservationQuery(dataflow: Self.flow, asOf: first, keys: [[["Q"], ["KEN"], [], [], [], [], []]])
            )
            .first == "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024-Q1=101")
    }

    @Test(arguments: TestBackend.all) func firstAndLastNKeepThatManyPeriodsPerSeries(_ backend: TestBackend) throws {
        let fixture = try fixture(backend)
        let last = try fixture.rows(ObservationQuery(dataflow: Self.flow, lastN: 2))
        #expect(
            last == [
                "A.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2023=23", "A.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024=410",
                "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024-Q3=103",
                "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024-Q4=104",
                "Q.UGA.MG_ASYLM_APPL_NEW.SOM.M.Y0T17._T@2024-Q1=300",
                "Q.UGA.MG_ASYLM_APPL_NEW.SSD.F.Y0T17._T@2024-Q3=207",
                "Q.UGA.MG_ASYLM_APPL_NEW.SSD.F.Y0T17._T@2024-Q4=208",
            ])
        let first = try fixture.rows(ObservationQuery(dataflow: Self.flow, firstN: 1))
        #expect(first.count == 4 && first.first == "A.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2022=22")
        // Within a period range, counting back from its end.
        var query = ObservationQuery(dataflow: Self.flow, lastN: 1)
        query.periodUntil = try interval("2024-06").end
        query.keys = [[["Q"], ["UGA"], [], ["SSD"], [], [], []]]
        #expect(try fixture.rows(query) == ["Q.UGA.MG_ASYLM_APPL_NEW.SSD.F.Y0T17._T@2024-Q2=206"])
    }

    @Test(arguments: TestBackend.all) func conditionsOnValuesAndAttributes(_ backend: TestBackend) throws {
        let fixture = try fixture(backend)
        var query = ObservationQuery(dataflow: Self.flow)
        query.conditions = [
            ComponentCondition(target: .value, alternatives: [[.init(.ge, "210")], [.init(.lt, "22.5")]])
        ]
        #expect(
            try fixture.rows(query) == [
                "A.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2022=22",
                "A.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T@2024=410",
                "Q.UGA.MG_ASYLM_APPL_NEW.SOM.M.Y0T17._T@2024-Q1=300",
            ])
        query.conditions = [ComponentCondition(target: .attribute("OBS_STATUS"), alternatives: [[.init(.ne, "A")]])]
        #expect(try fixture.rows(query).isEmpty)
    }

    @Test(arguments: TestBackend.all) func availabilityListsWhatIsHeldExactlyOrStillAvailable(_ backend: TestBackend)
        throws
    {
        let fixture = try fixture(backend)
        let kenya = ObservationQuery(dataflow: Self.flow, keys: [[[], ["KEN"], [], [], [], [], []]])
        let exact = try fixture.repository.availability(kenya, dimensions: 7)
        #expect(exact.values[0] == ["A", "Q"] && exact.values[1] == ["KEN"] && exact.values[4] == ["F"])
        #expect(exact.observationCount == 7 && exact.seriesCount == 2)
        #expect(exact.earliestPeriod == "2022" && exact.latestPeriod == "2024")
        // Available: Uganda could be added to REF_AREA; the other dimensions keep Kenya's values.
        let available = try fixture.repository.availability(kenya, dimensions: 7, mode: .available)
        #expect(available.values[1] == ["KEN", "UGA"])
        #expect(available.values[0] == ["A", "Q"] && available.values[3] == ["SOM"])
        #expect(available.observationCount == 7)
        // With SEX=M as well: only the Ugandan series has M; Kenya offers F for SEX, Uganda for REF_AREA.
        let both = ObservationQuery(dataflow: Self.flow, keys: [[[], ["KEN"], [], [], ["M"], [], []]])
        let none = try fixture.repository.availability(both, dimensions: 7, mode: .available)
        #expect(none.observationCount == 0)
        #expect(none.values[1] == ["UGA"] && none.values[4] == ["F"])
    }
}
