import SDMXCSV
import SDMXInput
import SDMXModel
import SDMXXML

/// Reads an Excel workbook's table as data: the sheet and layout are chosen when it is opened (so
/// the report can name the sheet before reading), then its rows stream through the SDMX-CSV or
/// country-CSV reader.
///
/// - With a profile: its `sheet` (or the first visible sheet), header at its `headerRow` (or after
///   `skipRows` rows with values), read as a country table.
/// - Without one, a workbook made by `idac template` carries its own profile in the hidden sheet
///   ``TemplateSheet/name``; any other is read as SDMX-CSV from the first visible sheet whose
///   column A holds `STRUCTURE` or `DATAFLOW` in one of its first rows (titles may stand above).
public final class WorkbookDataReader {
    private enum Layout {
        case sdmxCSV
        case country(CountryCSVProfile)
    }

    /// The workbook opened: its sheets, shared strings and styles.
    public let workbook: Workbook
    /// The sheet the data are read from, chosen at opening.
    public let sheet: Workbook.Sheet
    private let layout: Layout
    private let firstRow: Int
    private let limits: ReaderLimits
    /// What the report calls the format.
    public let formatName: String

    /// Rows with a value looked at for an SDMX-CSV header, per sheet.
    static let headerSearchRows = 20

    /// Opens the workbook in `archive` and chooses its sheet and layout: the profile's, else the template's hidden
    /// profile, else the first visible sheet with an SDMX-CSV header. Throws when none applies, or when the sheet the
    /// profile names is missing.
    public init(archive: ZipArchive, name: String, profile: CountryCSVProfile?, limits: ReaderLimits = .default)
        throws
    {
        self.limits = limits
        workbook = try Workbook(archive: archive, name: name, limits: limits.workbook, xml: limits.xml)
        if let profile {
            sheet = try Self.sheet(profile.sheet, in: workbook, profile: profile.source)
            var reading = profile
            if let headerRow = profile.headerRow {
                reading.skipRows = 0
                firstRow = headerRow
            } else {
                firstRow = 1
            }
            layout = .country(reading)
            formatName = "Excel workbook, sheet \(sheet.name) (profile \(profile.source))"
        } else if let template = try TemplateSheet.profile(in: workbook, limits: limits) {
            sheet = try Self.sheet(template.sheet, in: workbook, profile: template.source)
            firstRow = template.headerRow ?? 1
            var reading = template
            reading.skipRows = 0
            layout = .country(reading)
            formatName = "Excel workbook made by idac template, sheet \(sheet.name)"
        } else if let found = try Self.sdmxCSVSheet(in: workbook, limits: limits) {
            (sheet, firstRow) = found
            layout = .sdmxCSV
            formatName = "Excel workbook, sheet \(sheet.name) (SDMX-CSV layout)"
        } else {
            throw SDMXError(
                .unsupportedFormat,
                "\(name) is an Excel workbook none of whose visible sheets starts with an SDMX-CSV header "
                    + "(STRUCTURE or DATAFLOW in column A, then the components); give a --profile describing "
                    + "its table (with \"sheet\" and \"headerRow\"), or fill in a template from idac template")
        }
    }

    /// Streams the chosen sheet's rows, from the header on, through the SDMX-CSV or country-CSV reader into `handler`.
    public func read(into handler: any DataHandler) throws {
        let records = WorkbookRecords(workbook: workbook, sheet: sheet, firstRow: firstRow, limits: limits)
        switch layout {
        case .sdmxCSV:
            try SDMXCSVDataReader(maxRecordBytes: limits.csvRecordBytes, maxColumns: limits.csvColumns)
                .read(records: records, into: handler)
        case .country(let profile):
            try CountryCSVReader(profile: profile, maxRecordBytes: limits.csvRecordBytes, maxColumns: limits.csvColumns)
                .read(records: records, into: handler)
        }
    }

    /// The sheet a profile names (a hidden one too), or the first visible worksheet.
    private static func sheet(_ choice: CountryCSVProfile.SheetChoice?, in workbook: Workbook, profile: String) throws
        -> Workbook.Sheet
    {
        let names = workbook.sheets.map(\.name).joined(separator: ", ")
        switch choice {
        case .name(let name):
            guard let sheet = workbook.sheets.first(where: { $0.name == name }) else {
                throw SDMXError(
                    .invalidStructure,
                    "the profile \(profile) names the sheet '\(name)', which \(workbook.name) does not have "
                        + "(its sheets: \(names))")
            }
            return sheet
        case .position(let position):
            guard position >= 1, position <= workbook.sheets.count else {
                throw SDMXError(
                    .invalidStructure,
                    "the profile \(profile) names sheet number \(position), but \(workbook.name) has "
                        + "\(workbook.sheets.count) (\(names))")
            }
            return workbook.sheets[position - 1]
        case nil:
            guard let sheet = workbook.sheets.first(where: { !$0.hidden && $0.part != nil }) else {
                throw SDMXError(.malformedInput, "\(workbook.name) has no visible worksheet")
            }
            return sheet
        }
    }

    /// The first visible worksheet with an SDMX-CSV header in column A, and its row.
    private static func sdmxCSVSheet(in workbook: Workbook, limits: ReaderLimits) throws
        -> (Workbook.Sheet, Int)?
    {
        for sheet in workbook.sheets where !sheet.hidden && sheet.part != nil {
            var found: Int?
            var looked = 0
            do {
                try workbook.readRows(of: sheet, maxColumns: limits.csvColumns, maxRowBytes: limits.csvRecordBytes) {
                    row, fields, _ in
                    looked += 1
                    let first = fields.count > 0 ? fields.string(at: 0) : ""
                    if first == "DATAFLOW" || first == "STRUCTURE" || first.hasPrefix("STRUCTURE[") {
                        found = row
                        throw StopReading()
                    }
                    if looked >= headerSearchRows { throw StopReading() }
                }
            } catch is StopReading {}
            if let found { return (sheet, found) }
        }
        return nil
    }
}

/// Ends a read early once what was looked for is found.
struct StopReading: Error {}
