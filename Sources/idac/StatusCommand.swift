import AllianceRepository
import ArgumentParser
import Harmonisation
import IDACPipeline
import IDACSubmission
import SDMXModel

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

    func validate() throws {
        if let period, TimePeriod(period) == nil {
            throw ValidationError("--period takes an SDMX period such as 2025, 2025-Q3 or 2025-07; got '\(period)'")
        }
    }

    func run() throws {
        try JSONFailure.reporting(format != .text, to: nil) { try report() }
    }

    private func report() throws {
        let rows = try repositoryOptions.openExisting().status(period: period)
        switch format {
        case .json, .html:
            let objects: [JSONWriter.Value] = rows.map { row in
                .object([
                    ("refArea", .string(row.refArea)), ("dataflow", .string(row.dataflow)),
                    ("lastTransmission", .int(Int(row.lastTransmissionID))),
                    ("lastReceived", .string(row.lastReceived)),
                    ("firstPeriod", .string(row.firstPeriod)), ("lastPeriod", .string(row.lastPeriod)),
                    ("reportedForPeriod", row.reportedForPeriod.map { .bool($0) } ?? .raw("null")),
                ])
            }
            print(JSONWriter.encode(.array(objects)))
        case .text:
            if rows.isEmpty { print("The repository holds no observations yet.") }
            for row in rows {
                var line =
                    "\(row.dataflow)  \(row.refArea)  transmission \(row.lastTransmissionID) (\(row.lastReceived))  "
                    + "periods \(row.firstPeriod) to \(row.lastPeriod)"
                if let reported = row.reportedForPeriod, let period {
                    line += reported ? "  reported \(period)" : "  NOT YET REPORTED \(period)"
                }
                print(line)
            }
            if let period {
                let missing = rows.filter { $0.reportedForPeriod == false }.map { "\($0.refArea) (\($0.dataflow))" }
                print(
                    missing.isEmpty
                        ? "Everyone has reported \(period)."
                        : "Not yet reported for \(period): \(missing.joined(separator: ", "))")
            }
        }
    }
}
