import IDACSubmission
import AllianceRepository
import Foundation
import Harmonisation
import SDMXModel

/// Reads, harmonises, validates and stores submissions: one transaction per file, nothing stored
/// from a file with errors, and a file already ingested (same SHA-256) recognised and left alone.
public struct Ingestor {
    /// What became of one submission.
    public enum Outcome: Sendable {
        /// Stored in one transaction, with its report and the counts of observations new or revised, given again
        /// unchanged, and deleted.
        case accepted(TransmissionRecord, ValidationReport, inserted: Int, unchanged: Int, deleted: Int)
        /// A file with the same SHA-256 was already stored (perhaps by another worker meanwhile): nothing done.
        case alreadyIngested(TransmissionRecord)
        /// The file has errors (or is damaged): nothing stored; the report says why.
        case rejected(ValidationReport)

        /// True unless the file was rejected: a file already ingested counts as accepted.
        public var isAccepted: Bool {
            if case .rejected = self { return false }
            return true
        }
    }

    /// Reads, harmonises and validates each submission (see ``init(validator:repository:)``).
    public var validator: SubmissionValidator
    /// Where accepted transmissions are stored.
    public var repository: AllianceRepository
    /// The time a transmission is received: now, or a fixed time for tests whose output shows it.
    public var clock: @Sendable () -> Date = { Date() }
    /// The portal account sending, recorded with the transmission in its transaction.
    public var accountID: Int64?

    /// `validator` should carry the harmonisation maps: ingest stores harmonised observations.
    public init(validator: SubmissionValidator, repository: AllianceRepository) {
        self.validator = validator
        self.repository = repository
    }

    /// Every submission the path holds (each entry of a zip archive is a transmission of its own).
    ///
    /// `name` is how reports call the file when `path` is another way to it; `beforeCommit` runs inside each
    /// transmission's transaction once its data is in, and throws to roll it back (the inbox checks there
    /// that the file did not change while it was read).
    public func ingest(path: String, name: String? = nil, beforeCommit: () throws -> Void = {}) throws
        -> [(name: String, outcome: Outcome)]
    {
        try SubmissionInput.inputs(
            at: path, name: name, limits: validator.limits.decompression, cancellation: validator.limits.cancellation
        ).map { input in
            (input.name, try ingest(input, beforeCommit: beforeCommit))
        }
    }

    /// Ingests one submission (a file, or an entry of an archive): recognised by its SHA-256 when already
    /// stored, otherwise validated while its observations are written, and committed only when it has no errors
    /// and `beforeCommit` does not throw.
    public func ingest(_ input: SubmissionInput, beforeCommit: () throws -> Void = {}) throws -> Outcome {
        let digest: String
        do {
            digest = try SHA256.hex(of: input.open())
        } catch let error as SDMXError where error.code != .unreadableFile {
            // A damaged entry (its CRC-32 is checked at its end) is a rejected transmission, not an error of the run.
            return .rejected(validator.refusal(of: input.name, error))
        }
        if let existing = try repository.transmission(sha256: digest) { return .alreadyIngested(existing) }
        let received = Self.timestamp(clock())
        let record = TransmissionRecord(
            sender: nil, messageID: nil, prepared: nil, received: received,
            fileName: input.name, sha256: digest, format: "", dataflow: nil, status: "pending", accountID: accountID)
        var rejectedReport: ValidationReport?
        var acceptedReport: ValidationReport?
        do {
            let (stored, store) = try repository.ingest(record) { store in
                let run = try PipelinedIngest.run(
                    validator: validator, input: input, into: RepositoryWriter(store: store))
                guard run.report.isValid else {
                    rejectedReport = run.report
                    throw AllianceRepository.Rejected()
                }
                try beforeCommit()
                acceptedReport = run.report
                return AllianceRepository.TransmissionDetails(
                    dataflow: run.dataflow, format: run.report.format, sender: run.header?.sender,
                    messageID: run.header?.id,
                    prepared: run.header?.prepared, report: JSONReportRenderer.render([run.report]))
            }
            guard let report = acceptedReport else {
                throw SDMXError(.malformedInput, "\(input.name) could not be stored")
            }
            return .accepted(
                stored, report, inserted: store.inserted, unchanged: store.unchanged, deleted: store.deleted)
        } catch let stored as AllianceRepository.AlreadyStored {
            // Another worker over the same PostgreSQL repository stored the same file first.
            return .alreadyIngested(stored.record)
        } catch is AllianceRepository.Rejected {
            guard let report = rejectedReport else {
                throw SDMXError(.malformedInput, "\(input.name) could not be stored")
            }
            return .rejected(report)
        }
    }

    /// Now, in UTC with milliseconds: sortable as text, which as-of reads rely on.
    static func timestamp(_ date: Date) -> String {
        RepositoryInstant.format(date)
    }
}

/// One submission read, harmonised and validated on a thread of its own while the calling thread,
/// which holds the repository's transaction, stores what it hands over (``ObservationHandOff``).
private final class PipelinedIngest {
    struct Result {
        var report: ValidationReport
        var header: DataMessageHeader?
        var dataflow: String?
    }

    private let validator: SubmissionValidator
    private let input: SubmissionInput
    private let handOff = ObservationHandOff()
    private var report: ValidationReport?
    private var header: DataMessageHeader?
    private var failure: (any Error)?

    private init(validator: SubmissionValidator, input: SubmissionInput) {
        self.validator = validator
        self.input = input
    }

    /// Validates `input` and stores its observations with `writer`; the report says whether the
    /// caller may commit. Errors on either side stop both and are rethrown here.
    static func run(validator: SubmissionValidator, input: SubmissionInput, into writer: RepositoryWriter) throws
        -> Result
    {
        let job = PipelinedIngest(validator: validator, input: input)
        var storing: (any Error)?
        // The two sides share only the hand-off's queue; the job's results are read once `produce` has finished.
        WorkerThread.run(background: { job.produce() }) {
            do {
                while let batch = job.handOff.next() {
                    for item in batch {
                        switch item {
                        case .begin(let structure): try writer.begin(structure: structure)
                        case .write(let values, let action): try writer.write(values, action: action)
                        case .end: try writer.end()
                        }
                    }
                }
            } catch {
                storing = error
                job.handOff.cancel()
            }
        }
        if let storing { throw storing }
        if let failure = job.failure { throw failure }
        guard let report = job.report else { throw SDMXError(.malformedInput, "\(input.name) could not be read") }
        return Result(report: report, header: job.header, dataflow: writer.dataflow)
    }

    private func produce() {
        defer { handOff.close() }
        do {
            let collector = ObservationCollector(
                catalog: validator.catalog, override: validator.dataflow, writer: handOff)
            let recorder = HeaderRecorder()
            let report = try validator.validate(input, alsoInto: DataFanOut([collector, recorder]))
            if report.isValid, collector.hasBegun { try collector.finish() }
            self.report = report
            header = recorder.header
        } catch is ObservationHandOff.Cancelled {
            return  // the storing side failed and says why
        } catch {
            failure = error
        }
    }
}
