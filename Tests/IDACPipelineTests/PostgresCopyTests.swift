import AllianceRepository
import Foundation
import TestSupport
import Testing

/// The keys of series an ingest makes go to PostgreSQL with `COPY`, which postgres-nio offers only as an `async`
/// function, waited for by the repository's synchronous calls. Those calls often run on the threads of Swift's
/// cooperative pool (a task, a test): when every pool thread is blocked waiting for its `COPY`, the `COPY`s must
/// still run, so they must not need a pool thread.
@Suite struct PostgresCopyTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    /// Twice as many ingests as the pool has threads, each blocking its task's thread until its `COPY` ends.
    /// (With the `COPY` as a task on the pool, every pool thread waited for a task that no thread was left
    /// to run: none finished.)
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
