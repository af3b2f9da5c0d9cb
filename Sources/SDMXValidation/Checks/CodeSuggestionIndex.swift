import SDMXModel

/// Gives what ``CodeSuggester/suggestions(for:in:limit:)`` gives without looking at every code: a
/// scan of a million codes took most of a second per invalid value.
///
/// A code can rank for a value only by being the value in another case, having it as its name,
/// starting with it, or being at most two edits from it (an edit: a character changed, added,
/// removed, or two neighbours swapped). Codes of plain ASCII ids are found so: by hashes of their
/// upper-case ids and of their lower-case names, by a sorted list of upper-case ids for the
/// prefixes, and by trying every string two edits from the value (over the characters the ids
/// use) against the ids' hashes. Each code found is then ranked by the same test as the scan; the
/// few codes of other ids, and values that are not plain ASCII, are scanned as before.
final class CodeSuggestionIndex {
    private let codelist: Codelist
    /// Code positions by the hash of the upper-case id, then the next position of the same hash.
    private var byUpperID: [Int: Int32] = [:]
    private var byName: [Int: Int32] = [:]
    private var nextSameID: [Int32]
    private var nextSameName: [Int32]
    /// Upper-case ASCII ids, one after another, and the positions of their codes sorted by them.
    private var idBytes: [UInt8] = []
    private var idStarts: [Int32] = []
    private var sortedByID: [Int32] = []
    /// Positions of the codes whose ids are not plain ASCII: scanned for every value.
    private var others: [Int32] = []
    /// The bytes ids use, for trying edits, and the longest id.
    private var alphabet: [UInt8] = []
    private var longestID = 0
    /// Tries edits even where scanning the codes would be cheaper (tests).
    private let alwaysEdits: Bool

    init(_ codelist: Codelist, alwaysEdits: Bool = false) {
        self.codelist = codelist
        self.alwaysEdits = alwaysEdits
        let codes = codelist.codes
        nextSameID = Array(repeating: -1, count: codes.count)
        nextSameName = Array(repeating: -1, count: codes.count)
        var used = [Bool](repeating: false, count: 128)
        var plain: [Int32] = []
        idStarts.reserveCapacity(codes.count + 1)
        var slotOf = [Int32](repeating: -1, count: codes.count)
        for (position, code) in codes.enumerated() {
            let index = Int32(position)
            if let previous = byName.updateValue(index, forKey: code.name.lowercased().hashValue) {
                nextSameName[position] = previous
            }
            guard Self.isPlain(code.id) else {
                others.append(index)
                continue
            }
            let upper = code.id.uppercased()
            if let previous = byUpperID.updateValue(index, forKey: Self.hash(upper.utf8)) {
                nextSameID[position] = previous
            }
            slotOf[position] = Int32(idStarts.count)
            idStarts.append(Int32(idBytes.count))
            idBytes.append(contentsOf: upper.utf8)
            for byte in upper.utf8 { used[Int(byte)] = true }
            longestID = max(longestID, upper.utf8.count)
            plain.append(index)
        }
        idStarts.append(Int32(idBytes.count))
        alphabet = (0..<128).filter { used[$0] }.map(UInt8.init)
        // Sorted by the upper-case id's bytes: the codes starting with a value are a range.
        var slots = plain.map { slotOf[Int($0)] }
        idBytes.withUnsafeBufferPointer { bytes in
            let starts = idStarts
            slots.sort { Self.compare(bytes, starts, $0, $1) < 0 }
        }
        var positionOfSlot = [Int32](repeating: 0, count: plain.count)
        for (slot, position) in zip(plain.indices, plain) { positionOfSlot[slot] = position }
        sortedByID = slots
        slotPositions = positionOfSlot
    }

    /// The code position of each slot of ``idStarts``.
    private var slotPositions: [Int32] = []

