import SDMXModel

/// MALFORMED_INPUT for a record its reader found broken (a wrong number of fields, text that is not
/// UTF-8): reported on the record's line; the record's readable values are still checked.
enum RecordProblemCheck {
    static func report(_ problem: RecordProblem, at position: DataPosition, into collector: inout FindingCollector) {
        switch problem {
        case .text(let description):
            collector.add(
                Finding(code: .malformedInput, message: "the record's \(description)", line: position.line, column: 0))
        case .described(let description):
            collector.add(
                Finding(code: .malformedInput, message: description, line: position.line, column: position.column))
        case .fieldCount(let fields):
            collector.add(
                Finding(
                    code: .malformedInput,
                    message: "the record has \(fields) fields, not as many as the header's columns; "
                        + "check for a missing or extra separator",
                    line: position.line, column: position.column))
        }
    }
}
