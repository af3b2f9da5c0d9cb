/// The SQL an ``ObservationQuery`` runs: one statement per leading key prefix, in key order, each reading
/// a contiguous range of the series' (dataflowID, seriesKey) index and, for each series, its versions by
/// (seriesID, period, validFrom), so that their answers follow one another in key order and no sort is needed.
/// Version times are compared as milliseconds (``RepositoryInstant/milliseconds(_:)``); the period bounds are
/// checked as the rows pass (``RowFilter``).
struct ObservationSelection {
    /// The statements to run in turn, with their arguments.
    var statements: [SQLStatement]

    /// At most this many leading-prefix statements: a key with more alternatives in its leading
    /// positions reads a shorter prefix and checks the rest row by row.
    static let maximumPrefixes = 512
    /// At most this many GLOB patterns for the positions after the prefix.
    static let maximumPatterns = 32

    /// The series' id and key, the period and value, the attribute set's id and text, the transmission and the
    /// version's times (``ObservationRow``; the ids let a backend skip reading texts that repeat).
    static let columns =
        "s.id, s.seriesKey, o.period, o.value, o.attributeSetID, a.attributes, o.transmissionID, o.validFrom, "
        + "o.validTo"
    /// The versions with their series, dataflow and attribute set.
    static let tables =
        "dataflow d JOIN series s ON s.dataflowID = d.id JOIN observation o ON o.seriesID = s.id "
        + "JOIN attributeSet a ON a.id = o.attributeSetID"

    /// The statements for `query` in `dialect`: the same conditions on both backends, but for the key
    /// patterns (SQLite's `GLOB`, PostgreSQL's `LIKE`, both read as "these characters, any run of characters").
    init(_ query: ObservationQuery, dialect: SQLDialect = .sqlite) {
        var conditions = ["d.name = ?"]
        var arguments: [SQLValue] = [.text(query.dataflow)]
        Self.addVersionConditions(query, &conditions, &arguments)
        if let areas = query.refAreas {
            conditions.append("s.refArea IN (\(Array(repeating: "?", count: areas.count).joined(separator: ", ")))")
            arguments += areas.sorted().map { .text($0) }
        }
        let order = query.includeHistory ? "s.seriesKey, o.period, o.validFrom" : "s.seriesKey, o.period"
        guard let key = Self.envelope(query.keys) else {
            let sql =
                "SELECT \(Self.columns) FROM \(Self.tables) WHERE "
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
                let match = dialect == .sqlite ? "s.seriesKey GLOB ?" : "s.seriesKey LIKE ?"
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
                statementConditions.append("s.seriesKey = ?")
                statementArguments.append(.text(prefix))
            } else if prefixLength > 0 {
                // Keys with this prefix: from "P." up to "P/" ("/" follows "." in code order).
                statementConditions.append("s.seriesKey >= ? AND s.seriesKey < ?")
                statementArguments += [.text(prefix + "."), .text(prefix + "/")]
            }
            if let patternCondition {
                statementConditions.append(patternCondition)
                let lead = prefixLength > 0 ? Self.patternEscaped(prefix, dialect) + "." : ""
                statementArguments += patterns.map { .text(lead + $0) }
            }
            let sql =
                "SELECT \(Self.columns) FROM \(Self.tables) WHERE "
                + "\(statementConditions.joined(separator: " AND ")) ORDER BY \(order)"
            statements.append(SQLStatement(sql: sql, arguments: statementArguments))
        }
    }

    /// Which versions: the one in force (now or as of a time), every one, or what changed after a time.
    private static func addVersionConditions(
        _ query: ObservationQuery, _ conditions: inout [String], _ arguments: inout [SQLValue]
    ) {
        let asOf: SQLValue? = query.asOf.map { .integer(RepositoryInstant.milliseconds($0) ?? 0) }
        let after: SQLValue? = query.updatedAfter.map { .integer(RepositoryInstant.milliseconds($0) ?? 0) }
        if let after {
            // A series whose versions last changed by then holds nothing newer: skipped without reading them.
            conditions.append("s.updated > ?")
            arguments.append(after)
        }
        if query.includeHistory {
            if let asOf {
                conditions.append("o.validFrom <= ?")
                arguments.append(asOf)
            }
            if let after {
                conditions.append("(o.validFrom > ? OR o.validTo > ?)")
                arguments += [after, after]
            }
            return
        }
        guard let after else {
            if let asOf {
                conditions.append("o.validFrom <= ? AND (o.validTo IS NULL OR o.validTo > ?)")
                arguments += [asOf, asOf]
            } else {
                conditions.append("o.validTo IS NULL")
            }
            return
        }
        // Changed: the version in force (now, or at the as-of time) began after the time. Deleted: a
        // version ended after it (by the as-of time) and no version followed it (by the as-of time).
        var current = "o.validTo IS NULL AND o.validFrom > ?"
        var deleted = "o.validTo > ?"
        var successor = ""
        var currentArguments: [SQLValue] = [after]
        var deletedArguments: [SQLValue] = [after]
        if let asOf {
            current = "o.validFrom > ? AND o.validFrom <= ? AND (o.validTo IS NULL OR o.validTo > ?)"
            currentArguments = [after, asOf, asOf]
            deleted = "o.validTo > ? AND o.validTo <= ?"
            deletedArguments = [after, asOf, asOf]
            successor = " AND o2.validFrom <= ?"
        }
        conditions.append(
            """
            ((\(current)) OR (\(deleted) AND NOT EXISTS (SELECT 1 FROM observation o2 \
            WHERE o2.seriesID = o.seriesID AND o2.period = o.period \
            AND o2.validFrom >= o.validTo\(successor))))
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
