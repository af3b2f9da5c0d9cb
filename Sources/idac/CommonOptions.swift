import ArgumentParser
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXCSV
import SDMXModel

/// Options every command that reads structures shares.
struct StructureOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A structure file or folder of them (repeatable); without it, the Alliance's embedded structures.",
            valueName: "path"))
    var structure: [String] = []

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Refuse (exit 2) a structure that lacks code lists or concept schemes, instead of checking with "
                + "what is there and warning (STRUCTURE_INCOMPLETE); ingest and inbox always refuse one."))
    var strictStructures = false

    /// The catalog; what loading let pass (merged agency schemes, duplicates alike) is printed as warnings.
    /// `storing` (ingest, inbox) refuses incomplete structures whatever the flag: data whose codes went
    /// unchecked must not enter the repository with only a warning.
    func loadCatalog(storing: Bool = false) throws -> StructureCatalog {
        var catalog = try StructureLoader().load(paths: structure)
        catalog.requiresCompleteStructures = strictStructures || storing
        for warning in catalog.warnings {
            printError("idac: warning: " + warning.printableForTerminal)
        }
        return catalog
    }
}

/// `--format json` always prints a JSON object: on a failure of the run, one that says why
/// (`{"error": {"code": …, "message": …}}`), then the error goes on to set exit status 2.
enum JSONFailure {
    static func reporting<Result>(_ enabled: Bool, to path: String?, _ body: () throws -> Result) throws -> Result {
        guard enabled else { return try body() }
        do {
            return try body()
        } catch let error as SDMXError {
            write(code: error.code.rawValue, message: String(describing: error), to: path)
            throw error
        } catch let exit as ExitCode {
            throw exit
        } catch {
            write(code: "ERROR", message: String(describing: error), to: path)
            throw error
        }
    }

    private static func write(code: String, message: String, to path: String?) {
        let object = JSONWriter.Value.object([
            ("error", .object([("code", .string(code)), ("message", .string(message))]))
        ])
        try? ReportOutput.write(JSONWriter.encode(object) + "\n", to: path)
    }
}

/// The country-CSV profile option validate and inspect share.
struct ProfileOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read files that are not SDMX as a country CSV described by this profile (see the README).",
            valueName: "profile.json"))
    var profile: String?

    func load() throws -> CountryCSVProfile? {
        try profile.map(CountryCSVProfile.load(path:))
    }
}

/// Harmonisation before validation, and where its maps come from.
struct HarmonisationOptions: ParsableArguments {
    @Flag(name: .long, help: "Harmonise before validating: country codes, age bands, unit multipliers, missing values.")
    var harmonise = false

    init() {}

    init(harmonise: Bool, maps: String?) {
        self.harmonise = harmonise
        self.maps = maps
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder with area-codes.csv and age-bands.csv to harmonise with, instead of the embedded maps.",
            valueName: "folder"))
    var maps: String?

    func mapsIfRequested() throws -> HarmonisationMaps? {
        guard harmonise || maps != nil else { return nil }
        return try load()
    }

    func load() throws -> HarmonisationMaps {
        do {
            return try maps.map(HarmonisationMaps.load(folder:)) ?? HarmonisationMaps.embedded()
        } catch let error as HarmonisationError {
            throw SDMXError(.invalidStructure, error.message)
        }
    }
}

/// Raising the readers' safety limits, for the rare honest file that needs it.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Deepest XML element nesting accepted (default 256).")
    var maxDepth: Int?

    @Option(name: .long, help: "Most attributes on one XML element (default 1024).")
    var maxAttributes: Int?

    @Option(name: .long, help: "Longest CSV record, in MB (default 16).")
    var maxRecordMB: Int?

    @Option(name: .long, help: "Most fields in one CSV record (default 10000).")
    var maxColumns: Int?

    @Option(name: .long, help: "Most a compressed file may expand to, in MB (default 16384).")
    var maxExpandedMB: Int?

    func validate() throws {
        for (name, value) in [
            ("--max-depth", maxDepth), ("--max-attributes", maxAttributes), ("--max-record-mb", maxRecordMB),
            ("--max-columns", maxColumns), ("--max-expanded-mb", maxExpandedMB),
        ] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
    }

    var limits: ReaderLimits {
        var limits = ReaderLimits.default
        if let maxDepth { limits.xml.maxDepth = maxDepth }
        if let maxAttributes { limits.xml.maxAttributes = maxAttributes }
        if let maxRecordMB { limits.csvRecordBytes = maxRecordMB << 20 }
        if let maxColumns { limits.csvColumns = maxColumns }
        if let maxExpandedMB { limits.decompression.maxExpandedBytes = Int64(maxExpandedMB) << 20 }
        return limits
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case html
}

/// Writes a report to a file (atomically: a temporary file renamed into place) or to standard output.
enum ReportOutput {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        try AtomicFileWriter.write(text, to: path)
    }
}

/// A `--dataflow` argument: `AGENCY:ID(VERSION)`, checked in `validate()` so that a bad one is an
/// argument error (exit 2) before any work, and read again in `run()`.
enum DataflowArgument {
    static func reference(_ text: String) throws -> ArtefactReference {
        guard let reference = ArtefactReference(parsing: text, kind: .dataflow) else {
            throw ValidationError(
                "--dataflow takes AGENCY:ID(VERSION), such as IDAC:DF_CHILD_MIGRATION(1.0); got '\(text)'")
        }
        return reference
    }
}
