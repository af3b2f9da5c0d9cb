import SDMXModel

/// INVALID_VALUE: an SDMX 3.0 attribute or measure given more values than its DSD's `maxOccurs`
/// allows (SOURCE_PUB twice where one is allowed), or fewer than its `minOccurs` asks. A multi-valued
/// `Comp` arrives as one component value per `Value`; counted per dataset, group or series element,
/// where they are placed (values on an observation are not counted: that path is kept lean).
enum CardinalityCheck {
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
