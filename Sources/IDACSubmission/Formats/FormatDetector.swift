import SDMXInput
import SDMXModel

/// Tells a file's format from its first bytes, never from its name: countries send `.txt` CSV
/// and `.xml` spreadsheets.
public enum FormatDetector {
    /// The formats `validate` reads, for messages.
    public static let accepted =
        "SDMX-ML 2.1 (structure-specific and generic), 3.0 (structure-specific) and 2.0 (generic and compact), "
        + "SDMX-CSV 2.0 and SDMX-CSV 1.0, SDMX-JSON 2.0 and 1.0 data messages, Excel workbooks (.xlsx), plain or compressed (gzip, zip)"

    /// Detects the format of the file at `path` from its first 4 KiB.
    public static func detect(path: String) throws -> DetectedFormat {
        detect(prefix: try ChunkedFileReader.prefix(ofFileAt: path, count: 4096))
    }

    /// Detects the format of `source` from its first 4 KiB (a read of its own; the source is read again afterwards).
    public static func detect(source: any ByteSource) throws -> DetectedFormat {
        detect(prefix: try source.prefix(4096))
    }

    /// Detects the format from a file's first bytes; anything it does not recognise (a plain table among them, which a
    /// profile reads) is `unsupported`, with a description of what it seems to be.
    public static func detect(prefix raw: [UInt8]) -> DetectedFormat {
        if raw.isEmpty { return .unsupported("an empty file") }
        if raw.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if isOpenDocumentSpreadsheet(raw) {
                return .unsupported(
                    "an OpenDocument spreadsheet (.ods), which idac does not read; save it as an Excel workbook (.xlsx)"
                )
            }
            return isOfficeDocument(raw)
                ? .unsupported(
                    "an Office document (an Excel workbook inside a zip archive, or a Word or OpenDocument file); "
                        + "send a workbook (.xlsx) as a file of its own")
                : .unsupported("a zip archive inside a zip archive (idac reads one level); send the files inside it")
        }
        if raw.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .unsupported("an empty zip archive inside a zip archive")
        }
        if raw.starts(with: [0x1F, 0x8B]) { return .unsupported("a gzip-compressed file inside a compressed file") }
        if raw.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return .unsupported(
                "an Excel 97-2003 workbook (.xls, or another old Office file), which idac does not read; "
                    + "save it as an Excel workbook (.xlsx)")
        }
        if raw.starts(with: Array("%PDF".utf8)) { return .unsupported("a PDF document") }
        var bytes = raw[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .unsupported("a UTF-16 text file (save it as UTF-8)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if isCSVHeader(trimmed, firstColumn: "STRUCTURE") { return .data(.sdmxCSV20) }
        if isCSVHeader(trimmed, firstColumn: "DATAFLOW") { return .data(.sdmxCSV10) }
        if trimmed.hasPrefix("{") { return json(trimmed) }
        if trimmed.hasPrefix("[") { return .unsupported("a JSON array, not an SDMX-JSON message (a JSON object)") }
        if trimmed.hasPrefix("UNA") || trimmed.hasPrefix("UNB") { return .unsupported("SDMX-EDI (GESMES)") }
        if trimmed.hasPrefix("<") {
            guard let root = rootElement(String(trimmed)) else {
                return .unsupported("an XML file with no root element in its first 4 KB")
            }
            let localName = root.name.split(separator: ":").last.map(String.init) ?? root.name
            switch localName.lowercased() {
            case "html": return .unsupported("an HTML page")
            case "workbook":
                return .unsupported("an Excel 2003 XML spreadsheet; save it as an Excel workbook (.xlsx)")
            default: break
            }
            let tag = root.tag.lowercased()
            let version =
                tag.contains("schemas/v3_0")
                ? "3.0"
                : tag.contains("schemas/v2_1")
                    ? "2.1"
                    : tag.contains("schemas/v2_0") ? "2.0" : nil
            switch (localName, version) {
            case ("StructureSpecificData", "2.1"): return .data(.sdmxML21StructureSpecific)
            case ("StructureSpecificTimeSeriesData", "2.1"): return .data(.sdmxML21StructureSpecificTimeSeries)
            case ("StructureSpecificData", "3.0"): return .data(.sdmxML30StructureSpecific)
            case ("GenericData", "2.1"): return .data(.sdmxML21Generic)
            case ("GenericData", "2.0"): return .data(.sdmxML20Generic)
            case ("CompactData", "2.0"): return .data(.sdmxML20Compact)
            case ("GenericTimeSeriesData", "2.1"): return .data(.sdmxML21GenericTimeSeries)
            case ("Structure", _): return .structure
            case (let name, let version?) where name.hasSuffix("Data"):
                return .unsupported("SDMX-ML \(version) \(name) (not yet read)")
            case (let name, _):
                return .unsupported("an XML document whose root element is \(name)")
            }
        }
        if trimmed.contains(",") || trimmed.contains(";") {
            return .unsupported(
                "a CSV file without the SDMX-CSV header (its first column must be STRUCTURE or DATAFLOW)")
        }
        return .unsupported("a file that is neither SDMX-ML nor SDMX-CSV")
    }

    /// An SDMX-JSON data message is an object with `dataSets` (1.0 at its top, 2.0 inside `data`) and a
    /// `meta` (2.0) or `header` (1.0); its version is 2.0 when it has `structures` or its schema says so.
    /// Judged from the keys in the first bytes, since `dataSets` may come after a long header.
    private static func json(_ text: Substring) -> DetectedFormat {
        func has(_ key: String) -> Bool { text.contains("\"\(key)\"") }
        let structureKeys = ["codelists", "conceptSchemes", "dataStructures", "dataflows", "categorySchemes"]
        if !has("dataSets"), structureKeys.contains(where: has) {
            return .structure
        }
        guard has("dataSets") || has("data") || has("meta") || has("header") else {
            return .unsupported("JSON that is not an SDMX-JSON data message (no dataSets, data, meta or header)")
        }
        let isVersion2 = has("structures") || text.contains("schemas/2.0") || text.contains("version=2.0")
        return .data(isVersion2 ? .sdmxJSON20 : .sdmxJSON10)
    }

    /// Whether a zip's first entry (named in its local header) is a part of an Office Open XML or
    /// OpenDocument file; any other zip found where data was expected is an archive inside one.
    private static func isOfficeDocument(_ raw: [UInt8]) -> Bool {
        guard raw.count >= 30 else { return false }
        let nameLength = Int(raw[26]) | Int(raw[27]) << 8
        let name = String(decoding: raw[30..<min(raw.count, 30 + nameLength)], as: UTF8.self)
        return name == "[Content_Types].xml" || name == "mimetype"
            || ["_rels/", "docProps/", "xl/", "word/", "ppt/", "customXml/"].contains { name.hasPrefix($0) }
    }

    /// An OpenDocument file's first entry is `mimetype`, stored, naming the kind of document.
    private static func isOpenDocumentSpreadsheet(_ raw: [UInt8]) -> Bool {
        guard raw.count >= 38, raw[26] == 8, raw[27] == 0, Array(raw[30..<38]) == Array("mimetype".utf8) else {
            return false
        }
        let extra = Int(raw[28]) | Int(raw[29]) << 8
        let start = 38 + extra
        guard start < raw.count else { return false }
        return String(decoding: raw[start..<min(raw.count, start + 80)], as: UTF8.self)
            .hasPrefix("application/vnd.oasis.opendocument.spreadsheet")
    }

    /// `STRUCTURE,…`, `STRUCTURE;…` or `STRUCTURE[;],…` (a declared sub-field separator).
    private static func isCSVHeader(_ text: Substring, firstColumn: String) -> Bool {
        guard text.hasPrefix(firstColumn) else { return false }
        var rest = text.dropFirst(firstColumn.count)
        if rest.first == "[", let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
        guard let separator = rest.first else { return false }
        return separator == "," || separator == ";" || separator == "\t" || separator == "|"
    }

    /// The root element's name and its whole start tag (skipping the XML declaration, comments and DOCTYPE).
    private static func rootElement(_ text: String) -> (name: String, tag: String)? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            // A comment ends at `-->`, not at the first `>`: words and tags inside it are no root element.
            if after.hasPrefix("!--") {
                guard let close = after.range(of: "-->") else { return nil }
                rest = after[close.upperBound...]
                continue
            }
            if after.hasPrefix("?") || after.hasPrefix("!") {
                guard let close = after.firstIndex(of: ">") else { return nil }
                rest = after[after.index(after: close)...]
                continue
            }
            let tagEnd = after.firstIndex(of: ">") ?? after.endIndex
            let tag = String(after[..<tagEnd])
            let name = tag.prefix { !($0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "/") }
            return (String(name), tag)
        }
        return nil
    }
}
