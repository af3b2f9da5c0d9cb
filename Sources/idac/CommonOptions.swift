import ArgumentParser
import Harmonisation
import IDACPipeline
import SDMXCSV
import SDMXModel
import SDMXModel

/// Options every command that reads structures shares.
struct StructureOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A structure file or folder of them (repeatable); without it, the Alliance's embedded structures.",
        valueName: "path"))
    var structure: [String] = []

    func loadCatalog() throws -> StructureCatalog {
        try StructureLoader().load(paths: structure)
    }
}

/// The country-CSV profile option validate and inspect share.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read files that are not SDMX as a country CSV described by this profile (see the README).", valueName: "profile.json"))
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

    @Option(name: .long, help: ArgumentHelp(
        "A folder with area-codes.csv and age-bands.csv to harmonise with, instead of the embedded maps.", valueName: "folder"))
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
