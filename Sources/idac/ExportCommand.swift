import AllianceRepository
import ArgumentParser
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what the repository holds for a dataflow, now or as of a date."
    )

    @Option(name: .long, help: ArgumentHelp("The dataflow.", valueName: "AGENCY:ID(VERSION)"))
    var dataflow: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An SDMX REST key: one part per dimension, + between values, empty for all.",
            valueName: "Q.KEN+UGA...F.."))
    var key: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The values as they were at this date (its end, UTC) or date-time (ISO 8601, with Z or an offset; UTC without).",
            valueName: "date"))
    var asOf: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only periods within this one and after (2024, 2024-Q2, 2024-05…; compared by the time covered).",
            valueName: "period"))
    var startPeriod: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Only periods that lie within this period and before.", valueName: "period"))
    var endPeriod: String?

    @Option(name: .long, help: "Output format: sdmx-csv (default), sdmx-ml, sdmx-ml-generic, sdmx-ml-3.0 or sdmx-json.")
    var to: SubmissionTransformer.Target = .sdmxCSV

    @Option(
        name: .long, help: ArgumentHelp("Write here (atomically) instead of to standard output.", valueName: "path"))
    var output: String?

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions

    func validate() throws {
        _ = try DataflowArgument.reference(dataflow)
        if let asOf {
            do { _ = try RepositoryInstant.asOf(parsing: asOf) } catch { throw ValidationError("--as-of: \(error)") }
        }
    }

    func run() throws {
        let reference = try DataflowArgument.reference(dataflow)
        let exporter = Exporter(repository: try repositoryOptions.openExisting(), catalog: try structures.loadCatalog())
        let sink = try OutputSink(path: output)
        let written = try exporter.export(
            dataflow: reference, key: key, asOf: asOf, startPeriod: startPeriod, endPeriod: endPeriod,
            writer: to.writer(sink: sink))
        try sink.commit()
        if let output { printError("idac: wrote \(written) observations to \(output.printableForTerminal)") }
    }
}
