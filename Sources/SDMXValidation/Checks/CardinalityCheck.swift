import SDMXModel

/// INVALID_VALUE: an SDMX 3.0 attribute or measure given more values than its DSD's `maxOccurs`
/// allows (SOURCE_PUB twice where one is allowed), or fewer than its `minOccurs` asks. A multi-valued
/// `Comp` arrives as one component value per `Value`; counted per dataset, group, series or observation
/// element. An observation is counted only when it may break a rule (``mayBreak(_:_:)``), so that
/// observations of a DSD that states its cardinality cost no text.
enum CardinalityCheck {
    /// Whether an observation's values need counting: a component given twice in a row (a multi-valued
    /// `Comp`'s values come together), or a structure that asks some component for several values.
    static func mayBreak(_ record: ObservationRecord, _ structure: ResolvedStructure) -> Bool {
        guard structure.statesCardinality else { return false }
        if structure.asksForSeveralValues { return true }
        var position = 1
        while position < record.count {
            if record.id(at: position) == record.id(at: position - 1) { return true }
            position += 1
        }
        return false
    }

    static func check(
        _ values: [ComponentValue], _ structure: ResolvedStructure, at position: DataPosition, level: String,
        into collector: inout FindingCollector
    ) {
        guard structure.statesCardinality, !values.isEmpty else { return }
        var counts: [String: (count: Int, column: Int)] = [:]
        var order: [String] = []
        for value in values where !value.value.isEmpty {
            if let seen = counts[value.id] {
                counts[value.id] = (seen.count + 1, seen.column)
            } else {
                counts[value.id] = (1, value.column)
                order.append(value.id)
            }
        }
        for id in order {
            guard let index = structure.index(of: id), let given = counts[id] else { continue }
            let component = structure.components[index]
            let column = given.column > 0 ? given.column : position.column
            if let most = component.maxOccurs, given.count > most {
                collector.add(
                    Finding(
                        code: .invalidValue,
                        message: "\(id) is given \(given.count) values on the \(level) where its data structure "
                            + "allows at most \(most) (maxOccurs); keep \(most == 1 ? "one" : "at most \(most)")",
                        line: position.line, column: column, component: id, value: String(given.count)))
            } else if let least = component.minOccurs, least > 1, given.count < least {
                collector.add(
                    Finding(
                        code: .invalidValue,
                        message: "\(id) is given \(given.count) value\(given.count == 1 ? "" : "s") on the \(level) "
                            + "where its data structure asks for at least \(least) (minOccurs)",
                        line: position.line, column: column, component: id, value: String(given.count)))
            }
        }
    }
}
