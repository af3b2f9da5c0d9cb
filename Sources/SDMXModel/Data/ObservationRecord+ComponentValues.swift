/// A record as text, for handlers that take ``ComponentValue``s: built on the record's safe API.
extension ObservationRecord {
    /// The record as ``ComponentValue``s.
    public var componentValues: [ComponentValue] {
        (0..<count).map { ComponentValue(id: id(at: $0), value: value(at: $0), column: column(at: $0)) }
    }

    /// Replaces the record's values with `values`.
    public func set(_ values: [ComponentValue]) {
        removeAll()
        for value in values { append(id: value.id, value: value.value, column: value.column) }
    }
}
