import Foundation
import Hummingbird
import SDMXModel
import SDMXREST

/// The structure resources: 1.5's `/dataflow/…`, `/datastructure/…`, `/codelist/…`, `/structure/…` and
/// the others, and 2.x's `/structure/{type}/…`, answered from the service's catalog (the embedded Alliance
/// structures and any `--structure`) with the references and detail asked for.
struct StructureEndpoint: Sendable {
    let configuration: ServiceConfiguration

    static let formats: [AnswerFormat] = [.structure21, .jsonStructure20, .structure30]

    func answer(_ rest: RESTRequest, request: Request) throws -> Response {
        let query = try StructureQuery.parse(
            api: rest.api, segments: [rest.resource] + rest.segments, parameters: rest.parameters)
        return try answer(query, rest: rest, format: rest.parameters["format"], request: request)
    }

    /// The answer to a structure query however it was asked (a structure resource, a schema query).
    func answer(_ query: StructureQuery, rest: RESTRequest, format asked: String?, request: Request) throws
        -> Response
    {
        let format = try ContentNegotiation(offered: Self.formats)
            .choose(accept: request.headers[.accept], format: asked)
        let selection = try StructureSelection(query: query, catalog: configuration.catalog)
        let structureURL = Self.structureURL(for: request, api: rest.api)
        let body: String
        switch format {
        case .jsonStructure20:
            body = JSONStructureMessageWriter(structureURL: structureURL).message(for: selection)
        case .structure30:
            body = StructureMessageWriter30(structureURL: structureURL).message(for: selection)
        default:
            body = StructureMessageWriter(structureURL: structureURL).message(for: selection)
        }
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.vary] = "Accept, Accept-Encoding"
        // The catalog does not change while the service runs: the answer's own bytes (but for the time in
        // its header) determine it.
        let tag = EntityTag.of(
            [format.rawValue, request.uri.description, String(selection.artefacts.count)]
                + selection.artefacts.map { $0.artefact.reference.description + "\($0.presentation)" })
        if EntityTag.matches(tag, ifNoneMatch: request.headers[.ifNoneMatch]) {
            return EntityTag.notModified(tag: tag, headers: headers)
        }
        headers[.eTag] = tag
        return try Self.response(body, headers: headers, request: request)
    }

    /// A whole answer (a structure message, bounded by the catalog), gzipped when the client accepts it.
    static func response(_ body: String, headers: HTTPFields, request: Request) throws -> Response {
        var headers = headers
        var buffer = ByteBuffer(string: body)
        if StreamedResponse.acceptsGzip(request.headers[.acceptEncoding]) {
            buffer = try GzipEncoder().finish(buffer)
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// Where a stub's full definition is fetched from this service, by the API the client used.
    static func structureURL(for request: Request, api: APIVersion) -> @Sendable (ArtefactReference) -> String {
        let root = root(of: request, api: api)
        return { reference in
            let type = StructureType.pathName(of: reference.kind)
            let version = reference.version ?? "latest"
            return api == .v1
                ? "\(root)/\(type)/\(reference.agencyID)/\(reference.id)/\(version)"
                : "\(root)/structure/\(type)/\(reference.agencyID)/\(reference.id)/\(version)"
        }
    }

    /// The service's root as the client reached it (`http://host:port/rest` or `/rest/v2`), for the URLs of
    /// stubs; a `Host` header that is not a plain host and port is not repeated.
    static func root(of request: Request, api: APIVersion) -> String {
        let path = api == .v1 ? "/rest" : "/rest/v2"
        guard let host = request.head.authority,
            !host.isEmpty, host.utf8.count <= 255,
            host.allSatisfy({ $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || ".-:[]".contains($0) })
        else { return path }
        return "http://\(host)\(path)"
    }
}
