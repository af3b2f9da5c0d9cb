/// A binary min-heap of the runs' next rows, for ``ObservationSorter``'s merge.
struct MergeHeap {
    struct Entry {
        var row: ObservationSorter.Row
        var run: Int
    }

    private var entries: [Entry] = []

    mutating func push(_ entry: Entry, by precedes: (ObservationSorter.Row, ObservationSorter.Row) -> Bool) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(entries[child].row, entries[parent].row) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop(by precedes: (ObservationSorter.Row, ObservationSorter.Row) -> Bool) -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return top }
        entries[0] = last
        var parent = 0
        while true {
            var smallest = parent
            let left = 2 * parent + 1
            let right = left + 1
            if left < entries.count, precedes(entries[left].row, entries[smallest].row) { smallest = left }
            if right < entries.count, precedes(entries[right].row, entries[smallest].row) { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
