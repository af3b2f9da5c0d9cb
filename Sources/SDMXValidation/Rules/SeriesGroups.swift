/// Series sorted into groups by their key without one dimension (the one a rule compares across),
/// kept compactly: a group is found by a 64-bit hash of the other dimensions' values (no key text is
/// kept; two different keys sharing a hash are about as likely as a cosmic-ray bit flip for the
/// largest files), and its members are a linked list in flat arrays — about 30 bytes a series.
struct SeriesGroups {
    private var index: [Int: Int32] = [:]
    private var first: [Int32] = []
    private var last: [Int32] = []
    private var sizes: [Int32] = []
    private var memberSeries: [Int32] = []
    private var memberTags: [UInt8] = []
    private var next: [Int32] = []

    var count: Int { first.count }

    /// Files `series` in the group of its dimension values other than `excluded`, with a small tag
    /// (the position of its code, or whether it is annual).
    mutating func add(series: Int, tag: Int, slots: [String?], dimensions: [Int], excluded: Int) {
        var hasher = Hasher()
        for dimension in dimensions where dimension != excluded { hasher.combine(slots[dimension] ?? "") }
        let key = hasher.finalize()
        let member = Int32(memberSeries.count)
        memberSeries.append(Int32(truncatingIfNeeded: series))
        memberTags.append(UInt8(truncatingIfNeeded: tag))
        next.append(-1)
        if let group = index[key] {
            next[Int(last[Int(group)])] = member
            last[Int(group)] = member
            sizes[Int(group)] += 1
        } else {
            index[key] = Int32(first.count)
            first.append(member)
            last.append(member)
            sizes.append(1)
        }
    }

    func size(of group: Int) -> Int { Int(sizes[group]) }

    /// The first member's series, which decides the group's partition (all members share it).
    func firstSeries(of group: Int) -> Int { Int(memberSeries[Int(first[group])]) }

    /// The groups of each partition of `store` (a group's members all lie in one).
    func byPartition(in store: SeriesObservations) -> [[Int]] {
        var partitions = [[Int]](repeating: [], count: SeriesObservations.partitionCount)
        for group in 0..<count { partitions[Int(store.partitionOf[firstSeries(of: group)])].append(group) }
        return partitions
    }

    /// The group's members in the order they were filed.
    func members(of group: Int) -> [(series: Int, tag: Int)] {
        var members: [(series: Int, tag: Int)] = []
        members.reserveCapacity(Int(sizes[group]))
        var member = first[group]
        while member >= 0 {
            members.append((Int(memberSeries[Int(member)]), Int(memberTags[Int(member)])))
            member = next[Int(member)]
        }
        return members
    }
}
