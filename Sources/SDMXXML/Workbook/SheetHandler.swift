import SDMXInput
import SDMXModel

/// Reads a worksheet part (`sheetData` of `row`s of `c` cells) into rows of fields, streaming: one
/// row is held at a time, whatever size the sheet declares (its `dimension` is never trusted).
final class SheetHandler: XMLEventHandler {
    private enum CellType { case number, sharedString, inlineString, formulaString, boolean, error, date }

    private let workbook: Workbook
    private let sharedStrings: SharedStrings
    private let file: String
    private let maxColumns: Int
    private let maxRowBytes: Int
    private let rows: (Int, ByteFields, String?) throws -> Void
    private let fields = ByteFields()

    private var depth = 0
    private var sheetDataDepth = 0
    private var rowDepth = 0
    private var row = 0
    private var lastRow = 0
    private var lastColumn = 0
    private var rowBytes = 0
    private var problem: String?
    /// Cells left out before a row's last cell, so far in the sheet (``WorkbookLimits/maxEmptyCells``).
    private var emptyCells = 0
    private let maxEmptyCells: Int

    // The cell being read.
    private var cellDepth = 0
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var hasFormula = false
    private var hasValue = false
    /// The depth of the open `v`, or of a `t` inside `is` (not inside a phonetic `rPh`).
    private var textDepth = 0
    private var inlineDepth = 0
    private var phoneticDepth = 0
    private var text: [UInt8] = []

    init(
        workbook: Workbook, sharedStrings: SharedStrings, file: String, maxColumns: Int, maxRowBytes: Int,
        maxEmptyCells: Int, rows: @escaping (Int, ByteFields, String?) throws -> Void
    ) {
        self.maxEmptyCells = maxEmptyCells
        self.workbook = workbook
        self.sharedStrings = sharedStrings
        self.file = file
        self.maxColumns = maxColumns
        self.maxRowBytes = maxRowBytes
        self.rows = rows
    }

    private func failure(_ message: String, row: Int, column: Int = 0) -> SDMXError {
        SDMXError(.malformedInput, message, location: SourceLocation(file: file, line: row, column: column))
    }

    func startElement(_ element: XMLElementStart) throws {
        depth += 1
        if sheetDataDepth == 0 {
            if element.hasLocalName("sheetData") { sheetDataDepth = depth }
            return
        }
        if rowDepth == 0 {
            guard element.hasLocalName("row"), depth == sheetDataDepth + 1 else { return }
            rowDepth = depth
            var number = lastRow + 1
            if let bytes = element.attributeBytes("r") {
                guard let given = Self.integer(bytes), given >= 1, given <= CellReference.maxRow else {
                    throw failure(
                        "a row is numbered '\(String(decoding: bytes.prefix(40), as: UTF8.self))', "
                            + "not a row number from 1 to \(CellReference.maxRow)", row: lastRow + 1)
                }
                number = given
            }
            guard number > lastRow else {
                throw failure("row \(number) comes after row \(lastRow); rows must be in order", row: number)
            }
            row = number
            lastRow = number
            lastColumn = 0
            rowBytes = 0
            problem = nil
            fields.removeAll()
            return
        }
        if cellDepth == 0 {
            guard element.hasLocalName("c"), depth == rowDepth + 1 else { return }
            try startCell(element)
            return
        }
        if element.hasLocalName("f") {
            hasFormula = true
        } else if element.hasLocalName("v"), depth == cellDepth + 1 {
            hasValue = true
            textDepth = depth
        } else if element.hasLocalName("is"), depth == cellDepth + 1 {
            hasValue = true
            inlineDepth = depth
        } else if element.hasLocalName("rPh") {
            if phoneticDepth == 0 { phoneticDepth = depth }
        } else if element.hasLocalName("t"), inlineDepth > 0, phoneticDepth == 0 {
            textDepth = depth
        }
    }

    private func startCell(_ element: XMLElementStart) throws {
        cellDepth = depth
        var columnNumber = lastColumn + 1
        if let bytes = element.attributeBytes("r") {
            guard let reference = CellReference(bytes: bytes) else {
                throw failure(
                    "a cell of row \(row) is named '\(String(decoding: bytes.prefix(40), as: UTF8.self))', which is "
                        + "not a cell from A1 to XFD\(CellReference.maxRow)", row: row, column: lastColumn + 1)
            }
            guard reference.row == row else {
                throw failure("cell \(reference) is written inside row \(row)", row: row, column: reference.column)
            }
            columnNumber = reference.column
        }
        let name = "\(CellReference.columnName(columnNumber))\(row)"
        guard columnNumber > lastColumn else {
            throw failure(
                "cell \(name) comes after cell \(CellReference.columnName(lastColumn))\(row); cells must be in order",
                row: row, column: columnNumber)
        }
        guard columnNumber <= maxColumns, columnNumber <= CellReference.maxColumn else {
            throw SDMXError(
                .limitExceeded,
                "cell \(name) is in column \(columnNumber), past the \(maxColumns) columns read; "
                    + "delete what lies right of the table (or raise --max-columns)",
                location: SourceLocation(file: file, line: row, column: columnNumber))
        }
        column = columnNumber
        lastColumn = columnNumber
        type = Self.cellType(element.attributeBytes("t"))
        style = element.attributeBytes("s").flatMap(Self.integer) ?? 0
        hasFormula = false
        hasValue = false
        text.removeAll(keepingCapacity: true)
    }

