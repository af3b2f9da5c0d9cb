import AllianceRepository
import Foundation
import Hummingbird
import IDACPipeline
import IDACSubmission
import SDMXModel
import SDMXREST

/// `/data/…` on both APIs: the observations a query selects, streamed from the repository in the
/// representation the client asked for.
struct DataEndpoint: Sendable {
    let configuration: ServiceConfiguration
    let access: RepositoryAccess

    static let formats: [AnswerFormat] = [
        .structureSpecificData21, .genericData21, .csvData20, .csvData10, .jsonData20, .xmlData30,
    ]

    func answer(_ rest: RESTRequest, request: Request) async throws -> Response {
        let format = try ContentNegotiation(offered: Self.formats)
            .choose(accept: request.headers[.accept], format: rest.parameters["format"])
        var parameters = rest.parameters
        parameters["format"] = nil
        let query = try DataQuery.parse(api: rest.api, segments: rest.segments, parameters: parameters)
        let resolved = try query.resolve(in: configuration.catalog, cache: access.structures)
        let shape: SDMXMLWriter.Shape
        switch resolved.dimensionAtObservation {
        case .timePeriod: shape = .timeSeries
        case .allDimensions: shape = .flat
        case .dimension(let id): shape = .dimension(id)
        }
        // Series without observations: one row per series key, as the repository yields them in key order.
        let seriesOnly = query.detail == .serieskeysonly || query.detail == .nodata
        if seriesOnly, shape == .flat, [.structureSpecificData21, .genericData21, .xmlData30].contains(format) {
            throw RESTError.notImplemented(
                "detail=\(query.detail.rawValue) with dimensionAtObservation=AllDimensions has no series to write: "
                    + "use TIME_PERIOD (the default)")
        }
        // The answer depends on the repository's state and on the query: a client holding the same
        // tag gets 304 and nothing is read (not even a connection taken, when the last change is known).
        let known = access.lastChanges.cached(dataflow: resolved.structure.name)
        if let known, let notModified = Self.notModified(known, format: format, request: request) {
            return notModified
        }
        guard let repository = try await access.pool.checkOut() else {
            throw RESTError(code: 503, status: 503, "the service is writing as many answers as it may; try again")
        }
        let stamp: LastChangeCache.Stamp
        do {
            stamp =
                try known
                ?? access.lastChanges.refresh(dataflow: resolved.structure.name) {
                    try repository.lastChange(dataflow: resolved.structure.name)
                }
        } catch {
            access.pool.checkIn(repository)
            throw error
        }
        if let notModified = Self.notModified(stamp, format: format, request: request) {
            access.pool.checkIn(repository)
            return notModified
        }
        let headers = Self.validators(stamp, format: format, request: request)
        let stream = AnswerStream()
        let limit = configuration.maximumObservations
        let catalog = configuration.catalog
        let pool = access.pool
        access.threads.run {
            defer { pool.checkIn(repository) }
            let output = ChunkedTextOutput(stream: stream, limit: limit)
            do {
                let base = Self.writer(for: format, shape: shape, output: output)
                if seriesOnly, let xml = base as? SDMXMLWriter { xml.writesObservations = false }
                let sorts = ![.csvData20, .csvData10].contains(format)
                let writer = Self.chain(base, shape: shape, seriesOnly: seriesOnly, sorts: sorts, output: output)
                _ = try Exporter(repository: repository, catalog: catalog).export(resolved, writer: writer)
                output.finish()
            } catch {
                stream.fail(error)
            }
        }
        return try await StreamedResponse.make(
            stream: stream, contentType: format.contentType, request: request,
            emptyStatus: rest.api == .v1 ? 404 : configuration.emptyStatusV2, extraHeaders: headers)
    }

    /// The writers rows pass through before `base`. The limit counts the observations written (the series, when
    /// only series are), or, with another dimension than the time at the observation, the rows handed to the
    /// sorter that orders them by the other dimensions and the time (SDMX-CSV is flat and needs no order),
    /// which bounds its temporary file.
    static func chain(
        _ base: any ObservationWriter, shape: SDMXMLWriter.Shape, seriesOnly: Bool, sorts: Bool,
        output: ChunkedTextOutput
    ) -> any ObservationWriter {
        guard sorts, SeriesLayout.needsSorting(shape) else {
            let limited = ObservationLimitWriter(base: base, output: output)
            return seriesOnly ? SeriesOnlyWriter(base: limited) : limited
        }
        let series: any ObservationWriter = seriesOnly ? SeriesOnlyWriter(base: base, shape: shape) : base
        let sorter = ObservationSorter(base: series) { SeriesLayout(structure: $0, shape: shape).order }
        return ObservationLimitWriter(base: sorter, output: output)
    }

    /// `ETag` (over the answer's format, the request and the repository's last change) and `Last-Modified`.
    static func validators(_ stamp: LastChangeCache.Stamp, format: AnswerFormat, request: Request) -> HTTPFields {
        var headers = HTTPFields()
        headers[.eTag] = EntityTag.of([format.rawValue, request.uri.description, stamp.instant ?? "empty"])
        if let modified = stamp.lastModified { headers[.lastModified] = modified }
        return headers
    }

    /// 304 when the client's `If-None-Match` (or, without one, `If-Modified-Since`) still holds; nil otherwise.
    static func notModified(_ stamp: LastChangeCache.Stamp, format: AnswerFormat, request: Request) -> Response? {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let ifModifiedSince = request.headers[.ifModifiedSince]
        guard ifNoneMatch != nil || ifModifiedSince != nil else { return nil }
        var headers = validators(stamp, format: format, request: request)
        guard let tag = headers[.eTag],
            EntityTag.matches(tag, ifNoneMatch: ifNoneMatch)
                || ifNoneMatch == nil && HTTPDate.notModified(since: ifModifiedSince, lastChange: stamp.instant)
        else { return nil }
        headers[.contentType] = format.contentType
        headers[.vary] = "Accept, Accept-Encoding"
        return EntityTag.notModified(tag: tag, headers: headers)
    }

    static func writer(for format: AnswerFormat, shape: SDMXMLWriter.Shape, output: any TextOutput)
        -> any ObservationWriter
    {
        let prepared = SubmissionTransformer.now()
        switch format {
        case .genericData21: return SDMXMLWriter(form: .generic, shape: shape, sink: output, prepared: prepared)
        case .csvData20: return SDMXCSVWriter(sink: output, version: .v2)
        case .csvData10: return SDMXCSVWriter(sink: output, version: .v1)
        case .jsonData20: return SDMXJSONWriter(sink: output, shape: shape, prepared: prepared)
        case .xmlData30: return SDMXMLWriter(form: .structureSpecific30, shape: shape, sink: output, prepared: prepared)
        default: return SDMXMLWriter(form: .structureSpecific, shape: shape, sink: output, prepared: prepared)
        }
    }
}

/// Counts the observations an answer holds and refuses one that grows past the service's limit.
final class ObservationLimitWriter: ObservationWriter {
    private let base: any ObservationWriter
    private let output: ChunkedTextOutput

    init(base: any ObservationWriter, output: ChunkedTextOutput) {
        self.base = base
        self.output = output
    }

    func begin(structure: ResolvedStructure) throws { try base.begin(structure: structure) }

    func write(_ values: [String], action: String?) throws {
        output.count += 1
        guard output.count <= output.limit else {
            throw RESTError.tooLarge(
                "the answer holds more than \(output.limit) observations, the most this service writes at once; "
                    + "narrow the key or the periods")
        }
        try base.write(values, action: action)
    }

    func end() throws { try base.end() }
}
