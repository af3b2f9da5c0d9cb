import SDMXInput
import SDMXModel

/// An Excel workbook (`.xlsx`, Office Open XML): a zip archive of XML parts, read through
/// ``ZipArchive`` (so an archive bomb is refused as for any zip) and libxml2's SAX parser (so a
/// DOCTYPE, entities and the network are refused as for any XML). Opening it reads its small parts:
/// the list of sheets, their relationships and the styles that say which cells hold dates. A sheet's
/// rows then stream one at a time (``readRows(of:maxColumns:maxRowBytes:_:)``); the shared-strings
/// table is the one part held in memory, and it is bounded (``WorkbookLimits``).
public final class Workbook {
    /// One sheet as the workbook lists it (`xl/workbook.xml`).
    public struct Sheet: Sendable, Equatable {
        /// The sheet's name, as its tab shows it.
        public var name: String
        /// Hidden or "very hidden" in Excel.
        public var hidden: Bool
        /// The zip entry of its XML; nil for a chart sheet or a sheet whose part is missing.
        public var part: String?
        /// 1 for the first sheet of the workbook.
        public var position: Int
    }

    /// How messages name the workbook: `kenya.xlsx`.
    public let name: String
    /// The sheets in the workbook's order, hidden ones included.
    public let sheets: [Sheet]
    /// Dates count from 1904-01-01 (Excel for the Mac before 2011) rather than 1900.
    public let date1904: Bool
    private let archive: ZipArchive
    private let limits: WorkbookLimits
    private let xml: XMLLimits
    /// Per cell style (`s`), whether it shows a date.
    private let dateStyles: [Bool]
    private let sharedStringsPart: String?
    private var sharedStringsTable: SharedStrings?

    /// Opens the workbook in `archive` and reads its list of sheets, their relationships and its styles, within
    /// `limits` and `xml`; throws when it has no `xl/workbook.xml`, or a part read is malformed or breaks a limit.
    public init(archive: ZipArchive, name: String, limits: WorkbookLimits = .default, xml: XMLLimits = .default)
        throws
    {
        self.archive = archive
        self.name = name
        self.limits = limits
        self.xml = xml
        guard let workbookEntry = Self.entry(named: "xl/workbook.xml", in: archive) else {
            throw SDMXError(.unsupportedFormat, "\(name) has no xl/workbook.xml: it is not an Excel workbook")
        }
        let index = WorkbookIndexHandler(limits: limits, file: name)
        try Self.parse(archive.source(for: workbookEntry), index, xml)
        var relationships: [String: (type: String, target: String)] = [:]
        if let relsEntry = Self.entry(named: "xl/_rels/workbook.xml.rels", in: archive) {
            let handler = RelationshipsHandler(limits: limits, file: name)
            try Self.parse(archive.source(for: relsEntry), handler, xml)
            relationships = handler.relationships
        }
        func part(ofType suffix: String) -> String? {
            relationships.values.first { $0.type.hasSuffix(suffix) }.map { Self.resolve($0.target) }
        }
        sheets = index.sheets.enumerated().map { offset, sheet in
            let relationship = relationships[sheet.relationship]
            let isWorksheet = relationship?.type.hasSuffix("/worksheet") ?? false
            return Sheet(
                name: sheet.name, hidden: sheet.hidden,
                part: isWorksheet ? relationship.map { Self.resolve($0.target) } : nil, position: offset + 1)
        }
        date1904 = index.date1904
        sharedStringsPart = part(ofType: "/sharedStrings") ?? "xl/sharedStrings.xml"
        if let stylesEntry = Self.entry(named: part(ofType: "/styles") ?? "xl/styles.xml", in: archive) {
            let handler = StylesHandler(limits: limits, file: name)
            try Self.parse(archive.source(for: stylesEntry), handler, xml)
            dateStyles = handler.cellFormats.map { SpreadsheetValue.isDateFormat(id: $0, code: handler.formats[$0]) }
        } else {
            dateStyles = []
        }
    }

    /// The shared strings, read the first time a sheet needs them.
    func sharedStrings() throws -> SharedStrings {
        if let sharedStringsTable { return sharedStringsTable }
        var table = SharedStrings()
        if let part = sharedStringsPart, let entry = Self.entry(named: part, in: archive) {
            table = try SharedStrings.read(source: archive.source(for: entry), limits: limits, xml: xml)
        }
        sharedStringsTable = table
        return table
    }

    func isDateStyle(_ style: Int) -> Bool { style >= 0 && style < dateStyles.count && dateStyles[style] }

