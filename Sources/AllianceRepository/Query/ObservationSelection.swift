/// The SQL an ``ObservationQuery`` runs: one statement per leading key prefix, in key order, each reading
/// a contiguous range of the (dataflow, seriesKey, period) indexes, so that their answers follow one
/// another in key order and no sort is needed.
struct ObservationSelection {
    /// The statements to run in turn, with their arguments.
    var statements: [SQLStatement]

    /// At most this many leading-prefix statements: a key with more alternatives in its leading
    /// positions reads a shorter prefix and checks the rest row by row.
    static let maximumPrefixes = 512
    /// At most this many GLOB patterns for the positions after the prefix.
    static let maximumPatterns = 32

    static let columns = "dataflow, seriesKey, period, value, attributes, transmissionID, validFrom, validTo"

    /// The statements for `query` in `dialect`: the same conditions on both backends, but for the key
    /// patterns (SQLite's `GLOB`, PostgreSQL's `LIKE`, both read as "these characters, any run of characters").
    init(_ query: ObservationQuery, dialect: SQLDialect = .sqlite) {
        var conditions = ["dataflow = ?"]
        var arguments: [SQLValue] = [.text(query.dataflow)]
        Self.addVersionConditions(query, &conditions, &arguments)
        if let areas = query.refAreas {
            conditions.append("refArea IN (\(Array(repeating: "?", count: areas.count).joined(separator: ", ")))")
            arguments += areas.sorted().map { .text($0) }
        }
        if let from = query.periodFrom {
            conditions.append("periodStart >= ?")
            arguments.append(.integer(from))
        }
        if let until = query.periodUntil {
            conditions.append("periodEnd <= ?")
            arguments.append(.integer(until))
        }
        let order = query.includeHistory ? "seriesKey, period, validFrom, id" : "seriesKey, period"
        guard let key = Self.envelope(query.keys) else {
            let sql =
                "SELECT \(Self.columns) FROM observation WHERE "
                + "\(conditions.joined(separator: " AND ")) ORDER BY \(order)"
            statements = [SQLStatement(sql: sql, arguments: arguments)]
            return
        }
        // The leading positions that name values: their combinations, as prefixes, in key order.
        var prefixLength = 0
        var combinations = 1
        while prefixLength < key.count, !key[prefixLength].isEmpty,
            combinations * key[prefixLength].count <= Self.maximumPrefixes
        {
            combinations *= key[prefixLength].count
            prefixLength += 1
        }
        let prefixes = Self.product(key.prefix(prefixLength).map { $0.sorted() }).map { $0.joined(separator: ".") }
        var patternCondition: String?
        var patterns: [String] = []
        if prefixLength < key.count {
            let rest = key.dropFirst(prefixLength)
            let count = rest.reduce(1) { $0 * max($1.count, 1) }
            if rest.contains(where: { !$0.isEmpty }), count <= Self.maximumPatterns {
                let any = dialect == .sqlite ? "*" : "%"
                let escaped = { (text: String) in Self.patternEscaped(text, dialect) }
                patterns = Self.product(rest.map { $0.isEmpty ? [any] : $0.sorted().map(escaped) })
                    .map { $0.joined(separator: ".") }
                let match = dialect == .sqlite ? "seriesKey GLOB ?" : "seriesKey LIKE ?"
                patternCondition =
                    "("
                    + Array(repeating: match, count: patterns.count)
                    .joined(separator: " OR ") + ")"
            }
        }
        statements = []
        for prefix in prefixes.sorted() {
            var statementConditions = conditions
            var statementArguments = arguments
            if prefixLength == key.count {
                statementConditions.append("seriesKey = ?")
                statementArguments.append(.text(prefix))
            } else if prefixLength > 0 {
                // Keys with this prefix: from "P." up to "P/" ("/" follows "." in code order).
                statementConditions.append("seriesKey >= ? AND seriesKey < ?")
                statementArguments += [.text(prefix + "."), .text(prefix + "/")]
            }
            if let patternCondition {
                statementConditions.append(patternCondition)
                let lead = prefixLength > 0 ? Self.patternEscaped(prefix, dialect) + "." : ""
                statementArguments += patterns.map { .text(lead + $0) }
            }
            let sql =
                "SELECT \(Self.columns) FROM observation WHERE "
                + "\(statementConditions.joined(separator: " AND ")) ORDER BY \(order)"
            statements.append(SQLStatement(sql: sql, arguments: statementArguments))
        }
    }

