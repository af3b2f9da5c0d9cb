/// One reported value of a component, as a reader found it.
public struct ComponentValue: Hashable, Sendable {
    public var id: String
    public var value: String
    /// Where the value sits: the XML element's column, or the CSV field number (1-based).
    public var column: Int

    /// The id generic messages give the primary measure (`ObsValue`), whatever the DSD calls it.
    public static let primaryMeasureID = "#PRIMARY_MEASURE"

    public init(id: String, value: String, column: Int = 0) {
        self.id = id
        self.value = value
        self.column = column
    }
}
