/// Zip archives and gzip files built byte by byte, so tests can make exactly the damaged or hostile
/// archive they need (a field changed, two records pointing at the same data) without tools.
/// Compressed data uses deflate's stored blocks: valid deflate that any reader must inflate.
public struct ZipBuilder {
    public struct Entry {
        public var name: String
        public var content: [UInt8]
        /// 0 stored, 8 deflate (as stored blocks).
        public var method: UInt16
        /// The CRC-32 the records declare (by default the content's).
        public var crc: UInt32
        /// The expanded size the central directory declares (by default the content's).
        public var declaredSize: UInt32
        /// The name the local header gives (by default the same).
        public var localName: String

        public init(_ name: String, _ content: [UInt8], method: UInt16 = 0) {
            self.name = name
            self.content = content
            self.method = method
            crc = ZipBuilder.crc32(content)
            declaredSize = UInt32(content.count)
            localName = name
        }

        var data: [UInt8] { method == 8 ? ZipBuilder.storedDeflate(content) : content }
    }

    public var entries: [Entry]
    /// The entry count the end record declares (by default the entries').
    public var declaredCount: Int?

    public init(_ entries: [Entry], declaredCount: Int? = nil) {
        self.entries = entries
        self.declaredCount = declaredCount
    }

    /// Local records one after the other, then the central directory and its end record.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(out.count)
            out += Self.localRecord(entry)
        }
        let directory = zip(entries, offsets).flatMap { Self.centralRecord($0, offset: $1) }
        return out + directory
            + Self.endRecord(
                count: declaredCount ?? entries.count, directorySize: directory.count,
                directoryOffset: out.count)
    }

    public static func localRecord(_ entry: Entry) -> [UInt8] {
        let name = Array(entry.localName.utf8), data = entry.data
        return le32(0x0403_4B50) + le16(20) + le16(0) + le16(entry.method) + le32(0) + le32(entry.crc)
            + le32(UInt32(data.count)) + le32(entry.declaredSize) + le16(UInt16(name.count)) + le16(0) + name + data
    }

    public static func centralRecord(_ entry: Entry, offset: Int) -> [UInt8] {
        let name = Array(entry.name.utf8)
        return le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(entry.method) + le32(0) + le32(entry.crc)
            + le32(UInt32(entry.data.count)) + le32(entry.declaredSize) + le16(UInt16(name.count)) + le16(0) + le16(0)
            + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + name
    }

    public static func endRecord(count: Int, directorySize: Int, directoryOffset: Int) -> [UInt8] {
        le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(directorySize)) + le32(UInt32(directoryOffset)) + le16(0)
    }

    /// One gzip member holding `content`.
    public static func gzipMember(_ content: [UInt8]) -> [UInt8] {
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + storedDeflate(content) + le32(crc32(content))
            + le32(UInt32(content.count))
    }

    /// Deflate made of stored blocks (up to 65 535 bytes each), the last one marked final.
    public static func storedDeflate(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + 65_535, content.count)
            let length = UInt16(end - start)
            out += [end == content.count ? 1 : 0] + le16(length) + le16(~length) + content[start..<end]
            start = end
        } while start < content.count
        return out
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    public static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    public static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
