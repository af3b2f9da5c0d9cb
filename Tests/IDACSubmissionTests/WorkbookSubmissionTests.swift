import Foundation
import IDACSubmission
import SDMXCSV
import SDMXInput
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// Excel workbooks as submissions: read with a profile or as SDMX-CSV, giving the findings the same
/// table gives as CSV, on the right cells; other spreadsheets named; hostile workbooks bounded.
@Suite struct WorkbookSubmissionTests {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    static func validate(_ path: String, profile: CountryCSVProfile? = nil) throws -> ValidationReport {
        let reports = try SubmissionValidator(catalog: catalog, profile: profile).validate(path: path)
        try #require(reports.count == 1)
        return reports[0]
    }

    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the Python that has openpyxl.
    static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.sdmx1Python ?? "python3")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    /// The rows of an SDMX-CSV file as inline-string rows of a sheet, from row `first`.
    static func rows(ofCSV path: String, first: Int = 1) throws -> String {
        var rows = ""
        var number = first
        try CSVRecordReader().read(path: path) { record in
            rows += WorkbookBuilder.textRow(number, record.fields)
            number += 1
        }
        return rows
    }

    static func findings(_ report: ValidationReport) -> [String] {
        report.findings.map { "\($0.line):\($0.column) \($0.severity.rawValue) \($0.code.rawValue) \($0.message)" }
    }

    // MARK: - the same table as CSV and as a workbook

    @Test(
        .requires(.openpyxl),
        arguments: [
            ("SampleData/invalid/uganda-2024-Q3-errors.csv", nil as String?),
            ("SampleData/invalid/tanzania-2024-rules.csv", nil),
            ("SampleData/invalid/kenya-2024-national-codes.csv", nil),
            ("SampleData/kenya-2024-quarterly.csv", nil),
            ("SampleData/country-csv/senegal-2024-refugees.csv", "SampleData/country-csv/senegal-profile.json"),
            ("SampleData/invalid/senegal-2024-unmapped-labels.csv", "SampleData/country-csv/senegal-profile.json"),
        ])
    func aWorkbookGivesTheFindingsOfTheSameTableAsCSV(csv: String, profilePath: String?) throws {
        let profile = try profilePath.map { try CountryCSVProfile.load(path: TestPaths.project($0)) }
        let book = try TestPaths.temporaryDirectory() + "/table.xlsx"
        var arguments = [TestPaths.fixture("workbooks/csv_to_xlsx.py"), TestPaths.project(csv), book]
        if profile != nil { arguments += ["--encoding", "latin-1", "--delimiter", ";", "--decimal-comma"] }
        try Self.python(arguments)
        let fromCSV = try Self.validate(TestPaths.project(csv), profile: profile)
        let fromWorkbook = try Self.validate(book, profile: profile)
        #expect(Self.findings(fromWorkbook) == Self.findings(fromCSV))
        #expect(fromWorkbook.observations == fromCSV.observations)
        #expect(fromWorkbook.series == fromCSV.series)
        #expect(fromWorkbook.sheet == "Data")
        if let finding = fromWorkbook.findings.first(where: { $0.column > 0 }) {
            let cell = "\(WorkbookBuilder.column(finding.column))\(finding.line)"
            #expect(TextReportRenderer.render(fromWorkbook).contains("table.xlsx!Data!\(cell): row \(finding.line): "))
        }
    }

    @Test(.requires(.openpyxl))
    func aProfileNamesAHiddenSheetsNeighbourAndItsHeaderRow() throws {
        let book = try TestPaths.temporaryDirectory() + "/hidden-first.xlsx"
        try Self.python([
            TestPaths.fixture("workbooks/csv_to_xlsx.py"), TestPaths.project("SampleData/kenya-2024-quarterly.csv"),
            book, "--hidden-first-sheet", "--sheet", "Figures",
        ])
        // Without a profile the hidden sheet is passed over and the visible one read as SDMX-CSV.
        let report = try Self.validate(book)
        #expect(report.isValid && report.observations == 16)
        #expect(report.sheet == "Figures")
        #expect(report.format.contains("SDMX-CSV layout"))
    }

    // MARK: - profiles: sheet and headerRow

    static let senegalProfile = """
        {"dataflow": "IDAC:DF_CHILD_MIGRATION(1.0)", "sheet": SHEET, "headerRow": 4,
         "columns": {"Pays d'origine": "COUNTRY_ORIGIN", "Sexe": "SEX", "Année": "TIME_PERIOD", "Effectif": "OBS_VALUE"},
         "fixed": {"FREQ": "A", "REF_AREA": "SEN", "INDICATOR": "MG_RFGS_CNTRY_ASYLM", "ACCOMPANIMENT": "_T",
                   "AGE": "Y0T17", "UNIT_MEASURE": "PS", "UNIT_MULT": "0", "OBS_STATUS": "A"},
         "codes": {"COUNTRY_ORIGIN": {"Burundi": "BDI"}, "SEX": {"Filles": "F", "Garçons": "M", "Total": "_T"}}}
        """

    /// A hidden notes sheet first; the table's sheet with a merged title, a blank row and a header in row 4.
    static func senegalWorkbook() -> WorkbookBuilder {
        let b = WorkbookBuilder.self
        let rows =
            b.textRow(1, ["Office national de la statistique"]) + b.textRow(3, ["Source : HCR"])
            + b.textRow(4, ["Pays d'origine", "Sexe", "Année", "Effectif"])
            + b.row(
                5,
                [
                    ("A5", "s", "<v>0</v>"), ("B5", "s", "<v>1</v>"), ("C5", nil, "<v>2024</v>"),
                    ("D5", nil, "<v>1250</v>"),
                ])
            + b.row(
                6,
                [
                    ("A6", "s", "<v>0</v>"), ("B6", "s", "<v>2</v>"), ("C6", nil, "<v>2024</v>"),
                    ("D6", nil, "<v>1310</v>"),
                ])
            + b.row(
                7,
                [
                    ("A7", "s", "<v>0</v>"), ("B7", "s", "<v>3</v>"), ("C7", nil, "<v>2024</v>"),
                    ("D7", nil, "<f>D5+D6</f><v>2560</v>"),
                ])
        let sheet = WorkbookBuilder.Sheet(
            "Tableau 1",
            xml: b.worksheet(rows).replacingOccurrences(
                of: "</sheetData>", with: "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:D1\"/></mergeCells>")
        )
        return WorkbookBuilder(
            sheets: [.init("Notes", rows: b.textRow(1, ["Pays d'origine"]), hidden: true), sheet],
            sharedStrings: ["Burundi", "Filles", "Garçons", "Total"])
    }

    static func profile(sheet: String) throws -> CountryCSVProfile {
        let path = try write(Array(senegalProfile.replacingOccurrences(of: "SHEET", with: sheet).utf8), "profile.json")
        return try CountryCSVProfile.load(path: path)
    }

    @Test func aProfileReadsTheSheetItNamesFromItsHeaderRow() throws {
        let book = try Self.write(Self.senegalWorkbook().bytes(), "senegal.xlsx")
        for sheet in ["\"Tableau 1\"", "2"] {
            let report = try Self.validate(book, profile: Self.profile(sheet: sheet))
            #expect(report.isValid, "\(Self.findings(report))")
            #expect(report.observations == 3)
            #expect(report.sheet == "Tableau 1")
        }
        // Row 3 is not the header the profile names: its text is not the columns'.
        var broken = Self.senegalWorkbook()
        broken.sheets[1].xml = broken.sheets[1].xml.replacingOccurrences(of: "Effectif", with: "Nombre")
        let report = try Self.validate(Self.write(broken.bytes(), "renamed.xlsx"), profile: Self.profile(sheet: "2"))
        #expect(report.findings.first?.line == 4)
        #expect(report.findings.first?.message.contains("no column 'Effectif'") == true)
    }

    @Test func aProfileNamingAnAbsentSheetIsTheRunsError() throws {
        let book = try Self.write(Self.senegalWorkbook().bytes(), "senegal.xlsx")
        #expect(throws: SDMXError.self) { try Self.validate(book, profile: Self.profile(sheet: "\"Tableau 9\"")) }
        #expect(throws: SDMXError.self) { try Self.validate(book, profile: Self.profile(sheet: "7")) }
    }

    @Test func aWorkbookWithNoSDMXHeaderAndNoProfileIsNamedAndAdvised() throws {
        let book = try Self.write(Self.senegalWorkbook().bytes(), "senegal.xlsx")
        let report = try Self.validate(book)
        #expect(report.findings.map(\.code) == [.unsupportedFormat])
        #expect(report.findings.first?.message.contains("--profile") == true)
        #expect(report.format == "Excel workbook")
    }

    @Test func aFormulaWithNoSavedValueIsAFindingOnItsRow() throws {
        var book = Self.senegalWorkbook()
        book.sheets[1].xml = book.sheets[1].xml.replacingOccurrences(of: "<v>2560</v>", with: "")
        let report = try Self.validate(Self.write(book.bytes(), "unsaved.xlsx"), profile: Self.profile(sheet: "2"))
        let finding = try #require(report.findings.first { $0.code == .malformedInput })
        #expect(finding.line == 7)
        #expect(finding.message.contains("cell D7 has a formula but no saved value"))
        #expect(TextReportRenderer.render(report).contains("unsaved.xlsx!Tableau 1: row 7: error: MALFORMED_INPUT"))
    }

    @Test func inspectCountsAWorkbook() throws {
        let rows = try Self.rows(ofCSV: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"))
        let book = try Self.write(WorkbookBuilder(sheets: [.init("Data", rows: rows)]).bytes(), "tanzania.xlsx")
        let inspection = try Inspector(catalog: Self.catalog).inspect(path: book)
        guard case .data(_, let format, let structures, _, _, let observations) = inspection.first else {
            Issue.record("not read as data: \(inspection)")
            return
        }
        #expect(format.contains("SDMX-CSV layout"))
        #expect(structures == ["IDAC:DF_CHILD_MIGRATION(1.0)"])
        #expect(observations > 20)
    }

    // MARK: - other spreadsheets

    @Test func oldExcelAndOpenDocumentSpreadsheetsAreNamedWithAdvice() throws {
        let xls = try Self.write(
            [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504), "old.xls")
        let mimetype = Array("application/vnd.oasis.opendocument.spreadsheet".utf8)
        let ods = try Self.write(
            ZipBuilder([.init("mimetype", mimetype), .init("content.xml", Array("<office:document-content/>".utf8))])
                .bytes(), "table.ods")
        for (path, what) in [(xls, "Excel 97-2003 workbook (.xls"), (ods, "OpenDocument spreadsheet (.ods)")] {
            let report = try Self.validate(path)
            #expect(report.findings.map(\.code) == [.unsupportedFormat])
            let message = report.findings.first?.message ?? ""
            #expect(message.contains(what) && message.contains("save it as an Excel workbook (.xlsx)"), "\(message)")
        }
    }

    // MARK: - hostile workbooks

    static func kenyaWorkbook(sheetXML: ((String) -> String)? = nil) throws -> WorkbookBuilder {
        let rows = try rows(ofCSV: TestPaths.project("SampleData/invalid/tanzania-2024-rules.csv"))
        return WorkbookBuilder(sheets: [.init("Data", xml: (sheetXML ?? { WorkbookBuilder.worksheet($0) })(rows))])
    }

    /// The report of a hostile workbook: one finding of `code` whose message says `says`, in seconds.
    static func refused(_ builder: WorkbookBuilder, _ name: String, code: FindingCode = .malformedInput, says: String)
        throws
    {
        let path = try write(builder.bytes(), name)
        let start = Date()
        let report = try validate(path)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(report.findings.contains { $0.code == code && $0.message.contains(says) }, "\(findings(report))")
        #expect(!report.isValid)
    }

    @Test func aSheetDeclaringExcelsWholeGridIsReadByItsRows() throws {
        let book = try Self.kenyaWorkbook { WorkbookBuilder.worksheet($0, dimension: "A1:XFD1048576") }
        let start = Date()
        let report = try Self.validate(Self.write(book.bytes(), "dimension.xlsx"))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(report.observations > 20)
    }

    @Test func cellReferencesBeyondTheGridOrPastTheColumnLimitAreRefused() throws {
        let b = WorkbookBuilder.self
        let extra = [
            ("XFE50", "not a cell from A1 to XFD1048576"), ("A1048577", "not a cell from A1 to XFD1048576"),
            ("XFD50", "past the 10000 columns read"),
        ]
        for (reference, says) in extra {
            let book = try Self.kenyaWorkbook {
                b.worksheet($0 + b.row(50, [(reference, "inlineStr", "<is><t>note</t></is>")]))
            }
            try Self.refused(book, "grid.xlsx", says: says)
        }
        let rowsOutOfRange = try Self.kenyaWorkbook { b.worksheet($0 + "<row r=\"99999999999\"><c><v>1</v></c></row>") }
        try Self.refused(rowsOutOfRange, "rows.xlsx", says: "not a row number from 1 to 1048576")
    }

    @Test func aPartWithADoctypeIsRefusedUnread() throws {
        let doctype = "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        let sheet = try Self.kenyaWorkbook {
            WorkbookBuilder.worksheet($0).replacingOccurrences(of: "?><worksheet", with: "?>\(doctype)<worksheet")
        }
        try Self.refused(sheet, "doctype.xlsx", says: "<!DOCTYPE>")
        var strings = try Self.kenyaWorkbook()
        strings.sharedStrings = "<?xml version=\"1.0\"?><!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst/>"
        try Self.refused(strings, "doctype-strings.xlsx", says: "<!DOCTYPE>")
        var index = try Self.kenyaWorkbook()
        index.workbookXML = "<?xml version=\"1.0\"?>\(doctype)<workbook/>"
        try Self.refused(index, "doctype-workbook.xlsx", says: "<!DOCTYPE>")
    }

    @Test func millionsOfSharedStringsAreRefusedNotHeld() throws {
        var book = try Self.kenyaWorkbook()
        book.sharedStrings =
            "<sst xmlns=\"\(WorkbookBuilder.mainNamespace)\">"
            + String(repeating: "<si/>", count: 2_000_000) + "</sst>"
        try Self.refused(book, "strings.xlsx", says: "more than 1000000 entries")
    }

    @Test func aWorkbookDeclaringAnArchiveBombIsRefusedBeforeItIsRead() throws {
        var entries = try Self.kenyaWorkbook().entries()
        let sheet = try #require(entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" })
        entries[sheet].declaredSize = 0xFFFF_FF00
        let path = try Self.write(ZipBuilder(entries).bytes(), "bomb.xlsx")
        let report = try Self.validate(path)
        #expect(report.findings.contains { $0.message.contains("archive bomb") }, "\(Self.findings(report))")
        #expect(!report.isValid)
    }
}
