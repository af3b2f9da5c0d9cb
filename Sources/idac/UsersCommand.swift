import AllianceRepository
import ArgumentParser
import IDACPipeline
import IDACSubmission

/// `idac users`: the portal's accounts. A token is printed once, when its account is made; the
/// repository keeps only its SHA-256.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the submission portal's accounts (national offices and the Secretariat).",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account and print its token (shown this once: give it to the office).")

        @Option(name: .long, help: "The account's name, such as the office's name.")
        var name: String

        @Option(name: .long, help: "The country the office reports for (ISO 3166-1 alpha-3, as REF_AREA).")
        var country: String

        @Option(name: .long, help: "office (its own country only) or secretariat (everything).")
        var role: String = "office"

        @OptionGroup var repositoryOptions: RepositoryOptions

        func validate() throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 0x20 })
            else { throw ValidationError("--name must be 1 to 200 printable characters") }
            guard country.count == 3, country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw ValidationError("--country must be three capital letters (ISO 3166-1 alpha-3, such as KEN)")
            }
            guard AccountRecord.Role(rawValue: role) != nil else {
                throw ValidationError("--role must be office or secretariat")
            }
        }

        func run() throws {
            let token = AccountToken.generate()
            let account = try repositoryOptions.open().addAccount(
                name: name, country: country, role: AccountRecord.Role(rawValue: role) ?? .office,
                tokenHash: AccountToken.digest(of: token))
            print("account \(account.id): \(account.name.printableForTerminal) (\(account.role.rawValue), \(country))")
            print("token (shown once; idac keeps only its SHA-256): \(token)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts (never their tokens).")

        @OptionGroup var repositoryOptions: RepositoryOptions

        func run() throws {
            for account in try repositoryOptions.openExisting().accounts() {
                let state = account.revoked.map { "revoked \($0)" } ?? "active"
                print(
                    "\(account.id)\t\(account.name.printableForTerminal)\t\(account.country)\t\(account.role.rawValue)"
                        + "\t\(account.created)\t\(state)")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an account: its token is refused from now on (its transmissions stay).")

        @Argument(help: "The account's name, as `idac users list` shows it.")
        var name: String

        @OptionGroup var repositoryOptions: RepositoryOptions

        func run() throws {
            guard try repositoryOptions.openExisting().revokeAccount(name: name) else {
                throw ValidationError("there is no active account named '\(name)'")
            }
            print("revoked \(name.printableForTerminal)")
        }
    }
}
