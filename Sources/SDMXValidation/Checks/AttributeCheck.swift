import SDMXModel

/// MISSING_ATTRIBUTE: mandatory attributes at their attachment levels. One attached to the
/// observation is reported on every observation lacking it; one attached to the dataset once per
/// dataset; one attached to a group or to dimensions once per series (at the series element when
/// the series lacks it). Values that groups give are in the slots already (``GroupValues``).
struct AttributeCheck {
    private var attributeMask: UInt64 = 0
    /// Whether the last observation had every mandatory attribute (kept while none changes).
    private var complete = false
    private var dataSetLine = 0
    /// Dataset-level attributes reported (by id), and series-level ones (by id and series key).
    private var reportedOnce: Set<String> = []
    /// The attributes already reported at the current series element.
    private var seriesReported: Set<Int> = []

    var mask: UInt64 { attributeMask }

    mutating func startDataSet(line: Int) {
        reportedOnce.removeAll()
        dataSetLine = line
    }

    mutating func startDataSet(_ structure: ResolvedStructure) {
        attributeMask = SlotChanges.mask(structure.attributeIndices)
    }

    mutating func startSeries() {
        seriesReported.removeAll(keepingCapacity: true)
    }

    /// Checks the observation in `table` when an attribute changed or the last one lacked one.
    @inline(__always)
    mutating func check(
        _ structure: ResolvedStructure, _ table: SlotTable, changed: UInt64, position: DataPosition,
        into collector: inout FindingCollector
    ) {
        if changed & attributeMask != 0 || !complete {
            complete = checkAll(structure, table, position: position, into: &collector)
        }
    }

    /// Reports mandatory attributes the observation lacks; whether it has them all.
    private mutating func checkAll(
        _ structure: ResolvedStructure, _ table: SlotTable, position: DataPosition,
        into collector: inout FindingCollector
    ) -> Bool {
        var complete = true
        // The period and key for messages, made at the first missing attribute.
        var named: (period: String?, key: String)?
        for index in structure.attributeIndices {
            guard case .attribute(.mandatory, let attachment) = structure.components[index].role,
                table.hasNoText(index)
            else { continue }
            complete = false
            let (period, key) = named ?? (table.periodText(structure), table.messageKey(structure))
            named = (period, key)
            let id = structure.components[index].id
            let at: DataPosition
            let scope: String
            switch attachment {
            case .observation:
                at = position
                scope = "observation (series \(key)\(period.map { ", period \($0)" } ?? ""))"
            case .dataSet:
                guard reportedOnce.insert(id).inserted else { continue }
                at = DataPosition(line: dataSetLine, column: 1)
                scope = "dataset"
            case .group, .dimensions:
                if table.inSeries, (table.seriesValues[index] ?? "").isEmpty {
                    guard seriesReported.insert(index).inserted else { continue }
                    at = table.seriesPosition
                } else {
                    guard reportedOnce.insert("\(id)|\(key)").inserted else { continue }
                    at = position
                }
                scope = "series \(key)"
            }
            collector.add(
                Self.finding(
                    id: id, scope: scope, attachment: attachment, key: key, period: period,
                    line: at.line, column: table.column(index, else: at)))
        }
        return complete
    }

    static func finding(
        id: String, scope: String, attachment: AttributeAttachment, key: String, period: String?,
        line: Int, column: Int
    ) -> Finding {
        Finding(
            code: .missingAttribute,
            message:
                "mandatory attribute \(id) is missing for the \(scope); it must be reported at the \(attachment.levelName) level",
            line: line, column: column, component: id, key: key, timePeriod: attachment == .observation ? period : nil)
    }
}
