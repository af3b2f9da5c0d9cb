/// The (series, period) keys an ingest wrote into series it created itself, as a Bloom filter of fixed size
/// (4 MB, made on first use): "not written" is certain, "written" may be wrong. A key of a series the
/// transaction created and surely not written yet has no version at all, so it can be copied straight into
/// the versions table; any other key takes the path that looks for a current version first. A false "written"
/// only costs that look-up: at 1 000 000 keys about one in 1 500 takes it.
struct WrittenKeys {
    private var bits: [UInt64] = []
    private static let wordCount = 1 << 19
    private static let bitCount = UInt64(wordCount * 64)

    mutating func insert(series: Int64, period: String) {
        if bits.isEmpty { bits = Array(repeating: 0, count: Self.wordCount) }
        let (first, step) = Self.hashes(series: series, period: period)
        for index in 0..<UInt64(3) {
            let bit = (first &+ index &* step) % Self.bitCount
            bits[Int(bit >> 6)] |= 1 << (bit & 63)
        }
    }

    func mightContain(series: Int64, period: String) -> Bool {
        guard !bits.isEmpty else { return false }
        let (first, step) = Self.hashes(series: series, period: period)
        for index in 0..<UInt64(3) {
            let bit = (first &+ index &* step) % Self.bitCount
            if bits[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
        }
        return true
    }

    /// The key's FNV-1a hash and a step derived from it: its three bits are first, first + step, first + 2 step.
    private static func hashes(series: Int64, period: String) -> (UInt64, UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var number = UInt64(bitPattern: series)
        for _ in 0..<8 {
            hash = (hash ^ (number & 0xff)) &* 0x100_0000_01b3
            number >>= 8
        }
        for byte in period.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        // A second hash: the first one mixed (splitmix64's finaliser), odd so that its steps cover the table.
        var second = hash ^ (hash >> 30)
        second = (second &* 0xbf58_476d_1ce4_e5b9) ^ ((second &* 0xbf58_476d_1ce4_e5b9) >> 27)
        second = (second &* 0x94d0_49bb_1331_11eb) | 1
        return (hash, second)
    }
}
