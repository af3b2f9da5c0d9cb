/// Chooses the representation of an answer from what the service offers for the resource and what the
/// client accepts, as HTTP says: the `Accept` header's media ranges with their q-values (`q=0` refuses a
/// type), a `version` parameter matched exactly, `*/*` and `type/*` matching the service's default; or
/// the `format` query parameter, which overrides the header.
public struct ContentNegotiation: Sendable {
    /// What the service can write for this resource, the default first (what `*/*`, no `Accept` or
    /// `application/xml` get: SDMX-ML 2.1, which sdmx1 reads).
    public var offered: [AnswerFormat]

    /// A negotiation over `offered`, the default first.
    public init(offered: [AnswerFormat]) {
        self.offered = offered
    }

    /// The representation to answer in; ``RESTError/notAcceptable(_:)`` naming what is offered otherwise.
    public func choose(accept: String?, format: String?) throws(RESTError) -> AnswerFormat {
        guard let first = offered.first else { throw .notImplemented("this resource has no representation") }
        if let format, !format.isEmpty {
            let name = format.lowercased()
            if let chosen = offered.first(where: { $0.formatNames.contains(name) }) { return chosen }
            if let range = MediaRange(name), let chosen = best(for: [range]) { return chosen }
            throw .notAcceptable(
                "format=\(format.prefix(100)) is not offered here; offered: "
                    + Set(offered.flatMap(\.formatNames)).sorted().joined(separator: ", "))
        }
        guard let accept, !accept.trimmingSpaces.isEmpty else { return first }
        let ranges = accept.split(separator: ",").compactMap { MediaRange(String($0)) }
        if let chosen = best(for: ranges) { return chosen }
        throw .notAcceptable(
            "none of the accepted types (\(accept.prefix(300))) is offered here; offered: "
                + offered.map(\.contentType).joined(separator: ", "))
    }

    /// The representation with the highest q-value among the ranges; on equal q, the range listed first.
    private func best(for ranges: [MediaRange]) -> AnswerFormat? {
        var chosen: (representation: AnswerFormat, quality: Double, specificity: Int)?
        for range in ranges where range.quality > 0 {
            guard let (representation, specificity) = match(range) else { continue }
            if let current = chosen,
                current.quality > range.quality
                    || (current.quality == range.quality && current.specificity >= specificity)
            {
                continue
            }
            chosen = (representation, range.quality, specificity)
        }
        // A type refused with q=0 is never chosen, even through a wildcard.
        if let picked = chosen?.representation,
            ranges.contains(where: { $0.quality == 0 && $0.type == picked.mediaType })
        {
            return nil
        }
        return chosen?.representation
    }

    /// The offered representation a range selects, and how specific the range is (for ties).
    private func match(_ range: MediaRange) -> (AnswerFormat, Int)? {
        switch range.type {
        case "*/*", "application/*":
            return offered.first.map { ($0, 0) }
        case "application/xml", "text/xml":
            return offered.first { $0.syntax == "xml" }.map { ($0, 1) }
        case "text/csv", "application/csv":
            return offered.first { $0.syntax == "csv" }.map { ($0, 1) }
        case "application/json", "text/json":
            return offered.first { $0.syntax == "json" }.map { ($0, 1) }
        default:
            let candidates = offered.filter { $0.mediaType == range.type }
            guard let version = range.version else { return candidates.first.map { ($0, 2) } }
            return candidates.first { Self.sameVersion($0.version, version) }.map { ($0, 3) }
        }
    }

    /// `2.1` and `2.1.0`, `2.0` and `2.0.0` name the same version.
    static func sameVersion(_ lhs: String, _ rhs: String) -> Bool {
        func normal(_ text: String) -> [Substring] {
            var parts = text.split(separator: ".")
            while parts.count > 2, parts.last == "0" { parts.removeLast() }
            return parts
        }
        return normal(lhs) == normal(rhs)
    }
}

/// One media range of an `Accept` header: `application/vnd.sdmx.data+csv;version=2.0.0;q=0.8`.
struct MediaRange: Equatable {
    var type: String
    var version: String?
    var quality: Double

    init?(_ text: String) {
        let parts = text.split(separator: ";").map { String($0).trimmingSpaces }
        guard let type = parts.first, type.contains("/") else { return nil }
        self.type = type.lowercased()
        quality = 1
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pair.count == 2 else { continue }
            let value = pair[1].stripping("\"")
            switch pair[0].lowercased() {
            case "q": quality = min(max(Double(value) ?? 1, 0), 1)
            case "version": version = value
            default: continue
            }
        }
    }
}

extension String {
    var trimmingSpaces: String { stripping(" \t") }

    func stripping(_ set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
