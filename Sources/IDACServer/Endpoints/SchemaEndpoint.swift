import Hummingbird
import SDMXREST

/// `/schema/{context}/{agencyID}/{resourceID}/{version}` on both APIs: the structures a client needs to read
/// the data of a dataflow or DSD (``SchemaQuery``), answered as the structure resources are.
struct SchemaEndpoint: Sendable {
    let structure: StructureEndpoint

    func answer(_ rest: RESTRequest, request: Request) throws -> Response {
        var parameters = rest.parameters
        let format = parameters.removeValue(forKey: "format")
        let query = try SchemaQuery.parse(api: rest.api, segments: rest.segments, parameters: parameters)
        return try structure.answer(query.structure, rest: rest, format: format, request: request)
    }
}
