#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SDMXModel

/// What the cross-observation rules keep of one dataset: per series that some rule relates to other
/// series, its dimension values once and, per observation, the period, the value and where it was
/// written — one 32-byte record, whatever the number of rules.
///
/// Memory stays flat however large the file: series are split into partitions by the dimensions no
/// rule compares across (every group a rule checks lies within one partition), records wait in
/// memory up to a budget and then go to one unlinked temporary file per partition. Once the dataset
/// has been read, partitions are read back one at a time, or two small ones together (checked side
/// by side), so the most held at once is one partition or half the budget.
final class SeriesObservations {
    struct Record {
        /// The period's ``TimePeriod/Ordinal/packed`` ordinal.
        var period: Int64
        /// NaN when the observation was reported without a value.
        var value: Double
        var series: UInt32
        var line: UInt32
        var column: UInt32
    }

    /// One partition's records, sorted by series, then period, then arrival (the last repeat of a
    /// period comes last): each series' entries are one contiguous, period-ordered run.
    struct Partition {
        let records: [Record]
        /// The series present, ascending, and where each one's run of records starts (the last
        /// entry of `starts` is the end): found by binary search, no dictionary hashing per lookup.
        private let series: [UInt32]
        private let starts: [Int]

        /// Sorts in place by series and period, then by where the observation was written (its line
        /// and column grow with arrival): the same order as by arrival, without an array of indices
        /// and a sorted copy beside the records.
        /// `records` is emptied: the partition takes them over.
        init(sorting records: inout [Record]) {
            records.sort { left, right in
                (left.series, left.period, left.line, left.column) < (
                    right.series, right.period, right.line, right.column
                )
            }
            self.records = records
            records = []
            let records = self.records
            var series: [UInt32] = [], starts: [Int] = []
            var start = 0
            while start < records.count {
                var end = start + 1
                while end < records.count, records[end].series == records[start].series { end += 1 }
                series.append(records[start].series)
                starts.append(start)
                start = end
            }
            starts.append(records.count)
            self.series = series
            self.starts = starts
        }

        /// The entries of a series, in period order.
        func entries(of series: Int) -> ArraySlice<Record> {
            let wanted = UInt32(truncatingIfNeeded: series)
            var low = 0, high = self.series.count
            while low < high {
                let middle = (low + high) >> 1
                if self.series[middle] < wanted { low = middle + 1 } else { high = middle }
            }
            guard low < self.series.count, self.series[low] == wanted else { return [] }
            return records[starts[low]..<starts[low + 1]]
        }
    }

    static let partitionCount = 64

    /// Per stored series: its number among the validator's series (whose values ``SeriesKeys``
    /// keeps), and its partition.
    private let seriesKeys: SeriesKeys
    private var validatorSeries: [Int32] = []
    private(set) var partitionOf: [UInt8] = []
    private var buffers: [[Record]]
    private var buffered = 0
    private let budget: Int
    private var files: [Int32]
    private var fileSizes: [Int]
    /// The text of each period seen, by period key, for messages.
    private var periodTexts: [Int64: String] = [:]
    private var namedPeriods = [Int64](repeating: .min, count: 256)

    /// Records held in memory before they go to the temporary files: 4 MB (up to twice that while
    /// the partitions' arrays grow).
    static let defaultBudget = 1 << 17

    /// Where the temporary files go: `directory`, else `TMPDIR`, else /tmp.
    private let directory: String?

    init(seriesKeys: SeriesKeys, budget: Int = defaultBudget, directory: String? = nil) {
        self.seriesKeys = seriesKeys
        self.budget = max(1, budget)
        self.directory = directory
        buffers = Array(repeating: [], count: Self.partitionCount)
        files = Array(repeating: -1, count: Self.partitionCount)
        fileSizes = Array(repeating: 0, count: Self.partitionCount)
    }

    deinit {
        for file in files where file >= 0 { close(file) }
    }

    /// Adds a series; `partitionKey` is a hash of the values of the dimensions no rule compares across.
    func addSeries(_ number: Int, partitionKey: Int) -> Int {
        let series = validatorSeries.count
        validatorSeries.append(Int32(truncatingIfNeeded: number))
        partitionOf.append(UInt8(UInt(bitPattern: partitionKey) % UInt(Self.partitionCount)))
        return series
    }

    var seriesCount: Int { validatorSeries.count }

    /// The series' number among the validator's series (in ``SeriesKeys``).
    func keyNumber(of series: Int) -> Int { Int(validatorSeries[series]) }

    /// The validator's series and their dimension values.
    var keys: SeriesKeys { seriesKeys }

    /// A series' dimension values laid out as the structure's slots (attributes and time empty).
    func slots(of series: Int, structure: ResolvedStructure) -> [String?] {
        var slots = [String?](repeating: nil, count: structure.components.count)
        let number = Int(validatorSeries[series])
        for (position, index) in structure.dimensionIndices.enumerated() {
            slots[index] = seriesKeys.value(of: number, at: position)
        }
        return slots
    }

