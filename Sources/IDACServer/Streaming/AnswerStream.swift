import Dispatch
import Foundation
import NIOCore
import Synchronization

/// Carries an answer written on a thread of its own (the repository's cursor and the writers are
/// synchronous) to the HTTP response, which is written asynchronously, with backpressure: the writing
/// thread blocks once a few chunks wait unsent, so a slow client never makes the answer pile up in
/// memory. A client that goes away stops the writing thread at its next chunk.
final class AnswerStream: Sendable {
    /// What the writing thread hands over.
    enum Event: Sendable {
        /// A full chunk; more follow.
        case chunk(ByteBuffer)
        /// The rest of the answer and how many observations (or artefacts) it held.
        case end(ByteBuffer, count: Int)
        /// Writing failed; for a chunk already sent, the client sees the answer cut (no last chunk).
        case failure(any Error)
    }

    /// Thrown in the writing thread once the client is gone.
    struct ClientGone: Error {}

    /// The events in order (one consumer at a time).
    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    /// Chunks the writing thread may have in flight.
    private let credits: DispatchSemaphore
    private let gone = Atomic<Bool>(false)

    init(chunksInFlight: Int = 4) {
        (events, continuation) = AsyncStream<Event>.makeStream()
        // Made at 0 and signalled up: libdispatch traps (SIGILL, the whole service) when a semaphore is freed
        // holding less than its initial value, which is what a client leaving with chunks unsent leaves.
        credits = DispatchSemaphore(value: 0)
        for _ in 0..<chunksInFlight { credits.signal() }
        continuation.onTermination = { [weak self] _ in self?.stopWriter() }
    }

    // MARK: The writing thread's side

    /// Hands over a chunk, waiting while too many are unsent; throws once the client is gone.
    func send(_ chunk: ByteBuffer) throws {
        credits.wait()
        guard !gone.load(ordering: .acquiring) else {
            credits.signal()
            throw ClientGone()
        }
        continuation.yield(.chunk(chunk))
    }

    func finish(_ rest: ByteBuffer, count: Int) {
        continuation.yield(.end(rest, count: count))
        continuation.finish()
    }

    func fail(_ error: any Error) {
        continuation.yield(.failure(error))
        continuation.finish()
    }

    // MARK: The response's side

    /// The events in order; each consumed chunk gives the writing thread a credit back.
    func makeIterator() -> AsyncStream<Event>.Iterator { events.makeAsyncIterator() }

    func chunkWritten() { credits.signal() }

    /// Stops the writing thread (the client went away before the answer was complete).
    func cancel() {
        stopWriter()
        continuation.finish()
    }

    private func stopWriter() {
        gone.store(true, ordering: .releasing)
        credits.signal()
    }
}
