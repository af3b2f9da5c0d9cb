import Foundation
import SDMXInput
import SDMXModel
import SDMXXML
import TestSupport
import Testing

/// The workbook reader's cells: each encoding a real workbook uses becomes the text a CSV export would
/// hold, and a sheet streams as rows of fields by column.
@Suite struct WorkbookReaderTests {
    /// Reads every row of the first sheet (or `sheet`) of a built workbook.
    static func rows(_ builder: WorkbookBuilder, sheet: Int = 0) throws -> [(Int, [String], String?)] {
        let path = try TestPaths.temporaryDirectory() + "/book.xlsx"
        try Data(builder.bytes()).write(to: URL(fileURLWithPath: path))
        let workbook = try Workbook(archive: ZipArchive(path: path), name: "book.xlsx")
        var rows: [(Int, [String], String?)] = []
        try workbook.readRows(of: workbook.sheets[sheet], maxColumns: 10_000, maxRowBytes: 1 << 20) {
            row, fields, problem in
            rows.append((row, (0..<fields.count).map(fields.string(at:)), problem))
        }
        return rows
    }

    @Test func cellsReadAsACSVExportWouldHoldThem() throws {
        let b = WorkbookBuilder.self
        let sheet = WorkbookBuilder.Sheet(
            "Data",
            rows: b.row(1, [("A1", "inlineStr", "<is><t>Kenya, 2024</t></is>")])
                // Cells left out (B, C), a shared string kept as text (`004`), a number, a boolean, an error.
                + b.row(
                    2,
                    [
                        ("A2", "s", "<v>0</v>"), ("D2", nil, "<v>4</v>"), ("E2", "b", "<v>1</v>"),
                        ("F2", "e", "<v>#N/A</v>"),
                    ])
                // Numbers as the shortest decimal, never with an exponent.
                + b.row(
                    3,
                    [
                        ("A3", nil, "<v>1E-5</v>"), ("B3", nil, "<v>0.1</v>"), ("C3", nil, "<v>120455</v>"),
                        ("D3", nil, "<v>1.5E+20</v>"), ("E3", nil, "<v>-2.50</v>"),
                    ])
                // A row of styled empty cells is no row.
                + "<row r=\"4\"><c r=\"A4\" s=\"1\"/><c r=\"B4\" s=\"1\"/></row>"
                // Rich text runs, with a phonetic reading left out; a formula's saved value; a formula without one.
                + b.row(
                    5,
                    [
                        (
                            "A5", "inlineStr",
                            "<is><r><t>Refugee </t></r><r><rPr><b/></rPr><t>Affairs</t></r><rPh sb=\"0\" eb=\"1\"><t>ナンミン</t></rPh></is>"
                        ),
                        ("B5", nil, "<f>400+12</f><v>412</v>"), ("C5", "str", "<f>\"K\"&amp;\"EN\"</f><v>KEN</v>"),
                        ("D5", nil, "<f>SUM(A1:A2)</f>"),
                    ])
                // Dates where the style shows one (xf 1: built-in 14; xf 2: `yyyy\-mm`; xf 3: `0.00`, not a date).
                + b.row(
                    6,
                    [
                        ("A6", nil, "<v>45306</v>"), ("B6", nil, "<v>45306.5</v>"), ("C6", nil, "<v>60</v>"),
                        ("D6", nil, "<v>59</v>"), ("E6", nil, "<v>61</v>"), ("F6", nil, "<v>45306</v>"),
                        ("G6", nil, "<v>45306</v>"),
                    ]
                )
                .replacingOccurrences(of: "<c r=\"A6\"", with: "<c r=\"A6\" s=\"1\"")
                .replacingOccurrences(of: "<c r=\"B6\"", with: "<c r=\"B6\" s=\"1\"")
                .replacingOccurrences(of: "<c r=\"C6\"", with: "<c r=\"C6\" s=\"1\"")
                .replacingOccurrences(of: "<c r=\"D6\"", with: "<c r=\"D6\" s=\"1\"")
                .replacingOccurrences(of: "<c r=\"E6\"", with: "<c r=\"E6\" s=\"1\"")
                .replacingOccurrences(of: "<c r=\"F6\"", with: "<c r=\"F6\" s=\"2\"")
                .replacingOccurrences(of: "<c r=\"G6\"", with: "<c r=\"G6\" s=\"3\"")
                // Cells without references follow the one before; an ISO date cell.
                + "<row r=\"8\"><c t=\"inlineStr\"><is><t>x</t></is></c><c><v>7</v></c><c t=\"d\"><v>2024-03-31T00:00:00</v></c></row>"
        )
        var builder = WorkbookBuilder(sheets: [sheet], sharedStrings: ["004"])
        builder.styles = WorkbookBuilder.stylesXML(numberFormats: [0, 14, 164, 2], codes: [164: "yyyy\\-mm"])
        let rows = try Self.rows(builder)
        #expect(rows.map(\.0) == [1, 2, 3, 5, 6, 8])
        #expect(rows[0].1 == ["Kenya, 2024"])
        #expect(rows[1].1 == ["004", "", "", "4", "true", "#N/A"])
        #expect(rows[2].1 == ["0.00001", "0.1", "120455", "150000000000000000000", "-2.5"])
        #expect(rows[3].1 == ["Refugee Affairs", "412", "KEN"])
        #expect(rows[3].2?.contains("cell D5 has a formula but no saved value") == true)
        #expect(rows[1].2 == nil)
        #expect(
            rows[4].1 == [
                "2024-01-15", "2024-01-15T12:00:00", "1900-02-29", "1900-02-28", "1900-03-01", "2024-01-15", "45306",
            ])
        #expect(rows[5].1 == ["x", "7", "2024-03-31"])
    }

    /// A few bytes per row (`<c r="NTP7">`) would otherwise cost thousands of empty fields per row.
    @Test func cellsLeftOutAreBoundedForTheWholeSheet() throws {
        let rows = (1...50).map { WorkbookBuilder.row($0, [("NTP\($0)", nil, "<v>1</v>")]) }.joined()
        let builder = WorkbookBuilder(sheets: [.init("Data", rows: rows)])
        let path = try TestPaths.temporaryDirectory() + "/sparse.xlsx"
        try Data(builder.bytes()).write(to: URL(fileURLWithPath: path))
        let limits = WorkbookLimits(maxEmptyCells: 100_000)
        let workbook = try Workbook(archive: ZipArchive(path: path), name: "sparse.xlsx", limits: limits)
        var read = 0
        let error = #expect(throws: SDMXError.self) {
            try workbook.readRows(of: workbook.sheets[0], maxColumns: 10_000, maxRowBytes: 1 << 20) { _, _, _ in
                read += 1
            }
        }
        #expect(error?.message.contains("leave out more than 100000 cells") == true)
        #expect(read == 10)  // each row leaves out 9999 cells: the eleventh passes the bound
    }

    @Test func the1904DateSystemCountsFromItsOwnStart() throws {
        var builder = WorkbookBuilder(
            sheets: [
                .init(
                    "Data",
                    rows: WorkbookBuilder.row(1, [("A1", nil, "<v>0</v>"), ("B1", nil, "<v>43844</v>")])
                        .replacingOccurrences(of: "<c ", with: "<c s=\"1\" "))
            ])
        builder.styles = WorkbookBuilder.stylesXML(numberFormats: [0, 14])
        builder.date1904 = true
        #expect(try Self.rows(builder).first?.1 == ["1904-01-01", "2024-01-15"])
    }

    @Test func sheetsKeepTheirOrderNamesAndVisibility() throws {
        let builder = WorkbookBuilder(sheets: [
            .init("Notes", rows: WorkbookBuilder.textRow(1, ["hidden"]), hidden: true),
            .init("Data", rows: WorkbookBuilder.textRow(1, ["shown"])),
        ])
        let path = try TestPaths.temporaryDirectory() + "/sheets.xlsx"
        try Data(builder.bytes()).write(to: URL(fileURLWithPath: path))
        let workbook = try Workbook(archive: ZipArchive(path: path), name: "sheets.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Notes", "Data"])
        #expect(workbook.sheets.map(\.hidden) == [true, false])
        #expect(try Self.rows(builder, sheet: 1).first?.1 == ["shown"])
    }

    @Test func cellReferencesStayInsideExcelsGrid() {
        func parse(_ text: String) -> CellReference? {
            var text = text
            return text.withUTF8 { CellReference(bytes: $0) }
        }
        #expect(parse("C12") == CellReference(column: 3, row: 12))
        #expect(parse("XFD1048576") == CellReference(column: 16_384, row: 1_048_576))
        #expect(parse("XFE1") == nil)
        #expect(parse("A1048577") == nil)
        #expect(parse("A0") == nil)
        #expect(parse("AAAA1") == nil)
        #expect(parse("12") == nil)
        #expect(CellReference.columnName(28) == "AB")
    }

    @Test func numbersAreTheShortestDecimalThatReadsBack() {
        #expect(SpreadsheetValue.plainDecimal(0.30000000000000004) == "0.30000000000000004")
        #expect(SpreadsheetValue.plainDecimal(1234.5) == "1234.5")
        #expect(SpreadsheetValue.plainDecimal(1e-7) == "0.0000001")
        #expect(SpreadsheetValue.plainDecimal(-0.0) == "0")
        #expect(SpreadsheetValue.plainDecimal(100) == "100")
        #expect(SpreadsheetValue.decimal("abc") == nil)
        #expect(SpreadsheetValue.isDateFormat(id: 0, code: "\"Total\" 0.00") == false)
        #expect(SpreadsheetValue.isDateFormat(id: 0, code: "[$-409]d-mmm-yy") == true)
        #expect(SpreadsheetValue.isDateFormat(id: 22, code: nil) == true)
        #expect(SpreadsheetValue.date(serial: -1, system1904: false) == nil)
    }
}
