/// Many observation records in one set of buffers: a record's values kept past the call that lent
/// them, for a consumer on another thread (the pipe between a reader and the validator). Refilled
/// and reused, so that handing observations over allocates nothing per observation.
public final class ObservationBatch {
    /// How many records it holds.
    public private(set) var count = 0
    private let bytes = ByteFields(capacity: 1 << 14)
    private var ids: [String] = []
    private var columns: [Int] = []
    /// Record `n`'s values are values `ends[n - 1]..<ends[n]` (from 0 for the first).
    private var ends: [Int] = []

    public init() {}

    /// Keeps a copy of the record's values.
    public func append(_ record: ObservationRecord) {
        for position in 0..<record.count {
            bytes.append(record.bytes(at: position))
            ids.append(record.id(at: position))
            columns.append(record.column(at: position))
        }
        ends.append(ids.count)
        count += 1
    }

    /// Fills `record` with the values of record `index`.
    public func load(_ index: Int, into record: ObservationRecord) {
        record.load(ids: ids, bytes: bytes, columns: columns, (index == 0 ? 0 : ends[index - 1])..<ends[index])
    }

    /// Empties the batch (keeping its buffers).
    public func removeAll() {
        count = 0
        bytes.removeAll()
        ids.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
