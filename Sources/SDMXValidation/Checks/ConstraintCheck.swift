import SDMXModel

/// CONSTRAINT_VIOLATION: values the dataflow's or structure's content constraints do not allow
/// (``ConstraintChecker`` judges them). A value is reported where it was written: once at the series
/// when it is a series value, on the observation's line otherwise.
struct ConstraintCheck {
    private var checker: ConstraintChecker?
    private var componentIDs: [String] = []
    /// The slots the constraints read.
    private var mask: UInt64 = 0
    /// Whether the last observation met the constraints (kept while none of their slots changes).
    private var passed = false
    /// The series values already reported for the current series.
    private var seriesReported: Set<Int> = []

    mutating func startDataSet(_ checker: ConstraintChecker?, componentIDs: [String]) {
        self.checker = checker
        self.componentIDs = componentIDs
        mask = checker.map { SlotChanges.mask($0.componentIndices) } ?? 0
    }

    mutating func startSeries() {
        seriesReported.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func check(
        _ structure: ResolvedStructure, _ table: SlotTable, changed: UInt64, position: DataPosition,
        into collector: inout FindingCollector
    ) {
        guard let checker else { return }
        // The values the constraints look at are mostly those of the last observation, which passed.
        if changed & mask == 0, passed { return }
        table.ensureText(mask)
        let violations = checker.violations(table.slots, componentIDs: componentIDs)
        passed = violations.isEmpty
        guard !violations.isEmpty else { return }
        report(violations, structure, table, position: position, into: &collector)
    }

    private mutating func report(
        _ violations: [ConstraintChecker.Violation], _ structure: ResolvedStructure, _ table: SlotTable,
        position: DataPosition, into collector: inout FindingCollector
    ) {
        let period = table.periodText(structure)
        let key = table.messageKey(structure)
        let slots = table.slots
        for violation in violations {
            let index = violation.componentIndex
            let fromSeries =
                table.inSeries && table.seriesValues[index] != nil && table.seriesValues[index] == slots[index]
            if fromSeries, !seriesReported.insert(index).inserted { continue }
            let at = fromSeries ? table.seriesPosition : position
            collector.add(
                Finding(
                    code: .constraintViolation,
                    message: "\(violation.message) (series \(key)\(period.map { ", period \($0)" } ?? ""))",
                    line: at.line, column: table.column(index, else: at),
                    component: componentIDs[index], value: slots[index], key: key,
                    timePeriod: fromSeries ? nil : period))
        }
    }
}
