// The workbook harness's input made into an .xlsx: the fuzzed bytes are one of its XML parts.
#if FUZZING
    /// A small Excel workbook (stored zip entries, each with its CRC-32) whose part `part` is the
    /// fuzzer's bytes: the zip stays valid, so every input reaches the workbook reader itself.
    enum FuzzWorkbook {
        static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

        /// The first byte picks the part (sheet, shared strings, styles, workbook); the rest is its XML.
        static func bytes(_ input: [UInt8]) -> [UInt8] {
            let selector = input.first ?? 0
            let xml = Array(input.dropFirst())
            var parts: [(String, [UInt8])] = [
                ("[Content_Types].xml", Array("<Types/>".utf8)),
                (
                    "xl/workbook.xml",
                    Array(
                        ("<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><workbookPr date1904=\"0\"/>"
                            + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8)
                ),
                (
                    "xl/_rels/workbook.xml.rels",
                    Array(
                        ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"\(relationships)worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                            + "<Relationship Id=\"rId2\" Type=\"\(relationships)sharedStrings\" Target=\"sharedStrings.xml\"/>"
                            + "<Relationship Id=\"rId3\" Type=\"\(relationships)styles\" Target=\"styles.xml\"/>"
                            + "</Relationships>").utf8)
                ),
                (
                    "xl/sharedStrings.xml",
                    Array(
                        ("<sst xmlns=\"\(main)\"><si><t>STRUCTURE</t></si><si><t>dataflow</t></si>"
                            + "<si><r><t>IDAC:DF_CHILD_</t></r><r><t>MIGRATION(1.0)</t></r></si></sst>").utf8)
                ),
                (
                    "xl/styles.xml",
                    Array(
                        ("<styleSheet xmlns=\"\(main)\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm\"/>"
                            + "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
                            + "</cellXfs></styleSheet>").utf8)
                ),
                (
                    "xl/worksheets/sheet1.xml",
                    Array(
                        ("<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>"
                            + "</sheetData></worksheet>").utf8)
                ),
            ]
            let replaced = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
            let name = replaced[Int(selector) % replaced.count]
            if let index = parts.firstIndex(where: { $0.0 == name }) { parts[index].1 = xml }
            return zip(parts)
        }

        static func zip(_ parts: [(String, [UInt8])]) -> [UInt8] {
            var out: [UInt8] = [], directory: [UInt8] = []
            for (name, content) in parts {
                let nameBytes = Array(name.utf8), crc = crc32(content), offset = UInt32(out.count)
                let sizes = le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count))
                out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + sizes
                out += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes + content
                directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + sizes
                directory += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
                directory += le32(offset) + nameBytes
            }
            let count = UInt16(parts.count)
            return out + directory + le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
                + le32(UInt32(directory.count)) + le32(UInt32(out.count)) + le16(0)
        }

        static let crcTable: [UInt32] = (0..<256).map { index in
            var crc = UInt32(index)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            return crc
        }

        static func crc32(_ bytes: [UInt8]) -> UInt32 {
            ~bytes.reduce(UInt32(0xFFFF_FFFF)) { crc, byte in crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }

        static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    }
#endif
