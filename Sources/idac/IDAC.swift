import ArgumentParser
import IDACPipeline
import IDACSubmission

/// `idac`: validate and inspect SDMX submissions to the International Data Alliance for Children on the Move.
struct IDAC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idac",
        abstract: "Check SDMX submissions on migrant and displaced children against the Alliance's structures.",
        discussion: """
            With no --structure, the Alliance's own structures (compiled into idac) are used.
            Exit status: 0 valid (warnings allowed), 1 the submission has errors, 2 idac could not do its job.
            """,
        subcommands: [
            ValidateCommand.self, InspectCommand.self, TransformCommand.self, IngestCommand.self, ExportCommand.self,
            StatusCommand.self, InboxCommand.self, GapsCommand.self, ServeCommand.self, TemplateCommand.self,
            UsersCommand.self, RepositoryCommand.self,
        ]
    )
}
