import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXCSV
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

@Suite struct RepositoryTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    func ingestor(at location: String) throws -> Ingestor {
        let validator = try SubmissionValidator(catalog: Self.catalog, harmonisation: try HarmonisationMaps.embedded())
        return Ingestor(validator: validator, repository: try AllianceRepository(path: location))
    }

    func write(_ text: String, to path: String) throws -> String {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// A reader streaming an answer (`idac serve`, `export`) does not block an ingest's commit: the
    /// repository uses write-ahead logging (with a rollback journal the commit waited 30 s, then failed).
    @Test(arguments: TestBackend.all) func anIngestCommitsWhileAnotherConnectionReads(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        _ = try ingestor(at: location).ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        let reader = try AllianceRepository(path: location, mode: .mustExist)
        var committed = false
        try reader.forEachObservation(ObservationQuery(dataflow: Self.flow)) { _ in
            guard !committed else { return }
            committed = true
            let started = Date()
            let outcome = try ingestor(at: location).ingest(path: TestPaths.fixture("twins/valid.csv20.csv")).first?
                .outcome
            guard case .accepted? = outcome else {
                Issue.record("the ingest beside a reader was not accepted: \(String(describing: outcome))")
                return
            }
            #expect(Date().timeIntervalSince(started) < 10)
        }
        #expect(committed)
    }

    @Test(arguments: TestBackend.all) func ingestStoresOnceAndRecognisesTheSameFile(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        let first = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        guard case let .accepted(record, report, inserted, _, _)? = first.first?.outcome else {
            Issue.record("the valid sample is accepted")
            return
        }
        #expect(inserted == 16 && report.observations == 16)
        #expect(record.sender == "KNBS" && record.messageID == "KEN-2024-Q4-001")
        #expect(record.dataflow == Self.flow)
        #expect(record.sha256.count == 64)
        let again = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        guard case .alreadyIngested(let same)? = again.first?.outcome else {
            Issue.record("the same file again is recognised")
            return
        }
        #expect(same.id == record.id)
        #expect(try ingestor.repository.observations(dataflow: Self.flow).count == 16)
        #expect(try ingestor.repository.transmissions().count == 1)
    }

    @Test(arguments: TestBackend.all) func aFileWithErrorsStoresNothing(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        _ = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        let outcome = try ingestor.ingest(path: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv")).first?
            .outcome
        guard case .rejected(let report)? = outcome else {
            Issue.record("a file with errors is rejected")
            return
        }
        #expect(report.errors > 0)
        #expect(try ingestor.repository.observations(dataflow: Self.flow).count == 16, "nothing of the bad file")
        #expect(try ingestor.repository.transmissions().count == 1)
    }

    /// Enough observations to fill the queue between the validating and the storing thread many
    /// times over: every one is stored once, and a copy with one rule broken at its end stores none.
    @Test(arguments: TestBackend.all) func aLargeSubmissionIsStoredWhileItIsValidated(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let path = directory + "/large.csv"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestPaths.project("scripts/generate-submission.py"), "--observations", "20000", "--format",
            "csv",
        ]
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 runs scripts/generate-submission.py")

        let ingestor = try ingestor(at: location)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        var fields = lines[lines.count - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[11] = "-5"  // OBS_VALUE: negative, against DPR_OBS_VALUE
        lines[lines.count - 1] = fields.joined(separator: ",")
        let broken = try write(lines.joined(separator: "\n") + "\n", to: directory + "/broken.csv")
        guard case .rejected(let report)? = try ingestor.ingest(path: broken).first?.outcome else {
            Issue.record("a file whose last observation breaks a rule is rejected")
            return
        }
        #expect(report.observations == 20_000 && report.errors > 0)
        #expect(
            try ingestor.repository.observations(dataflow: Self.flow).isEmpty,
            "what was stored before the error is rolled back")

        guard case let .accepted(_, report2, inserted, _, _)? = try ingestor.ingest(path: path).first?.outcome else {
            Issue.record("the generated submission is valid")
            return
        }
        #expect(report2.observations == 20_000 && inserted == 20_000)
        #expect(try ingestor.repository.observations(dataflow: Self.flow).count == 20_000)
    }

    @Test(arguments: TestBackend.all) func revisionsKeepTheHistoryAndDeletionsRemove(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        _ = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.csv"))
        let before = try #require(try ingestor.repository.transmissions().first?.received)
        Thread.sleep(forTimeInterval: 0.01)
        let original = try String(
            contentsOfFile: TestPaths.project("SampleData/kenya-2024-quarterly.csv"), encoding: .utf8)
        let revised = try write(
            original.replacingOccurrences(of: "2024-Q1,412,", with: "2024-Q1,415,"), to: directory + "/revised.csv")
        guard case let .accepted(_, _, inserted, unchanged, _)? = try ingestor.ingest(path: revised).first?.outcome
        else {
            Issue.record("the revision is accepted")
            return
        }
        #expect(inserted == 1 && unchanged == 15)
        let key = "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T"
        let history = try ingestor.repository.history(dataflow: Self.flow, seriesKey: key, period: "2024-Q1")
        #expect(history.map(\.value) == ["412", "415"])
        let asOf = try ingestor.repository.observations(dataflow: Self.flow, asOf: before)
        #expect(asOf.first { $0.seriesKey == key && $0.period == "2024-Q1" }?.value == "412")
        #expect(
            try ingestor.repository.observations(dataflow: Self.flow).first {
                $0.seriesKey == key && $0.period == "2024-Q1"
            }?.value == "415")

        // A deletion at series level: every period of the series goes, the history stays.
        let deletion = try write(
            """
            STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,TIME_PERIOD
            dataflow,IDAC:DF_CHILD_MIGRATION(1.0),D,Q,KEN,MG_ASYLM_APPL_NEW,SOM,F,Y0T17,_T,

            """, to: directory + "/delete.csv")
        guard case let .accepted(_, _, _, _, deleted)? = try ingestor.ingest(path: deletion).first?.outcome else {
            Issue.record("the deletion is accepted")
            return
        }
        #expect(deleted == 4)
        #expect(try ingestor.repository.observations(dataflow: Self.flow).count == 12)
        #expect(try ingestor.repository.observations(dataflow: Self.flow, asOf: before).count == 16)
    }

    @Test(arguments: TestBackend.all) func exportGivesBackTheSameObservations(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        _ = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        let exporter = Exporter(repository: ingestor.repository, catalog: Self.catalog)
        // Every format idac reads back (SDMX-JSON is written, checked against its schema in TransformTests).
        for target in SubmissionTransformer.Target.allCases where target != .sdmxJSON {
            let path = directory + "/export-\(target.rawValue)"
            let sink = try OutputSink(path: path)
            let written = try exporter.export(
                dataflow: try #require(ArtefactReference(parsing: Self.flow, kind: .dataflow)), key: nil,
                asOf: nil, writer: target.writer(sink: sink))
            try sink.commit()
            #expect(written == 16)
            let report = try #require(try SubmissionValidator(catalog: Self.catalog).validate(path: path).first)
            #expect(report.findings.isEmpty, "\(target): \(report.findings.map(\.message))")
            #expect(report.observations == 16)
        }
        let sink = try OutputSink(path: directory + "/filtered.csv")
        let filtered = try exporter.export(
            dataflow: try #require(ArtefactReference(parsing: Self.flow, kind: .dataflow)),
            key: "Q.KEN..SOM+SSD.F+M..", asOf: nil, writer: SDMXCSVWriter(sink: sink))
        try sink.commit()
        #expect(filtered == 8)
    }

    @Test(arguments: TestBackend.all) func statusSaysWhoHasNotReported(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        _ = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        _ = try ingestor.ingest(path: TestPaths.fixture("twins/valid.csv20.csv"))
        let status = try ingestor.repository.status(period: "2024-Q4")
        #expect(status.map(\.refArea) == ["KEN", "UGA"])
        #expect(status.map(\.reportedForPeriod) == [true, false])
        #expect(status.first?.firstPeriod == "2024-Q1" && status.first?.lastPeriod == "2024-Q4")
    }

    @Test(arguments: TestBackend.all) func observationsStreamInKeyOrderWithAreasSelectedInSQL(_ backend: TestBackend)
        throws
    {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let ingestor = try ingestor(at: location)
        _ = try ingestor.ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.xml"))
        _ = try ingestor.ingest(path: TestPaths.fixture("twins/valid.csv20.csv"))
        var seen: [StoredObservation] = []
        try ingestor.repository.forEachObservation(ObservationQuery(dataflow: Self.flow, refAreas: ["UGA"])) {
            seen.append($0)
        }
        #expect(!seen.isEmpty && seen.allSatisfy { $0.seriesKey.hasPrefix("Q.UGA.") })
        #expect(
            seen.map { [$0.seriesKey, $0.period] }
                == seen.map { [$0.seriesKey, $0.period] }.sorted { $0.lexicographicallyPrecedes($1) })
        let all = try ingestor.repository.observations(dataflow: Self.flow)
        #expect(all.filter { $0.seriesKey.hasPrefix("Q.UGA.") } == seen)
        var none = 0
        try ingestor.repository.forEachObservation(ObservationQuery(dataflow: Self.flow, refAreas: [])) { _ in none += 1
        }
        #expect(none == 0)
    }

    @Test(arguments: TestBackend.all) func statusComparesPeriodsByTheTimeTheyCover(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let validator = try SubmissionValidator(
            catalog: Self.catalog,
            profile: try CountryCSVProfile.load(path: TestPaths.project("SampleData/country-csv/senegal-profile.json")),
            harmonisation: try HarmonisationMaps.embedded())
        let ingestor = Ingestor(
            validator: validator, repository: try AllianceRepository(path: location))
        let results = try ingestor.ingest(path: TestPaths.project("SampleData/country-csv/senegal-2024-refugees.csv"))
        #expect(results.allSatisfy { $0.outcome.isAccepted })
        // Senegal reports annually: its 2024 covers the third quarter of 2024, not the first of 2025.
        #expect(try ingestor.repository.status(period: "2024-Q3").map(\.reportedForPeriod) == [true])
        #expect(try ingestor.repository.status(period: "2024-07").map(\.reportedForPeriod) == [true])
        #expect(try ingestor.repository.status(period: "2025-Q1").map(\.reportedForPeriod) == [false])
    }

    @Test(arguments: TestBackend.all) func inboxArchivesRejectsAndReports(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let inbox = Inbox(folder: directory + "/inbox", ingestor: try ingestor(at: location), settleSeconds: 0)
        try FileManager.default.createDirectory(
            atPath: directory + "/inbox/incoming", withIntermediateDirectories: true)
        for (source, name) in [
            ("SampleData/kenya-2024-quarterly.xml", "kenya.xml"),
            ("SampleData/invalid/tanzania-2024-rules.csv", "bad.csv"),
        ] {
            try FileManager.default.copyItem(
                atPath: TestPaths.project(source), toPath: directory + "/inbox/incoming/" + name)
        }
        let summary = try inbox.run()
        #expect((summary.accepted, summary.rejected, summary.failed) == (1, 1, 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/inbox/incoming").isEmpty)
        let rejected = try FileManager.default.contentsOfDirectory(atPath: directory + "/inbox/rejected").sorted()
        #expect(rejected == ["bad.csv", "bad.csv.report.json", "bad.csv.report.txt"])
        let archived =
            FileManager.default.enumerator(atPath: directory + "/inbox/archive")?.compactMap { $0 as? String } ?? []
        #expect(
            archived.contains { $0.hasSuffix("/kenya.xml") }
                && archived.contains { $0.hasSuffix("/kenya.xml.report.json") })
        let report = try String(contentsOfFile: directory + "/inbox/rejected/bad.csv.report.txt", encoding: .utf8)
        #expect(report.contains("RULE_VIOLATION") && report.contains("rejected, nothing stored"))
    }

    @Test(arguments: TestBackend.all) func filesStillBeingWrittenWaitUnlessAnnounced(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        let inbox = Inbox(folder: directory + "/inbox", ingestor: try ingestor(at: location), settleSeconds: 3600)
        try FileManager.default.createDirectory(
            atPath: directory + "/inbox/incoming", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.project("SampleData/kenya-2024-quarterly.xml"),
            toPath: directory + "/inbox/incoming/fresh.xml")
        #expect(try inbox.run().waiting == 1, "a fresh file is left for the next run")
        _ = FileManager.default.createFile(atPath: directory + "/inbox/incoming/fresh.xml.done", contents: nil)
        let summary = try inbox.run()
        #expect(summary.accepted == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/inbox/incoming").isEmpty,
            "the marker goes too")
    }
}
