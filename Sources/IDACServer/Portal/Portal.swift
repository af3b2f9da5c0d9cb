import AllianceRepository
import Foundation
import Harmonisation
import Hummingbird
import IDACPipeline
import IDACSubmission
import Logging
import SDMXInput
import SDMXModel

/// The submission portal: validation for anyone (`POST /api/validate`), transmissions for accounts
/// (`/api/transmissions`), and the pages (``PortalPages``). Every request is untrusted: uploads are
/// bounded and streamed to private files, accounts are checked on every request, and answers never
/// carry a path or a stack trace.
struct Portal: Sendable {
    let configuration: ServiceConfiguration
    let logger: Logger
    let validator: SubmissionValidator
    let ingestValidator: SubmissionValidator
    let slots: ValidationSlots
    let sessions = SessionStore()
    let csrfTokens = CSRFTokens()
    let signIns: SignInLimiter
    /// Holds the upload folder for as long as the portal lives (``UploadFolder``).
    let uploadFolder: UploadFolder
    var receiver: UploadReceiver {
        UploadReceiver(
            directory: configuration.portal.uploadDirectory, limit: configuration.portal.maximumUploadBytes)
    }

    init(configuration: ServiceConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        // What an upload may expand to is tied to what may be uploaded (16 times, at most 4 GB): a compressed
        // upload is checked within a time in proportion to the upload limit, not the command line's 16 GB.
        var limits = ReaderLimits.default
        limits.decompression.maxExpandedBytes = min(
            limits.decompression.maxExpandedBytes, Int64(configuration.portal.maximumUploadBytes) * 16, 4 << 30)
        var checking = try SubmissionValidator(catalog: configuration.catalog)
        checking.limits = limits
        validator = checking
        var ingesting = try SubmissionValidator(
            catalog: configuration.catalog, harmonisation: try HarmonisationMaps.embedded())
        ingesting.limits = limits
        ingestValidator = ingesting
        slots = ValidationSlots(
            capacity: configuration.portal.maximumConcurrentValidations,
            perAddress: configuration.portal.maximumUploadsPerAddress)
        signIns = SignInLimiter(
            attempts: configuration.portal.signInAttempts, window: configuration.portal.signInWindow)
        uploadFolder = try UploadFolder(configuration.portal.uploadDirectory)
    }

    // MARK: Accounts

    func repository() throws -> AllianceRepository {
        try AllianceRepository(path: configuration.repositoryPath, mode: .mustExist)
    }

