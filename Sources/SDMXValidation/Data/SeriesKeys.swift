import SDMXModel

/// Every series of a file, numbered in order of first appearance, found by its dimension values.
///
/// A file of millions of observations may hold hundreds of thousands of series, and what is kept
/// per series decides the validator's memory. Keys are not kept as text: each dimension's values are
/// numbered once (a dimension has few distinct values), a series is the list of its values'
/// numbers (2 bytes per dimension while no dimension has more than 65 536 values, then 4), and an
/// open-addressing table of series numbers finds a list
/// again. The validator makes the current series' key text when the series starts.
final class SeriesKeys {
    /// Made with the validator on the reading thread and used on the validating one: padded, so
    /// that its fields share no cache line with what the reading thread writes (``CacheLinePadding``).
    private let paddingBefore = CacheLinePadding()
    /// Per dimension position: its values' numbers, and the values by number. A dimension not
    /// given counts as empty, as in the key's text.
    private var numbers: [[String: UInt32]] = []
    private var values: [[String]] = []
    /// Series `n`'s value numbers are codes `starts[n]..<starts[n + 1]`: in `narrow` while every
    /// number fits in 16 bits, in `wide` once one does not.
    private var narrow: [UInt16] = []
    private var wide: [UInt32]?
    private var starts: [UInt32] = [0]
    /// Series numbers by hash of their codes; -1 is empty. Kept at most half full.
    private var table: [Int32] = Array(repeating: -1, count: 1024)
    private var scratch: [UInt32] = []
    /// Per dimension position, the last value numbered and its number: consecutive series share
    /// most of their values, which then need no lookup.
    private var lastValues: [(value: String, code: UInt32)?] = []
    private let paddingAfter = CacheLinePadding()

    /// How many series.
    var count: Int { starts.count - 1 }

    /// The number of the series whose dimensions (`slots` at `dimensions`) have these values, and
    /// whether it is new: a new one is numbered `count` before the call.
    func number(of slots: [String?], dimensions: [Int]) -> (number: Int, isNew: Bool) {
        scratch.removeAll(keepingCapacity: true)
        for (position, index) in dimensions.enumerated() { scratch.append(code(slots[index] ?? "", at: position)) }
        let hash = Self.hash(scratch)
        let mask = table.count - 1
        var slot = hash & mask
        while table[slot] >= 0 {
            let series = Int(table[slot])
            if matches(series) { return (series, false) }
            slot = (slot + 1) & mask
        }
        let series = count
        table[slot] = Int32(series)
        if wide == nil, scratch.contains(where: { $0 > UInt32(UInt16.max) }) { wide = narrow.map(UInt32.init) }
        if wide != nil {
            wide!.append(contentsOf: scratch)
        } else {
            for code in scratch { narrow.append(UInt16(code)) }
        }
        starts.append(UInt32(wide?.count ?? narrow.count))
        if count * 2 > table.count { grow() }
        return (series, true)
    }

    /// The number of the series' value at dimension `position` among that dimension's values
    /// (``values(at:)``); nil when the series has no such position.
    func code(of series: Int, at position: Int) -> UInt32? {
        let start = Int(starts[series])
        guard position >= 0, start + position < Int(starts[series + 1]) else { return nil }
        return code(at: start + position)
    }

    /// Dimension `position`'s values, by number.
    func values(at position: Int) -> [String] {
        position >= 0 && position < values.count ? values[position] : []
    }

    /// The series' value at dimension `position` (empty when the series did not give it).
    func value(of series: Int, at position: Int) -> String {
        let start = Int(starts[series])
        guard start + position < Int(starts[series + 1]) else { return "" }
        return values[position][Int(code(at: start + position))]
    }

    private func code(at index: Int) -> UInt32 {
        if let wide { return wide[index] }
        return UInt32(narrow[index])
    }

    private func code(_ value: String, at position: Int) -> UInt32 {
        while numbers.count <= position {
            numbers.append([:])
            values.append([])
            lastValues.append(nil)
        }
        if let last = lastValues[position], last.value == value { return last.code }
        let code: UInt32
        if let known = numbers[position][value] {
            code = known
        } else {
            code = UInt32(values[position].count)
            numbers[position][value] = code
            values[position].append(value)
        }
        lastValues[position] = (value, code)
        return code
    }

    private func matches(_ series: Int) -> Bool {
        let start = Int(starts[series]), end = Int(starts[series + 1])
        guard end - start == scratch.count else { return false }
        for offset in 0..<scratch.count where code(at: start + offset) != scratch[offset] { return false }
        return true
    }

    private static func hash<C: Collection<UInt32>>(_ codes: C) -> Int {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(codes.count)
        for code in codes {
            hash = (hash ^ UInt64(code)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
        }
        return Int(truncatingIfNeeded: hash)
    }

    private func grow() {
        table = Array(repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for series in 0..<count {
            var slot = Self.hash((Int(starts[series])..<Int(starts[series + 1])).lazy.map(code(at:))) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(series)
        }
    }
}
