import AllianceRepository
import ArgumentParser
import Foundation

/// Where the Alliance repository is: `--repository`, else `IDAC_REPOSITORY`, else ./alliance.sqlite. A file path is
/// a SQLite repository; `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` a PostgreSQL one.
struct RepositoryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The repository: a SQLite file, or postgres://USER@HOST[:PORT]/DATABASE (default: IDAC_REPOSITORY, "
                + "else ./alliance.sqlite).", valueName: "path-or-url")
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
