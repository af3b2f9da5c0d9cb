import AllianceRepository
import ArgumentParser
import Harmonisation
import IDACPipeline
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

    @Option(name: .long, help: ArgumentHelp(
        "A folder with area-codes.csv and age-bands.csv, instead of the embedded maps.", valueName: "folder"))
    var maps: String?

    @OptionGroup(title: "Safety limits") var limitOptions: LimitOptions

    func run() throws {
        var validator = try SubmissionValidator(catalog: try structures.loadCatalog(), profile: try profileOptions.load(),
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
                    print("\(name.printableForTerminal): stored as transmission \(record.id ?? 0) — \(report.observations) observations "
                          + "(\(inserted) new or revised, \(unchanged) unchanged, \(deleted) deleted), \(report.warnings) warnings")
                case .alreadyIngested(let record):
                    print("\(name.printableForTerminal): already ingested as transmission \(record.id ?? 0) on \(record.received); nothing changed")
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

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what the repository holds for a dataflow, now or as of a date."
    )

    @Option(name: .long, help: ArgumentHelp("The dataflow.", valueName: "AGENCY:ID(VERSION)"))
    var dataflow: String

    @Option(name: .long, help: ArgumentHelp("An SDMX REST key: one part per dimension, + between values, empty for all.",
                                            valueName: "Q.KEN+UGA..F..."))
    var key: String?

    @Option(name: .long, help: ArgumentHelp("The values as they were at this date or time (ISO 8601).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Output format: sdmx-csv (default), sdmx-ml or sdmx-ml-generic.")
    var to: SubmissionTransformer.Target = .sdmxCSV

    @Option(name: .long, help: ArgumentHelp("Write here (atomically) instead of to standard output.", valueName: "path"))
    var output: String?

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions

    func validate() throws {
        guard ArtefactReference(parsing: dataflow, kind: .dataflow) != nil else {
            throw ValidationError("--dataflow takes AGENCY:ID(VERSION), such as IDAC:DF_CHILD_MIGRATION(1.0)")
        }
    }

    func run() throws {
        guard let reference = ArtefactReference(parsing: dataflow, kind: .dataflow) else { return }
        let sink = try OutputSink(path: output)
        let written = try Exporter(repository: try repositoryOptions.open(), catalog: try structures.loadCatalog())
            .export(dataflow: reference, key: key, asOf: asOf, writer: to.writer(sink: sink))
        try sink.commit()
        if let output { printError("idac: wrote \(written) observations to \(output)") }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Who has reported what: per country and dataflow, the last transmission and the periods covered."
    )

    @Option(name: .long, help: ArgumentHelp("Also say who has not reported for this period.", valueName: "2025-Q3"))
    var period: String?

    @Option(name: .long, help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var repositoryOptions: RepositoryOptions

    func run() throws {
        let rows = try repositoryOptions.open().status(period: period)
        switch format {
        case .json, .html:
            let objects: [JSONWriter.Value] = rows.map { row in
                .object([("refArea", .string(row.refArea)), ("dataflow", .string(row.dataflow)),
                         ("lastTransmission", .int(Int(row.lastTransmissionID))), ("lastReceived", .string(row.lastReceived)),
                         ("firstPeriod", .string(row.firstPeriod)), ("lastPeriod", .string(row.lastPeriod)),
                         ("reportedForPeriod", row.reportedForPeriod.map { .bool($0) } ?? .raw("null"))])
            }
            print(JSONWriter.encode(.array(objects)))
        case .text:
            if rows.isEmpty { print("The repository holds no observations yet.") }
            for row in rows {
                var line = "\(row.dataflow)  \(row.refArea)  transmission \(row.lastTransmissionID) (\(row.lastReceived))  "
                    + "periods \(row.firstPeriod) to \(row.lastPeriod)"
                if let reported = row.reportedForPeriod, let period { line += reported ? "  reported \(period)" : "  NOT YET REPORTED \(period)" }
                print(line)
            }
            if let period {
                let missing = rows.filter { $0.reportedForPeriod == false }.map { "\($0.refArea) (\($0.dataflow))" }
                print(missing.isEmpty ? "Everyone has reported \(period)." : "Not yet reported for \(period): \(missing.joined(separator: ", "))")
            }
        }
    }
}
