/// One reported value of a component, as a reader found it.
public struct ComponentValue: Hashable, Sendable {
    /// The component the value belongs to, as the message names it: a dimension, attribute or measure id of the DSD, or
    /// ``primaryMeasureID`` for a generic message's `ObsValue`.
    public var id: String
    /// The value as written in the message (a code, a number, a period), not yet checked.
    public var value: String
    /// Where the value sits: the XML element's column, or the CSV field number (1-based).
    public var column: Int

    /// The id generic messages give the primary measure (`ObsValue`), whatever the DSD calls it.
    public static let primaryMeasureID = "#PRIMARY_MEASURE"

    /// Makes a value; `column` is 0 when the reader does not know where it was.
    public init(id: String, value: String, column: Int = 0) {
        self.id = id
        self.value = value
        self.column = column
    }
}
