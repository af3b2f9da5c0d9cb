import SDMXModel

/// A series key filter as REST queries and `idac export --key` write it, read against a structure:
/// `Q.KEN+UGA...F..` (1.5: one part per dimension, `+` between alternatives, an empty part for any) or
/// `Q.*.MG_ASYLM_APPL_NEW,A.KEN.*` (2.x: `*` for any, `,` between whole keys; `+` is read as in 1.5).
/// Missing trailing parts mean any; `all` (1.5), `*` (2.x) or nothing keeps every key.
public struct SeriesKeyFilter: Sendable, Equatable {
    /// The alternatives, each with the values to keep per dimension in key order (an empty set for any);
    /// empty when every key is kept. What ``AllianceRepository/ObservationQuery/keys`` takes.
    public var keys: [[Set<String>]]

    /// A filter already read, or one made by hand.
    public init(keys: [[Set<String>]]) {
        self.keys = keys
    }

    /// Reads `text` for `structure`. More parts than the structure has dimensions is a syntax error naming
    /// the key; a value that is not in its dimension's code list could select nothing, so it is an error
    /// naming the dimension (syntax in 1.5, semantic in 2.x), never a silently empty answer.
    public init(_ text: String, api: APIVersion, structure: ResolvedStructure) throws {
        let dimensions = structure.dimensionIndices.map { structure.components[$0] }
        let order = dimensions.map(\.id).joined(separator: ".")
        if text.isEmpty || text == "*" || (api == .v1 && text == "all") {
            keys = []
            return
        }
        let alternatives = api == .v2 ? text.split(separator: ",", omittingEmptySubsequences: false) : [Substring(text)]
        var keys: [[Set<String>]] = []
        for alternative in alternatives {
            let parts = alternative.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= dimensions.count else {
                throw RESTError.syntax(
                    "the key '\(text)' has \(parts.count) parts; \(structure.name) has \(dimensions.count) "
                        + "dimensions (\(order)): write one part per dimension, "
                        + (api == .v1 ? "empty for any, values joined by +" : "* for any"))
            }
            var key = [Set<String>](repeating: [], count: dimensions.count)
            for (position, part) in parts.enumerated() where !(part.isEmpty || (api == .v2 && part == "*")) {
                let values = Set(part.split(separator: "+", omittingEmptySubsequences: false).map(String.init))
                let dimension = dimensions[position]
                if values.contains("") {
                    throw RESTError.syntax(
                        "the key '\(text)' has an empty value among the alternatives for \(dimension.id)")
                }
                if let codelist = dimension.codelist,
                    let unknown = values.sorted().first(where: { !codelist.contains($0) })
                {
                    let message =
                        "the key '\(text)' gives '\(unknown)' for \(dimension.id) (part \(position + 1) of \(order)), "
                        + "which is not in its code list \(codelist.reference)"
                    throw api == .v1 ? RESTError.syntax(message) : RESTError.semantic(message, api: api)
                }
                key[position] = values
            }
            if key.allSatisfy(\.isEmpty) {
                // One alternative keeps every key: so does the whole filter.
                self.keys = []
                return
            }
            keys.append(key)
        }
        self.keys = keys
    }
}
