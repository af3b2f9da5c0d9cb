import ArgumentParser
import Foundation
import Harmonisation
import IDACPipeline
import IDACSubmission
import Logging

struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Process every file in DIR/incoming: ingest it, then archive or reject it with its report.",
        discussion: """
            Files still being written are left for the next run: a file is taken once unchanged for --settle seconds,
            or at once when FILE.done is beside it. One run at a time per inbox. A run killed at any instant loses no
            file and loads none twice: the next run finishes the job.
            Exit status: 0 all accepted, 1 some file rejected, 2 some file could not be processed (left in place).
            """
    )

    @Argument(help: ArgumentHelp("The inbox folder (with incoming/, archive/ and rejected/).", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: "Seconds a file must be unchanged before it is taken.")
    var settle: Double = 5

    @OptionGroup var repositoryOptions: RepositoryOptions
    @OptionGroup var structures: StructureOptions
    @OptionGroup var profileOptions: ProfileOptions

    @Option(name: .long, help: ArgumentHelp("A folder with area-codes.csv and age-bands.csv.", valueName: "folder"))
    var maps: String?

    @OptionGroup(title: "Safety limits") var limitOptions: LimitOptions

    @Option(
        name: .customLong("max-input-mb"),
        help: ArgumentHelp(
            "Largest file the inbox reads, in MB (default 4096); a larger one is rejected unread.",
            valueName: "mb"))
    var maxInputMB: Int64 = Inbox.defaultMaxInputBytes >> 20

    func validate() throws {
        guard settle.isFinite, (0...Inbox.longestSettle).contains(settle) else {
            throw ValidationError("--settle takes seconds from 0 to \(Int(Inbox.longestSettle)); got \(settle)")
        }
        guard (1...(1 << 40)).contains(maxInputMB) else {
            throw ValidationError("--max-input-mb takes a number of MB from 1 to \(1 << 40); got \(maxInputMB)")
        }
    }

    func run() throws {
        LoggingSystem.bootstrap { label in EscapingLogHandler.standardError(label: label) }
        var validator = try SubmissionValidator(
            catalog: try structures.loadCatalog(storing: true), profile: try profileOptions.load(),
            harmonisation: try HarmonisationOptions(harmonise: true, maps: maps).load())
        validator.limits = limitOptions.limits
        var inbox = Inbox(
            folder: folder, ingestor: Ingestor(validator: validator, repository: try repositoryOptions.open()),
            settleSeconds: settle)
        inbox.maxInputBytes = maxInputMB << 20
        var progress: Progress?
        let summary = try inbox.run { done, total, name in
            if progress == nil { progress = Progress(total: total, label: "inbox") }
            progress?.step(name)
        }
        progress?.finish()
        print(
            "inbox \(folder.printableForTerminal): \(summary.accepted) transmissions accepted, \(summary.rejected) rejected; "
                + "files: \(summary.archivedFiles) archived, \(summary.rejectedFiles) rejected, \(summary.failed) failed, "
                + "\(summary.waiting) still being written, \(summary.skipped) not regular files (left in place)"
                + (summary.claimedElsewhere > 0 ? ", \(summary.claimedElsewhere) taken by other workers" : ""))
        if summary.failed > 0 { throw ExitCode(2) }
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}
