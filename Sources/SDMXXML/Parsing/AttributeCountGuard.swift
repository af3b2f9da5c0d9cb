/// Counts the attributes of each start tag in the raw bytes, before libxml2 sees them: libxml2's
/// duplicate-attribute check is quadratic (200 000 attributes on one element took 104 s here), so an
/// element with too many must be refused before it is parsed. Comments, CDATA sections and
/// processing instructions are skipped; quoted values are not counted.
struct AttributeCountGuard {
    private enum State { case text, tagStart, tag, quoted(UInt8), markup, comment, cdata, instruction }

    let maxAttributes: Int
    private var state = State.text
    private var count = 0
    private var line = 1
    private var tagLine = 1
    /// The last few bytes, to recognise `<!--`, `-->`, `<![CDATA[`, `]]>` and `?>` across chunks.
    private var recent: UInt32 = 0

    init(maxAttributes: Int) {
        self.maxAttributes = maxAttributes
    }

    /// Scans a chunk; returns the line of the offending start tag when one has too many attributes.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for byte in bytes {
            recent = recent << 8 | UInt32(byte)
            if byte == 0x0A { line += 1 }
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .tagStart
                    tagLine = line
                }
            case .tagStart:
                switch byte {
                case UInt8(ascii: "!"): state = .markup
                case UInt8(ascii: "?"): state = .instruction
                case UInt8(ascii: "/"): state = .tag
                default: state = .tag
                }
                count = 0
            case .tag:
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .quoted(byte)
                } else if byte == UInt8(ascii: "=") {
                    count += 1
                    if count > maxAttributes { return tagLine }
                } else if byte == UInt8(ascii: ">") {
                    state = .text
                }
            case .quoted(let quote):
                if byte == quote { state = .tag }
            case .markup:
                // `<!--` opens a comment, `<![CDATA[` a CDATA section; any other declaration ends at `>`.
                if recent & 0xFFFF_FFFF == 0x3C21_2D2D { state = .comment } else if recent & 0xFF_FFFF == 0x3C_215B {
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
            }
        }
        return nil
    }
}
