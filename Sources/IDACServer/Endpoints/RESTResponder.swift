import Hummingbird
import Logging
import SDMXREST

/// Routes `/rest/…` (SDMX REST 1.5) and `/rest/v2/…` (2.x) to the endpoint for the resource, and turns
/// every failure into an SDMX error message with its status.
struct RESTResponder: Sendable {
    let configuration: ServiceConfiguration
    let data: DataEndpoint
    let structure: StructureEndpoint
    let availability: AvailabilityEndpoint
    let schema: SchemaEndpoint
    let logger: Logger

    init(configuration: ServiceConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        structure = StructureEndpoint(configuration: configuration)
        schema = SchemaEndpoint(structure: structure)
        let access = RepositoryAccess(configuration: configuration)
        data = DataEndpoint(configuration: configuration, access: access)
        availability = AvailabilityEndpoint(configuration: configuration, access: access)
    }

    /// The 1.5 structure resources (`/rest/{resource}/…`).
    static let structureResourcesV1: Set<String> = [
        "datastructure", "metadatastructure", "categoryscheme", "conceptscheme", "codelist", "hierarchicalcodelist",
        "organisationscheme", "agencyscheme", "dataproviderscheme", "dataconsumerscheme",
        "organisationunitscheme", "dataflow", "metadataflow", "reportingtaxonomy", "provisionagreement",
        "structureset", "process", "categorisation", "contentconstraint", "actualconstraint",
        "allowedconstraint", "attachmentconstraint", "transformationscheme", "rulesetscheme",
        "userdefinedoperatorscheme", "customtypescheme", "namepersonalisationscheme", "vtlmappingscheme",
        "valuelist", "structure",
    ]

    func respond(to request: Request) async -> Response {
        do {
            guard let rest = try RESTRequest.parse(path: request.uri.path, query: request.uri.query) else {
                throw RESTError.noResults("no such resource: the SDMX REST API is under /rest/ and /rest/v2/")
            }
            switch (rest.api, rest.resource) {
            case (_, "data"):
                return try await data.answer(rest, request: request)
            case (.v2, "structure"),
                (.v1, _) where Self.structureResourcesV1.contains(rest.resource):
                return try structure.answer(rest, request: request)
            case (.v1, "availableconstraint"), (.v2, "availability"):
                return try await availability.answer(rest, request: request)
            case (_, "schema"):
                return try schema.answer(rest, request: request)
            case (.v1, "metadata"), (.v2, "metadata"):
                throw RESTError.notImplemented("/\(rest.resource) is not implemented yet by this service")
            default:
                throw RESTError.syntax(
                    "'\(rest.resource.prefix(100))' is not an SDMX REST resource "
                        + (rest.api == .v1
                            ? "(1.5: data, dataflow, datastructure, codelist…)" : "(2.x: data, structure…)"))
            }
        } catch {
            let restError = RESTErrorMapping.restError(for: error)
            if restError.status == 500 { logger.error("\(request.uri.description): \(error)") }
            return ErrorAnswer.response(restError)
        }
    }
}
