import Harmonisation
import SDMXCSV
import SDMXModel
import SDMXValidation

/// Validates submission files against a structure catalog: detect the format, stream the file
/// through its reader into the validator, and turn a reader's error into a finding that keeps
/// every finding before it.
public struct SubmissionValidator: Sendable {
    /// The loaded structures the data are checked against.
    public var catalog: StructureCatalog
    /// The user's `--dataflow`: used instead of the structure the data name; nil to follow the data.
    public var dataflow: ArtefactReference?
    /// How many findings a report lists at most; the rest are counted.
    public var maxFindings: Int
    /// The consistency rules the structures publish, parsed once.
    public var rules: ValidationRules
    /// With a profile, files that are not SDMX are read as the country CSV it describes.
    public var profile: CountryCSVProfile?
    /// With maps, observations are harmonised before they are validated.
    public var harmonisation: HarmonisationMaps?
    /// The readers' safety limits.
    public var limits: ReaderLimits = .default
    /// Whether a file is read on one thread and validated on another (``DataEventPipe``): the
    /// default; off, everything runs on the caller's thread.
    public var pipelined = true
    /// The portal: the country (REF_AREA) of the office sending; an observation for another is an
    /// `OTHER_COUNTRY` error (``AreaCheck``).
    public var onlyArea: String?

    /// Throws when a published ruleset does not parse (a broken structure file).
    public init(
        catalog: StructureCatalog, dataflow: ArtefactReference? = nil, maxFindings: Int = 1000,
        profile: CountryCSVProfile? = nil, harmonisation: HarmonisationMaps? = nil
    ) throws {
        self.profile = profile
        self.harmonisation = harmonisation
        self.catalog = catalog
        self.dataflow = dataflow
        self.maxFindings = maxFindings
        self.rules = try ValidationRules.load(from: catalog)
    }

    /// Validates every submission a path holds (a zip archive holds several), one report each.
    /// Throws only when the file cannot be read at all (exit status 2); everything wrong with its
    /// content is a finding.
    public func validate(path: String, name: String? = nil) throws -> [ValidationReport] {
        let inputs: [SubmissionInput]
        do {
            inputs = try SubmissionInput.inputs(
                at: path, name: name, limits: limits.decompression, cancellation: limits.cancellation)
        } catch let error as SDMXError where error.code != .unreadableFile {
            return [
                report(
                    path: name ?? (path == "-" ? "<stdin>" : path),
                    format: .unsupported("a damaged or refused archive"),
                    finding: Finding(
                        code: Self.findingCode(of: error),
                        message: error.message, line: 0, column: 0))
            ]
        }
        return try inputs.map(validate)
    }

    /// The finding a reader's or decompressor's error makes.
    private static func findingCode(of error: SDMXError) -> FindingCode {
        switch error.code {
        case .unsupportedFormat: .unsupportedFormat
        case .duplicateComponent: .duplicateComponent
        default: .malformedInput
        }
    }

    /// The report of an input refused before it was read as data (a damaged compressed file, or `what`).
    public func refusal(of name: String, _ error: SDMXError, what: String = "a damaged compressed file")
        -> ValidationReport
    {
        report(
            path: name, format: .unsupported(what),
            finding: Finding(
                code: Self.findingCode(of: error), message: error.message,
                line: 0, column: 0))
    }

    /// The report of a file that could not be read as data, with the one finding that says why.
    private func report(path: String, format: DetectedFormat, finding: Finding) -> ValidationReport {
        var collector = FindingCollector(maxFindings: maxFindings)
        collector.add(finding)
        return ValidationReport(
            file: path, format: format.name, structure: nil, dataSets: 0, series: 0, observations: 0,
            errors: collector.errors, warnings: collector.warnings, byCode: collector.byCode,
            truncated: collector.isTruncated, findings: collector.findings)
    }

    /// Validates one submission; throws only when it cannot be read at all (see `validate(path:name:)`).
    public func validate(_ input: SubmissionInput) throws -> ValidationReport {
        try validate(input, alsoInto: nil)
    }

