import SDMXModel

/// Observations per time period and per reference area, for the report's charts: fed the
/// observation stream by the validator (the period's bytes and ordinal, and whether the area
/// changed), it checks nothing. A few hundred entries at most in practice: one per distinct period
/// or area, and never more than 10 000 of either.
struct ObservationTally {
    private let periods = PeriodTally()
    private var areaCounts: [String: Int] = [:]
    /// The slot of REF_AREA when it is a dimension of the current dataset's structure.
    private var areaIndex: Int?
    /// The observations of the current reference area not yet added to `areaCounts`.
    private var pendingArea: (area: String, count: Int)?

    var byPeriod: [String: Int] { periods.byPeriod }

    var byArea: [String: Int] {
        var counts = areaCounts
        if let pendingArea { Self.count(pendingArea.area, pendingArea.count, in: &counts) }
        return counts
    }

    /// A dataset starts: its area, if any, is counted from its own REF_AREA slot.
    mutating func startDataSet(_ structure: ResolvedStructure?) {
        flush()
        areaIndex = structure.flatMap { structure in
            structure.index(of: "REF_AREA").flatMap { structure.components[$0].isDimension ? $0 : nil }
        }
    }

    /// Counts one observation of the period written by `bytes` (`packed`: its ordinal's packed form).
    @inline(__always)
    func count(period bytes: UnsafeBufferPointer<UInt8>, packed: Int64?) {
        periods.count(bytes, packed: packed)
    }

    /// Counts one observation's area; an area that did not change is counted in place (its text not copied).
    @inline(__always)
    mutating func countArea(changed: UInt64, _ table: SlotTable) {
        guard let areaIndex else { return }
        if SlotChanges.changed(areaIndex, in: changed) {
            countArea(table.text(ofSlot: areaIndex))
        } else if pendingArea != nil {
            pendingArea!.count += 1
        }
    }

    /// Counts an observation of `area` (nil: of the same area as the last one).
    mutating func countArea(_ area: String?) {
        if let pending = pendingArea, area == nil || area == pending.area {
            pendingArea = (pending.area, pending.count + 1)
            return
        }
        flush()
        if let area, !area.isEmpty { pendingArea = (area, 1) }
    }

    mutating func flush() {
        guard let pending = pendingArea else { return }
        pendingArea = nil
        Self.count(pending.area, pending.count, in: &areaCounts)
    }

    /// Adds to an area's count; beyond 10 000 areas (a file of nonsense), new ones are not counted.
    private static func count(_ area: String, _ count: Int, in counts: inout [String: Int]) {
        guard counts.count < 10_000 || counts[area] != nil else { return }
        counts[area, default: 0] += count
    }
}
