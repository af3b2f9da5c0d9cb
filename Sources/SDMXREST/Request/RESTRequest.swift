/// An SDMX REST request as the service reads it: which API (1.5 at `/rest/`, 2.x at `/rest/v2/`), the
/// resource (`data`, `dataflow`, `structure`…), the path segments after it and the query parameters, all
/// percent-decoded the way SDMX clients encode them.
///
/// Real clients differ: sdmx1 writes `+` between key values, others `%2B`; some encode the commas of a
/// flow reference (`%2C`) or the brackets of `c[REF_AREA]` (`%5B`, `%5D`). A `+` is never a space here
/// (in SDMX it joins alternatives), and an empty trailing segment (`/data/DF/all/`) is ignored.
public struct RESTRequest: Sendable, Equatable {
    /// Which API the request came through, from its path's root.
    public var api: APIVersion
    /// The first segment after the API's root, as given (`data`, `dataflow`, `structure`…).
    public var resource: String
    /// The decoded segments after the resource.
    public var segments: [String]
    /// The decoded query parameters by name.
    public var parameters: [String: String]

    /// A request already split and decoded: what ``parse(path:query:)`` returns, or one made by hand in tests.
    public init(api: APIVersion, resource: String, segments: [String], parameters: [String: String]) {
        self.api = api
        self.resource = resource
        self.segments = segments
        self.parameters = parameters
    }

    /// The longest path or query the service reads; longer ones are refused (414 in HTTP terms) rather
    /// than split into thousands of alternatives.
    public static let maximumTargetLength = 16_384

    /// Reads a request target's path and query; nil when the path is not under `/rest/`.
    public static func parse(path: String, query: String?) throws(RESTError) -> RESTRequest? {
        guard path.utf8.count + (query?.utf8.count ?? 0) <= maximumTargetLength else {
            throw RESTError(code: 140, status: 414, "the request is longer than \(maximumTargetLength) bytes")
        }
        var raw = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // "/rest/data/…" splits into "", "rest", "data", …
        guard raw.count >= 2, raw[0].isEmpty, raw[1] == "rest" else { return nil }
        raw.removeFirst(2)
        while raw.last == "" { raw.removeLast() }
        var api = APIVersion.v1
        if raw.first == "v2" {
            api = .v2
            raw.removeFirst()
        }
        var segments: [String] = []
        for part in raw {
            guard let decoded = percentDecoded(part) else {
                throw .syntax("the path segment '\(part.prefix(200))' is not valid percent-encoded UTF-8")
            }
            segments.append(decoded)
        }
        guard let resource = segments.first, !resource.isEmpty else {
            throw .syntax(
                "the path names no resource: write /rest/data/…, /rest/dataflow/… (1.5) or /rest/v2/structure/…")
        }
        segments.removeFirst()
        return RESTRequest(
            api: api, resource: resource, segments: segments, parameters: try parameters(query))
    }

    /// The query's parameters; a parameter given twice is an error (which one should win?).
    static func parameters(_ query: String?) throws(RESTError) -> [String: String] {
        var parameters: [String: String] = [:]
        guard let query, !query.isEmpty else { return parameters }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecoded(String(parts[0])),
                let value = percentDecoded(parts.count > 1 ? String(parts[1]) : "")
            else {
                throw .syntax("the query parameter '\(pair.prefix(200))' is not valid percent-encoded UTF-8")
            }
            guard parameters[name] == nil else {
                throw .syntax("the query parameter '\(name.prefix(200))' is given twice; give it once")
            }
            parameters[name] = value
        }
        return parameters
    }

    /// Decodes `%XX` escapes (and nothing else: `+` stays `+`); nil for a broken escape or bytes that
    /// are not UTF-8.
    public static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
