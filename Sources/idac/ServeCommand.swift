import ArgumentParser
import Foundation
import IDACPipeline
import IDACSubmission
import IDACServer
import Logging

/// `idac serve`: the repository and the structures as an SDMX REST web service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the repository and the structures over SDMX REST (1.5 at /rest/, 2.x at /rest/v2/).",
        discussion: """
            Stops gracefully on SIGTERM or SIGINT: answers being written are finished first.
            One access-log line per request goes to standard error.
            """
    )

    @Option(name: .long, help: "The address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: a free one, logged at start).")
    var port = 8080

    @Option(name: .long, help: "The most observations one data answer may hold (larger answers get 413).")
    var maxObservations = 20_000_000

    @Option(name: .long, help: "Data answers written at once; more wait up to 5 s, then get 503 (Retry-After).")
    var maxConcurrentAnswers = 8

    @Option(name: .long, help: "The status of a 2.x query that matches nothing: 404 (default) or 204.")
    var emptyStatus = 404

    @Option(
        name: .long, help: "The largest upload to /api/validate, /api/transmissions and the pages, in MB (413 past it)."
    )
    var maxUploadMb = 200

    @Option(name: .long, help: "Uploads received and checked at once; more get 503 (Retry-After).")
    var maxConcurrentValidations = 4

    @Option(
        name: .long,
        help: "Uploads one client address may have checked at once; more get 429 (behind a proxy: the proxy's).")
    var maxUploadsPerAddress = 2

    @Option(name: .long, help: "Seconds one upload's check or transmission may take; then it stops (503).")
    var maxValidationSeconds = 120

    @Option(
        name: .long,
        help: ArgumentHelp("Where uploads are kept while checked (a folder of its own, made 0700).", valueName: "path"))
    var uploadDirectory: String?

    @Flag(name: .long, help: "Mark cookies Secure: give it when the service is behind TLS (a proxy with https).")
    var secureCookies = false

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxObservations > 0 else { throw ValidationError("--max-observations must be at least 1") }
        guard (1...256).contains(maxConcurrentAnswers) else {
            throw ValidationError("--max-concurrent-answers must be between 1 and 256")
        }
        guard emptyStatus == 404 || emptyStatus == 204 else { throw ValidationError("--empty-status is 404 or 204") }
        guard (1...16384).contains(maxUploadMb) else { throw ValidationError("--max-upload-mb must be 1 to 16384") }
        guard (1...64).contains(maxConcurrentValidations) else {
            throw ValidationError("--max-concurrent-validations must be between 1 and 64")
        }
        guard (1...64).contains(maxUploadsPerAddress) else {
            throw ValidationError("--max-uploads-per-address must be between 1 and 64")
        }
        guard (1...86_400).contains(maxValidationSeconds) else {
            throw ValidationError("--max-validation-seconds must be between 1 and 86400")
        }
    }

    func run() async throws {
        try await serve()
    }

    /// The command's work, under a name of its own: main.swift calls it directly, since a call to `run()`
    /// could resolve to the synchronous one swift-argument-parser gives every command (which prints help).
    func serve() async throws {
        // Opened once here: a missing or foreign repository stops the start, not the first request.
        _ = try repositoryOptions.openExisting()
        var configuration = ServiceConfiguration(
            host: host, port: port, repositoryPath: repositoryOptions.path, catalog: try structures.loadCatalog(),
            maximumObservations: maxObservations, maximumConcurrentAnswers: maxConcurrentAnswers,
            emptyStatusV2: emptyStatus)
        var portal = PortalConfiguration(
            maximumUploadBytes: maxUploadMb * 1_048_576, maximumConcurrentValidations: maxConcurrentValidations,
            secureCookies: secureCookies, maximumUploadsPerAddress: maxUploadsPerAddress,
            maximumValidationTime: .seconds(maxValidationSeconds))
        if let uploadDirectory { portal.uploadDirectory = uploadDirectory }
        configuration.portal = portal
        LoggingSystem.bootstrap { label in EscapingLogHandler.standardError(label: label) }
        var logger = Logger(label: "idac.serve")
        logger.logLevel = .info
        try await AllianceService(configuration: configuration, logger: logger).run()
    }
}
