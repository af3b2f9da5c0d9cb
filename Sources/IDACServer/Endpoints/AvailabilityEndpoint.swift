import AllianceRepository
import Foundation
import Hummingbird
import SDMXModel
import SDMXREST

/// 1.5 `/availableconstraint/{flowRef}/{key}/{providerRef}/{componentId}` and 2.x `/availability/{context}/
/// {agency}/{id}/{version}/{key}/{componentId}`: what the repository holds for a data query, as an SDMX-ML 2.1
/// (or 3.0) Structure message with one Actual content constraint (``AvailabilityAnswer``). An empty answer is treated
/// as data is: 404 on 1.5, the configured status on 2.x.
struct AvailabilityEndpoint: Sendable {
    let configuration: ServiceConfiguration
    let access: RepositoryAccess

    static let formats: [AnswerFormat] = [.structure21, .structure30]

    func answer(_ rest: RESTRequest, request: Request) async throws -> Response {
        let format = try ContentNegotiation(offered: Self.formats)
            .choose(accept: request.headers[.accept], format: rest.parameters["format"])
        var parameters = rest.parameters
        parameters["format"] = nil
        let query = try DataQuery.parse(
            api: rest.api, resource: .availability, segments: rest.segments, parameters: parameters)
        let resolved = try query.resolve(in: configuration.catalog, cache: access.structures)
        guard let repository = try await access.pool.checkOut() else {
            throw RESTError(code: 503, status: 503, "the service is writing as many answers as it may; try again")
        }
        let pool = access.pool
        let lastChanges = access.lastChanges
        // One pass over the selected rows: on an answer thread, not on the event loop.
        let (availability, stamp) = try await Self.offload(on: access.threads) {
            defer { pool.checkIn(repository) }
            let name = resolved.structure.name
            let stamp =
                try lastChanges.cached(dataflow: name)
                ?? lastChanges.refresh(dataflow: name) { try repository.lastChange(dataflow: name) }
            return (try resolved.availability(in: repository), stamp)
        }
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.vary] = "Accept, Accept-Encoding"
        let tag = EntityTag.of([format.rawValue, request.uri.description, stamp.instant ?? "empty"])
        headers[.eTag] = tag
        if let modified = stamp.lastModified { headers[.lastModified] = modified }
        if EntityTag.matches(tag, ifNoneMatch: request.headers[.ifNoneMatch]) {
            return EntityTag.notModified(tag: tag, headers: headers)
        }
        // In mode=available a key that selects nothing may still leave values to offer.
        guard availability.observationCount > 0 || availability.values.contains(where: { !$0.isEmpty }) else {
            if rest.api == .v2, configuration.emptyStatusV2 == 204 { return Response(status: .noContent) }
            throw RESTError.noResults("the repository holds no observation the availability query selects")
        }
        let answer = try AvailabilityAnswer(
            resolved: resolved, availability: availability, catalog: configuration.catalog)
        let structureURL = StructureEndpoint.structureURL(for: request, api: rest.api)
        let body =
            format == .structure30
            ? StructureMessageWriter30(messageID: "IDAC_AVAILABILITY", structureURL: structureURL)
                .message(for: answer.selection)
            : StructureMessageWriter(messageID: "IDAC_AVAILABILITY", structureURL: structureURL)
                .message(for: answer.selection)
        return try StructureEndpoint.response(body, headers: headers, request: request)
    }

    /// Runs blocking repository work on one of the answer threads and awaits its result.
    static func offload<T: Sendable>(on threads: AnswerThreads, _ work: @escaping @Sendable () throws -> T)
        async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            threads.run { continuation.resume(with: Result { try work() }) }
        }
    }
}
