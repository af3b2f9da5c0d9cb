import AllianceRepository
import Foundation
import TestSupport
import Testing

/// The repository's calls are synchronous, often made on threads of Swift's cooperative pool (a task, a test),
/// which they block until PostgreSQL answers: they must never need a pool thread to finish. (postgres-nio's
/// `COPY` is `async` only: run as a task on the pool and waited for, it hung once every pool thread was blocked
/// waiting for one; ingest sends no `COPY`, measured no faster than its arrays when run on the connection's
/// event loop instead.)
@Suite struct PostgresPoolThreadTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    /// Twice as many ingests of new series as the pool has threads, each blocking its task's thread until
    /// PostgreSQL answers. (With a `COPY` run as a task on the pool, every pool thread waited for a task that no
    /// thread was left to run: the test process hung.)
    @Test(.requires(.postgres)) func ingestsBlockingEveryPoolThreadStillFinish() throws {
        let directory = try TestPaths.temporaryDirectory()
        let count = 2 * ProcessInfo.processInfo.activeProcessorCount
        var locations: [String] = []
        for _ in 0..<count {
            let location = try TestBackend.postgres.location(in: directory)
            _ = try AllianceRepository(path: location)
            locations.append(location)
        }
        let finished = DispatchSemaphore(value: 0)
        for location in locations {
            Task {
                defer { finished.signal() }
                let repository = try AllianceRepository(path: location)
                _ = try repository.ingest(Self.record()) { store in
                    for series in 0..<50 {
                        for year in 2000..<2020 {
                            try store.upsert(
                                dataflow: Self.flow, seriesKey: "A.KEN.X\(series)", refArea: "KEN", period: "\(year)",
                                value: "\(year)\ttab\\", attributes: [])
                        }
                    }
                    return AllianceRepository.TransmissionDetails(
                        dataflow: Self.flow, format: "csv", sender: nil, messageID: nil, prepared: nil, report: "{}")
                }
            }
        }
        var done = 0
        while done < count, finished.wait(timeout: .now() + 60) == .success { done += 1 }
        #expect(done == count, "ingests finished: \(done) of \(count)")
        for location in locations {
            let repository = try AllianceRepository(path: location, mode: .mustExist)
            let stored = try repository.observations(dataflow: Self.flow)
            #expect(stored.count == 1000)
            #expect(stored.allSatisfy { $0.value == $0.period + "\ttab\\" })
        }
    }

    static func record() -> TransmissionRecord {
        TransmissionRecord(
            sender: nil, messageID: nil, prepared: nil, received: RepositoryInstant.format(Date()),
            fileName: "copy.csv",
            sha256: (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased(),
            format: "csv", dataflow: flow, status: "accepted")
    }
}
