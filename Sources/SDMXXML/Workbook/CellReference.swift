/// An A1-style cell reference (`C12`): the column letters and the row number, within Excel's grid
/// (columns A to XFD, rows 1 to 1 048 576); anything else is no reference.
public struct CellReference: Sendable, Equatable, CustomStringConvertible {
    /// 1 for column A.
    public var column: Int
    /// 1 for the first row.
    public var row: Int

    /// The last column Excel has (`XFD`).
    public static let maxColumn = 16_384
    /// The last row Excel has.
    public static let maxRow = 1_048_576

    /// Makes a reference from its 1-based column and row, not checked against the grid.
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Reads `C12` (the bytes of an `r` attribute); nil for anything else or a cell beyond the grid.
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0, column = 0, row = 0
        while index < bytes.count, index < 4 {
            let byte = bytes[index] | 0x20  // lower case
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "a") + 1)
            index += 1
        }
        let letters = index
        while index < bytes.count, index - letters < 8 {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        guard letters > 0, index > letters, index == bytes.count, column <= Self.maxColumn, row >= 1,
            row <= Self.maxRow
        else { return nil }
        self.column = column
        self.row = row
    }

    /// `A` for 1, `AA` for 27.
    public static func columnName(_ column: Int) -> String {
        var letters: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `C12`, as Excel shows it.
    public var description: String { "\(Self.columnName(column))\(row)" }
}
