import SDMXModel

/// Finds the valid codes a mistyped value most likely meant: same code in another case, a code whose
/// name is the value (`Kenya` → KEN), a code that starts with the value (`KE` → KEN), then the
/// closest by edit distance.
public enum CodeSuggester {
    /// Looks at every code: the reference ``CodeSuggestionIndex`` must agree with.
    /// Only codes `allowed` admits (those the dataflow's constraints may allow) are offered.
    public static func suggestions(
        for value: String, in codelist: Codelist, limit: Int = 3,
        allowed: (String) -> Bool = { _ in true }
    ) -> [String] {
        let query = Query(value)
        var ranked: [(score: Int, code: String)] = []
        for code in codelist.codes {
            if let score = query.score(code), allowed(code.id) { ranked.append((score, code.id)) }
        }
        return best(&ranked, limit: limit)
    }

    static func best(_ ranked: inout [(score: Int, code: String)], limit: Int) -> [String] {
        ranked.sort { ($0.score, $0.code) < ($1.score, $1.code) }
        return Array(ranked.prefix(limit).map(\.code))
    }

    /// A value to suggest codes for, and how one code ranks for it (nil: not suggested).
    struct Query {
        let value: String
        let upper: String
        let valueLength: Int

        init(_ value: String) {
            self.value = value
            upper = value.uppercased()
            valueLength = value.count
        }

        /// Most edits a suggestion may be away.
        var maxDistance: Int { max(1, min(2, valueLength / 3)) }

        func score(_ code: Code) -> Int? {
            let id = code.id
            if id.uppercased() == upper || code.name.caseInsensitiveEquals(value) { return 0 }
            if valueLength >= 2, id.uppercased().hasPrefix(upper) { return 1 }
            if abs(id.count - valueLength) <= 2 {
                let distance = editDistance(Array(upper.utf8), Array(id.uppercased().utf8), limit: 2)
                if distance <= maxDistance { return 1 + distance }
            }
            return nil
        }
    }

    /// Edit distance counting a swap of two neighbouring characters as one edit (a common typo:
    /// `SMO` for SOM); gives up (returning `limit + 1`) once it exceeds `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}
