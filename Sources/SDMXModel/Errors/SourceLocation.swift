/// Where something is in an input: file, 1-based line and column (0 when unknown).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it (or the name of an entry inside an archive).
    public var file: String
    /// The 1-based line, or 0 when unknown (then only the file is printed).
    public var line: Int
    /// The 1-based column (for CSV, the field number), or 0 when unknown.
    public var column: Int

    /// Makes a location; leave `line` and `column` at 0 when they are not known.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column` as compilers print it (so editors can jump there), or the file alone when the line is
    /// unknown.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}