    func endElement() throws {
        defer { depth -= 1 }
        if depth == textDepth { textDepth = 0 }
        if depth == phoneticDepth { phoneticDepth = 0 }
        if depth == inlineDepth { inlineDepth = 0 }
        if depth == cellDepth {
            cellDepth = 0
            try endCell()
        } else if depth == rowDepth {
            rowDepth = 0
            if fields.count > 0 { try rows(row, fields, problem) }
        } else if depth == sheetDataDepth {
            sheetDataDepth = 0
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard textDepth > 0 else { return }
        rowBytes += bytes.count
        guard rowBytes <= maxRowBytes else {
            throw SDMXError(
                .limitExceeded, "row \(row) holds more than \(maxRowBytes) bytes of text",
                location: SourceLocation(file: file, line: row, column: column))
        }
        text.append(contentsOf: bytes)
    }

    /// Adds the cell's value as field `column - 1`, after empty fields for the cells left out before it.
    private func endCell() throws {
        let name = "\(CellReference.columnName(column))\(row)"
        if hasFormula, !hasValue {
            if problem == nil {
                problem =
                    "cell \(name) has a formula but no saved value (the program that wrote the workbook did not "
                    + "compute it); open the workbook in a spreadsheet and save it, or type the value"
            }
            return
        }
        guard hasValue else { return }
        switch type {
        case .sharedString:
            guard let index = Self.integer(text[...]),
                try sharedStrings.withBytes(at: index, { try appendCell($0) }) != nil
            else {
                throw failure(
                    "cell \(name) refers to shared string \(String(decoding: text.prefix(20), as: UTF8.self)), "
                        + "which the workbook's table (of \(sharedStrings.count)) does not have", row: row,
                    column: column)
            }
        case .number:
            let stored = String(decoding: text, as: UTF8.self)
            if workbook.isDateStyle(style), let serial = Double(stored),
                let date = SpreadsheetValue.date(serial: serial, system1904: workbook.date1904)
            {
                try appendCell(date)
            } else if let decimal = SpreadsheetValue.decimal(stored) {
                try appendCell(decimal)
            } else {
                try appendCell(stored)
            }
        case .boolean:
            try appendCell(text == [UInt8(ascii: "1")] ? "true" : text == [UInt8(ascii: "0")] ? "false" : "")
        case .date:
            var stored = String(decoding: text, as: UTF8.self)
            if let time = stored.firstRange(of: "T00:00:00") { stored = String(stored[..<time.lowerBound]) }
            try appendCell(stored)
        case .inlineString, .formulaString, .error:
            try text.withUnsafeBufferPointer { try appendCell($0) }
        }
    }

    private func appendCell(_ value: String) throws {
        var value = value
        try value.withUTF8 { try appendCell($0) }
    }

    private func appendCell(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        emptyCells += column - 1 - fields.count
        guard emptyCells <= maxEmptyCells else {
            throw SDMXError(
                .limitExceeded,
                "the sheet's rows leave out more than \(maxEmptyCells) cells before their last one (cell "
                    + "\(CellReference(column: column, row: row)) is far right of the cells before it); delete what "
                    + "lies right of the table", location: SourceLocation(file: file, line: row, column: column))
        }
        while fields.count < column - 1 { fields.closeField() }
        fields.append(bytes)
    }

    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let bytes, let first = bytes.first else { return .number }
        switch (first, bytes.count) {
        case (UInt8(ascii: "s"), 1): return .sharedString
        case (UInt8(ascii: "s"), _): return .formulaString  // str
        case (UInt8(ascii: "i"), _): return .inlineString
        case (UInt8(ascii: "b"), _): return .boolean
        case (UInt8(ascii: "e"), _): return .error
        case (UInt8(ascii: "d"), _): return .date
        default: return .number
        }
    }

    /// A non-negative decimal integer of at most 9 digits.
    private static func integer<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
