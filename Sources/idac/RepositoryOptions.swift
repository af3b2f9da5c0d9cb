import AllianceRepository
import ArgumentParser
import Foundation

/// Where the Alliance repository is: `--repository`, else `IDAC_REPOSITORY`, else ./alliance.sqlite.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The repository file (default: IDAC_REPOSITORY, else ./alliance.sqlite).", valueName: "path"))
    var repository: String?

    var path: String {
        repository ?? ProcessInfo.processInfo.environment["IDAC_REPOSITORY"] ?? "alliance.sqlite"
    }

    func open() throws -> AllianceRepository {
        try AllianceRepository(path: path)
    }
}