    /// Streams the sheet's rows that hold a value: `body` gets the row number and the row's cells as
    /// fields, one per column from A to its last cell with a value (empty fields for cells left out),
    /// lent for the call, and the first problem of the row's cells, if any (a formula with no saved
    /// value). A cell past `maxColumns`, a row of more than `maxRowBytes`, a reference outside the grid
    /// or out of order stops the read with an error naming the cell.
    public func readRows(
        of sheet: Sheet, maxColumns: Int, maxRowBytes: Int, _ body: (Int, ByteFields, String?) throws -> Void
    ) throws {
        guard let part = sheet.part, let entry = Self.entry(named: part, in: archive) else {
            throw SDMXError(
                .malformedInput, "\(name): the sheet '\(sheet.name)' has no worksheet part (a chart sheet?)")
        }
        let strings = try sharedStrings()
        // The handler lives only for this parse.
        try withoutActuallyEscaping(body) { rows in
            let handler = SheetHandler(
                workbook: self, sharedStrings: strings, file: "\(name)!\(sheet.name)", maxColumns: maxColumns,
                maxRowBytes: maxRowBytes, maxEmptyCells: limits.maxEmptyCells, rows: rows)
            try Self.parse(archive.source(for: entry), handler, xml)
        }
    }

    private static func parse(_ source: any ByteSource, _ handler: any XMLEventHandler, _ xml: XMLLimits) throws {
        try XMLPushParser(file: source.name, handler: handler, limits: xml).parse(source: source)
    }

    static func entry(named name: String, in archive: ZipArchive) -> ZipArchive.Entry? {
        archive.entries.first { $0.name == name }
            ?? archive.entries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A relationship's target as a zip entry name: relative to `xl/`, or absolute from the root.
    static func resolve(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for part in target.split(separator: "/") {
            if part == ".." {
                _ = parts.popLast()
            } else if part != "." {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: its sheets in order, with their relationship ids and visibility, and the date system.
final class WorkbookIndexHandler: XMLEventHandler {
    var sheets: [(name: String, relationship: String, hidden: Bool)] = []
    var date1904 = false
    let limits: WorkbookLimits
    let file: String

    init(limits: WorkbookLimits, file: String) {
        self.limits = limits
        self.file = file
    }

    func startElement(_ element: XMLElementStart) throws {
        if element.hasLocalName("sheet") {
            guard sheets.count < limits.maxListEntries else {
                throw SDMXError(.limitExceeded, "\(file) lists more than \(limits.maxListEntries) sheets")
            }
            let state = element.attribute("state") ?? "visible"
            sheets.append(
                (
                    element.attribute("name") ?? "Sheet\(sheets.count + 1)", element.attribute("id") ?? "",
                    state != "visible"
                ))
        } else if element.hasLocalName("workbookPr") {
            let value = element.attribute("date1904")
            date1904 = value == "1" || value == "true"
        }
    }

    func endElement() throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// A `.rels` part: relationship id → its type and target.
final class RelationshipsHandler: XMLEventHandler {
    var relationships: [String: (type: String, target: String)] = [:]
    let limits: WorkbookLimits
    let file: String

    init(limits: WorkbookLimits, file: String) {
        self.limits = limits
        self.file = file
    }

    func startElement(_ element: XMLElementStart) throws {
        guard element.hasLocalName("Relationship") else { return }
        guard relationships.count < limits.maxListEntries else {
            throw SDMXError(.limitExceeded, "\(file) lists more than \(limits.maxListEntries) relationships")
        }
        if let id = element.attribute("Id"), let target = element.attribute("Target") {
            relationships[id] = (element.attribute("Type") ?? "", target)
        }
    }

    func endElement() throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// `xl/styles.xml`: the number format of each cell style (`cellXfs`), and the custom formats' codes.
final class StylesHandler: XMLEventHandler {
    var formats: [Int: String] = [:]
    var cellFormats: [Int] = []
    var depth = 0, cellFormatsDepth = 0
    let limits: WorkbookLimits
    let file: String

    init(limits: WorkbookLimits, file: String) {
        self.limits = limits
        self.file = file
    }

    func startElement(_ element: XMLElementStart) throws {
        depth += 1
        guard formats.count + cellFormats.count < limits.maxListEntries else {
            throw SDMXError(.limitExceeded, "\(file) lists more than \(limits.maxListEntries) styles")
        }
        if element.hasLocalName("numFmt") {
            if let id = element.attribute("numFmtId").flatMap(Int.init), let code = element.attribute("formatCode") {
                formats[id] = code
            }
        } else if element.hasLocalName("cellXfs") {
            cellFormatsDepth = depth
        } else if element.hasLocalName("xf"), cellFormatsDepth > 0, depth == cellFormatsDepth + 1 {
            cellFormats.append(element.attribute("numFmtId").flatMap(Int.init) ?? 0)
        }
    }

    func endElement() throws {
        if depth == cellFormatsDepth { cellFormatsDepth = 0 }
        depth -= 1
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
