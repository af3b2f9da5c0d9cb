import SDMXModel

/// The series of one partition sorted into groups by their key without one dimension (the one a
/// rule compares across). Built once the dataset has been read, a partition at a time, by sorting
/// 64-bit hashes of the numbers ``SeriesKeys`` gave the other dimensions' values: nothing is kept
/// per series and rule while the file streams, and no value's text is read to group them. (Two
/// different keys sharing a hash are about as likely as a cosmic-ray bit flip for the largest files.)
struct SeriesGroups {
    /// A series of the partition: its number in ``SeriesObservations`` and in ``SeriesKeys``.
    struct Series {
        var number: Int
        var key: Int
    }

    /// The groups, each in filing order, with each member's tag (its code's position, or whether
    /// it is annual).
    private(set) var groups: [[(series: Int, tag: Int)]] = []

    /// - Parameters:
    ///   - positions: how many dimensions the keys have; `excluded` is the one left out;
    ///   - tag: a series' tag from its number in `keys`, or nil when the rule leaves it out.
    init(_ series: [Series], keys: SeriesKeys, positions: Int, excluded: Int, tag: (Int) -> Int?) {
        var members: [(hash: Int, series: Int, tag: Int)] = []
        members.reserveCapacity(series.count)
        for entry in series {
            guard let tag = tag(entry.key) else { continue }
            // FNV-1a over the value numbers: the same in every run (Hasher is seeded per process,
            // which would make the order of groups, and so of their findings, differ from run to run).
            var hash = FNV1a()
            for position in 0..<positions where position != excluded {
                hash.combine(word: keys.code(of: entry.key, at: position).map(UInt64.init) ?? .max)
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
