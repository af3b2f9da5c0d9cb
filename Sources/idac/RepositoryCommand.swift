import AllianceRepository
import ArgumentParser
import Foundation

/// `idac repository …`: work on a repository as a whole.
struct RepositoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repository",
        abstract: "Work on a repository as a whole.",
        subcommands: [CopyCommand.self]
    )

    /// `idac repository copy --from A --to B`: SQLite to PostgreSQL, back, or alike.
    struct CopyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a repository, with its whole history, into an empty one, verified by counts and SHA-256."
        )

        @Option(
            name: .long,
            help: ArgumentHelp("The repository to copy: a SQLite file or a postgres:// URL.", valueName: "path-or-url"))
        var from: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The new repository: a SQLite file or a postgres:// URL (made, or empty).", valueName: "path-or-url"))
        var to: String

        func run() throws {
            let source = try AllianceRepository(path: from, mode: .mustExist)
            let target = try AllianceRepository(path: to, mode: .createIfMissing)
            let summary = try AllianceRepository.copy(from: source, to: target)
            print(
                "copied \(summary.transmissions) transmissions and \(summary.observationVersions) observation "
                    + "versions from \(source.path.printableForTerminal) to \(target.path.printableForTerminal); "
                    + "counts and content SHA-256 \(summary.digest) agree")
        }
    }
}
