import SDMXModel

/// UNKNOWN_COMPONENT: a value whose id is no component of the structure (once per dataset and
/// level; a warning where SDMX-CSV allows columns of its own).
struct UnknownComponentCheck {
    /// Whether unknown columns are the file's own (SDMX-CSV), not mistakes.
    private var customColumnsAllowed = false
    /// Ids reported, by level.
    private var reported: Set<String> = []

    mutating func startDataSet(customColumnsAllowed: Bool) {
        self.customColumnsAllowed = customColumnsAllowed
        reported.removeAll()
    }

    mutating func report(
        _ value: ComponentValue, at position: DataPosition, level: String, structure: ResolvedStructure?,
        into collector: inout FindingCollector
    ) {
        guard reported.insert("\(level)|\(value.id)").inserted else { return }
        let dsd = structure.map { $0.dataStructure.reference.description } ?? "the structure"
        if customColumnsAllowed {
            collector.add(
                Finding(
                    code: .unknownComponent, severity: .warning,
                    message: "column \(value.id) is not a component of \(dsd), so it is ignored (SDMX-CSV allows "
                        + "columns of its own; reported once per dataset); check its spelling if it was meant to be one",
                    line: position.line, column: value.column, component: value.id, value: value.value))
            return
        }
        collector.add(
            Finding(
                code: .unknownComponent,
                message: "\(value.id) is not a component of \(dsd) (it appears on the \(level); "
                    + "reported once per dataset); remove it or check its spelling",
                line: position.line, column: value.column, component: value.id, value: value.value))
    }
}
