/// Turns a single-byte encoding into UTF-8 as it streams: ISO-8859-1 (Latin-1) and Windows-1252,
/// the encodings Excel exports CSV in on many national systems.
public final class TranscodingSource: ByteSource {
    /// The encodings a country-CSV profile may name.
    public enum Encoding: String, Sendable, CaseIterable {
        /// UTF-8: passed through unchanged.
        case utf8 = "UTF-8"
        /// ISO-8859-1 (Latin-1): each byte is the code point of the same number.
        case latin1 = "ISO-8859-1"
        /// Windows-1252: Latin-1 with typographic quotes, dashes, the euro sign and others in 0x80-0x9F.
        case windows1252 = "Windows-1252"

        /// Accepts the usual spellings: `utf8`, `latin1`, `cp1252`, `iso-8859-1`…
        public init?(name: String) {
            switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
            case "utf-8", "utf8": self = .utf8
            case "iso-8859-1", "iso8859-1", "latin1", "latin-1": self = .latin1
            case "windows-1252", "cp1252", "windows1252": self = .windows1252
            default: return nil
            }
        }
    }

    private let base: any ByteSource
    private let encoding: Encoding
    /// See ``ByteSource``: the wrapped source's name.
    public var name: String { base.name }

    /// Wraps `base`, whose bytes are in `encoding`.
    public init(_ base: any ByteSource, encoding: Encoding) {
        self.base = base
        self.encoding = encoding
    }

    /// See ``ByteSource``: the wrapped source's chunks as UTF-8 (passed through as they are for UTF-8).
    public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard encoding != .utf8 else { return try base.forEachChunk(body) }
        var output: [UInt8] = []
        try base.forEachChunk { chunk in
            output.removeAll(keepingCapacity: true)
            output.reserveCapacity(chunk.count * 2)
            for byte in chunk {
                if byte < 0x80 {
                    output.append(byte)
                    continue
                }
                var scalar = UInt32(byte)
                if encoding == .windows1252, (0x80...0x9F).contains(byte) {
                    scalar = Self.windows1252High[Int(byte - 0x80)]
                }
                appendUTF8(scalar, to: &output)
            }
            try output.withUnsafeBufferPointer { try body($0) }
        }
    }

    private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x800 {
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Windows-1252's characters at 0x80–0x9F (undefined positions kept as their Latin-1 value).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]
}
