import AllianceRepository
import Foundation
import Synchronization
import TestSupport
import Testing

/// Advisory locks are database-wide: repositories in two schemas of one database must not wait for each
/// other's dataflow locks, nor see each other's inbox claims, while within one schema both still hold.
@Suite struct PostgresSchemaLockTests {
    static let flow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    static func record(_ name: String) -> TransmissionRecord {
        TransmissionRecord(
            sender: nil, messageID: nil, prepared: nil, received: RepositoryInstant.format(Date()), fileName: name,
            sha256: (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased(),
            format: "csv", dataflow: flow, status: "accepted")
    }

    static let details = AllianceRepository.TransmissionDetails(
        dataflow: flow, format: "csv", sender: nil, messageID: nil, prepared: nil, report: "{}")

    /// Stores one observation of ``flow``, calling `holding` inside the transaction once its lock is taken.
    static func store(_ repository: AllianceRepository, _ name: String, holding: () -> Void = {}) throws {
        _ = try repository.ingest(record(name)) { store in
            try store.upsert(
                dataflow: flow, seriesKey: "Q.KEN.X", refArea: "KEN", period: "2024-Q1", value: name,
                attributes: [])
            holding()
            return details
        }
    }

    /// One repository holds the dataflow's lock in an open transaction; the other, in another schema of the
    /// same database, stores the same dataflow meanwhile. (Before the keys named the schema, it waited for the
    /// first to commit: here, for 10 seconds, then the test fails and lets the first go.)
    @Test(.requires(.postgres)) func aDataflowLockedInOneSchemaDoesNotHoldUpAnother() throws {
        let directory = try TestPaths.temporaryDirectory()
        let holder = try AllianceRepository(path: try TestBackend.postgres.location(in: directory))
        let other = try AllianceRepository(path: try TestBackend.postgres.location(in: directory))
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holderDone = DispatchSemaphore(value: 0), otherDone = DispatchSemaphore(value: 0)
        let failures = Collected<String>()
        Thread {
            do {
                try Self.store(holder, "held.csv") {
                    locked.signal()
                    _ = release.wait(timeout: .now() + 60)
                }
            } catch {
                failures.append("holder: \(error)")
                locked.signal()
            }
            holderDone.signal()
        }.start()
        #expect(locked.wait(timeout: .now() + 30) == .success, "the first repository took its lock")
        Thread {
            do { try Self.store(other, "other.csv") } catch { failures.append("other: \(error)") }
            otherDone.signal()
        }.start()
        let stored = otherDone.wait(timeout: .now() + 10) == .success
        release.signal()
        #expect(stored, "the other schema's ingest waited for the first schema's dataflow lock")
        #expect(holderDone.wait(timeout: .now() + 60) == .success)
        if !stored { _ = otherDone.wait(timeout: .now() + 60) }
        #expect(failures.all == [])
        #expect(try holder.transmissions().count == 1)
        #expect(try other.transmissions().count == 1)
    }

    /// The inbox's claim on a file name is the repository's: another schema's inbox may take a file of that
    /// name, another worker on the same repository may not.
    @Test(.requires(.postgres)) func aClaimIsHeldWithinItsRepositoryOnly() throws {
        let directory = try TestPaths.temporaryDirectory()
        let location = try TestBackend.postgres.location(in: directory)
        let first = try AllianceRepository(path: location)
        let sameRepository = try AllianceRepository(path: location)
        let otherSchema = try AllianceRepository(path: try TestBackend.postgres.location(in: directory))
        let name = "idac inbox file:data.csv"
        let outcome = try first.withClaim(name) {
            (
                same: try sameRepository.withClaim(name) { true },
                other: try otherSchema.withClaim(name) { true }
            )
        }
        #expect(outcome?.same == nil, "a second worker on the same repository got the claim")
        #expect(outcome?.other == true, "the repository in another schema could not claim the name")
        #expect(try sameRepository.withClaim(name) { true } == true, "the claim ends with its body")
    }
}

/// Values the test's threads hand back, under a lock.
private final class Collected<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
