/// Whether the last value a writer saw at each position of an observation needed encoding (quoting,
/// escaping). Rows in key order repeat most of their values — the series key, the attributes — and a
/// repeated value is usually the very same string (the exporter and the repository hand it on), which
/// compares by identity: scanning each value anew for characters to quote or escape cost a fifth of an
/// export. Plain values are copied as they are; the cache keeps no bytes of its own (an array of byte arrays
/// cost more in reference counting than it saved).
struct EncodedFields {
    private var texts: [String]
    private var plain: [Bool]
    private let needsEncoding: (String) -> Bool
    private let encode: (String, inout [UInt8]) -> Void

    /// A cache for `count` positions: `needsEncoding` says whether a value must go through `encode` (which
    /// appends its encoded form to the bytes it is given) rather than be copied as it is.
    init(
        count: Int, needsEncoding: @escaping (String) -> Bool, encode: @escaping (String, inout [UInt8]) -> Void
    ) {
        texts = Array(repeating: "", count: count)
        plain = Array(repeating: !needsEncoding(""), count: count)
        self.needsEncoding = needsEncoding
        self.encode = encode
    }

    /// Appends `value` to `out`, encoded where it must be; decided anew only when the value differs from the
    /// last one at `position`.
    mutating func append(_ value: String, at position: Int, to out: inout [UInt8]) {
        guard position < texts.count else {
            if needsEncoding(value) { encode(value, &out) } else { out.append(utf8: value) }
            return
        }
        if value != texts[position] {
            texts[position] = value
            plain[position] = !needsEncoding(value)
        }
        if plain[position] { out.append(utf8: value) } else { encode(value, &out) }
    }
}
