#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import SDMXModel
import SDMXValidation

/// Writes the Excel workbook an office fills in for a dataflow (`idac template`): a "Data" sheet with
/// one column per component (its id and name in the header), drop-downs from each code list as the
/// dataflow's constraints restrict it, a number rule on the measure, TIME_PERIOD checked against the
/// frequency; a "Codes" sheet the drop-downs point to (Excel's inline lists stop at 255 characters),
/// with the codes' names; a "Read me" sheet; and the hidden ``TemplateSheet`` that lets `idac` read
/// the filled-in workbook back with no profile.
public struct TemplateBuilder {
    /// The dataflow's structure, resolved, whose components become the columns.
    public var structure: ResolvedStructure
    /// REF_AREA's value for every row, when the template is for one country.
    public var country: String?
    /// Data rows that get the drop-downs and rules.
    public var rows = 5000

    /// The sheet's title row, then the header row; data starts below.
    static let headerRow = 2

    /// Resolves `dataflow` (every code list it needs must be loaded); with `country`, checks that the structure has
    /// REF_AREA and that the code is in its code list.
    public init(catalog: StructureCatalog, dataflow: ArtefactReference, country: String?) throws {
        structure = try catalog.resolve(dataflow)
        if let country {
            guard let area = structure.components.first(where: { $0.id == "REF_AREA" }) else {
                throw SDMXError(.invalidStructure, "\(dataflow) has no REF_AREA dimension to fix with --country")
            }
            if let codelist = area.codelist, !codelist.contains(country) {
                throw SDMXError(
                    .invalidStructure,
                    "--country \(country) is not in \(codelist.reference); give an ISO 3166 alpha-3 code such as KEN")
            }
        }
        self.country = country
    }

    /// The components that get a column: all but the fixed ones.
    var columns: [ResolvedComponent] {
        structure.components.filter { !(country != nil && $0.id == "REF_AREA") }
    }

    var fixed: [String: String] { country.map { ["REF_AREA": $0] } ?? [:] }

    static func header(_ component: ResolvedComponent) -> String {
        component.conceptName.isEmpty || component.conceptName == component.id
            ? component.id : "\(component.id): \(component.conceptName)"
    }

    /// The codes a component may take: its code list, less what the constraints exclude.
    public func allowedCodes(_ component: ResolvedComponent) -> [Code] {
        guard let codelist = component.codelist, let index = structure.index(of: component.id) else { return [] }
        let checker = ConstraintChecker(structure: structure)
        return codelist.codes.filter { checker.mayAllow($0.id, componentIndex: index) }
    }

    /// Writes the workbook to `path` (a new file libxlsxwriter makes; the caller moves it into place).
    public func write(to path: String) throws {
        let book = try XLSXWriter(path: path)
        let data = try book.addSheet("Data")
        let codesSheet = try book.addSheet("Codes")
        let readMe = try book.addSheet("Read me")
        let hidden = try book.addSheet(TemplateSheet.name, hidden: true)
        let columns = self.columns
        let lastColumn = max(columns.count - 1, 0)
        let firstData = Self.headerRow  // zero-based: the row after the header
        let dataRows = firstData...(firstData + rows - 1)
        let flowName = structure.dataflow.map { "\($0.reference) \($0.info.name)" } ?? structure.name
        try book.merge(
            "\(flowName)" + (country.map { " — REF_AREA \($0)" } ?? ""), sheet: data, row: 0,
            columns: 0...lastColumn, style: .title)
        // Text columns, so that Excel does not make 2024-03 a date or 004 a number.
        try book.setColumns(sheet: data, 0...lastColumn, width: 18, style: .text)
        book.freeze(sheet: data, rows: Self.headerRow)
        book.activate(sheet: data)

        var codeColumn = 0
        let frequencies = frequencyCodes()
        for (index, component) in columns.enumerated() {
            try book.write(Self.header(component), sheet: data, row: Self.headerRow - 1, column: index, style: .bold)
            if component.role == .measure, component.codelist == nil {
                try book.setColumns(sheet: data, index...index, width: 14)
            }
            if component.codelist != nil {
                let codes = allowedCodes(component)
                try book.write(component.id, sheet: codesSheet, row: 0, column: codeColumn, style: .bold)
                try book.write(component.conceptName, sheet: codesSheet, row: 0, column: codeColumn + 1, style: .bold)
                for (offset, code) in codes.enumerated() {
                    try book.write(code.id, sheet: codesSheet, row: offset + 1, column: codeColumn, style: .text)
                    try book.write(code.name, sheet: codesSheet, row: offset + 1, column: codeColumn + 1)
                }
                try book.setColumns(sheet: codesSheet, codeColumn...codeColumn, width: 14)
                try book.setColumns(sheet: codesSheet, (codeColumn + 1)...(codeColumn + 1), width: 40)
                if !codes.isEmpty {
                    let letter = Self.columnName(codeColumn + 1)
                    try book.validate(
                        sheet: data, rows: dataRows, column: index,
                        rule: .list(formula: "='Codes'!$\(letter)$2:$\(letter)$\(codes.count + 1)"),
                        title: component.id,
                        prompt: "Pick a code from the list; the Codes sheet gives each code's name.",
                        error: "This is not a code of \(component.id) that the Alliance accepts here; "
                            + "see the Codes sheet.")
                }
                codeColumn += 3
            } else if component.role == .measure || Self.isNumeric(component.textFormat) {
                let whole = Self.isWhole(component.textFormat)
                try book.validate(
                    sheet: data, rows: dataRows, column: index, rule: whole ? .wholeNumber : .decimal,
                    title: component.id,
                    prompt: whole
                        ? "A whole number, without thousands separators; leave it empty for a missing value."
                        : "A number (a point before decimals, no thousands separators); empty when missing.",
                    error: whole ? "\(component.id) takes a whole number." : "\(component.id) takes a number.")
            } else if component.role == .time,
                let formula = timeFormula(
                    column: index, frequencies: frequencies, columns: columns)
            {
                try book.validate(
                    sheet: data, rows: dataRows, column: index, rule: .custom(formula: formula), title: component.id,
                    prompt: "The period, as the frequency says: 2024 (A), 2024-S1, 2024-Q3, 2024-07 (M), 2024-W05, "
                        + "2024-07-15 (D).",
                    error: "This period does not match the frequency of the row (2024, 2024-Q3, 2024-07…).")
            }
        }
        try writeReadMe(book, sheet: readMe, flowName: flowName)
        try writeProfile(book, sheet: hidden, columns: columns)
        try book.close()
    }