    /// Adds an observation of a stored series; `text` is the period as written (kept once per period, for messages).
    func append(series: Int, period: Int64, text: UnsafeBufferPointer<UInt8>, value: Double, line: Int, column: Int)
        throws
    {
        // Periods recur in every series: a small cache of those already named spares a lookup.
        let slot = Int(truncatingIfNeeded: (UInt64(bitPattern: period) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if namedPeriods[slot] != period || period == .min {
            if periodTexts[period] == nil { periodTexts[period] = String(decoding: text, as: UTF8.self) }
            namedPeriods[slot] = period
        }
        buffers[Int(partitionOf[series])].append(
            Record(
                period: period, value: value, series: UInt32(truncatingIfNeeded: series),
                line: UInt32(clamping: line), column: UInt32(clamping: column)))
        buffered += 1
        if buffered >= budget { try spill() }
    }

    func periodText(_ period: Int64) -> String { periodTexts[period] ?? "" }

    /// Each partition that holds records, read back (from its file and memory) one after the other.
    func forEachPartition(_ body: (Int, Partition) throws -> Void) throws {
        try forEachPartition(pairingUpTo: 0) { group in
            var records = group[0].take()
            try body(group[0].partition, Partition(sorting: &records))
        }
    }

    /// A partition's records, unsorted, in a box its taker empties (``take()``), so that the array
    /// it sorts is its only reference and is sorted in place, not copied.
    final class PartitionRecords {
        let partition: Int
        private var records: [Record]

        init(partition: Int, records: [Record]) {
            self.partition = partition
            self.records = records
        }

        var count: Int { records.count }

        func take() -> [Record] {
            defer { records = [] }
            return records
        }
    }

    /// Calls `body` with the non-empty partitions, in partition order: two at a time when they
    /// hold at most `maxPairRecords` records together (a caller may sort and check those side by
    /// side), else one. Small partitions pair; large ones, which would double the memory the end
    /// of a dataset holds, come alone.
    func forEachPartition(pairingUpTo maxPairRecords: Int, _ body: ([PartitionRecords]) throws -> Void) throws {
        // Once records went to the files, the rest follow them: a partition is then read back alone,
        // instead of beside every other partition's records still in memory.
        if files.contains(where: { $0 >= 0 }) { try spill() }
        var waiting: PartitionRecords?
        for partition in 0..<Self.partitionCount {
            var records = try readBack(partition, leavingRoomFor: buffers[partition].count)
            records.append(contentsOf: buffers[partition])
            buffers[partition] = []
            guard !records.isEmpty else { continue }
            let next = PartitionRecords(partition: partition, records: records)
            records = []
            if let first = waiting {
                waiting = nil
                if first.count + next.count <= maxPairRecords {
                    try body([first, next])
                    continue
                }
                try body([first])
            }
            if next.count * 2 <= maxPairRecords {
                waiting = next
            } else {
                try body([next])
            }
        }
        if let waiting { try body([waiting]) }
    }

    /// Records that two partitions checked side by side may hold together (2 MB of records by default).
    var pairRecords: Int { budget / 2 }

    // MARK: Temporary files

    private func spill() throws {
        for partition in buffers.indices where !buffers[partition].isEmpty {
            let file = try self.file(partition)
            let byteCount = buffers[partition].count * MemoryLayout<Record>.stride
            try buffers[partition].withUnsafeBytes { bytes in
                var written = 0
                while written < byteCount {
                    let result = pwrite(
                        file, bytes.baseAddress! + written, byteCount - written, off_t(fileSizes[partition] + written))
                    guard result > 0 else { throw Self.ioError("write to", errno) }
                    written += result
                }
            }
            fileSizes[partition] += byteCount
            buffers[partition] = []
        }
        buffered = 0
    }

    /// The partition's records from its file, in an array with room for `more` (those still in
    /// memory): appending them then does not copy the whole partition to a larger array.
    private func readBack(_ partition: Int, leavingRoomFor more: Int) throws -> [Record] {
        let byteCount = fileSizes[partition]
        guard byteCount > 0 else { return [] }
        let count = byteCount / MemoryLayout<Record>.stride
        var records = [Record]()
        records.reserveCapacity(count + more)
        records.append(
            contentsOf: repeatElement(Record(period: 0, value: 0, series: 0, line: 0, column: 0), count: count))
        try records.withUnsafeMutableBytes { bytes in
            var read = 0
            while read < byteCount {
                let result = pread(files[partition], bytes.baseAddress! + read, byteCount - read, off_t(read))
                guard result > 0 else { throw Self.ioError("read from", errno) }
                read += result
            }
        }
        close(files[partition])
        files[partition] = -1
        fileSizes[partition] = 0
        return records
    }

    /// The partition's file, created on first use and unlinked at once: nothing is left behind,
    /// even when the process is killed.
    private func file(_ partition: Int) throws -> Int32 {
        if files[partition] >= 0 { return files[partition] }
        var directory = self.directory ?? getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        var template = Array((directory + "/idac-rules-XXXXXX").utf8CString)
        let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard file >= 0 else { throw Self.ioError("create a temporary file in", errno, directory) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        files[partition] = file
        return file
    }

    private static func ioError(_ verb: String, _ code: Int32, _ place: String = "a temporary file") -> SDMXError {
        SDMXError(
            .unreadableFile,
            "could not \(verb) \(place) for the consistency rules: \(String(cString: strerror(code))); set TMPDIR to a writable folder"
        )
    }
}
