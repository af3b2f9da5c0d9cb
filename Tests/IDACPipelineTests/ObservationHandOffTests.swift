import Foundation
@testable import IDACPipeline
@testable import IDACSubmission
import SDMXModel
import Testing

/// The hand-over between the thread that validates a submission and the one that stores it.
@Suite struct ObservationHandOffTests {
    @Test func everyObservationArrivesInOrderThroughABoundedQueue() throws {
        let handOff = ObservationHandOff(batchSize: 16, maxQueued: 2)
        var received: [Int] = []
        var largestBatch = 0
        // The producer on a thread of its own, as the ingest runs it.
        WorkerThread.run(
            background: {
                for number in 0..<10_000 { try? handOff.write([String(number)], action: "I") }
                handOff.close()
            },
            foreground: {
                while let batch = handOff.next() {
                    largestBatch = max(largestBatch, batch.count)
                    for item in batch {
                        guard case .write(let values, let action) = item, action == "I", let number = Int(values[0])
                        else {
                            Issue.record("only the written observations arrive")
                            continue
                        }
                        received.append(number)
                    }
                }
            })
        #expect(received == Array(0..<10_000))
        #expect(largestBatch <= 16)
    }

    @Test func aFailedStoreStopsTheReader() throws {
        let handOff = ObservationHandOff(batchSize: 4, maxQueued: 1)
        let stopped = StoppedAt()
        var first: Int?
        WorkerThread.run(
            background: {
                for number in 0..<1_000_000 {
                    do {
                        try handOff.write([String(number)], action: nil)
                    } catch {
                        stopped.set(number, error)
                        break
                    }
                }
                handOff.close()
            },
            foreground: {
                first = handOff.next()?.count
                handOff.cancel()
            })
        #expect(first == 4)
        let (number, error) = stopped.get()
        #expect(error is ObservationHandOff.Cancelled)
        #expect((number ?? .max) < 100, "the reader stops within a few batches, not at the end of its input")
        #expect(handOff.next() == nil)
    }
}

private final class StoppedAt: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int?
    private var error: (any Error)?

    func set(_ number: Int, _ error: any Error) {
        lock.lock()
        self.number = number
        self.error = error
        lock.unlock()
    }

    func get() -> (Int?, (any Error)?) {
        lock.lock()
        defer { lock.unlock() }
        return (number, error)
    }
}
