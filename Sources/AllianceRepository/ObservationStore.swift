import Foundation
import GRDB
import SDMXModel

/// Writes observations inside an ingest's transaction with prepared statements: an unchanged value
/// is left alone, a changed one closes the current version and opens a new one, a deletion closes
/// the versions it names. Handed out only inside ``AllianceRepository/ingest(_:storing:)``.
public final class ObservationStore {
    private let db: Database
    private let transmissionID: Int64
    private let now: String
    private let current: Statement
    private let close: Statement
    private let insert: Statement
    private let insertNew: Statement
    public private(set) var inserted = 0
    public private(set) var unchanged = 0
    public private(set) var deleted = 0
    /// The intervals of the periods seen, each parsed once: a file repeats its periods in every series.
    private var intervals: [String: PeriodInterval?] = [:]

    init(db: Database, transmissionID: Int64, now: String) throws {
        self.db = db
        self.transmissionID = transmissionID
        self.now = now
        current = try db.makeStatement(
            sql: """
                SELECT id, value, attributes FROM observation
                WHERE dataflow = ? AND seriesKey = ? AND period = ? AND validTo IS NULL
                """)
        close = try db.makeStatement(sql: "UPDATE observation SET validTo = ? WHERE id = ?")
        insert = try db.makeStatement(
            sql: """
                INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID,
                    validFrom, periodStart, periodEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Most observations of a transmission are new: try the insert first, and look for the
        // current version only when one is there.
        insertNew = try db.makeStatement(
            sql: """
                INSERT INTO observation (dataflow, seriesKey, refArea, period, value, attributes, transmissionID,
                    validFrom, periodStart, periodEnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dataflow, seriesKey, period) WHERE validTo IS NULL DO NOTHING
                """)
    }

    /// Information, Append, Merge or Replace: the observation as it now is. Attributes are given in
    /// the structure's order, which keeps their stored text stable for comparison.
    public func upsert(
        dataflow: String, seriesKey: String, refArea: String?, period: String, value: String,
        attributes: [(id: String, value: String)]
    ) throws {
        try upsert(
            dataflow: dataflow, seriesKey: seriesKey, refArea: refArea, period: period, value: value,
            encodedAttributes: Self.encode(attributes))
    }

    /// ``upsert(dataflow:seriesKey:refArea:period:value:attributes:)`` with the attributes already
    /// encoded (``encode(_:)``), for a writer that encodes a series' attributes once.
    public func upsert(
        dataflow: String, seriesKey: String, refArea: String?, period: String, value: String,
        encodedAttributes encoded: String
    ) throws {
        let interval = self.interval(period)
        let arguments: StatementArguments = [
            dataflow, seriesKey, refArea, period, value.isEmpty ? nil : value, encoded, transmissionID, now,
            interval?.start, interval?.end,
        ]
        try insertNew.execute(arguments: arguments)
        if db.changesCount > 0 {
            inserted += 1
            return
        }
        if let row = try Row.fetchOne(current, arguments: [dataflow, seriesKey, period]) {
            let oldValue: String? = row["value"], oldAttributes: String = row["attributes"]
            if (oldValue ?? "") == value, oldAttributes == encoded {
                unchanged += 1
                return
            }
            try close.execute(arguments: [now, row["id"] as Int64])
        }
        try insert.execute(arguments: arguments)
        inserted += 1
    }

    /// The time a period covers, stored beside it for period filters.
    private func interval(_ period: String) -> PeriodInterval? {
        if let known = intervals[period] { return known }
        let interval = PeriodInterval(period: period)
        // Bounded: daily or date-time periods are all different.
        if intervals.count >= 10_000 { intervals.removeAll(keepingCapacity: true) }
        intervals[period] = interval
        return interval
    }

    /// Delete: the observations at the level given. An empty key part, and an empty period, match any.
    public func delete(dataflow: String, keyParts: [String], period: String) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, seriesKey FROM observation WHERE dataflow = ? AND validTo IS NULL AND (? = '' OR period = ?)
                """, arguments: [dataflow, period, period])
        for row in rows {
            let parts = (row["seriesKey"] as String).split(separator: ".", omittingEmptySubsequences: false)
            let matches = keyParts.enumerated().allSatisfy { index, part in
                part.isEmpty || (index < parts.count && parts[index] == part)
            }
            guard matches else { continue }
            try close.execute(arguments: [now, row["id"] as Int64])
            deleted += 1
        }
    }

    /// A JSON object of the non-empty attributes, in the order given (no Foundation on the hot path).
    public static func encode(_ attributes: [(id: String, value: String)]) -> String {
        var out = "{"
        for (id, value) in attributes where !value.isEmpty {
            if out.count > 1 { out += "," }
            out += quote(id) + ":" + quote(value)
        }
        return out + "}"
    }

    private static func quote(_ text: String) -> String {
        // Codes and numbers need no escaping: copied as they are.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The attributes ``encode(_:)`` wrote. Every stored row is decoded on every read (an answer of 1e6
    /// observations decodes 1e6 of these), so the common form — ids and values without escapes — is read
    /// directly; anything else goes through Foundation's JSON reader.
    static func decode(_ text: String) -> [String: String] {
        if let plain = decodePlain(text) { return plain }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]) ?? [:]
    }

    /// `{"ID":"value",…}` with no backslash anywhere; nil for any other form.
    static func decodePlain(_ text: String) -> [String: String]? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> [String: String]? in
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
            guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}"),
                !bytes.contains(backslash)
            else { return nil }
            var result: [String: String] = [:]
            var index = 1
            let end = bytes.count - 1
            /// The string starting at the quote at `index`; moves past its closing quote.
            func string() -> String? {
                guard index < end, bytes[index] == quote else { return nil }
                let start = index + 1
                var close = start
                while close < end, bytes[close] != quote { close += 1 }
                guard close < end else { return nil }
                index = close + 1
                return String(decoding: bytes[start..<close], as: UTF8.self)
            }
            while index < end {
                guard let id = string(), index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = string() else { return nil }
                result[id] = value
                if index < end {
                    guard bytes[index] == UInt8(ascii: ",") else { return nil }
                    index += 1
                }
            }
            return result
        } ?? nil
    }
}
