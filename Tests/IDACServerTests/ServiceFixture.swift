import AllianceRepository
import Foundation
import Harmonisation
import Hummingbird
import HummingbirdTesting
import IDACPipeline
import IDACSubmission
import IDACServer
import Logging
import SDMXModel
import TestSupport

/// A repository ingested from the sample submissions, and the service over it.
struct ServiceFixture {
    static let catalog: StructureCatalog = {
        do { return try StructureLoader().loadEmbedded() } catch {
            fatalError("embedded structures must load: \(error)")
        }
    }()

    let directory: String
    let repositoryPath: String

    /// Ingests the given files (paths under the project) into a new repository.
    init(ingesting files: [String] = ["SampleData/kenya-2024-quarterly.xml"]) throws {
        directory = try TestPaths.temporaryDirectory()
        repositoryPath = directory + "/alliance.sqlite"
        let validator = try SubmissionValidator(
            catalog: Self.catalog, harmonisation: try HarmonisationMaps.embedded())
        let ingestor = Ingestor(validator: validator, repository: try AllianceRepository(path: repositoryPath))
        for file in files { _ = try ingestor.ingest(path: TestPaths.project(file)) }
    }

    func service(
        maximumObservations: Int = 1_000_000, emptyStatusV2: Int = 404
    ) -> AllianceService {
        var logger = Logger(label: "idac.serve.test")
        logger.logLevel = .warning
        return AllianceService(
            configuration: ServiceConfiguration(
                repositoryPath: repositoryPath, catalog: Self.catalog, maximumObservations: maximumObservations,
                emptyStatusV2: emptyStatusV2),
            logger: logger)
    }

    /// Runs `body` with a client talking to the service's router directly.
    func withClient(
        maximumObservations: Int = 1_000_000, emptyStatusV2: Int = 404,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = Application(
            router: try service(maximumObservations: maximumObservations, emptyStatusV2: emptyStatusV2).router())
        try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
