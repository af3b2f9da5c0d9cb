import AllianceRepository
import Foundation
import Hummingbird
import IDACPipeline
import SDMXModel
import SDMXREST

/// `/data/…` on both APIs: the observations a query selects, streamed from the repository in the
/// representation the client asked for.
struct DataEndpoint: Sendable {
    let configuration: ServiceConfiguration
    let pool: RepositoryPool

    static let representations: [AnswerFormat] = [
        .structureSpecificData21, .genericData21, .csvData20, .csvData10,
    ]

    func answer(_ rest: RESTRequest, request: Request) async throws -> Response {
        let representation = try ContentNegotiation(offered: Self.representations)
            .choose(accept: request.headers[.accept], format: rest.parameters["format"])
        let (dataflow, key) = try Self.flowAndKey(rest)
        guard let repository = try pool.checkOut() else {
            throw RESTError(code: 503, status: 503, "the service is writing as many answers as it may; try again")
        }
        let stream = AnswerStream()
        let limit = configuration.maximumObservations
        let catalog = configuration.catalog
        let pool = self.pool
        let shape: SDMXMLWriter.Shape =
            rest.parameters["dimensionAtObservation"] == "AllDimensions" ? .flat : .timeSeries
        let asOf = rest.parameters["asOf"]
        Thread {
            defer { pool.checkIn(repository) }
            let output = ChunkedTextOutput(stream: stream, limit: limit)
            do {
                let writer = ObservationLimitWriter(
                    base: Self.writer(for: representation, shape: shape, output: output), output: output)
                let exporter = Exporter(repository: repository, catalog: catalog)
                _ = try exporter.export(dataflow: dataflow, key: key, asOf: asOf, writer: writer)
                output.finish()
            } catch {
                stream.fail(error)
            }
        }.start()
        return try await StreamedResponse.make(
            stream: stream, contentType: representation.contentType, request: request,
            emptyStatus: rest.api == .v1 ? 404 : configuration.emptyStatusV2)
    }

    static func writer(for representation: AnswerFormat, shape: SDMXMLWriter.Shape, output: any TextOutput)
        -> any ObservationWriter
    {
        let prepared = SubmissionTransformer.now()
        switch representation {
        case .genericData21: return SDMXMLWriter(form: .generic, shape: shape, sink: output, prepared: prepared)
        case .csvData20: return SDMXCSVWriter(sink: output, version: .v2)
        case .csvData10: return SDMXCSVWriter(sink: output, version: .v1)
        default: return SDMXMLWriter(form: .structureSpecific, shape: shape, sink: output, prepared: prepared)
        }
    }

    /// The dataflow and key of `/data/{flowRef}/{key}` (1.5) or `/data/{context}/{agency}/{id}/{version}/{key}`.
    static func flowAndKey(_ rest: RESTRequest) throws(RESTError) -> (ArtefactReference, String?) {
        var segments = rest.segments
        switch rest.api {
        case .v1:
            guard let flow = segments.first else { throw .syntax("the data query names no dataflow: /data/{flowRef}") }
            let parts = flow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (agency, id, version): (String, String, String?) =
                switch parts.count {
                case 1: ("IDAC", parts[0], nil)
                case 2: (parts[0], parts[1], nil)
                case 3: (parts[0], parts[1], parts[2] == "latest" ? nil : parts[2])
                default: throw .syntax("the flow reference '\(flow)' has more than three parts")
                }
            segments.removeFirst()
            let key = segments.first.flatMap { $0 == "all" ? nil : $0 }
            return (ArtefactReference(kind: .dataflow, agencyID: agency, id: id, version: version), key)
        case .v2:
            guard segments.count >= 4 else {
                throw .syntax("write /data/{context}/{agencyID}/{resourceID}/{version}[/{key}]")
            }
            let version = ["*", "~", "latest"].contains(segments[3]) ? nil : segments[3]
            let key =
                segments.count > 4
                ? (segments[4] == "*" ? nil : segments[4].replacingOccurrences(of: "*", with: "")) : nil
            return (
                ArtefactReference(kind: .dataflow, agencyID: segments[1], id: segments[2], version: version), key
            )
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
