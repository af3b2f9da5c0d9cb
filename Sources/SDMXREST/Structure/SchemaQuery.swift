/// A schema query (1.5 and 2.x `/schema/{context}/{agencyID}/{resourceID}/{version}`), answered with the
/// structures a client needs to read the data of that dataflow or DSD: the artefact with its descendants
/// (DSD, concept schemes, code lists), item schemes cut to what the context's allowed constraints allow and
/// the DSD uses (`detail=referencepartial`), as an SDMX-ML 2.1 Structure message. An XML Schema (XSD) of
/// the data is not generated.
public struct SchemaQuery: Sendable, Equatable {
    /// The API the request came through.
    public var api: APIVersion
    /// The structure query the answer is the result of.
    public var structure: StructureQuery
    /// `dimensionAtObservation` as given (checked as an id; it does not change a structure answer).
    public var dimensionAtObservation: String?

    /// Reads the path after `/schema/` and the parameters (`format` left to the caller). Throws
    /// ``RESTError/syntax(_:)`` naming the wrong part, ``RESTError/notImplemented(_:)`` for metadata and
    /// provision agreement contexts.
    public static func parse(api: APIVersion, segments: [String], parameters: [String: String]) throws
        -> SchemaQuery
    {
        var segments = segments
        while segments.last == "" { segments.removeLast() }
        guard let context = segments.first else {
            throw RESTError.syntax("the schema query names no context: write /schema/{context}/{agencyID}/{id}")
        }
        switch context {
        case "dataflow", "datastructure": break
        case "metadatastructure", "metadataflow", "provisionagreement", "metadataprovisionagreement":
            throw RESTError.notImplemented("schemas for the context \(context) are not served: use dataflow")
        default:
            throw RESTError.syntax(
                "the schema context '\(context.prefix(80))' is none of datastructure, dataflow, provisionagreement, "
                    + "metadatastructure, metadataflow")
        }
        guard (3...4).contains(segments.count), !segments[1].isEmpty, !segments[2].isEmpty else {
            throw RESTError.syntax(
                "a schema query is /schema/{context}/{agencyID}/{resourceID}[/{version}], with \(segments.count) "
                    + "parts here")
        }
        for part in segments[1...2] where ["*", "all", "latest"].contains(part) || part.contains(",") {
            throw RESTError.syntax("a schema query names one agency and one id, not '\(part.prefix(80))'")
        }
        var query = SchemaQuery(
            api: api,
            structure: StructureQuery(api: api, type: .dataflow),
            dimensionAtObservation: nil)
        let structureParameters = ["references": "descendants", "detail": "referencepartial"]
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "dimensionAtObservation":
                guard !value.isEmpty, value.utf8.count <= 255,
                    value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_@$-".contains($0)) })
                else { throw RESTError.syntax("dimensionAtObservation '\(value.prefix(80))' is not an SDMX id") }
                query.dimensionAtObservation = value
            case "explicitMeasure", "explicit", "deletion":
                guard ["true", "false"].contains(value.lowercased()) else {
                    throw RESTError.syntax("\(name) must be true or false, not '\(value.prefix(80))'")
                }
            case "asOf" where api == .v2:
                // The structures do not change while the service runs: every instant has the same answer.
                break
            default:
                throw RESTError.syntax("the query parameter '\(name.prefix(80))' is not one a schema query takes")
            }
        }
        var path = Array(segments)
        if path.count == 3 { path.append(api == .v1 ? "latest" : "~") }
        if api == .v2 { path.insert("structure", at: 0) }
        query.structure = try StructureQuery.parse(api: api, segments: path, parameters: structureParameters)
        return query
    }
}
