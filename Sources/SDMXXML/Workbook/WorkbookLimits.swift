/// Bounds on what a workbook may make idac hold: its shared-strings table (the one part kept in
/// memory while a sheet streams) and its list of parts.
public struct WorkbookLimits: Sendable {
    /// Most entries in the shared-strings table.
    public var maxSharedStrings: Int
    /// Most bytes of text in the shared-strings table, all entries together.
    public var maxSharedStringBytes: Int
    /// Most sheets, relationships or styles listed by one part.
    public var maxListEntries: Int
    /// Most cells left out of a sheet's rows before their last cell, all rows together: each becomes an
    /// empty field, so a few bytes (`<c r="NTP7">`) could otherwise cost thousands of fields per row.
    public var maxEmptyCells: Int

    /// Makes limits: by default a million shared strings of 64 MiB in all, 100 000 entries per list and 20 million
    /// cells left out.
    public init(
        maxSharedStrings: Int = 1_000_000, maxSharedStringBytes: Int = 64 << 20, maxListEntries: Int = 100_000,
        maxEmptyCells: Int = 20_000_000
    ) {
        self.maxSharedStrings = maxSharedStrings
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxListEntries = maxListEntries
        self.maxEmptyCells = maxEmptyCells
    }

    /// The limits idac reads workbooks under unless told otherwise.
    public static let `default` = WorkbookLimits()
}
