import SDMXModel

/// Observations counted per time period, for the report's chart. Every observation is counted, so
/// the period's entry is found through a small direct-mapped cache keyed by its packed ordinal (the
/// bytes are still compared: two spellings of one period are two bars) before any text is made or
/// hashed. At most ``limit`` periods are kept: a file of nonsense periods does not grow it further.
///
/// The validator counts through it once per observation: the cache is a ``FixedBuffer`` (no array
/// uniqueness or bounds checks) and a period's bytes are compared as two words (``ShortBytes/key(_:)``).
final class PeriodTally {
    static let limit = 10_000
    /// Periods longer than this are not cached (regular periods are at most 10 bytes: `2024-07-15`).
    private static let cachedWidth = 16
    private static let cacheSlots = 256

    private var texts: [String] = []
    private var counts: [Int] = []
    private var entries: [String: Int] = [:]
    /// One cache slot: the packed period, its entry, and its bytes' length and key.
    private struct Slot {
        var packed: Int64 = .min
        var entry = 0
        var length = -1
        var key: (UInt64, UInt64) = (0, 0)
    }
    private let cache = FixedBuffer(repeating: Slot(), count: PeriodTally.cacheSlots)

    /// Counts one observation of the period written by `bytes`; `packed` is its ordinal's packed
    /// form when it has one.
    func count(_ bytes: UnsafeBufferPointer<UInt8>, packed: Int64?) {
        guard let packed, bytes.count <= Self.cachedWidth else {
            if let entry = entry(for: String(decoding: bytes, as: UTF8.self)) { counts[entry] += 1 }
            return
        }
        let index = Int(truncatingIfNeeded: (UInt64(bitPattern: packed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        let key = ShortBytes.key(bytes)
        let slot = cache[index]
        if slot.packed == packed, slot.length == bytes.count, slot.key == key {
            counts[slot.entry] += 1
            return
        }
        guard let entry = entry(for: String(decoding: bytes, as: UTF8.self)) else { return }
        cache[index] = Slot(packed: packed, entry: entry, length: bytes.count, key: key)
        counts[entry] += 1
    }

    private func entry(for period: String) -> Int? {
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
