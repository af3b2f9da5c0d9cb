import ArgumentParser
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel

extension SubmissionTransformer.Target: ExpressibleByArgument {}

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Harmonise a submission and write it as SDMX-CSV or SDMX-ML.",
        discussion: """
            Country codes become ISO alpha-3, national age bands the Alliance's, values in thousands or millions units,
            and missing markers empty values with a status. The harmonised observations are validated. With --output FILE
            the file is written only when they have no errors, atomically: never a partial file. To standard output (or
            a device or FIFO) the output streams as it is made: when errors are found, what was already written is
            incomplete, and idac says so.
            """
    )

    @Argument(help: ArgumentHelp("The submission to transform.", valueName: "file"))
    var file: String

    @OptionGroup var structures: StructureOptions

    @OptionGroup var profileOptions: ProfileOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder with area-codes.csv and age-bands.csv, instead of the embedded maps.", valueName: "folder"))
    var maps: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Use this dataflow instead of the one the file names.", valueName: "AGENCY:ID(VERSION)"))
    var dataflow: String?

    @Option(
        name: .long,
        help: "Output format: sdmx-csv, sdmx-ml (2.1 structure-specific), sdmx-ml-generic, sdmx-ml-3.0 or sdmx-json.")
    var to: SubmissionTransformer.Target

    @Option(name: .long, help: ArgumentHelp("Write here instead of to standard output.", valueName: "path"))
    var output: String?

    @OptionGroup(title: "Safety limits") var limitOptions: LimitOptions

    func validate() throws {
        if let dataflow { _ = try DataflowArgument.reference(dataflow) }
    }

    func run() throws {
        var validator = try SubmissionValidator(
            catalog: try structures.loadCatalog(),
            dataflow: try dataflow.map(DataflowArgument.reference),
            profile: try profileOptions.load())
        validator.limits = limitOptions.limits
        let harmonisation = HarmonisationOptions(harmonise: true, maps: maps)
        let (report, written, incompleteOutputSent) = try SubmissionTransformer(
            validator: validator, maps: try harmonisation.load()
        )
        .transform(path: file, to: to, output: output)
        if !report.isValid {
            printError(TextReportRenderer.render(report))
            if incompleteOutputSent {
                printError(
                    "idac: the output already written to \((output ?? "standard output").printableForTerminal) is "
                        + "INCOMPLETE and must not be used: fix the errors above, then transform again")
            } else {
                printError("idac: nothing was written: fix the errors above, then transform again")
            }
            throw ExitCode(1)
        }
        if written == 0 {
            printError("idac: \(file.printableForTerminal) holds no observations; nothing was written")
            throw ExitCode(1)
        }
        if let output { printError("idac: wrote \(written) harmonised observations to \(output.printableForTerminal)") }
    }
}
