import ArgumentParser
import IDACPipeline
import IDACSubmission

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what a file is: a data file's format, structure and counts; a structure file's artefacts."
    )

    @Argument(help: ArgumentHelp("Data or structure files (- for standard input).", valueName: "file"))
    var files: [String]

    @OptionGroup var structures: StructureOptions

    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if format == .html { throw ValidationError("inspect writes text or json; html is for validate's reports") }
    }

    func run() throws {
        try JSONFailure.reporting(format == .json, to: nil) { try inspectFiles() }
    }

    private func inspectFiles() throws {
        let inspector = Inspector(catalog: try structures.loadCatalog(), profile: try profileOptions.load())
        let inspections = try files.flatMap { try inspector.inspect(path: $0) }
        switch format {
        case .text: print(inspections.map(InspectionRenderer.text).joined(separator: "\n"), terminator: "")
        case .json, .html: print(InspectionRenderer.json(inspections), terminator: "")
        }
    }
}
