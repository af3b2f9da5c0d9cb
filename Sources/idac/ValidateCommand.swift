import ArgumentParser
import IDACPipeline
import IDACSubmission
import SDMXModel

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate data files and report every problem with its file, line and column.",
        discussion: "Reads \(FormatDetector.accepted), told apart by content."
    )

    @Argument(help: ArgumentHelp("Data files to validate (- for standard input).", valueName: "file"))
    var files: [String]

    @OptionGroup var structures: StructureOptions

    @OptionGroup var profileOptions: ProfileOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Validate against this dataflow instead of the one the file names.", valueName: "AGENCY:ID(VERSION)"))
    var dataflow: String?

    @Option(name: .long, help: "Report format: text, json, or html (one self-contained page; give --output).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report here instead of to standard output.", valueName: "path"))
    var output: String?

    @Option(name: .long, help: "List at most this many findings per file (the counts stay complete).")
    var maxFindings: Int = 1000

    @OptionGroup var harmonisation: HarmonisationOptions

    @OptionGroup(title: "Safety limits") var limitOptions: LimitOptions

    func validate() throws {
        guard maxFindings >= 0 else { throw ValidationError("--max-findings must be 0 or more") }
        if let dataflow { _ = try DataflowArgument.reference(dataflow) }
    }

    func run() throws {
        try JSONFailure.reporting(format == .json, to: output) { try validateFiles() }
    }

    private func validateFiles() throws {
        let catalog = try structures.loadCatalog()
        var validator = try SubmissionValidator(
            catalog: catalog, dataflow: try dataflow.map(DataflowArgument.reference),
            maxFindings: maxFindings, profile: try profileOptions.load(),
            harmonisation: try harmonisation.mapsIfRequested())
        validator.limits = limitOptions.limits
        // Several files are validated at once, one per core.
        let reports = try validator.validate(paths: files)
        let text =
            switch format {
            case .text: TextReportRenderer.render(reports)
            case .json: JSONReportRenderer.render(reports)
            case .html: HTMLReportRenderer.render(reports)
            }
        try ReportOutput.write(text, to: output)
        if reports.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}
