import Foundation
import IDACSubmission
import SDMXModel
import SDMXValidation
import TestSupport
import Testing

/// `idac template`: a workbook per Alliance dataflow that a spreadsheet library opens with its
/// sheets and drop-downs, and that idac reads back, once filled in, with no profile.
@Suite struct TemplateTests {
    static let catalog = WorkbookSubmissionTests.catalog

    static func template(_ dataflow: ArtefactReference, country: String? = "KEN") throws -> String {
        let path = try TestPaths.temporaryDirectory() + "/\(dataflow.id)-template.xlsx"
        try TemplateBuilder(catalog: catalog, dataflow: dataflow, country: country).write(to: path)
        return path
    }

    static let childMigration = ArtefactReference(parsing: "IDAC:DF_CHILD_MIGRATION(1.0)", kind: .dataflow)

    /// What openpyxl sees in a workbook: sheet names and states, the Data header, each validation.
    static func openpyxlView(_ path: String) throws -> String {
        let script = try TestPaths.temporaryDirectory() + "/view.py"
        try """
        import sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        print("sheets", [(name, book[name].sheet_state) for name in book.sheetnames])
        data = book["Data"]
        print("header", [cell.value for cell in data[2]])
        for rule in data.data_validations.dataValidation:
            print("rule", rule.type, rule.sqref, rule.formula1)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalRequirement.sdmx1Python ?? "python3")
        process.arguments = [script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return text
    }

    @Test(.requires(.openpyxl))
    func openpyxlSeesTheSheetsAndTheDropDowns() throws {
        let reference = try #require(Self.childMigration)
        let view = try Self.openpyxlView(try Self.template(reference))
        #expect(
            view.contains(
                "sheets [('Data', 'visible'), ('Codes', 'visible'), ('Read me', 'visible'), ('idac-template', 'hidden')]"
            ))
        #expect(view.contains("'SEX: Sex'"))
        #expect(!view.contains("'REF_AREA"), "REF_AREA is fixed by --country, not a column")
        // SEX's drop-down points at the Codes sheet's SEX column; OBS_VALUE takes a number; the period its FREQ's form.
        #expect(view.contains("rule list D3:D5002 'Codes'!$J$2:$J$6"), "\(view)")
        #expect(view.contains("rule decimal H3:H5002"))
        #expect(view.contains("rule custom G3:G5002 OR(AND($A3=\"A\",LEN(G3)=4)"))
    }

    @Test(.requires(.openpyxl))
    func everyAllianceDataflowHasATemplateWithDropDowns() throws {
        for dataflow in Self.catalog.dataflows.values.sorted(by: { $0.reference.description < $1.reference.description }
        ) {
            let view = try Self.openpyxlView(try Self.template(dataflow.reference, country: nil))
            #expect(view.contains("rule list"), "\(dataflow.reference): \(view)")
            #expect(view.contains("'idac-template', 'hidden'"))
        }
    }

    @Test func theDropDownsOfferOnlyWhatTheConstraintAllows() throws {
        let reference = try #require(Self.childMigration)
        let builder = try TemplateBuilder(catalog: Self.catalog, dataflow: reference, country: "KEN")
        let frequency = try #require(builder.structure.components.first { $0.id == "FREQ" })
        // The constraint allows A and Q; the code list has more.
        #expect(builder.allowedCodes(frequency).map(\.id) == ["A", "Q"])
        #expect((frequency.codelist?.codes.count ?? 0) > 2)
        #expect(throws: SDMXError.self) {
            try TemplateBuilder(catalog: Self.catalog, dataflow: reference, country: "XXX")
        }
    }

    @Test(.requires(.openpyxl))
    func aFilledInTemplateValidatesWithNoProfileAndMistakesPointAtTheirCells() throws {
        let reference = try #require(Self.childMigration)
        let template = try Self.template(reference)
        let folder = try TestPaths.temporaryDirectory()
        let fill = TestPaths.fixture("workbooks/fill_template.py")
        try WorkbookSubmissionTests.python([fill, template, folder + "/filled.xlsx"])
        let filled = try WorkbookSubmissionTests.validate(folder + "/filled.xlsx")
        #expect(filled.isValid, "\(WorkbookSubmissionTests.findings(filled))")
        #expect(filled.observations == 8)
        #expect(filled.structure == "IDAC:DF_CHILD_MIGRATION(1.0)")

        try WorkbookSubmissionTests.python([fill, template, folder + "/wrong.xlsx", "--mistakes"])
        let wrong = try WorkbookSubmissionTests.validate(folder + "/wrong.xlsx")
        let places = wrong.findings.map { "\(wrong.place(of: $0)) \($0.code.rawValue)" }
        #expect(
            places == [
                "\(folder)/wrong.xlsx!Data!D4 INVALID_CODE", "\(folder)/wrong.xlsx!Data!H5 INVALID_VALUE",
                "\(folder)/wrong.xlsx!Data!G6 INVALID_TIME_PERIOD",
            ])
    }
}
