/// Many observation records in one set of buffers: a record's values kept past the call that lent
/// them, for a consumer on another thread (the pipe between a reader and the validator). The ids are
/// kept once per layout (readers send the same ids observation after observation), not per value:
/// filling and emptying a batch then touches no text.
public final class ObservationBatch {
    /// How many records it holds.
    public private(set) var count = 0
    private let bytes = ByteFields(capacity: 1 << 14)
    private var columns: [Int] = []
    /// Record `n`'s values are values `ends[n - 1]..<ends[n]` (from 0 for the first), with the ids
    /// `layouts[layoutOf[n]]`.
    private var ends: [Int] = []
    private var layouts: [[String]] = []
    private var layoutOf: [Int32] = []
    /// The record and layout number the last layout was taken from.
    private var lastLayout: (record: ObjectIdentifier, number: Int)?

    public init() {}

    /// Keeps a copy of the record's values.
    public func append(_ record: ObservationRecord) {
        let layout = (ObjectIdentifier(record), record.layout)
        if layouts.isEmpty || lastLayout.map({ $0 != layout }) ?? true {
            layouts.append((0..<record.count).map(record.id(at:)))
            lastLayout = layout
        }
        layoutOf.append(Int32(layouts.count - 1))
        // The record's values and columns copied at once, not value by value.
        bytes.append(fieldsOf: record.values, 0..<record.count)
        columns.append(contentsOf: UnsafeBufferPointer(start: record.columns, count: record.count))
        ends.append(columns.count)
        count += 1
    }

    /// Fills `record` with the values of record `index`.
    public func load(_ index: Int, into record: ObservationRecord) {
        record.load(ids: layouts[Int(layoutOf[index])], bytes: bytes, columns: columns, (index == 0 ? 0 : ends[index - 1])..<ends[index])
    }

    /// Empties the batch (keeping its buffers).
    public func removeAll() {
        count = 0
        bytes.removeAll()
        columns.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        layouts.removeAll(keepingCapacity: true)
        layoutOf.removeAll(keepingCapacity: true)
        lastLayout = nil
    }
}
