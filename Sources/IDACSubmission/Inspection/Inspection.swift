import SDMXCSV
import SDMXJSON
import SDMXModel
import SDMXValidation
import SDMXXML

/// What `idac inspect` tells about a file.
public enum Inspection: Sendable {
    /// A data file: its format, the structures it names, and its counts.
    case data(file: String, format: String, structures: [String], dataSets: Int, series: Int, observations: Int)
    /// A structure file: its artefacts with their counts, and the references that do not resolve.
    case structure(file: String, format: String, artefacts: [ArtefactSummary], unresolved: [String])
    /// Neither.
    case unsupported(file: String, format: String)
}

/// One artefact of a structure file, with what it holds counted.
public struct ArtefactSummary: Sendable {
    /// The artefact's kind in words (`code list`), or its element name for one not modelled (`CategoryScheme`).
    public var kind: String
    /// `AGENCY:ID(VERSION)`.
    public var reference: String
    /// Its name, in English where the file gives one.
    public var name: String
    /// `("codes", 249)`, `("dimensions", 7)`…
    public var counts: [(String, Int)]
}

/// Builds an ``Inspection`` for a file.
public struct Inspector: Sendable {
    /// The loaded structures, which name the data files' structures and let their datasets be counted.
    public var catalog: StructureCatalog
    /// The profile a plain table (or a workbook) is read through; nil for SDMX files.
    public var profile: CountryCSVProfile?

    /// Makes an inspector.
    public init(catalog: StructureCatalog, profile: CountryCSVProfile? = nil) {
        self.catalog = catalog
        self.profile = profile
    }

    /// Inspects every submission a path holds (each entry of a zip archive).
    public func inspect(path: String) throws -> [Inspection] {
        try SubmissionInput.inputs(at: path).map(inspect)
    }

    /// Inspects one submission: a data file's format, structures and counts (read in full, findings not kept), or a
    /// structure file's artefacts and the references among them that do not resolve.
    public func inspect(_ input: SubmissionInput) throws -> Inspection {
        let path = input.name
        var detected: DetectedFormat
        var workbook: WorkbookDataReader?
        if let archive = input.workbook {
            detected = .workbook
            workbook = try WorkbookDataReader(archive: archive, name: path, profile: profile)
        } else {
            detected = try FormatDetector.detect(source: input.open())
            if let profile, case .unsupported = detected { detected = .countryCSV(profile: profile.source) }
        }
        switch detected {
        case .data, .countryCSV, .workbook:
            // Inspection always counts: a structure that lacks code lists is used as it is.
            var lenient = catalog
            lenient.requiresCompleteStructures = false
            let counter = DataValidator(catalog: lenient, maxFindings: 0)
            do {
                if let workbook {
                    try workbook.read(into: counter)
                } else if case .data(let format) = detected {
                    try DataFileReader.read(source: input.open(), format: format, into: counter)
                } else if let profile {
                    try CountryCSVReader(profile: profile).read(source: input.open(), into: counter)
                }
            } catch let error as SDMXError where error.code == .malformedInput {
                throw SDMXError(
                    .malformedInput, "\(error.message); counts stop there (run idac validate for every finding)",
                    location: error.location)
            }
            return .data(
                file: path, format: workbook?.formatName ?? detected.name, structures: counter.namedStructures,
                dataSets: counter.counts.dataSets, series: counter.seriesCount,
                observations: counter.counts.observations)
        case .structure:
            let isJSON = StructureFileReader.isJSON(try input.open().prefix(4096))
            let message =
                isJSON
                ? try SDMXJSONStructureReader().read(source: input.open())
                : try StructureMessageReader().read(source: input.open())
            // References resolve against the file together with the structures loaded alongside it.
            var combined = catalog
            try? combined.add(message)
            let unresolved = combined.unresolvedReferences().filter { problem in
                message.dataStructures.contains { problem.contains($0.reference.description) }
                    || message.dataflows.contains { problem.contains($0.reference.description) }
            }
            return .structure(
                file: path, format: isJSON ? "SDMX-JSON structure message" : "SDMX-ML structure message",
                artefacts: Self.summaries(message), unresolved: unresolved)
        case .unsupported(let what):
            return .unsupported(file: path, format: what)
        }
    }

    static func summaries(_ message: StructureMessage) -> [ArtefactSummary] {
        var result: [ArtefactSummary] = []
        func add(_ info: MaintainableInfo, _ counts: [(String, Int)]) {
            result.append(
                ArtefactSummary(
                    kind: info.reference.kind.displayName, reference: info.reference.description,
                    name: info.name, counts: counts))
        }
        message.agencySchemes.forEach { add($0.info, [("agencies", $0.agencies.count)]) }
        message.codelists.forEach { add($0.info, [("codes", $0.codes.count)]) }
        message.conceptSchemes.forEach { add($0.info, [("concepts", $0.concepts.count)]) }
        message.dataStructures.forEach {
            // The time dimension is counted apart, as `export` and SDMX REST keys count dimensions without it.
            add(
                $0.info,
                [
                    ("dimensions", $0.dimensions.count), ("time dimensions", $0.timeDimension == nil ? 0 : 1),
                    ("attributes", $0.attributes.count), ("measures", $0.measures.count), ("groups", $0.groups.count),
                ])
        }
        message.dataflows.forEach { add($0.info, []) }
        message.constraints.forEach {
            add($0.info, [("cube regions", $0.cubeRegions.count), ("key sets", $0.dataKeySets.count)])
        }
        message.rulesetSchemes.forEach { add($0.info, [("rulesets", $0.rulesets.count)]) }
        message.others.forEach {
            result.append(
                ArtefactSummary(
                    kind: $0.elementName, reference: $0.info.reference.description,
                    name: $0.info.name, counts: [("items", $0.itemCount)]))
        }
        return result
    }
}
