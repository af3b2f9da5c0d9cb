import AllianceRepository
import Foundation
import Harmonisation
import SDMXModel

/// Reads, harmonises, validates and stores submissions: one transaction per file, nothing stored
/// from a file with errors, and a file already ingested (same SHA-256) recognised and left alone.
public struct Ingestor {
    public enum Outcome {
        case accepted(TransmissionRecord, ValidationReport, inserted: Int, unchanged: Int, deleted: Int)
        case alreadyIngested(TransmissionRecord)
        case rejected(ValidationReport)

        public var isAccepted: Bool {
            if case .rejected = self { return false }
            return true
        }
    }

    public var validator: SubmissionValidator
    public var repository: AllianceRepository

    /// `validator` should carry the harmonisation maps: ingest stores harmonised observations.
    public init(validator: SubmissionValidator, repository: AllianceRepository) {
        self.validator = validator
        self.repository = repository
    }

    /// Every submission the path holds (each entry of a zip archive is a transmission of its own).
    public func ingest(path: String) throws -> [(name: String, outcome: Outcome)] {
        try SubmissionInput.inputs(at: path, limits: validator.limits.decompression).map { input in (input.name, try ingest(input)) }
    }

    public func ingest(_ input: SubmissionInput) throws -> Outcome {
        let digest = try SHA256.hex(of: input.open())
        if let existing = try repository.transmission(sha256: digest) { return .alreadyIngested(existing) }
        let received = Self.timestamp()
        let record = TransmissionRecord(sender: nil, messageID: nil, prepared: nil, received: received,
                                        fileName: input.name, sha256: digest, format: "", dataflow: nil, status: "pending")
        var rejectedReport: ValidationReport?
        var acceptedReport: ValidationReport?
        do {
            let (stored, store) = try repository.ingest(record) { store in
                let writer = RepositoryWriter(store: store)
                let collector = ObservationCollector(catalog: validator.catalog, override: validator.dataflow, writer: writer)
                let header = HeaderRecorder()
                let report = try validator.validate(input, alsoInto: DataFanOut([collector, header]))
                guard report.isValid else {
                    rejectedReport = report
                    throw AllianceRepository.Rejected()
                }
                acceptedReport = report
                if writer.dataflow != nil { try collector.finish() }
                return AllianceRepository.TransmissionDetails(
                    dataflow: writer.dataflow, format: report.format, sender: header.header?.sender, messageID: header.header?.id,
                    prepared: header.header?.prepared, report: JSONReportRenderer.render([report]))
            }
            guard let report = acceptedReport else { throw SDMXError(.malformedInput, "\(input.name) could not be stored") }
            return .accepted(stored, report, inserted: store.inserted, unchanged: store.unchanged, deleted: store.deleted)
        } catch is AllianceRepository.Rejected {
            guard let report = rejectedReport else { throw SDMXError(.malformedInput, "\(input.name) could not be stored") }
            return .rejected(report)
        }
    }

    /// Now, in UTC with milliseconds: sortable as text, which as-of reads rely on.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
