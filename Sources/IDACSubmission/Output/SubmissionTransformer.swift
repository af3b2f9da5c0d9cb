import Foundation
import Harmonisation
import SDMXCSV
import SDMXModel
import SDMXValidation

/// Reads a submission, harmonises it, validates the harmonised observations and writes them in
/// another format. The output file appears only when the submission has no errors.
public struct SubmissionTransformer {
    /// The output formats `transform --to` offers, named as on its command line.
    public enum Target: String, CaseIterable, Sendable {
        /// SDMX-CSV 2.0.
        case sdmxCSV = "sdmx-csv"
        /// SDMX-ML 2.1 structure-specific data, flat.
        case sdmxML = "sdmx-ml"
        /// SDMX-ML 2.1 generic data, flat.
        case sdmxMLGeneric = "sdmx-ml-generic"
        /// SDMX-ML 3.0 structure-specific data.
        case sdmxML30 = "sdmx-ml-3.0"
        /// SDMX-JSON 2.0 data.
        case sdmxJSON = "sdmx-json"

        /// The writer for this format, writing into `sink`.
        public func writer(sink: any TextOutput) -> any ObservationWriter {
            switch self {
            case .sdmxCSV: SDMXCSVWriter(sink: sink)
            case .sdmxML: SDMXMLWriter(form: .structureSpecific, sink: sink, prepared: SubmissionTransformer.now())
            case .sdmxMLGeneric: SDMXMLWriter(form: .generic, sink: sink, prepared: SubmissionTransformer.now())
            case .sdmxML30:
                SDMXMLWriter(form: .structureSpecific30, sink: sink, prepared: SubmissionTransformer.now())
            case .sdmxJSON: SDMXJSONWriter(sink: sink, shape: .flat, prepared: SubmissionTransformer.now())
            }
        }
    }

    /// Reads and validates the submission: its structures, limits and options.
    public var validator: SubmissionValidator
    /// The maps the submission is harmonised with before it is validated and written.
    public var maps: HarmonisationMaps

    /// Makes a transformer.
    public init(validator: SubmissionValidator, maps: HarmonisationMaps) {
        self.validator = validator
        self.maps = maps
    }

    /// The report, how many observations were written (0 when the file had errors), and whether output
    /// that had to be abandoned had already reached a streaming destination (standard output, a device,
    /// a FIFO), where it cannot be taken back.
    public func transform(path: String, to target: Target, output: String?) throws
        -> (report: ValidationReport, written: Int, incompleteOutputSent: Bool)
    {
        let inputs = try SubmissionInput.inputs(at: path, limits: validator.limits.decompression)
        guard inputs.count == 1, let input = inputs.first else {
            throw SDMXError(
                .unsupportedFormat, "\(path) holds \(inputs.count) submissions; transform takes one at a time")
        }
        let sink = try OutputSink(path: output)
        let writer = target.writer(sink: sink)
        let collector = ObservationCollector(catalog: validator.catalog, override: validator.dataflow, writer: writer)
        var harmonising = validator
        harmonising.harmonisation = maps
        let report = try harmonising.validate(input, alsoInto: collector)
        guard report.isValid, report.observations > 0 else {
            let sent = sink.streams && sink.bytesSent > 0
            sink.abandon()
            return (report, 0, sent)
        }
        try collector.finish()
        try sink.commit()
        return (report, collector.observations, false)
    }

    /// The current time as ISO 8601 (`2024-07-15T10:30:00Z`), for output headers' `Prepared`.
    public static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