    /// Which versions: the one in force (now or as of a time), every one, or what changed after a time.
    private static func addVersionConditions(
        _ query: ObservationQuery, _ conditions: inout [String], _ arguments: inout [SQLValue]
    ) {
        let asOf = query.asOf
        if query.includeHistory {
            if let asOf {
                conditions.append("validFrom <= ?")
                arguments.append(.text(asOf))
            }
            if let after = query.updatedAfter {
                conditions.append("(validFrom > ? OR validTo > ?)")
                arguments += [.text(after), .text(after)]
            }
            return
        }
        guard let after = query.updatedAfter else {
            if let asOf {
                conditions.append("validFrom <= ? AND (validTo IS NULL OR validTo > ?)")
                arguments += [.text(asOf), .text(asOf)]
            } else {
                // Literally, so that SQLite uses the partial index of current versions.
                conditions.append("validTo IS NULL")
            }
            return
        }
        // Changed: the version in force (now, or at the as-of time) began after the time. Deleted: a
        // version ended after it (by the as-of time) and no version followed it (by the as-of time).
        var current = "validTo IS NULL AND validFrom > ?"
        var deleted = "validTo > ?"
        var successor = ""
        var currentArguments: [SQLValue] = [.text(after)]
        var deletedArguments: [SQLValue] = [.text(after)]
        if let asOf {
            current = "validFrom > ? AND validFrom <= ? AND (validTo IS NULL OR validTo > ?)"
            currentArguments = [.text(after), .text(asOf), .text(asOf)]
            deleted = "validTo > ? AND validTo <= ?"
            deletedArguments = [.text(after), .text(asOf), .text(asOf)]
            successor = " AND o2.validFrom <= ?"
        }
        conditions.append(
            """
            ((\(current)) OR (\(deleted) AND NOT EXISTS (SELECT 1 FROM observation o2 \
            WHERE o2.dataflow = observation.dataflow AND o2.seriesKey = observation.seriesKey \
            AND o2.period = observation.period AND o2.validFrom >= observation.validTo\(successor))))
            """)
        arguments += currentArguments + deletedArguments
    }

    /// The smallest single key that holds every alternative: per position, the union of their values (any,
    /// if one of them takes any). Nil when no position is narrowed.
    static func envelope(_ keys: [[Set<String>]]) -> [Set<String>]? {
        guard let first = keys.first, keys.allSatisfy({ $0.count == first.count }) else { return nil }
        let union = (0..<first.count).map { position in
            keys.contains { $0[position].isEmpty }
                ? [] : keys.reduce(into: Set<String>()) { $0.formUnion($1[position]) }
        }
        return union.allSatisfy(\.isEmpty) ? nil : union
    }

    /// Every combination, one value from each list, in order.
    static func product(_ lists: [[String]]) -> [[String]] {
        lists.reduce([[]]) { partial, list in partial.flatMap { head in list.map { head + [$0] } } }
    }

    /// Text matched literally by the dialect's pattern operator (`LIKE`'s escape is the backslash).
    static func patternEscaped(_ text: String, _ dialect: SQLDialect) -> String {
        guard dialect == .postgres else { return globEscaped(text) }
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Text matched literally by GLOB.
    static func globEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "*", "?", "[": out += "[\(character)]"
            default: out.append(character)
            }
        }
        return out
    }
}
