import IDACSubmission
import Foundation
import SDMXModel

/// Carries whole observations, in batches, from the thread that reads, harmonises and validates a
/// submission to the thread that holds the repository's transaction: storing and validating then
/// run side by side, on two cores, instead of one after the other.
///
/// The queue is bounded (a few batches), so memory stays flat whatever the file's size: a reader
/// ahead of SQLite waits. Either side can stop the other: the consumer with ``cancel()`` (a write
/// failed), the producer with ``close()`` (the file ended, or failed).
final class ObservationHandOff: ObservationWriter {
    enum Item {
        case begin(ResolvedStructure)
        case write([String], action: String?)
        case end
    }

    typealias Cancelled = BatchQueue<[Item]>.Cancelled

    private let queue: BatchQueue<[Item]>
    private var pending: [Item] = []
    private let batchSize: Int

    init(batchSize: Int = 1024, maxQueued: Int = 8) {
        self.batchSize = batchSize
        queue = BatchQueue(maxQueued: maxQueued)
        pending.reserveCapacity(batchSize)
    }

    // MARK: Producer (ObservationWriter)

    func begin(structure: ResolvedStructure) throws { try add(.begin(structure)) }

    func write(_ values: [String], action: String?) throws { try add(.write(values, action: action)) }

    func end() throws { try add(.end) }

    private func add(_ item: Item) throws {
        pending.append(item)
        if pending.count >= batchSize { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try queue.put(pending)
        pending = []
        pending.reserveCapacity(batchSize)
    }

    /// No more observations: hands over what is left and lets the consumer finish.
    func close() {
        try? flush()
        queue.close()
    }

    // MARK: Consumer

    /// The next batch, waiting for one; nil once the producer has closed and everything was taken.
    func next() -> [Item]? { queue.next() }

    /// Stops the producer: its next hand-over throws ``Cancelled``.
    func cancel() { queue.cancel() }
}
