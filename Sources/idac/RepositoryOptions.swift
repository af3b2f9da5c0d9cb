import AllianceRepository
import ArgumentParser
import Foundation

/// Where the Alliance repository is: `--repository`, else `IDAC_REPOSITORY`, else ./alliance.sqlite.
struct RepositoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The repository file (default: IDAC_REPOSITORY, else ./alliance.sqlite).", valueName: "path")
    )
    var repository: String?

    var path: String {
        repository ?? ProcessInfo.processInfo.environment["IDAC_REPOSITORY"] ?? "alliance.sqlite"
    }

    /// Opens the repository for a command that stores into it: made where the path is free.
    func open() throws -> AllianceRepository {
        try AllianceRepository(path: path, mode: .createIfMissing)
    }

    /// Opens the repository for a command that only reads it: a path with no repository is an error.
    func openExisting() throws -> AllianceRepository {
        try AllianceRepository(path: path, mode: .mustExist)
    }
}
