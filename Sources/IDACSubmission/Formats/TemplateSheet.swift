import SDMXCSV
import SDMXModel
import SDMXXML

/// The hidden sheet of a workbook made by `idac template`: the profile that reads it back, as rows
/// of a key and values, so that a filled-in template validates with no profile.
///
/// | A | B | C |
/// |---|---|---|
/// | `idac template` | `1` (the layout's version) | |
/// | `dataflow` | `IDAC:DF_CHILD_MIGRATION(1.0)` | |
/// | `sheet` | `Data` | |
/// | `headerRow` | `2` | |
/// | `column` | the header text | the component id |
/// | `fixed` | the component id | the value |
public enum TemplateSheet {
    /// The hidden sheet's name, which the reader looks for.
    public static let name = "idac-template"
    /// The text in column A of the row that marks the sheet as a template's (the name alone could be a coincidence).
    public static let marker = "idac template"
    /// Rows read from the sheet at most: a template has one per component.
    static let maxRows = 1000

    /// The profile a template carries; nil when the workbook has no such sheet.
    static func profile(in workbook: Workbook, limits: ReaderLimits) throws -> CountryCSVProfile? {
        guard let sheet = workbook.sheets.first(where: { $0.name == name }) else { return nil }
        let source = "\(workbook.name)!\(name)"
        var dataflow: String?, dataSheet: String?, headerRow: Int?, isTemplate = false
        var columns: [String: String] = [:], fixed: [String: String] = [:]
        var rows = 0
        try workbook.readRows(of: sheet, maxColumns: 3, maxRowBytes: 1 << 20) { row, fields, _ in
            rows += 1
            guard rows <= maxRows else {
                throw SDMXError(.limitExceeded, "\(source) has more than \(maxRows) rows; it is not idac's")
            }
            let values = (0..<3).map { $0 < fields.count ? fields.string(at: $0) : "" }
            switch values[0] {
            case marker: isTemplate = true
            case "dataflow": dataflow = values[1]
            case "sheet": dataSheet = values[1]
            case "headerRow": headerRow = Int(values[1])
            case "column": columns[values[1]] = values[2]
            case "fixed": fixed[values[1]] = values[2]
            default: break
            }
        }
        guard isTemplate else { return nil }
        guard let dataflow, let dataSheet, let headerRow, !columns.isEmpty else {
            throw SDMXError(
                .malformedInput,
                "\(source), the sheet idac template writes, lacks its dataflow, sheet, header row or columns; "
                    + "make the template again with idac template")
        }
        let profile = CountryCSVProfile(
            dataflow: dataflow, columns: columns, fixed: fixed.isEmpty ? nil : fixed, sheet: .name(dataSheet),
            headerRow: headerRow, source: source)
        try profile.check()
        return profile
    }
}
