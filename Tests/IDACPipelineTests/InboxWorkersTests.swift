import AllianceRepository
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import Synchronization
import TestSupport
import Testing

/// Several `idac inbox` workers over one folder and one PostgreSQL repository at once: each file is processed by
/// exactly one of them (claimed by its name in the database), none is lost, and files with the same content
/// under other names are stored once (by the transmission's SHA-256) while each is still archived.
@Suite(.timeLimit(.minutes(3))) struct InboxWorkersTests {
    @Test(.requires(.postgres)) func workersAtOnceProcessEachFileOnceAndStoreEachContentOnce() throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try TestBackend.postgres.location(in: directory)
        let folder = directory + "/inbox"
        let incoming = folder + "/incoming"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        let distinct = 8, copies = 4
        var names: [String] = []
        for index in 0..<distinct {
            names.append(
                URL(
                    fileURLWithPath: try ConcurrentIngestTests.file(
                        base: 100 * index, in: incoming, name: "f\(index).csv")
                )
                .lastPathComponent)
        }
        for index in 0..<copies {
            try FileManager.default.copyItem(atPath: incoming + "/f\(index).csv", toPath: incoming + "/g\(index).csv")
            names.append("g\(index).csv")
        }
        _ = try AllianceRepository(path: location)
        let workers = 3
        let taken = Collected<String>(), summaries = Collected<Inbox.Summary>(), failures = Collected<String>()
        _ = ConcurrentIngestTests.together(workers) { _ in
            do {
                let inbox = Inbox(
                    folder: folder, ingestor: try ConcurrentIngestTests.ingestor(location), settleSeconds: 0)
                let summary = try inbox.run { _, _, name in taken.append(name) }
                summaries.append(summary)
            } catch {
                failures.append("\(error)")
            }
            return ""
        }
        #expect(failures.all == [])
        #expect(taken.all.sorted() == names.sorted(), "each file taken by exactly one worker")
        let all = summaries.all
        #expect(all.map(\.archivedFiles).reduce(0, +) == names.count)
        #expect(all.map(\.accepted).reduce(0, +) == names.count)
        #expect(all.map { $0.failed + $0.rejectedFiles + $0.waiting }.reduce(0, +) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: incoming).isEmpty, "none left behind")
        let archived = (FileManager.default.enumerator(atPath: folder + "/archive")?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".csv") }.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(archived.sorted() == names.sorted(), "every file archived once, under its name")
        let repository = try AllianceRepository(path: location, mode: .mustExist)
        #expect(try repository.transmissions().count == distinct, "each content stored once")
    }
}

/// Values the test's threads hand back, under a lock.
private final class Collected<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