    /// Validates, sending the (harmonised) stream on to `extra` as well, such as a writer.
    public func validate(_ input: SubmissionInput, alsoInto extra: (any DataHandler)?) throws -> ValidationReport {
        let path = input.name
        var format: DetectedFormat
        var workbook: WorkbookDataReader?
        do {
            if let archive = input.workbook {
                format = .workbook
                workbook = try WorkbookDataReader(archive: archive, name: path, profile: profile, limits: limits)
            } else {
                format = try FormatDetector.detect(source: input.open())
                if let profile, case .unsupported = format { format = .countryCSV(profile: profile.source) }
            }
        } catch let error as SDMXError where error.code != .unreadableFile && error.code != .invalidStructure {
            // A profile naming a sheet the workbook lacks is the run's error (exit 2), as a broken profile is.
            return report(
                path: path, format: input.workbook != nil ? .workbook : .unsupported("a damaged compressed file"),
                finding: Finding(
                    code: Self.findingCode(of: error),
                    message: error.message, line: 0, column: 0))
        }
        let validator = DataValidator(
            catalog: catalog, structureOverride: dataflow, rules: rules, maxFindings: maxFindings)
        switch format {
        case .data, .countryCSV, .workbook:
            let areaCheck = onlyArea.map { country in AreaCheck(country: country) { validator.add($0) } }
            let handlers: [any DataHandler] = [validator] + [areaCheck, extra].compactMap { $0 }
            let downstream: any DataHandler = handlers.count == 1 ? validator : DataFanOut(handlers)
            let handler: any DataHandler =
                harmonisation.map { maps in
                    Harmoniser(next: downstream, maps: maps) { issue in
                        validator.add(
                            Finding(
                                code: FindingCode(issue.kind), message: issue.message, line: issue.position.line,
                                column: issue.position.column, component: issue.component, value: issue.value))
                    }
                } ?? downstream
            // Plain validation reads on this thread and validates on another (DataEventPipe); a
            // caller's extra handler (a writer, the repository) keeps the reader's thread.
            let read = { (into: any DataHandler) throws in
                if let workbook {
                    try workbook.read(into: into)
                } else if case .data(let dataFormat) = format {
                    try DataFileReader.read(source: input.open(), format: dataFormat, into: into, limits: limits)
                } else if let profile {
                    try CountryCSVReader(
                        profile: profile, maxRecordBytes: limits.csvRecordBytes,
                        maxColumns: limits.csvColumns
                    ).read(source: input.open(), into: into)
                }
            }
            do {
                if extra == nil, pipelined {
                    try DataEventPipe.run(into: handler, read)
                } else {
                    try read(handler)
                }
            } catch let error as SDMXError where error.code != .unreadableFile && error.code != .unresolvedReference {
                validator.add(
                    Finding(
                        code: Self.findingCode(of: error),
                        message: error.message, line: error.location?.line ?? 0,
                        column: error.location?.column ?? 0))
            }
        case .structure:
            validator.add(
                Finding(
                    code: .unsupportedFormat,
                    message: "this is an SDMX structure message, not data; give it with --structure, "
                        + "and give data files (\(FormatDetector.accepted)) as arguments",
                    line: 0, column: 0))
        case .unsupported(let what):
            validator.add(
                Finding(
                    code: .unsupportedFormat,
                    message: "this file seems to be \(what); idac validate reads \(FormatDetector.accepted)",
                    line: 0, column: 0))
        }
        if validator.counts.observations == 0, validator.collector.errors == 0 {
            switch format {
            case .data(.sdmxCSV20), .data(.sdmxCSV10), .countryCSV, .workbook:
                validator.add(
                    Finding(
                        code: .malformedInput, severity: .warning,
                        message: "the file has a header line but no data lines: there is nothing to check", line: 1,
                        column: 0))
            case .data where validator.counts.dataSets == 0:
                // A web service's answer with only a header (and maybe a footer saying why) is no submission.
                validator.add(
                    Finding(
                        code: .footerMessage, severity: .warning,
                        message: "the message holds no dataset: there is nothing to check", line: 0, column: 0))
            default:
                break
            }
        }
        let collector = validator.collector
        var report = ValidationReport(
            file: path, format: workbook?.formatName ?? format.name,
            structure: validator.structureNames.isEmpty ? nil : validator.structureNames.joined(separator: ", "),
            dataSets: validator.counts.dataSets, series: validator.seriesCount,
            observations: validator.counts.observations, errors: collector.errors, warnings: collector.warnings,
            byCode: collector.byCode, truncated: collector.isTruncated, findings: collector.sortedFindings)
        report.observationsByPeriod = validator.observationsByPeriod
        report.observationsByArea = validator.observationsByArea
        report.findingsBySeries = collector.bySeries
        report.sheet = workbook?.sheet.name
        return report
    }
}