    /// The account a request speaks for: its `Authorization: Bearer` token, else its session cookie.
    func account(of request: Request) async throws -> AccountRecord? {
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else { return nil }
            let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            return try await offload { try AccountToken.account(for: token, in: try repository()) }
        }
        guard let session = request.cookies["idac_session"]?.value,
            let id = sessions.accountID(session: session)
        else { return nil }
        return try await offload { try repository().account(id: id) }.flatMap { $0.isActive ? $0 : nil }
    }

    /// The API's account: a Bearer token only. A browser's session cookie, which a cross-site request carries
    /// too, is accepted by the pages alone, where every form is checked against its CSRF token.
    func requireAccount(_ request: Request) async throws -> AccountRecord {
        guard request.headers[.authorization] != nil, let account = try await account(of: request) else {
            throw PortalError(.unauthorized, "sign in: send 'Authorization: Bearer TOKEN' with a valid token")
        }
        return account
    }

    // MARK: Validation

    /// The reports of an upload, as `idac validate` makes them, and the format asked for.
    func validate(_ upload: Upload, query: [String: String]) async throws -> (
        reports: [ValidationReport], format: String
    ) {
        let format = upload.fields["format"] ?? query["format"] ?? "json"
        guard ["json", "html", "text"].contains(format) else {
            throw PortalError(.badRequest, "format is json, html or text")
        }
        var validator = self.validator
        validator.limits.cancellation = upload.cancellation
        if let flow = upload.fields["dataflow"] ?? query["dataflow"], !flow.isEmpty {
            guard let reference = ArtefactReference(parsing: flow, kind: .dataflow) else {
                throw PortalError(
                    .badRequest, "dataflow takes AGENCY:ID(VERSION), such as IDAC:DF_CHILD_MIGRATION(1.0)")
            }
            validator.dataflow = reference
        }
        let path = upload.file.path
        let name = upload.fileName ?? "upload"
        let reports = try await offload { [validator] in try validator.validate(path: path, name: name) }
        return (reports, format)
    }

    static func render(_ reports: [ValidationReport], format: String) -> (String, String) {
        switch format {
        case "html": (HTMLReportRenderer.render(reports), "text/html; charset=utf-8")
        case "text": (TextReportRenderer.render(reports), "text/plain; charset=utf-8")
        default: (JSONReportRenderer.render(reports), "application/json; charset=utf-8")
        }
    }

    /// Runs `body` with an upload slot taken for the client's address and the request's upload on disk,
    /// removed afterwards. The upload's check stops (``ReadCancellation``) at `--max-validation-seconds`
    /// or when the client goes away, so neither its slot nor its file outlives that.
    func withUpload<T>(_ request: Request, _ context: PortalContext, _ body: (Upload) async throws -> T)
        async throws -> T
    {
        let address = context.clientAddress
        switch slots.take(for: address) {
        case .full?:
            throw PortalError(
                .serviceUnavailable, "the service is checking as many files as it can: try again shortly",
                retryAfter: 5)
        case .addressFull?:
            throw PortalError(
                .tooManyRequests,
                "this address is already sending \(slots.perAddress) file\(slots.perAddress == 1 ? "" : "s"): "
                    + "wait for their answers", retryAfter: 5)
        case nil:
            break
        }
        defer { slots.giveBack(for: address) }
        var upload = try await receiver.receive(request)
        defer { upload.file.remove() }
        upload.cancellation = ReadCancellation(
            deadline: ContinuousClock.now + configuration.portal.maximumValidationTime,
            stillWanted: await context.isConnected())
        do {
            return try await body(upload)
        } catch let stopped as ReadCancelled {
            throw stoppedError(stopped)
        }
    }

    /// The answer to a check that was stopped (logged too: a deadline reached may mean a hostile upload).
    func stoppedError(_ stopped: ReadCancelled) -> PortalError {
        let seconds = configuration.portal.maximumValidationTime.components.seconds
        switch stopped.reason {
        case .deadline:
            logger.notice("portal: a check was stopped after \(seconds) s")
            return PortalError(
                .serviceUnavailable,
                "checking this file took longer than the \(seconds) seconds this service gives one file, so it "
                    + "was stopped and nothing was stored: split the file, or check it with idac validate")
        case .cancelled:
            logger.notice("portal: a check was stopped: its client went away")
            return PortalError(.requestTimeout, "the client went away: the check was stopped and nothing was stored")
        }
    }

    /// `POST /api/validate`.
    func apiValidate(_ request: Request, _ context: PortalContext) async -> Response {
        await answering(json: true) {
            try await withUpload(request, context) { upload in
                let (reports, format) = try await validate(upload, query: Self.query(request))
                let (text, type) = Self.render(reports, format: format)
                return Self.response(.ok, text, type: type)
            }
        }
    }

    // MARK: Transmissions

    /// One file's outcome at the portal.
    struct Submission: Sendable {
        var name: String
        var outcome: Ingestor.Outcome
    }

    /// Ingests an upload for an account: as `idac ingest` does, and for an office only its own country.
    func submit(_ upload: Upload, account: AccountRecord) async throws -> [Submission] {
        var validator = ingestValidator
        validator.limits.cancellation = upload.cancellation
        if account.role == .office { validator.onlyArea = account.country }
        let path = upload.file.path
        let name = upload.fileName ?? "upload"
        let repositoryPath = configuration.repositoryPath
        return try await offload { [validator] in
            let repository = try AllianceRepository(path: repositoryPath, mode: .mustExist)
            var ingestor = Ingestor(validator: validator, repository: repository)
            ingestor.accountID = account.id
            return try ingestor.ingest(path: path, name: name).map { entry in
                // The same file stored before answers with its transmission, if the account may see it;
                // otherwise it is checked as new, and the check says why it is refused.
                if case .alreadyIngested(let record) = entry.outcome,
                    try !Self.may(account, see: record, in: repository)
                {
                    let input = try SubmissionInput.inputs(
                        at: path, name: name, cancellation: validator.limits.cancellation
                    ).first { $0.name == entry.name }
                    if let input {
                        return Submission(name: entry.name, outcome: .rejected(try validator.validate(input)))
                    }
                }
                return Submission(name: entry.name, outcome: entry.outcome)
            }
        }
    }

    /// Whether an account may read a transmission: the Secretariat all, an office those sent by its
    /// country's accounts or holding only its country's observations.
    static func may(_ account: AccountRecord, see record: TransmissionRecord, in repository: AllianceRepository) throws
        -> Bool
    {
        if account.role == .secretariat { return true }
        if let sender = record.accountID, let senderAccount = try repository.account(id: sender) {
            return senderAccount.country == account.country
        }
        guard let id = record.id else { return false }
        let areas = try repository.areas(ofTransmission: id)
        return !areas.isEmpty && areas.allSatisfy { $0 == account.country }
    }

    /// `POST /api/transmissions`.
    func apiSubmit(_ request: Request, _ context: PortalContext) async -> Response {
        await answering(json: true) {
            let account = try await requireAccount(request)
            return try await withUpload(request, context) { upload in
                let submissions = try await submit(upload, account: account)
                let refused = submissions.contains { !$0.outcome.isAccepted }
                let stored = submissions.contains { if case .accepted = $0.outcome { true } else { false } }
                let body = "{\"transmissions\": [" + submissions.map(Self.json).joined(separator: ", ") + "]}\n"
                return Self.response(refused ? .unprocessableContent : (stored ? .created : .ok), body)
            }
        }
    }

    static func json(_ submission: Submission) -> String {
        switch submission.outcome {
        case .accepted(let record, let report, let inserted, let unchanged, let deleted):
            "{\"file\": \(PortalJSON.string(submission.name)), \"status\": \"accepted\", \"id\": \(record.id ?? 0), "
                + "\"observations\": \(report.observations), \"inserted\": \(inserted), "
                + "\"unchanged\": \(unchanged), \"deleted\": \(deleted), \"warnings\": \(report.warnings), "
                + "\"href\": \"/api/transmissions/\(record.id ?? 0)\"}"
        case .alreadyIngested(let record):
            "{\"file\": \(PortalJSON.string(submission.name)), \"status\": \"already ingested\", "
                + "\"id\": \(record.id ?? 0), \"received\": \(PortalJSON.string(record.received)), "
                + "\"href\": \"/api/transmissions/\(record.id ?? 0)\"}"
        case .rejected(let report):
            "{\"file\": \(PortalJSON.string(submission.name)), \"status\": \"rejected\", "
                + "\"message\": \"nothing was stored\", \"report\": \(JSONReportRenderer.render([report]))}"
        }
    }

    /// The transmissions an account may see, newest first: its country's, or all for the Secretariat.
    func transmissions(for account: AccountRecord) async throws -> [TransmissionRecord] {
        try await offload {
            try repository().transmissions(country: account.role == .secretariat ? nil : account.country)
        }
    }

    /// `GET /api/transmissions`.
    func apiList(_ request: Request) async -> Response {
        await answering(json: true) {
            let account = try await requireAccount(request)
            let records = try await transmissions(for: account)
            let accounts = try await offload { try repository().accounts() }
            let names = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let items = records.map { Self.summary($0, sender: $0.accountID.flatMap { names[$0] }) }
            return Self.response(.ok, "{\"transmissions\": [" + items.joined(separator: ", ") + "]}\n")
        }
    }

    static func summary(_ record: TransmissionRecord, sender: AccountRecord?) -> String {
        "{\"id\": \(record.id ?? 0), \"file\": \(PortalJSON.string(record.fileName)), "
            + "\"received\": \(PortalJSON.string(record.received)), \"status\": \(PortalJSON.string(record.status)), "
            + "\"dataflow\": \(record.dataflow.map(PortalJSON.string) ?? "null"), "
            + "\"observations\": \(record.observationCount), \"sha256\": \(PortalJSON.string(record.sha256)), "
            + "\"sender\": \(sender.map { PortalJSON.string($0.name) } ?? "null"), "
            + "\"country\": \(sender.map { PortalJSON.string($0.country) } ?? "null")}"
    }

    /// The transmission `id` if the account may see it (404 otherwise, as when there is none).
    func transmission(_ idText: String, for account: AccountRecord) async throws -> TransmissionRecord {
        guard let id = Int64(idText), id > 0 else { throw PortalError(.notFound, "no such transmission") }
        return try await offload {
            let repository = try repository()
            guard let record = try repository.transmission(id: id) else {
                throw PortalError(.notFound, "no such transmission")
            }
            // Another country's transmission is answered as none: ids tell an office nothing.
            guard try Self.may(account, see: record, in: repository) else {
                throw PortalError(.notFound, "no such transmission")
            }
            return record
        }
    }

    /// `GET /api/transmissions/{id}`.
    func apiShow(_ request: Request, id: String) async -> Response {
        await answering(json: true) {
            let account = try await requireAccount(request)
            let record = try await transmission(id, for: account)
            let sender = try await offload { try record.accountID.flatMap { try repository().account(id: $0) } }
            var body = Self.summary(record, sender: sender)
            body.removeLast()
            body += ", \"report\": \(record.report ?? "null")}\n"
            return Self.response(.ok, body)
        }
    }

    // MARK: Answers

    /// Runs `body`; a refusal becomes its answer, anything else a 500 that says nothing of why (the
    /// log says it, escaped).
    func answering(json: Bool, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as PortalError {
            return json ? error.json : PortalPages.errorPage(error)
        } catch {
            logger.error("portal: \(TerminalText.escaped(String(describing: error)))")
            let failure = PortalError(.internalServerError, "the service failed to answer: try again later")
            return json ? failure.json : PortalPages.errorPage(failure)
        }
    }

    static func response(
        _ status: HTTPResponse.Status, _ text: String, type: String = "application/json; charset=utf-8"
    )
        -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func query(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { result[String(key)] = String(value) }
        return result
    }
}
