import ArgumentParser
import Foundation
import IDACPipeline
import IDACSubmission
import SDMXModel

struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract:
            "Map what the Alliance knows and does not know: countries × indicators for a period, from the repository."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, html }

    @Option(
        name: .long, help: ArgumentHelp("The dataflow (default: child migration).", valueName: "AGENCY:ID(VERSION)"))
    var dataflow = "IDAC:DF_CHILD_MIGRATION(1.0)"

    @Option(
        name: .long,
        help: ArgumentHelp("A year or a quarter (default: the last complete year).", valueName: "2025|2025-Q3"))
    var period: String?

    @Option(
        name: .long, help: ArgumentHelp("Countries to show besides those that have reported.", valueName: "ISO3,ISO3,…")
    )
    var countries: String?

    @Flag(name: .long, help: "Show every country of the reference-area code list.")
    var allCountries = false

    @Option(name: .long, help: "Output format.")
    var format: Format = .text

    @Option(
        name: .long, help: ArgumentHelp("Write here (atomically) instead of to standard output.", valueName: "path"))
    var output: String?

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions

    func validate() throws {
        if countries != nil && allCountries { throw ValidationError("give --countries or --all-countries, not both") }
        _ = try DataflowArgument.reference(dataflow)
    }

    func run() throws {
        try JSONFailure.reporting(format == .json, to: output) { try analyse() }
    }

    private func analyse() throws {
        let reference = try DataflowArgument.reference(dataflow)
        let lastYear = String(Calendar(identifier: .gregorian).component(.year, from: Date()) - 1)
        let rows: GapAnalysis.Countries =
            allCountries
            ? .all
            : countries.map {
                .named($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            } ?? .reporting
        let repository = try repositoryOptions.openExisting()
        let report = try GapAnalysis(repository: repository, catalog: try structures.loadCatalog())
            .analyse(dataflow: reference, period: period ?? lastYear, countries: rows)
        if period == nil {
            printError("idac: gaps for \(lastYear), the last complete year (give --period to choose another)")
        }
        if !report.cells.joined().contains(where: \.hasData) {
            // An empty grid is a question of period more often than of data: say what the repository holds.
            let held = try repository.status(period: nil).filter { $0.dataflow == report.dataflow }
            if let first = held.map(\.firstPeriod).min(), let last = held.map(\.lastPeriod).max() {
                printError(
                    "idac: no observation of \(report.dataflow) falls in \(report.period); the repository holds "
                        + "\(first) to \(last) (give --period with one of those)")
            } else {
                printError("idac: the repository holds no observation of \(report.dataflow) yet")
            }
        }
        let text =
            switch format {
            case .text: GapReportRenderer.text(report)
            case .json: GapReportRenderer.json(report)
            case .csv: GapReportRenderer.csv(report)
            case .html: GapReportRenderer.html(report)
            }
        let sink = try OutputSink(path: output)
        try sink.write(text)
        try sink.commit()
    }
}
