import AllianceRepository
import Foundation
import Harmonisation
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACSubmission
import SDMXREST
import Synchronization
import Testing
import TestSupport

@testable import IDACServer

/// What the service keeps between requests (the resolved structures, the repository's last change, the
/// answer threads) must never make an answer stale or let work wait behind a long answer.
struct RequestCachingTests {
    /// The validators follow an ingest at once, though the last change is no longer read per request.
    @Test func anIngestChangesTheNextAnswersTag() async throws {
        let fixture = try ServiceFixture()
        let path = fixture.repositoryPath
        try await fixture.withClient { client in
            let uri = "/rest/data/DF_CHILD_MIGRATION"
            let first = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] ?? "" }
            let again = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] ?? "" }
            #expect(first == again)
            // Another transmission, accepted: the repository's last change moves.
            try await Task.sleep(for: .milliseconds(20))
            let validator = try SubmissionValidator(
                catalog: ServiceFixture.catalog, harmonisation: try HarmonisationMaps.embedded())
            let outcomes = try Ingestor(validator: validator, repository: try AllianceRepository(path: path))
                .ingest(path: TestPaths.project("SampleData/kenya-2024-quarterly.csv"))
            guard case .accepted = outcomes.first?.outcome else {
                Issue.record("the second sample was not accepted: \(outcomes)")
                return
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: first]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != first)
            }
        }
    }

    /// A file repository's state is seen through its files: a write changes it.
    @Test func aWriteChangesTheFileState() throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/repository.sqlite"
        try Data("one".utf8).write(to: URL(fileURLWithPath: path))
        let cache = LastChangeCache(repositoryPath: path, maximumAge: .seconds(3600))
        let stamp = cache.refresh(dataflow: "F") { "2026-01-01T00:00:00Z" }
        #expect(stamp.lastModified == "Thu, 01 Jan 2026 00:00:00 GMT")
        #expect(cache.cached(dataflow: "F")?.instant == "2026-01-01T00:00:00Z")
        #expect(cache.cached(dataflow: "G") == nil)
        try Data("one more".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
        #expect(cache.cached(dataflow: "F") == nil)
        _ = cache.refresh(dataflow: "F") { nil }
        #expect(cache.cached(dataflow: "F")?.instant == nil)
        #expect(cache.cached(dataflow: "F") != nil)
        // Without a way to see changes (PostgreSQL), a stamp lasts `maximumAge`.
        let remote = LastChangeCache(repositoryPath: "postgres://localhost/idac", maximumAge: .zero)
        _ = remote.refresh(dataflow: "F") { "2026-01-01T00:00:00Z" }
        #expect(remote.cached(dataflow: "F") == nil)
    }

    /// Each structure is resolved once and shared.
    @Test func structuresAreResolvedOnce() throws {
        let cache = ResolvedStructureCache()
        let query = try DataQuery.parse(api: .v1, segments: ["DF_CHILD_MIGRATION", "Q.KEN"], parameters: [:])
        let first = try query.resolve(in: ServiceFixture.catalog, cache: cache)
        let second = try DataQuery.parse(
            api: .v2, segments: ["dataflow", "IDAC", "DF_CHILD_MIGRATION"], parameters: [:]
        )
        .resolve(in: ServiceFixture.catalog, cache: cache)
        #expect(first.structure === second.structure)
        #expect(cache.count == 1)
        #expect(first.observationQuery.keys != second.observationQuery.keys)
    }

    /// Threads are kept and reused, never more than the capacity, and a short piece of work does not wait
    /// behind a long one while a thread is free.
    @Test func answerThreadsAreReusedAndBounded() async throws {
        let threads = AnswerThreads(capacity: 3)
        final class Seen: Sendable {
            let names = Mutex<Set<ObjectIdentifier>>([])
            let running = Atomic<Int>(0)
            let most = Atomic<Int>(0)
        }
        let seen = Seen()
        let longStarted = DispatchSemaphore(value: 0)
        let longMayEnd = DispatchSemaphore(value: 0)
        threads.run {
            longStarted.signal()
            longMayEnd.wait()
        }
        longStarted.wait()
        for _ in 0..<200 {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                threads.run {
                    let now = seen.running.add(1, ordering: .relaxed).newValue
                    seen.most.max(now, ordering: .relaxed)
                    seen.names.withLock { _ = $0.insert(ObjectIdentifier(Thread.current)) }
                    seen.running.subtract(1, ordering: .relaxed)
                    done.resume()
                }
            }
        }
        longMayEnd.signal()
        // 200 short answers, one after the other, beside a long one: one more thread did them all.
        #expect(threads.threads <= 3)
        #expect(seen.names.withLock { $0.count } <= 2)
        // Many at once: all done, on at most the capacity.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        threads.run {
                            let now = seen.running.add(1, ordering: .relaxed).newValue
                            seen.most.max(now, ordering: .relaxed)
                            usleep(1000)
                            seen.running.subtract(1, ordering: .relaxed)
                            done.resume()
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(seen.most.load(ordering: .relaxed) <= 3)
        #expect(threads.threads <= 3)
    }

    /// An idle thread ends after its idle life; work after that starts a new one.
    @Test func idleThreadsEnd() async throws {
        let threads = AnswerThreads(capacity: 2, idleLife: .milliseconds(50))
        for _ in 0..<2 {
            let mayEnd = DispatchSemaphore(value: 0)
            let ended = DispatchSemaphore(value: 0)
            threads.run {
                mayEnd.wait()
                ended.signal()
            }
            #expect(threads.threads == 1)
            mayEnd.signal()
            ended.wait()
            var waited = 0
            while threads.threads > 0, waited < 250 {
                try await Task.sleep(for: .milliseconds(20))
                waited += 1
            }
            #expect(threads.threads == 0)
        }
    }

    /// A national office's data (the fixture holds Kenya's), none from another office or an unknown provider.
    @Test func providerRefSelectsAnOfficesCountry() async throws {
        try await ServiceFixture().withClient { client in
            for (provider, status) in [
                ("KEN", HTTPResponse.Status.ok), ("IDAC,KEN", .ok), ("IDAC", .ok), ("all", .ok), ("UGA", .notFound),
                ("ESTAT,KEN", .notFound), ("A,B,C", .badRequest),
            ] {
                try await client.execute(uri: "/rest/data/DF_CHILD_MIGRATION/all/" + provider, method: .get) {
                    #expect($0.status == status, "\(provider)")
                }
            }
        }
    }
}
