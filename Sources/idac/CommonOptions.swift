import ArgumentParser
import IDACPipeline
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
