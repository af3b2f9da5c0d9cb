import ArgumentParser
import IDACPipeline
import SDMXCSV
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
