/// Many observation records in one set of buffers: a record's values kept past the call that lent
/// them, for a consumer on another thread (the pipe between a reader and the validator). The ids are
/// kept once per layout (readers send the same ids observation after observation), not per value:
/// filling and emptying a batch then touches no text.
///
/// A batch is filled on one thread while another reads the batch before it, and the two lie side
/// by side in memory: both ends are padded (``CacheLinePadding``), or every reference count taken on
/// either side would take the other's cache line away.
public final class ObservationBatch {
    private let paddingBefore = CacheLinePadding()
    /// How many records it holds.
    public private(set) var count = 0
    private let bytes = ByteFields(capacity: 1 << 14)
    /// Every record's columns, side by side (raw memory: a record lent from the batch points into it).
    private var columns: UnsafeMutablePointer<Int>
    private var columnCount = 0
    private var columnCapacity = 1 << 12
    /// Record `n`'s values are values `ends[n - 1]..<ends[n]` (from 0 for the first), with the ids
    /// `layouts[layoutOf[n]]`.
    private var ends: [Int] = []
    private var layouts: [[String]] = []
    private var layoutOf: [Int32] = []
    /// The record and layout number the last layout was taken from.
    private var lastLayout: (record: ObjectIdentifier, number: Int)?
    /// Counts the fillings (``removeAll()``): a record lent from an earlier one takes its ids again.
    private var generation = 0
    private let paddingAfter = CacheLinePadding()

    public init() {
        columns = .allocate(capacity: columnCapacity)
    }

    deinit {
        columns.deallocate()
    }

    /// Keeps a copy of the record's values.
    public func append(_ record: ObservationRecord) {
        let layout = (ObjectIdentifier(record), record.layout)
        if layouts.isEmpty || lastLayout.map({ $0 != layout }) ?? true {
            layouts.append((0..<record.count).map(record.id(at:)))
            lastLayout = layout
        }
        layoutOf.append(Int32(layouts.count - 1))
        // The record's values and columns copied at once, not value by value.
        let values = record.contiguousValues
        bytes.append(storage: values.storage, offsets: values.offsets, count: record.count)
        if columnCount + record.count > columnCapacity {
            var grown = columnCapacity * 2
            while grown < columnCount + record.count { grown *= 2 }
            columns = columns.grown(keeping: columnCount, toCapacity: grown)
            columnCapacity = grown
        }
        (columns + columnCount).update(from: record.columns, count: record.count)
        columnCount += record.count
        ends.append(columnCount)
        count += 1
    }

    /// Lends `record` the values of record `index`, read in place: valid until the batch changes.
    public func load(_ index: Int, into record: ObservationRecord) {
        let start = index == 0 ? 0 : ends[index - 1]
        let layout = Int(layoutOf[index])
        record.lend(ids: layouts[layout], batch: self, layout: (generation, layout), count: ends[index] - start,
                    storage: UnsafePointer(bytes.storage), offsets: UnsafePointer(bytes.offsets + start),
                    columns: UnsafePointer(columns + start))
    }

    /// Empties the batch (keeping its buffers).
    public func removeAll() {
        count = 0
        generation += 1
        bytes.removeAll()
        columnCount = 0
        ends.removeAll(keepingCapacity: true)
        layouts.removeAll(keepingCapacity: true)
        layoutOf.removeAll(keepingCapacity: true)
        lastLayout = nil
    }
}
