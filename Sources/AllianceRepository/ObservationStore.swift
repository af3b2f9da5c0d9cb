import Foundation
import SDMXModel

/// Writes observations inside an ingest's transaction: an unchanged value is left alone, a changed one
/// closes the current version and opens a new one, a deletion closes the versions it names. Handed out
/// only inside ``AllianceRepository/ingest(_:storing:)``; the backend's ``ObservationSink`` does the writing
/// (SQLite one observation at a time, PostgreSQL in batches), with the same outcome.
public final class ObservationStore {
    let sink: any ObservationSink
    /// Whether a key, period or value held a NUL character (refused by ``finish()``).
    private var heldNUL = false
    /// New versions written so far: observations new to the repository, or whose value or attributes changed.
    public var inserted: Int { sink.inserted }
    /// Observations given again with the same value and attributes, left alone.
    public var unchanged: Int { sink.unchanged }
    /// Observations a deletion closed.
    public var deleted: Int { sink.deleted }

    init(sink: any ObservationSink) {
        self.sink = sink
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
        // No array of the texts: this runs for every stored observation.
        if Self.holdsNUL(seriesKey) || Self.holdsNUL(period) || Self.holdsNUL(value) || Self.holdsNUL(dataflow)
            || refArea.map(Self.holdsNUL) == true
        {
            heldNUL = true
            try sink.upsert(
                PendingObservation(
                    dataflow: Self.withoutNUL(dataflow), seriesKey: Self.withoutNUL(seriesKey),
                    refArea: refArea.map(Self.withoutNUL), period: Self.withoutNUL(period),
                    value: value.isEmpty ? nil : Self.withoutNUL(value), attributes: encoded))
            return
        }
        try sink.upsert(
            PendingObservation(
                dataflow: dataflow, seriesKey: seriesKey, refArea: refArea, period: period,
                value: value.isEmpty ? nil : value, attributes: encoded))
    }

    /// Delete: the observations at the level given. An empty key part, and an empty period, match any.
    public func delete(dataflow: String, keyParts: [String], period: String) throws {
        if ([dataflow, period] + keyParts).contains(where: { $0.utf8.contains(0) }) {
            heldNUL = true
            try sink.delete(
                dataflow: Self.withoutNUL(dataflow), keyParts: keyParts.map(Self.withoutNUL),
                period: Self.withoutNUL(period))
            return
        }
        try sink.delete(dataflow: dataflow, keyParts: keyParts, period: period)
    }

    /// Writes what the sink holds back; refuses the transmission, which is then rolled back, if a key, period or
    /// value held a NUL character: PostgreSQL text cannot hold one, and SQLite would give back text cut at it, so
    /// both refuse it alike. Until then such text is written with U+FFFD in its place, so that a file the
    /// validation rejects (as it does a NUL in SDMX-CSV) gets its findings rather than this error. Attributes
    /// keep a NUL: they are stored as JSON, which escapes it.
    func finish() throws {
        if heldNUL {
            throw SDMXError(
                .unreadableFile,
                "a key, period or value holds a NUL character (U+0000), which the repository cannot store: "
                    + "nothing of this file was stored")
        }
        try sink.finish()
    }

    private static func holdsNUL(_ text: String) -> Bool { text.utf8.contains(0) }

    private static func withoutNUL(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    /// Whether a stored series key is at the level a deletion names (an empty part matches any).
    static func key(_ seriesKey: String, matches keyParts: [String]) -> Bool {
        let parts = seriesKey.split(separator: ".", omittingEmptySubsequences: false)
        return keyParts.enumerated().allSatisfy { index, part in
            part.isEmpty || (index < parts.count && parts[index] == part)
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
