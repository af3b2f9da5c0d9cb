/// A bounded queue of batches from one producing thread to one consuming thread: the pipe between
/// a reader and the validator, and the hand-over between validating and storing. Bounded (a few
/// batches), so memory stays flat whatever the file's size: a producer ahead of its consumer waits.
///
/// Either side can stop the other: the consumer with ``cancel()`` (its side failed), after which
/// the producer's next ``put(_:)`` throws ``Cancelled``; the producer with ``close()`` (it has
/// nothing more), after which ``next()`` returns what is left, then nil.
public final class BatchQueue<Batch>: @unchecked Sendable {
    /// What the producer's side throws once the consumer has cancelled.
    public struct Cancelled: Error {
        /// Makes the error; the queue throws it, callers need not.
        public init() {}
    }

    private let condition = Condition()
    private var queued: [Batch] = []
    private var closed = false
    private var cancelled = false
    private let maxQueued: Int

    /// Makes an empty queue that holds at most `maxQueued` batches (at least 1) before `put(_:)` waits.
    public init(maxQueued: Int) {
        self.maxQueued = max(1, maxQueued)
    }

    /// Queues a batch, waiting while the queue is full.
    public func put(_ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while queued.count >= maxQueued, !cancelled { condition.wait() }
        guard !cancelled else { throw Cancelled() }
        queued.append(batch)
        condition.broadcast()
    }

    /// No more batches: the consumer takes what is queued, then ``next()`` returns nil.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the producer: what is queued is dropped and its next ``put(_:)`` throws ``Cancelled``.
    public func cancel() {
        condition.lock()
        cancelled = true
        queued.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch if there is room, without waiting; whether it was queued.
    @discardableResult
    public func offer(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard queued.count < maxQueued, !cancelled, !closed else { return false }
        queued.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch if one is queued, without waiting.
    public func poll() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        guard !queued.isEmpty else { return nil }
        condition.broadcast()
        return queued.removeFirst()
    }

    /// The next batch, waiting for one; nil once the producer has closed and everything was taken.
    public func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty, !closed, !cancelled { condition.wait() }
        guard !queued.isEmpty else { return nil }
        condition.broadcast()
        return queued.removeFirst()
    }
}
