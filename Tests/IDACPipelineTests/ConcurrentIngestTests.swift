import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// Several processes ingesting into one repository at once (each with its own connection, as several
/// `idac inbox` workers): conflicting revisions of the same series leave one current version per key and an
/// unbroken history, and the same file sent twice at once is stored once.
@Suite struct ConcurrentIngestTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()
    static let keys = [
        "Q.KEN.MG_ASYLM_APPL_NEW.SOM.F.Y0T17._T", "Q.UGA.MG_ASYLM_APPL_NEW.SSD.F.Y0T17._T",
    ]

    /// A transmission of every key's four quarters of 2024, each value `base` plus its position.
    static func file(base: Int, in directory: String, name: String) throws -> String {
        var lines = [RepositoryQueryTests.header]
        for (index, key) in keys.enumerated() {
            let parts = key.split(separator: ".")
            for quarter in 1...4 {
                lines.append(
                    RepositoryQueryTests.line(
                        "Q", String(parts[1]), String(parts[3]), "F", "2024-Q\(quarter)", base + index * 10 + quarter))
            }
        }
        let path = directory + "/" + name
        try (lines + [""]).joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Runs `work` on `count` threads at once; returns what each said or threw.
    static func together(_ count: Int, _ work: @escaping @Sendable (Int) throws -> String) -> [Result<
        String, any Error
    >] {
        let results = TogetherResults()
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            Thread {
                let result = Result { try work(index) }
                results.lock.withLock { results.values[index] = result }
                done.leave()
            }.start()
        }
        done.wait()
        return (0..<count).compactMap { index in results.lock.withLock { results.values[index] } }
    }

    static func ingestor(_ location: String) throws -> Ingestor {
        Ingestor(
            validator: try SubmissionValidator(catalog: catalog, harmonisation: try HarmonisationMaps.embedded()),
            repository: try AllianceRepository(path: location))
    }

    @Test(arguments: TestBackend.all) func conflictingRevisionsAtOnceLeaveOneCurrentVersionAndAnUnbrokenHistory(
        _ backend: TestBackend
    ) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        _ = try Self.ingestor(location).ingest(path: try Self.file(base: 100, in: directory, name: "base.csv"))
        let rounds = 8, writers = 3
        for round in 0..<rounds {
            var files: [String] = []
            for writer in 0..<writers {
                files.append(
                    try Self.file(
                        base: 1000 * (round + 1) + 100 * writer, in: directory, name: "r\(round)w\(writer).csv"))
            }
            let paths = files
            let outcomes = Self.together(writers) { writer in
                try Self.ingestor(location).ingest(path: paths[writer]).first?.outcome.isAccepted == true
                    ? "accepted" : "not accepted"
            }
            for outcome in outcomes {
                switch outcome {
                case .success(let said): #expect(said == "accepted", "round \(round)")
                case .failure(let error): Issue.record("round \(round): \(error)")
                }
            }
        }
        let repository = try AllianceRepository(path: location, mode: .mustExist)
        #expect(try repository.transmissions().count == 1 + rounds * writers)
        for key in Self.keys {
            for quarter in 1...4 {
                let history = try repository.history(dataflow: Self.flow, seriesKey: key, period: "2024-Q\(quarter)")
                #expect(history.count == 1 + rounds * writers, "every revision is a version: \(key) Q\(quarter)")
                #expect(history.filter { $0.validTo == nil }.count == 1, "one current version")
                #expect(history.last?.validTo == nil)
                for (older, newer) in zip(history, history.dropFirst()) {
                    #expect(older.validTo == newer.validFrom, "each version ends where the next begins: \(key)")
                    #expect(older.validFrom <= newer.validFrom)
                }
                let current = try repository.observations(dataflow: Self.flow).first {
                    $0.seriesKey == key && $0.period == "2024-Q\(quarter)"
                }
                #expect(current?.value == history.last?.value)
            }
        }
    }

    @Test(arguments: TestBackend.all) func theSameFileSentTwiceAtOnceIsStoredOnce(_ backend: TestBackend) throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try backend.location(in: directory)
        _ = try AllianceRepository(path: location)
        let path = TestPaths.project("SampleData/kenya-2024-quarterly.xml")
        for _ in 0..<3 {
            let outcomes = Self.together(2) { _ in
                switch try Self.ingestor(location).ingest(path: path).first?.outcome {
                case .accepted?: "accepted"
                case .alreadyIngested?: "already"
                default: "other"
                }
            }
            let names = outcomes.map { (try? $0.get()) ?? "error: \($0)" }
            #expect(names.filter { $0 == "accepted" }.count <= 1, "\(names)")
            #expect(names.allSatisfy { $0 == "accepted" || $0 == "already" }, "\(names)")
        }
        let repository = try AllianceRepository(path: location, mode: .mustExist)
        #expect(try repository.transmissions().count == 1)
        #expect(try repository.observations(dataflow: Self.flow).count == 16)
    }
}

/// What the threads of ``ConcurrentIngestTests/together(_:_:)`` give back, under a lock.
private final class TogetherResults: @unchecked Sendable {
    let lock = NSLock()
    var values: [Int: Result<String, any Error>] = [:]
}
