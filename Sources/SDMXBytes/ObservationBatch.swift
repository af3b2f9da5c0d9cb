/// Many observation records in one set of buffers: a record's values kept past the call that lent
/// them, for a consumer on another thread (the pipe between a reader and the validator). The ids are
/// kept once per layout (readers send the same ids observation after observation), not per value:
/// filling and emptying a batch then touches no text.
///
/// A batch is filled on one thread while another reads the batch before it, and the two lie side
/// by side in memory: both ends are padded (``CacheLinePadding``), and what is read per record is
/// raw memory rather than arrays, whose reference counts the reading side would write.
public final class ObservationBatch {
    private let paddingBefore = CacheLinePadding()
    /// How many records it holds.
    public private(set) var count = 0
    private let bytes = ByteFields(capacity: 1 << 14)
    /// The records' columns, side by side; a record whose columns are those of the record before
    /// (a CSV reader's, or an XML reader's whose lines look alike) shares them.
    private var columns: UnsafeMutablePointer<Int>
    private var columnCount = 0
    private var columnCapacity = 1 << 12
    /// The last record's columns: where they start here, how many, and the record and
    /// ``ObservationRecord/columnsVersion`` they came from.
    private var lastColumns: (start: Int, count: Int, record: ObjectIdentifier, version: Int)?
    /// Per record: where its values end (record `n`'s are values `ends[n - 1]..<ends[n]`, from 0
    /// for the first), where its columns start, its layout (the ids are `layouts[layoutOf[n]]`) and
    /// its position in the file.
    private var ends: UnsafeMutablePointer<Int>
    private var columnStarts: UnsafeMutablePointer<Int>
    private var layoutOf: UnsafeMutablePointer<Int32>
    private var positions: UnsafeMutablePointer<DataPosition>
    /// Per record, its ``ObservationRecord/unchanged`` positions.
    private var unchanged: UnsafeMutablePointer<UInt64>
    private var recordCapacity = 1 << 9
    private var layouts: [[String]] = []
    /// The record and layout number the last layout was taken from.
    private var lastLayout: (record: ObjectIdentifier, number: Int)?
    /// Counts the fillings (``removeAll()``): a record lent from an earlier one takes its ids again.
    private var generation = 0
    private let paddingAfter = CacheLinePadding()

    /// Makes an empty batch, to be filled and emptied (``removeAll()``) again and again.
    public init() {
        columns = .allocate(capacity: columnCapacity)
        ends = .allocate(capacity: recordCapacity)
        columnStarts = .allocate(capacity: recordCapacity)
        layoutOf = .allocate(capacity: recordCapacity)
        positions = .allocate(capacity: recordCapacity)
        unchanged = .allocate(capacity: recordCapacity)
    }

    deinit {
        columns.deallocate()
        ends.deallocate()
        columnStarts.deallocate()
        layoutOf.deallocate()
        positions.deallocate()
        unchanged.deallocate()
    }

    /// Keeps a copy of the record's values, and where it was read.
    public func append(_ record: ObservationRecord, at position: DataPosition = DataPosition(line: 0, column: 0)) {
        let layout = (ObjectIdentifier(record), record.layout)
        if layouts.isEmpty || lastLayout.map({ $0 != layout }) ?? true {
            layouts.append((0..<record.count).map(record.id(at:)))
            lastLayout = layout
        }
        if count == recordCapacity {
            ends = ends.grown(keeping: count, toCapacity: recordCapacity * 2)
            columnStarts = columnStarts.grown(keeping: count, toCapacity: recordCapacity * 2)
            layoutOf = layoutOf.grown(keeping: count, toCapacity: recordCapacity * 2)
            positions = positions.grown(keeping: count, toCapacity: recordCapacity * 2)
            unchanged = unchanged.grown(keeping: count, toCapacity: recordCapacity * 2)
            recordCapacity *= 2
        }
        // The record's values and columns copied at once, not value by value.
        let values = record.contiguousValues
        bytes.append(storage: values.storage, offsets: values.offsets, count: record.count)
        columnStarts[count] = shareOrCopyColumns(of: record)
        layoutOf[count] = Int32(layouts.count - 1)
        ends[count] = bytes.count
        positions[count] = position
        unchanged[count] = record.unchanged
        count += 1
    }

    /// Where the record's columns start in `columns`: those of the record before when they are the
    /// same (the same record and columns version, or the same numbers), else a copy.
    private func shareOrCopyColumns(of record: ObservationRecord) -> Int {
        let length = record.count
        if let last = lastColumns, last.count == length {
            if last.record == ObjectIdentifier(record), last.version == record.columnsVersion { return last.start }
            let (kept, given) = (UnsafeRawPointer(columns + last.start), UnsafeRawPointer(record.columns))
            if ShortBytes.equal(
                kept.assumingMemoryBound(to: UInt8.self), given.assumingMemoryBound(to: UInt8.self),
                length * MemoryLayout<Int>.stride)
            {
                lastColumns = (last.start, length, ObjectIdentifier(record), record.columnsVersion)
                return last.start
            }
        }
        if columnCount + length > columnCapacity {
            var grown = columnCapacity * 2
            while grown < columnCount + length { grown *= 2 }
            columns = columns.grown(keeping: columnCount, toCapacity: grown)
            columnCapacity = grown
        }
        let start = columnCount
        (columns + start).update(from: record.columns, count: length)
        columnCount += length
        lastColumns = (start, length, ObjectIdentifier(record), record.columnsVersion)
        return start
    }

    /// Lends `record` the values of record `index`, read in place: valid until the batch changes.
    public func load(_ index: Int, into record: ObservationRecord) {
        precondition(index >= 0 && index < count, "record \(index) of \(count)")
        let start = index == 0 ? 0 : ends[index - 1]
        let layout = Int(layoutOf[index])
        record.lend(
            ids: layouts[layout], batch: self, layout: (generation, layout), count: ends[index] - start,
            storage: UnsafePointer(bytes.storage), offsets: UnsafePointer(bytes.offsets + start),
            columns: UnsafePointer(columns + columnStarts[index]), unchanged: unchanged[index])
    }

    /// Where record `index` was read.
    public func position(_ index: Int) -> DataPosition {
        precondition(index >= 0 && index < count, "record \(index) of \(count)")
        return positions[index]
    }

    /// Empties the batch (keeping its buffers).
    public func removeAll() {
        count = 0
        generation += 1
        bytes.removeAll()
        columnCount = 0
        lastColumns = nil
        layouts.removeAll(keepingCapacity: true)
        lastLayout = nil
    }
}
