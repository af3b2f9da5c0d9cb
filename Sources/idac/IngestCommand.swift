import AllianceRepository
import ArgumentParser
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Harmonise, validate and store submissions in the Alliance repository.",
        discussion: """
            One transaction per file: a file with errors stores nothing (exit 1, with its report); a file already
            ingested (same SHA-256) is recognised and changes nothing (exit 0).
            """
    )

    @Argument(help: ArgumentHelp("Submissions to ingest.", valueName: "file"))
    var files: [String]

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions
    @OptionGroup var profileOptions: ProfileOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder with area-codes.csv and age-bands.csv, instead of the embedded maps.", valueName: "folder"))
    var maps: String?

    @OptionGroup(title: "Safety limits") var limitOptions: LimitOptions

    func run() throws {
        var validator = try SubmissionValidator(
            catalog: try structures.loadCatalog(storing: true), profile: try profileOptions.load(),
            harmonisation: try HarmonisationOptions(harmonise: true, maps: maps).load())
        validator.limits = limitOptions.limits
        let ingestor = Ingestor(validator: validator, repository: try repositoryOptions.open())
        var rejected = false
        let progress = Progress(total: files.count, label: "ingest")
        for file in files {
            progress.step(file)
            for (name, outcome) in try ingestor.ingest(path: file) {
                switch outcome {
                case let .accepted(record, report, inserted, unchanged, deleted):
                    print(
                        "\(name.printableForTerminal): stored as transmission \(record.id ?? 0) — \(report.observations) observations "
                            + "(\(inserted) new or revised, \(unchanged) unchanged, \(deleted) deleted), \(report.warnings) warnings"
                    )
                case .alreadyIngested(let record):
                    print(
                        "\(name.printableForTerminal): already ingested as transmission \(record.id ?? 0) on \(record.received); nothing changed"
                    )
                case .rejected(let report):
                    rejected = true
                    print(TextReportRenderer.render(report), terminator: "")
                    print("\(name.printableForTerminal): rejected — nothing was stored")
                }
            }
        }
        progress.finish()
        if rejected { throw ExitCode(1) }
    }
}
