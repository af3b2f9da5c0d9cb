#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts the attributes of each start tag in the raw bytes, before libxml2 sees them: libxml2's
/// duplicate-attribute check is quadratic (200 000 attributes on one element took 104 s here), so an
/// element with too many must be refused before it is parsed. Comments, CDATA sections and
/// processing instructions are skipped; quoted values are not counted.
///
/// It runs over every byte of every XML file, so it jumps from one byte that matters to the next
/// with `memchr`, and counts no lines: it reports where in the stream the offending tag begins, and
/// the parser, which knows libxml2's line, turns that into a line (a tag cannot have been parsed
/// before it is complete). Most tags need no counting
/// at all: an attribute takes at least five bytes (` a=""`) and a raw `<` cannot stand in an
/// attribute value, so a start tag followed by another `<` within 4 × the limit cannot hold too many
/// attributes, and the scan jumps from `<` to `<`; only longer stretches, and markup that may hide a
/// `<` (comments, CDATA, processing instructions), go through the byte-by-byte states.
struct AttributeCountGuard {
    private enum State { case text, tagStart, tag, quoted, markup, comment, cdata, instruction }

    let maxAttributes: Int
    private var state = State.text
    private var quote: UInt8 = 0
    private var count = 0
    /// Bytes of the stream before the current chunk, and where in the stream the open tag began.
    private var bytesBefore = 0
    private var tagStart = 0
    /// The last few bytes, to recognise `<!--`, `-->`, `<![CDATA[`, `]]>` and `?>` across chunks.
    private var recent: UInt32 = 0

    /// The longest stretch from a `<` to the next that cannot hold a tag with too many attributes.
    private let shortStretch: Int

    init(maxAttributes: Int) {
        self.maxAttributes = maxAttributes
        shortStretch = 4 * maxAttributes
    }

    /// Scans the next chunk of the stream; returns where in the stream (bytes from its start) the
    /// offending start tag begins when one has too many attributes.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        var index = 0
        while index < end {
            switch state {
            case .text:
                // Up to the next `<`.
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), end - index) else {
                    remember(bytes, upTo: end)
                    index = end
                    continue
                }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // A tag (not `<!`, `<?`) with the next `<` close by: nothing to count; go on from there,
                // from `<` to `<` while the tags are short.
                while index + 1 < end, base[index + 1] != UInt8(ascii: "!"), base[index + 1] != UInt8(ascii: "?"),
                    let next = Self.nextOpening(base, from: index + 1, to: min(end, index + 1 + shortStretch))
                {
                    index = next
                }
                state = .tagStart
                tagStart = bytesBefore + index
                recent = recent << 8 | UInt32(UInt8(ascii: "<"))
                index += 1
            case .quoted:
                guard let found = memchr(base + index, Int32(quote), end - index) else {
                    remember(bytes, upTo: end)
                    index = end
                    continue
                }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                recent = recent << 8 | UInt32(quote)
                state = .tag
                index += 1
            case .tag:
                // Within a start tag: up to a quote, an `=` or the `>`.
                while index < end {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                        state = .quoted
                        break
                    } else if byte == UInt8(ascii: "=") {
                        count += 1
                        if count > maxAttributes { return tagStart }
                    } else if byte == UInt8(ascii: ">") {
                        state = .text
                        break
                    }
                }
                remember(bytes, upTo: index)
            default:
                let byte = bytes[index]
                recent = recent << 8 | UInt32(byte)
                index += 1
                step(byte)
            }
        }
        bytesBefore += end
        return nil
    }

    /// The states that look at one byte at a time: the start of a tag, and markup to skip.
    private mutating func step(_ byte: UInt8) {
        switch state {
        case .tagStart:
            switch byte {
            case UInt8(ascii: "!"): state = .markup
            case UInt8(ascii: "?"): state = .instruction
            default: state = .tag
            }
            count = 0
        case .markup:
            // `<!--` opens a comment, `<![CDATA[` a CDATA section; any other declaration ends at `>`.
            if recent & 0xFFFF_FFFF == 0x3C21_2D2D {
                state = .comment
            } else if recent & 0xFF_FFFF == 0x3C_215B {
                state = .cdata
            } else if byte == UInt8(ascii: ">") {
                state = .text
            }
        case .comment:
            if recent & 0xFF_FFFF == 0x2D_2D3E { state = .text }
        case .cdata:
            if recent & 0xFF_FFFF == 0x5D_5D3E { state = .text }
        case .instruction:
            if recent & 0xFFFF == 0x3F3E { state = .text }
        default:
            break
        }
    }

    /// Keeps the last bytes before `end` for the markup states' look-behind.
    private mutating func remember(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) {
        for index in max(0, end - 4)..<end { recent = recent << 8 | UInt32(bytes[index]) }
    }

    /// The next `<` in `base[from..<to]`: tags are close together, where calling memchr costs more
    /// than looking at eight bytes at a time here.
    private static func nextOpening(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        let raw = UnsafeRawPointer(base)
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x3C3C_3C3C_3C3C_3C3C
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end {
            if base[index] == UInt8(ascii: "<") { return index }
            index += 1
        }
        return nil
    }
}
