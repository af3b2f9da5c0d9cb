#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Observations counted per time period, for the report's chart. Every observation is counted, so
/// the period's entry is found through a small direct-mapped cache keyed by its packed ordinal (the
/// bytes are still compared: two spellings of one period are two bars) before any text is made or
/// hashed. At most ``limit`` periods are kept: a file of nonsense periods does not grow it further.
struct PeriodTally {
    static let limit = 10_000
    /// Periods longer than this are not cached (regular periods are at most 10 bytes: `2024-07-15`).
    private static let cachedWidth = 16

    private var texts: [String] = []
    private var counts: [Int] = []
    private var entries: [String: Int] = [:]
    /// The cache, made at the first count (on the thread that counts, not the one that made the
    /// tally): per slot the packed period, its entry, its bytes (``cachedWidth`` each) and their length.
    private var cachedKeys: [Int64] = []
    private var cachedEntries: [Int] = []
    private var cachedBytes: [UInt8] = []
    private var cachedLengths: [Int] = []

    /// Counts one observation of the period written by `bytes`; `packed` is its ordinal's packed
    /// form when it has one.
    mutating func count(_ bytes: UnsafeBufferPointer<UInt8>, packed: Int64?) {
        guard let packed, bytes.count <= Self.cachedWidth else {
            if let entry = entry(for: String(decoding: bytes, as: UTF8.self)) { counts[entry] += 1 }
            return
        }
        if cachedKeys.isEmpty {
            cachedKeys = [Int64](repeating: .min, count: 256)
            cachedEntries = [Int](repeating: 0, count: 256)
            cachedBytes = [UInt8](repeating: 0, count: 256 * Self.cachedWidth)
            cachedLengths = [Int](repeating: 0, count: 256)
        }
        let slot = Int(truncatingIfNeeded: (UInt64(bitPattern: packed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if cachedKeys[slot] == packed, cachedLengths[slot] == bytes.count, isCached(bytes, at: slot) {
            counts[cachedEntries[slot]] += 1
            return
        }
        guard let entry = entry(for: String(decoding: bytes, as: UTF8.self)) else { return }
        cachedKeys[slot] = packed
        cachedEntries[slot] = entry
        cachedLengths[slot] = bytes.count
        cachedBytes.withUnsafeMutableBufferPointer { cached in
            for offset in 0..<bytes.count { cached[slot * Self.cachedWidth + offset] = bytes[offset] }
        }
        counts[entry] += 1
    }

    private func isCached(_ bytes: UnsafeBufferPointer<UInt8>, at slot: Int) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return cachedBytes.withUnsafeBufferPointer { cached in memcmp(cached.baseAddress! + slot * Self.cachedWidth, base, bytes.count) == 0 }
    }

    private mutating func entry(for period: String) -> Int? {
        if let known = entries[period] { return known }
        guard texts.count < Self.limit else { return nil }
        entries[period] = texts.count
        texts.append(period)
        counts.append(0)
        return texts.count - 1
    }

    /// The counts by period text.
    var byPeriod: [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(texts, counts))
    }
}
