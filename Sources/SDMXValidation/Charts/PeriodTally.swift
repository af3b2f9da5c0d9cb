import SDMXModel

/// Observations counted per time period, for the report's chart. Every observation is counted, so
/// the period's entry is found through a small direct-mapped cache keyed by its packed ordinal (the
/// bytes are still compared: two spellings of one period are two bars) before any text is made or
/// hashed. At most ``limit`` periods are kept: a file of nonsense periods does not grow it further.
///
/// A class over raw memory: the validator counts through it once per observation, where arrays in
/// a struct it holds were each checked for uniqueness and bounds, and compared through `memcmp`.
final class PeriodTally {
    static let limit = 10_000
    /// Periods longer than this are not cached (regular periods are at most 10 bytes: `2024-07-15`).
    private static let cachedWidth = 16
    private static let cacheSlots = 256

    private var texts: [String] = []
    private var counts: [Int] = []
    private var entries: [String: Int] = [:]
    /// One cache slot: the packed period, its entry, its bytes' length and the bytes.
    private struct Slot {
        var packed: Int64 = .min
        var entry = 0
        var length = -1
        var bytes: (UInt64, UInt64) = (0, 0)
    }
    /// Made at the first count (on the thread that counts, not the one that made the tally).
    private var cache: UnsafeMutablePointer<Slot>?

    deinit {
        cache?.deallocate()
    }

    /// Counts one observation of the period written by `bytes`; `packed` is its ordinal's packed
    /// form when it has one.
    func count(_ bytes: UnsafeBufferPointer<UInt8>, packed: Int64?) {
        guard let packed, bytes.count <= Self.cachedWidth, let base = bytes.baseAddress else {
            if let entry = entry(for: String(decoding: bytes, as: UTF8.self)) { counts[entry] += 1 }
            return
        }
        let cache = self.cache ?? makeCache()
        let slot = cache + Int(truncatingIfNeeded: (UInt64(bitPattern: packed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if slot.pointee.packed == packed, slot.pointee.length == bytes.count,
            Self.withBytes(of: slot, { ShortBytes.equal($0, base, bytes.count) })
        {
            counts[slot.pointee.entry] += 1
            return
        }
        guard let entry = entry(for: String(decoding: bytes, as: UTF8.self)) else { return }
        slot.pointee.packed = packed
        slot.pointee.entry = entry
        slot.pointee.length = bytes.count
        withUnsafeMutableBytes(of: &slot.pointee.bytes) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        counts[entry] += 1
    }

    private func makeCache() -> UnsafeMutablePointer<Slot> {
        let made = UnsafeMutablePointer<Slot>.allocate(capacity: Self.cacheSlots)
        made.initialize(repeating: Slot(), count: Self.cacheSlots)
        cache = made
        return made
    }

    /// Calls `body` with a slot's bytes in place.
    @inline(__always)
    private static func withBytes(of slot: UnsafeMutablePointer<Slot>, _ body: (UnsafePointer<UInt8>) -> Bool) -> Bool {
        withUnsafeBytes(of: &slot.pointee.bytes) { body($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
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
