import SDMXModel

/// MISSING_DIMENSION: every observation needs a value for each dimension and for the period. A
/// dimension the series element lacks is reported once, at the series; others at the observation.
struct DimensionCheck {
    private var dimensionMask: UInt64 = 0
    /// Whether the last observation had every dimension (kept while no dimension changes).
    private var complete = false
    /// The dimensions already reported for the current series.
    private var seriesReported: Set<Int> = []

    /// The dimensions' slots.
    var mask: UInt64 { dimensionMask }

    mutating func startDataSet(_ structure: ResolvedStructure) {
        dimensionMask = SlotChanges.mask(structure.dimensionIndices)
    }

    mutating func startSeries() {
        seriesReported.removeAll(keepingCapacity: true)
    }

    /// Checks the observation in `table`; `changed` tells which slots differ from the last one's.
    @inline(__always)
    mutating func check(
        _ structure: ResolvedStructure, _ table: SlotTable, changed: UInt64, position: DataPosition,
        into collector: inout FindingCollector
    ) {
        if changed & dimensionMask != 0 || !complete {
            complete = !structure.dimensionIndices.contains(where: table.hasNoText)
        }
        let timeMissing = structure.timeIndex.map { table.isEmpty($0) } ?? false
        guard !complete || timeMissing else { return }
        report(structure, table, position: position, into: &collector)
    }

    private mutating func report(
        _ structure: ResolvedStructure, _ table: SlotTable, position: DataPosition,
        into collector: inout FindingCollector
    ) {
        let period = table.periodText(structure)
        let key = table.messageKey(structure)
        let slots = table.slots
        var missing = structure.dimensionIndices.filter { (slots[$0] ?? "").isEmpty }
        if let time = structure.timeIndex, (slots[time] ?? "").isEmpty { missing.append(time) }
        for index in missing {
            // A dimension the series lacks is reported once for the series, at the series.
            let fromSeries = table.inSeries && (table.seriesValues[index] ?? "").isEmpty && structure.timeIndex != index
            if fromSeries, !seriesReported.insert(index).inserted { continue }
            let at = fromSeries ? table.seriesPosition : position
            let id = structure.components[index].id
            collector.add(
                Self.finding(
                    id: id, value: slots[index], onSeries: fromSeries, key: key, period: period,
                    line: at.line, column: table.column(index, else: at)))
        }
    }

    /// The finding for a dimension without a value (`value` nil: missing, "": empty).
    static func finding(
        id: String, value: String?, onSeries: Bool, key: String, period: String?, line: Int, column: Int
    ) -> Finding {
        Finding(
            code: .missingDimension,
            message: "dimension \(id) is \(value != nil ? "empty" : "missing")\(onSeries ? " on the series" : "")"
                + " (series \(key)\(period.map { ", period \($0)" } ?? "")); every observation needs a value for each dimension",
            line: line, column: column, component: id, value: value, key: key, timePeriod: period)
    }
}
