import Foundation

/// Excel workbooks (`.xlsx`) built part by part, so tests can make exactly the cell encodings or the
/// hostile workbook they need without a spreadsheet library: a zip (``ZipBuilder``) of the parts a
/// reader looks for.
public struct WorkbookBuilder {
    public struct Sheet {
        public var name: String
        /// The worksheet part's whole XML, or (``rows(_:)``) its `sheetData`.
        public var xml: String
        public var hidden: Bool

        public init(_ name: String, xml: String, hidden: Bool = false) {
            self.name = name
            self.xml = xml
            self.hidden = hidden
        }

        /// A worksheet whose `sheetData` holds `rows` (`<row r="1">…</row>` elements).
        public init(_ name: String, rows: String, hidden: Bool = false) {
            self.init(name, xml: WorkbookBuilder.worksheet(rows), hidden: hidden)
        }
    }

    public var sheets: [Sheet]
    /// The shared-strings part's XML, if any.
    public var sharedStrings: String?
    /// The styles part's XML, if any.
    public var styles: String?
    public var date1904 = false
    /// Replaces the workbook part's XML when set.
    public var workbookXML: String?

    public init(sheets: [Sheet], sharedStrings: [String]? = nil, styles: String? = nil) {
        self.sheets = sheets
        self.sharedStrings = sharedStrings.map(Self.sharedStringsXML)
        self.styles = styles
    }

    public static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    public static func worksheet(_ rows: String, dimension: String = "") -> String {
        let declared = dimension.isEmpty ? "" : "<dimension ref=\"\(dimension)\"/>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(mainNamespace)\">\(declared)"
            + "<sheetData>\(rows)</sheetData></worksheet>"
    }

    public static func sharedStringsXML(_ strings: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(mainNamespace)\">"
            + strings.map { "<si><t>\(escape($0))</t></si>" }.joined() + "</sst>"
    }

    /// Styles whose cell formats are `numberFormats` (xf 0 is the first), with custom `codes` by id.
    public static func stylesXML(numberFormats: [Int], codes: [Int: String] = [:]) -> String {
        let custom = codes.sorted { $0.key < $1.key }.map {
            "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\(escape($0.value))\"/>"
        }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(mainNamespace)\">"
            + (custom.isEmpty ? "" : "<numFmts>\(custom)</numFmts>")
            + "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
            + numberFormats.map { "<xf numFmtId=\"\($0)\" xfId=\"0\"/>" }.joined() + "</cellXfs></styleSheet>"
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The parts as zip entries, the content types first (as Excel writes them).
    public func entries() -> [ZipBuilder.Entry] {
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\""
                + (sheet.hidden ? " state=\"hidden\"" : "") + " r:id=\"rId\(index + 1)\"/>"
        }.joined()
        let workbook =
            workbookXML
            ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(Self.mainNamespace)\" "
            + "xmlns:r=\"\(Self.relationshipNamespace)\">" + (date1904 ? "<workbookPr date1904=\"1\"/>" : "")
            + "<sheets>\(sheetList)</sheets></workbook>"
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var relationships = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(type)worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }
        if sharedStrings != nil {
            relationships.append(
                "<Relationship Id=\"rIdS\" Type=\"\(type)sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if styles != nil {
            relationships.append("<Relationship Id=\"rIdT\" Type=\"\(type)styles\" Target=\"styles.xml\"/>")
        }
        var entries = [
            ZipBuilder.Entry(
                "[Content_Types].xml",
                Array(
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                        + "package/2006/content-types\"/>").utf8)),
            ZipBuilder.Entry("xl/workbook.xml", Array(workbook.utf8), method: 8),
            ZipBuilder.Entry(
                "xl/_rels/workbook.xml.rels",
                Array(
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats"
                        + ".org/package/2006/relationships\">\(relationships.joined())</Relationships>").utf8)),
        ]
        if let sharedStrings {
            entries.append(ZipBuilder.Entry("xl/sharedStrings.xml", Array(sharedStrings.utf8), method: 8))
        }
        if let styles { entries.append(ZipBuilder.Entry("xl/styles.xml", Array(styles.utf8))) }
        for (index, sheet) in sheets.enumerated() {
            entries.append(ZipBuilder.Entry("xl/worksheets/sheet\(index + 1).xml", Array(sheet.xml.utf8), method: 8))
        }
        return entries
    }

    public func bytes() -> [UInt8] { ZipBuilder(entries()).bytes() }

    /// A row of cells given as `(reference, type, inner XML)`, such as `("B2", "s", "<v>0</v>")`.
    public static func row(_ number: Int, _ cells: [(String, String?, String)], extra: String = "") -> String {
        "<row r=\"\(number)\"\(extra)>"
            + cells.map { reference, type, inner in
                "<c r=\"\(reference)\"" + (type.map { " t=\"\($0)\"" } ?? "") + ">\(inner)</c>"
            }.joined() + "</row>"
    }

    /// A row of inline strings from column A.
    public static func textRow(_ number: Int, _ texts: [String]) -> String {
        row(
            number,
            texts.enumerated().compactMap { index, text in
                text.isEmpty ? nil : ("\(column(index + 1))\(number)", "inlineStr", "<is><t>\(escape(text))</t></is>")
            })
    }

    /// `A` for 1.
    public static func column(_ number: Int) -> String {
        var letters = "", rest = number
        while rest > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}
