import SDMXModel

/// DUPLICATE_COMPONENT: a component takes one value per observation. A series (or group) that gives
/// a component its dataset gave, or an observation one its series or dataset gave, with a different
/// value, would otherwise silently win (a REF_AREA on an `Obs` stored the observation under another
/// country than its series'). The same value given again is harmless and passes. Repeats inside one
/// element or record are the readers' to refuse (they know where an element ends).
struct RepeatedComponentCheck {
    /// The slots the dataset, and the current series, give a non-empty value.
    private var dataSetGiven: UInt64 = 0
    private var seriesGiven: UInt64 = 0
    /// Structures of more than 64 components have slots without a bit: checked position by position.
    private var isWide = false

    mutating func startDataSet(_ structure: ResolvedStructure, dataSetValues: [String?]) {
        isWide = structure.components.count > 64
        dataSetGiven = Self.given(dataSetValues)
        seriesGiven = dataSetGiven
    }

    mutating func startSeries(seriesValues: [String?]) {
        seriesGiven = Self.given(seriesValues)
    }

    private static func given(_ values: [String?]) -> UInt64 {
        var mask: UInt64 = 0
        for (slot, value) in values.prefix(64).enumerated() where !(value ?? "").isEmpty {
            mask |= SlotChanges.bit(slot)
        }
        return mask
    }

    /// A finding when `value`, given at `level`, differs from the value `inherited` from above.
    static func conflict(
        id: String, inherited: String?, from upper: String, value: String, level: String, line: Int, column: Int
    ) -> Finding? {
        guard let inherited, !inherited.isEmpty, !value.isEmpty, inherited != value else { return nil }
        return finding(
            id: id, inherited: inherited, from: upper, value: value, level: level, line: line, column: column)
    }

    /// Checks the observation just placed in `table` (``SlotTable/place(_:_:refresh:)``): its own
    /// values against those its series or dataset gave. One mask test per observation in the usual case.
    @inline(__always)
    func check(
        _ record: ObservationRecord, _ structure: ResolvedStructure, _ table: SlotTable, at position: DataPosition,
        into collector: inout FindingCollector
    ) {
        let given = table.inSeries ? seriesGiven : dataSetGiven
        guard isWide || table.layoutPresent & given != 0 else { return }
        report(record, structure, table, at: position, into: &collector)
    }

    private func report(
        _ record: ObservationRecord, _ structure: ResolvedStructure, _ table: SlotTable, at position: DataPosition,
        into collector: inout FindingCollector
    ) {
        let inherited = table.inSeries ? table.seriesValues : table.dataSetValues
        let upper = table.inSeries ? "series (line \(table.seriesPosition.line))" : "dataset"
        for position_ in 0..<record.count {
            let slot = position_ < table.placedPositions ? table.slot(atPosition: position_) : -1
            guard slot >= 0, slot < inherited.count, let above = inherited[slot], !above.isEmpty else { continue }
            let value: String? = record.withBytes(at: position_) { bytes in
                bytes.isEmpty || bytes.elementsEqual(above.utf8) ? nil : String(decoding: bytes, as: UTF8.self)
            }
            guard let value else { continue }
            collector.add(
                Self.finding(
                    id: structure.components[slot].id, inherited: above, from: upper, value: value,
                    level: "observation", line: position.line,
                    column: record.column(at: position_) > 0 ? record.column(at: position_) : position.column))
        }
    }

    private static func finding(
        id: String, inherited: String, from upper: String, value: String, level: String, line: Int, column: Int
    ) -> Finding {
        Finding(
            code: .duplicateComponent,
            message: "\(id) is given twice: '\(inherited)' on the \(upper) and '\(value)' on the \(level); "
                + "a component takes one value per observation, so give it once, at one level",
            line: line, column: column, component: id, value: value)
    }
}
