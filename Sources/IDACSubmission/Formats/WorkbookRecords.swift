import SDMXCSV
import SDMXModel
import SDMXXML

/// A sheet's rows as CSV records, so that a workbook goes through the same SDMX-CSV and country-CSV
/// readers (and so the same checks) as the table saved as CSV. A record's line is its row number and
/// its fields are the columns from A; rows above `firstRow` are passed over, and rows after the
/// header get empty fields up to the header's width (a spreadsheet leaves trailing empty cells out,
/// where a CSV export writes them).
struct WorkbookRecords: CSVRecordSource {
    let workbook: Workbook
    let sheet: Workbook.Sheet
    let firstRow: Int
    let limits: ReaderLimits

    var name: String { "\(workbook.name)!\(sheet.name)" }

    func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        var headerWidth: Int?
        try workbook.readRows(
            of: sheet, maxColumns: limits.csvColumns, maxRowBytes: limits.csvRecordBytes
        ) { row, fields, problem in
            guard row >= firstRow else { return }
            if let width = headerWidth {
                while fields.count < width { fields.closeField() }
            } else {
                headerWidth = fields.count
            }
            try CSVRecord.lend(fields, line: row, textProblem: problem, to: body)
        }
    }
}
