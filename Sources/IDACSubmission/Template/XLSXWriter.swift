internal import CXLSXWriter
import SDMXModel

/// A workbook being written by libxlsxwriter: the C handle lives here and nowhere else, freed in
/// `deinit` when the workbook was never closed (so an error leaves no file behind). Sheets are
/// named by their index in ``sheets``; the library copies every string it is given.
final class XLSXWriter {
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var sheets: [UnsafeMutablePointer<lxw_worksheet>] = []
    private var formats: [UnsafeMutablePointer<lxw_format>] = []
    private let path: String

    enum Style: Int {
        case plain, bold, text, title, wrapped
    }

    init(path: String) throws {
        self.path = path
        guard let created = path.withCString({ workbook_new($0) }) else {
            throw SDMXError(.unreadableFile, "libxlsxwriter could not start a workbook")
        }
        workbook = created
        // The formats, in the order of ``Style``.
        for style in [Style.plain, .bold, .text, .title, .wrapped] {
            guard let format = workbook_add_format(created) else {
                throw SDMXError(.unreadableFile, "libxlsxwriter could not add a format")
            }
            switch style {
            case .plain: break
            case .bold: format_set_bold(format)
            case .text: format_set_num_format(format, "@")
            case .title:
                format_set_bold(format)
                format_set_font_size(format, 14)
            case .wrapped: format_set_text_wrap(format)
            }
            formats.append(format)
        }
    }

    deinit {
        if let workbook { lxw_workbook_free(workbook) }
    }

    /// Adds a sheet; its index for the other calls.
    func addSheet(_ name: String, hidden: Bool = false) throws -> Int {
        guard let workbook, let sheet = name.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw SDMXError(.unreadableFile, "libxlsxwriter could not add the sheet '\(name)'")
        }
        if hidden { worksheet_hide(sheet) }
        sheets.append(sheet)
        return sheets.count - 1
    }

    func write(_ text: String, sheet: Int, row: Int, column: Int, style: Style = .plain) throws {
        try check(
            text.withCString {
                worksheet_write_string(sheets[sheet], UInt32(row), UInt16(column), $0, formats[style.rawValue])
            },
            "writing a cell")
    }

    func merge(_ text: String, sheet: Int, row: Int, columns: ClosedRange<Int>, style: Style = .plain) throws {
        guard columns.count > 1 else {
            return try write(text, sheet: sheet, row: row, column: columns.lowerBound, style: style)
        }
        try check(
            text.withCString {
                worksheet_merge_range(
                    sheets[sheet], UInt32(row), UInt16(columns.lowerBound), UInt32(row), UInt16(columns.upperBound), $0,
                    formats[style.rawValue])
            }, "merging cells")
    }

    func setColumns(sheet: Int, _ columns: ClosedRange<Int>, width: Double, style: Style = .plain) throws {
        try check(
            worksheet_set_column(
                sheets[sheet], UInt16(columns.lowerBound), UInt16(columns.upperBound), width, formats[style.rawValue]),
            "setting column widths")
    }

    func freeze(sheet: Int, rows: Int) {
        worksheet_freeze_panes(sheets[sheet], UInt32(rows), 0)
    }

    func activate(sheet: Int) {
        worksheet_activate(sheets[sheet])
    }

    enum Rule {
        /// A drop-down of the cells a formula names (`='Codes'!$A$2:$A$20`).
        case list(formula: String)
        case wholeNumber
        case decimal
        /// A formula that must be true (relative to the range's first cell).
        case custom(formula: String)
    }

    /// A data validation on rows `rows` of `column`, with a prompt and an error message (each cut to
    /// Excel's 255 characters, titles to 32).
    func validate(
        sheet: Int, rows: ClosedRange<Int>, column: Int, rule: Rule, title: String, prompt: String, error: String
    ) throws {
        var validation = lxw_data_validation()
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func copy(_ text: String, limit: Int) -> UnsafeMutablePointer<CChar>? {
            let copied = strdup(String(text.prefix(limit)))
            if let copied { owned.append(copied) }
            return copied
        }
        validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        switch rule {
        case .list(let formula):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = copy(formula, limit: 8000)
        case .wholeNumber, .decimal:
            let isWhole: Bool
            if case .wholeNumber = rule { isWhole = true } else { isWhole = false }
            validation.validate = UInt8(
                isWhole ? LXW_VALIDATION_TYPE_INTEGER.rawValue : LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            validation.minimum_number = -1e15
            validation.maximum_number = 1e15
        case .custom(let formula):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            validation.value_formula = copy(formula, limit: 8000)
        }
        validation.input_title = copy(title, limit: 32)
        validation.input_message = copy(prompt, limit: 255)
        validation.error_title = copy(title, limit: 32)
        validation.error_message = copy(error, limit: 255)
        try check(
            worksheet_data_validation_range(
                sheets[sheet], UInt32(rows.lowerBound), UInt16(column), UInt32(rows.upperBound), UInt16(column),
                &validation), "adding a data validation")
    }

    /// Writes the file and frees the workbook.
    func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        let status = workbook_close(workbook)
        try check(status, "writing \(path)")
    }

    private func check(_ status: lxw_error, _ what: String) throws {
        guard status != LXW_NO_ERROR else { return }
        throw SDMXError(.unreadableFile, "libxlsxwriter failed \(what): \(String(cString: lxw_strerror(status)))")
    }
}