    /// ASCII without carriage returns (`\r\n` is one character: counts would differ from bytes).
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    private static func compare(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int32], _ a: Int32, _ b: Int32) -> Int {
        let aStart = Int(starts[Int(a)]), aEnd = Int(starts[Int(a) + 1])
        let bStart = Int(starts[Int(b)]), bEnd = Int(starts[Int(b) + 1])
        var i = aStart, j = bStart
        while i < aEnd, j < bEnd {
            if bytes[i] != bytes[j] { return Int(bytes[i]) - Int(bytes[j]) }
            i += 1
            j += 1
        }
        return (aEnd - aStart) - (bEnd - bStart)
    }

    func suggestions(for value: String, limit: Int = 3, allowed: (String) -> Bool = { _ in true }) -> [String] {
        let query = CodeSuggester.Query(value)
        // Strings two edits away number about (2 × length × alphabet)²: where that is more than
        // the codes (short lists, long values), scanning the codes is cheaper, and gives the same.
        let oneEdit = 2 * (query.upper.utf8.count + 1) * max(1, alphabet.count)
        let tries = query.maxDistance == 1 ? oneEdit : oneEdit * oneEdit
        guard Self.isPlain(value), alwaysEdits || tries <= codelist.codes.count else {
            return CodeSuggester.suggestions(for: value, in: codelist, limit: limit, allowed: allowed)
        }
        var candidates = Set<Int32>()
        func chain(_ start: Int32?, _ next: [Int32]) {
            var position = start ?? -1
            while position >= 0 {
                candidates.insert(position)
                position = next[Int(position)]
            }
        }
        chain(byUpperID[Self.hash(query.upper.utf8)], nextSameID)
        chain(byName[value.lowercased().hashValue], nextSameName)
        for position in others { candidates.insert(position) }
        let upper = Array(query.upper.utf8)
        if upper.count >= 2 { prefixed(upper) { candidates.insert($0) } }
        if upper.count <= longestID + 2 {
            var scratch = [[UInt8]](repeating: [], count: query.maxDistance)
            neighbours(upper, edits: query.maxDistance, scratch: &scratch) { text in
                chain(byUpperID[Self.hash(text)], nextSameID)
            }
        }
        let codes = codelist.codes
        var ranked: [(score: Int, code: String)] = []
        for position in candidates {
            let code = codes[Int(position)]
            if let score = query.score(code), allowed(code.id) { ranked.append((score, code.id)) }
        }
        return CodeSuggester.best(&ranked, limit: limit)
    }

    /// The codes whose upper-case ids start with `prefix`.
    private func prefixed(_ prefix: [UInt8], _ body: (Int32) -> Void) {
        idBytes.withUnsafeBufferPointer { bytes in
            // The first slot not below the prefix, then on while the id starts with it.
            func startsWith(_ slot: Int32) -> Int {
                let start = Int(idStarts[Int(slot)]), end = Int(idStarts[Int(slot) + 1])
                for k in 0..<prefix.count {
                    guard start + k < end else { return -1 }
                    if bytes[start + k] != prefix[k] { return Int(bytes[start + k]) - Int(prefix[k]) }
                }
                return 0
            }
            var low = 0, high = sortedByID.count
            while low < high {
                let middle = (low + high) / 2
                if startsWith(sortedByID[middle]) < 0 { low = middle + 1 } else { high = middle }
            }
            while low < sortedByID.count, startsWith(sortedByID[low]) == 0 {
                body(slotPositions[Int(sortedByID[low])])
                low += 1
            }
        }
    }

    /// FNV-1a over an id's bytes: the strings tried as edits are hashed without making text.
    private static func hash<Bytes: Sequence>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash)
    }

    /// Every string at most `edits` edits from `text` over the ids' bytes (repeats included),
    /// built in `scratch` (a buffer per level of edits, reused).
    private func neighbours(_ text: [UInt8], edits: Int, scratch: inout [[UInt8]], _ body: ([UInt8]) -> Void) {
        body(text)
        guard edits > 0 else { return }
        let level = edits - 1
        var work = scratch[level]
        defer { scratch[level] = work }
        func next(_ scratch: inout [[UInt8]]) {
            body(work)
            if edits > 1 {
                let candidate = work
                neighbours(candidate, edits: edits - 1, scratch: &scratch, body)
            }
        }
        func reset() {
            work.removeAll(keepingCapacity: true)
            work.append(contentsOf: text)
        }
        for index in 0..<text.count {
            reset()
            work.remove(at: index)
            next(&scratch)
            if index + 1 < text.count, text[index] != text[index + 1] {
                reset()
                work.swapAt(index, index + 1)
                next(&scratch)
            }
            reset()
            for byte in alphabet where byte != text[index] {
                work[index] = byte
                next(&scratch)
            }
        }
        for index in 0...text.count {
            reset()
            work.insert(0, at: index)
            for byte in alphabet {
                work[index] = byte
                next(&scratch)
            }
        }
    }
}
