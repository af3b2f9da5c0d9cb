import Dispatch
import Foundation
import SDMXModel

/// Runs a data handler on a thread of its own, so that one large file uses both cores: the reader
/// (libxml2 or the CSV splitter) produces events on the calling thread while the handler (the
/// validator) consumes them on the other, each about half the work.
///
/// Events travel in batches through a bounded queue (a few batches of some hundred
/// observations: memory stays flat whatever the file's size), observations as bytes, the way
/// readers hand them over. The handler sees exactly the events, in the order, it would see without
/// the pipe; an error on either side stops both (``run(into:_:)``).
final class DataEventPipe: DataHandler {
    /// The events other than observations, which are few (a series' start and end, a dataset's).
    private enum Event {
        case header(DataMessageHeader)
        case footer([FooterMessage])
        case recordProblem(RecordProblem, DataPosition)
        case startDataSet(DataSetStart)
        case group(String?, [ComponentValue], DataPosition)
        case startSeries([ComponentValue], DataPosition)
        case endSeries
        case endDataSet
    }

    /// Observations (their values and positions, in the raw buffers of an ``ObservationBatch``: a
    /// batch is emptied without looking at each), and the other events with the number of
    /// observations sent before each.
    /// Padded at both ends: the reader fills one batch while the handler reads another beside it
    /// in memory (``CacheLinePadding``).
    private final class Batch {
        private let paddingBefore = CacheLinePadding()
        let observations = ObservationBatch()
        var events: [(before: Int, event: Event)] = []
        private let paddingAfter = CacheLinePadding()

        var size: Int { observations.count + events.count }

        /// Empties the batch for reuse, keeping its buffers.
        func removeAll() {
            observations.removeAll()
            events.removeAll(keepingCapacity: true)
        }
    }

    private let downstream: any DataHandler
    private let queue: BatchQueue<Batch>
    /// Batches the handler has emptied, for the reader to fill again: no batch and no buffer is
    /// allocated per batch once the first few exist.
    private let spares: BatchQueue<Batch>
    /// The batch being filled: the reader adds to it for every observation without counting a
    /// reference each time (``flush()`` hands it on and takes another).
    private var current = UncountedReference(Batch())
    /// The handler's error, set on its thread before it cancels the queue, read after it has finished.
    private var failure: (any Error)?
    private let eventsPerBatch: Int
    /// Text handed over as ``ComponentValue``s (the country CSV reader) is made into a record here.
    private let textRecord = ObservationRecord()

    private init(downstream: any DataHandler, eventsPerBatch: Int, maxQueued: Int) {
        self.downstream = downstream
        self.eventsPerBatch = eventsPerBatch
        queue = BatchQueue(maxQueued: maxQueued)
        spares = BatchQueue(maxQueued: maxQueued + 2)
    }

    /// Calls `produce` with a handler to read into, on this thread, while `downstream` receives the
    /// events on another. Rethrows the downstream handler's error if it failed (the reader then stops
    /// at its next batch), else the reader's; either way only after `downstream` has had every event
    /// the reader sent before the error, as without the pipe.
    static func run(
        into downstream: any DataHandler, eventsPerBatch: Int = 512, maxQueued: Int = 4,
        _ produce: (any DataHandler) throws -> Void
    ) throws {
        let pipe = DataEventPipe(downstream: downstream, eventsPerBatch: eventsPerBatch, maxQueued: maxQueued)
        var producing: (any Error)?
        // The two sides share only the queues (a batch is one side's at a time) and `failure`, read
        // once the handler's side has finished.
        WorkerThread.run(background: { pipe.consume() }) {
            do { try produce(pipe) } catch { producing = error }
            // What the reader sent before it ended, or failed, is handled (unless the handler has failed).
            if pipe.current.withObject({ $0.size > 0 }) == true { try? pipe.flush() }
            pipe.queue.close()
        }
        if let failure = pipe.failure { throw failure }
        if let producing { throw producing }
    }

    // MARK: The reader's side (DataHandler)

    func header(_ header: DataMessageHeader) throws { try add(.header(header)) }
    func footer(_ messages: [FooterMessage]) throws { try add(.footer(messages)) }
    func recordProblem(_ problem: RecordProblem, at position: DataPosition) throws {
        try add(.recordProblem(problem, position))
    }
    func startDataSet(_ dataSet: DataSetStart) throws { try add(.startDataSet(dataSet)) }
    func group(id: String?, values: [ComponentValue], at position: DataPosition) throws {
        try add(.group(id, values, position))
    }
    func startSeries(values: [ComponentValue], at position: DataPosition) throws {
        try add(.startSeries(values, position))
    }
    func endSeries() throws { try add(.endSeries) }
    func endDataSet() throws { try add(.endDataSet) }

    func observation(values: [ComponentValue], at position: DataPosition) throws {
        textRecord.set(values)
        try observation(textRecord, at: position)
    }

    func observation(_ record: ObservationRecord, at position: DataPosition) throws {
        let full = current.withObject { batch in
            batch.observations.append(record, at: position)
            return batch.size >= eventsPerBatch
        }
        if full == true { try flush() }
    }

    private func add(_ event: Event) throws {
        let full = current.withObject { batch in
            batch.events.append((batch.observations.count, event))
            return batch.size >= eventsPerBatch
        }
        if full == true { try flush() }
    }

    /// Queues the current batch, waiting while the queue is full, and takes an empty one.
    private func flush() throws {
        guard let full = current.object else { return }
        current.set(spares.poll() ?? Batch())
        try queue.put(full)
    }

    // MARK: The handler's side

    private func consume() {
        let record = ObservationRecord()
        while let batch = queue.next() {
            do {
                try replay(batch, into: record)
                batch.removeAll()
                spares.offer(batch)
            } catch {
                failure = error
                queue.cancel()
                return
            }
        }
    }

    private func replay(_ batch: Batch, into record: ObservationRecord) throws {
        var observation = 0
        func observations(upTo end: Int) throws {
            while observation < end {
                batch.observations.load(observation, into: record)
                try downstream.observation(record, at: batch.observations.position(observation))
                observation += 1
            }
        }
        for (before, event) in batch.events {
            try observations(upTo: before)
            try replay(event)
        }
        try observations(upTo: batch.observations.count)
    }

    private func replay(_ event: Event) throws {
        switch event {
        case .header(let header): try downstream.header(header)
        case .footer(let messages): try downstream.footer(messages)
        case .recordProblem(let problem, let position): try downstream.recordProblem(problem, at: position)
        case .startDataSet(let dataSet): try downstream.startDataSet(dataSet)
        case .group(let id, let values, let position): try downstream.group(id: id, values: values, at: position)
        case .startSeries(let values, let position): try downstream.startSeries(values: values, at: position)
        case .endSeries: try downstream.endSeries()
        case .endDataSet: try downstream.endDataSet()
        }
    }
}