    /// The frequencies the dataflow allows (FREQ's allowed codes), if it has a FREQ dimension.
    private func frequencyCodes() -> [String] {
        guard let frequency = structure.components.first(where: { $0.id == "FREQ" }) else { return [] }
        return allowedCodes(frequency).map(\.id)
    }

    /// A formula true when the period in `column` matches the row's FREQ (a column or a fixed value).
    private func timeFormula(column: Int, frequencies: [String], columns: [ResolvedComponent]) -> String? {
        let row = Self.headerRow + 1
        let period = "\(Self.columnName(column + 1))\(row)"
        let shapes: [String: String] = [
            "A": "LEN(P)=4",
            "S": "AND(LEN(P)=7,MID(P,5,2)=\"-S\")",
            "Q": "AND(LEN(P)=7,MID(P,5,2)=\"-Q\")",
            "M": "AND(LEN(P)=7,MID(P,5,1)=\"-\",ISNUMBER(VALUE(RIGHT(P,2))))",
            "W": "AND(LEN(P)=8,MID(P,5,2)=\"-W\")",
            "D": "AND(LEN(P)=10,MID(P,5,1)=\"-\",MID(P,8,1)=\"-\")",
        ]
        let known = frequencies.filter { shapes[$0] != nil }
        guard !known.isEmpty, known.count == frequencies.count else { return nil }
        let frequency: String
        if let index = columns.firstIndex(where: { $0.id == "FREQ" }) {
            frequency = "$\(Self.columnName(index + 1))\(row)"
        } else if let value = fixed["FREQ"] {
            frequency = "\"\(value)\""
        } else {
            return nil
        }
        let cases = known.map { code in
            "AND(\(frequency)=\"\(code)\",\(shapes[code, default: "TRUE"].replacingOccurrences(of: "P", with: period)))"
        }
        return "=OR(\(cases.joined(separator: ",")))"
    }

    private func writeReadMe(_ book: XLSXWriter, sheet: Int, flowName: String) throws {
        let lines = [
            "How to fill in this workbook",
            "",
            "This workbook reports \(flowName) to the International Data Alliance for Children on the Move.",
            country.map { "It is for REF_AREA \($0): every row is that country's." } ?? "",
            "1. On the Data sheet, write one observation per row, from row \(Self.headerRow + 1) down; "
                + "do not change the header in row \(Self.headerRow) or rename the sheets.",
            "2. Coded columns have drop-down lists: pick a code. The Codes sheet lists every code with its name.",
            "3. OBS_VALUE takes a number, with a point before decimals and no thousands separators. "
                + "Leave it empty for a missing value and give OBS_STATUS (for example O, missing).",
            "4. TIME_PERIOD follows the frequency: 2024 (annual), 2024-Q3 (quarterly), 2024-07 (monthly).",
            "5. Check the file before sending it: idac validate FILE.xlsx (no profile is needed).",
            "",
            "Leave the hidden sheet '\(TemplateSheet.name)' as it is: it tells idac how to read this workbook.",
        ].filter { !$0.isEmpty || true }
        try book.setColumns(sheet: sheet, 0...0, width: 110, style: .wrapped)
        for (row, line) in lines.enumerated() where !line.isEmpty {
            try book.write(line, sheet: sheet, row: row, column: 0, style: row == 0 ? .title : .wrapped)
        }
    }

    private func writeProfile(_ book: XLSXWriter, sheet: Int, columns: [ResolvedComponent]) throws {
        var rows: [[String]] = [
            [TemplateSheet.marker, "1"],
            ["dataflow", (structure.dataflow?.reference ?? structure.reference).description],
            ["sheet", "Data"],
            ["headerRow", String(Self.headerRow)],
        ]
        rows += columns.map { ["column", Self.header($0), $0.id] }
        rows += fixed.sorted { $0.key < $1.key }.map { ["fixed", $0.key, $0.value] }
        for (row, values) in rows.enumerated() {
            for (column, value) in values.enumerated() {
                try book.write(value, sheet: sheet, row: row, column: column, style: .text)
            }
        }
    }

    static func isNumeric(_ format: TextFormat?) -> Bool {
        guard let type = format?.textType else { return false }
        return [.decimal, .float, .double, .integer, .long, .short, .bigInteger, .numeric, .count].contains(type)
    }

    static func isWhole(_ format: TextFormat?) -> Bool {
        guard let format else { return false }
        return [.integer, .long, .short, .bigInteger, .count].contains(format.textType) || format.decimals == 0
    }

    /// `A` for 1.
    static func columnName(_ number: Int) -> String {
        var letters = "", rest = number
        while rest > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}
