/// Where a data element or record starts: 1-based line and column.
public struct DataPosition: Hashable, Sendable {
    /// The 1-based line where the element or record starts (for a quoted CSV field over several lines, the first).
    public var line: Int
    /// The 1-based column: the XML parser's column, or the CSV field number; 0 when unknown.
    public var column: Int

    /// Makes a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
