import SDMXModel

/// The series of one partition sorted into groups by their key without one dimension (the one a
/// rule compares across). Built once the dataset has been read, a partition at a time, by sorting
/// 64-bit hashes of the other dimensions' values: nothing is kept per series and rule while the
/// file streams. (Two different keys sharing a hash are about as likely as a cosmic-ray bit flip
/// for the largest files.)
struct SeriesGroups {
    /// A series of the partition: its number in ``SeriesObservations`` and its dimension values.
    struct Series {
        var number: Int
        var slots: [String?]
    }

    /// The groups, each in filing order, with each member's tag (its code's position, or whether
    /// it is annual).
    private(set) var groups: [[(series: Int, tag: Int)]] = []

    /// - Parameter tag: a series' tag, or nil when the rule leaves it out.
    init(_ series: [Series], dimensions: [Int], excluded: Int, tag: ([String?]) -> Int?) {
        var members: [(hash: Int, series: Int, tag: Int)] = []
        for entry in series {
            guard let tag = tag(entry.slots) else { continue }
            // FNV-1a over the values' bytes, each followed by a separator: cheaper than SipHash on
            // Strings, and the same in every run (Hasher is seeded per process, which made the order
            // of groups, and so of their findings, differ from run to run).
            var hash = FNV1a()
            for dimension in dimensions where dimension != excluded {
                if let value = entry.slots[dimension] { hash.combine(value) }
                hash.combine(byte: 0xFF)
            }
            members.append((Int(truncatingIfNeeded: hash.value), entry.number, tag))
        }
        members.sort { ($0.hash, $0.series) < ($1.hash, $1.series) }
        var start = 0
        while start < members.count {
            var end = start + 1
            while end < members.count, members[end].hash == members[start].hash { end += 1 }
            groups.append(members[start..<end].map { ($0.series, $0.tag) })
            start = end
        }
    }
}
