import Foundation
import SDMXModel

/// Hands rows to another writer in the order of some components (``SeriesLayout/order``) instead of the order
/// they come in: what a dimension other than the time at the observation level needs, since the repository
/// yields rows by series key and period. Memory stays bounded: rows gather up to ``memoryBudget`` bytes, are
/// sorted and spilled as a run to a temporary file (removed from its folder as soon as it is open, so nothing
/// is left behind whatever happens), and the runs are merged at the end. Rows that compare equal keep the
/// order they came in (the versions of an observation in a history read). How many rows may come at all is
/// the caller's limit (the service's answer-size limit).
public final class ObservationSorter: ObservationWriter {
    private let base: any ObservationWriter
    private let order: (ResolvedStructure) -> [Int]
    private let memoryBudget: Int
    private var keys: [Int] = []
    private var rows: [Row] = []
    private var bufferedBytes = 0
    private var runs: [Range<UInt64>] = []
    private var file: FileHandle?
    private var fileEnd: UInt64 = 0

    /// A row with its arrival number, which breaks ties.
    struct Row {
        var values: [String]
        var action: String?
        var sequence: Int
    }

    /// `order` gives, once the structure is known, the component indices to sort by, most significant first.
    public init(
        base: any ObservationWriter, memoryBudget: Int = 8 << 20, order: @escaping (ResolvedStructure) -> [Int]
    ) {
        self.base = base
        self.memoryBudget = memoryBudget
        self.order = order
    }

    deinit { try? file?.close() }

    /// See ``ObservationWriter``: learns the sort key from the structure and begins `base`.
    public func begin(structure: ResolvedStructure) throws {
        keys = order(structure)
        try base.begin(structure: structure)
    }

    private var arrivals = 0

    /// See ``ObservationWriter``: keeps the row, spilling a sorted run to the temporary file once the
    /// rows held pass ``memoryBudget``; nothing reaches `base` before ``end()``.
    public func write(_ values: [String], action: String?) throws {
        rows.append(Row(values: values, action: action, sequence: arrivals))
        arrivals += 1
        // What a row holds: the array, each string's inline part, and the longer strings' bytes.
        bufferedBytes += 64 + values.count * 16 + (action?.utf8.count ?? 0)
        for value in values where value.utf8.count > 15 { bufferedBytes += value.utf8.count }
        if bufferedBytes >= memoryBudget { try spill() }
    }

    /// See ``ObservationWriter``: hands every row to `base` in order (merging the spilled runs, if any),
    /// then ends `base`.
    public func end() throws {
        if runs.isEmpty {
            rows.sort(by: precedes)
            for row in rows { try base.write(row.values, action: row.action) }
            rows = []
        } else {
            if !rows.isEmpty { try spill() }
            try merge()
        }
        try file?.close()
        file = nil
        try base.end()
    }

    /// Whether `a` goes before `b`: by the sort components, then by arrival.
    private func precedes(_ a: Row, _ b: Row) -> Bool {
        for index in keys where a.values[index] != b.values[index] {
            return a.values[index] < b.values[index]
        }
        return a.sequence < b.sequence
    }

    // MARK: Runs

    /// Sorts what is gathered and appends it to the temporary file as one run.
    private func spill() throws {
        rows.sort(by: precedes)
        let handle = try temporaryFile()
        let start = fileEnd
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        for row in rows {
            RunReader.append(row, to: &bytes)
            if bytes.count >= 1 << 16 {
                try handle.write(contentsOf: bytes)
                fileEnd += UInt64(bytes.count)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: bytes)
        fileEnd += UInt64(bytes.count)
        runs.append(start..<fileEnd)
        rows.removeAll(keepingCapacity: true)
        bufferedBytes = 0
    }

    private func temporaryFile() throws -> FileHandle {
        if let file { return file }
        let path =
            NSTemporaryDirectory() + "/idac-sort-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forUpdatingAtPath: path)
        else {
            throw SDMXError(.limitExceeded, "could not make a temporary file to order the answer's observations")
        }
        // Open, so it lives until closed; unlinked, so nothing is left behind.
        try? FileManager.default.removeItem(atPath: path)
        file = handle
        return handle
    }

    /// Merges the runs into the base writer: each run read through a buffer of its own, the smallest next row
    /// (by ``precedes(_:_:)``, so the earlier run on ties) taken each time.
    private func merge() throws {
        guard let file else { return }
        let bufferSize = max(4096, memoryBudget / max(runs.count, 1))
        var readers = runs.map { RunReader(file: file, range: $0, bufferSize: bufferSize) }
        var heap = MergeHeap()
        for index in readers.indices {
            if let row = try readers[index].next() { heap.push(MergeHeap.Entry(row: row, run: index), by: precedes) }
        }
        while let entry = heap.pop(by: precedes) {
            try base.write(entry.row.values, action: entry.row.action)
            if let row = try readers[entry.run].next() {
                heap.push(MergeHeap.Entry(row: row, run: entry.run), by: precedes)
            }
        }
    }
}
