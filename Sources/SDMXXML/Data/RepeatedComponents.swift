import SDMXModel

/// A component given twice in one element (a `Value` repeated in a generic `SeriesKey`, a `Comp` of an
/// id the element has already given): refused, never last-wins (the validator only sees the values
/// after they are placed, when the first is lost).
enum RepeatedComponents {
    /// Throws when `ids` holds one id twice.
    static func refuse(
        _ ids: some Collection<String>, in element: String, file: String, at position: DataPosition
    ) throws {
        guard ids.count > 1 else { return }
        var seen = Set<String>(minimumCapacity: ids.count)
        for id in ids where !seen.insert(id).inserted {
            throw error(id: id, in: element, file: file, at: position)
        }
    }

    static func error(id: String, in element: String, file: String, at position: DataPosition) -> SDMXError {
        SDMXError(
            .duplicateComponent,
            "\(element == "" ? "an element" : element) gives \(id == ComponentValue.primaryMeasureID ? "ObsValue" : id) "
                + "twice; a component takes one value per observation, so give it once",
            location: SourceLocation(file: file, line: position.line, column: position.column))
    }
}
