import ArgumentParser

/// The `cdna` command: one root listing every subcommand; each lives in its own file.
public struct CDNA: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cdna",
        abstract: "CustomerDNA: how well your whole organization is aligned with its customers.",
        discussion: """
            Data lives in an SQLite file under --data (default ./cdna-data) or in PostgreSQL \
            given --database-url or CDNA_DATABASE_URL.
            """,
        version: "0.1.0",
        subcommands: [
            Serve.self, Demo.self, Migrate.self, WorkspaceCommand.self, UserCommand.self, TokenCommand.self,
            ImportCommand.self, ParticipantsCommand.self, CampaignCommand.self, ReportCommand.self, CustomerCommand.self,
            LineOfSightCommand.self, SingleSignOnCommand.self,
            FrameworksCommand.self, InstrumentsCommand.self, AuditCommand.self, EraseCommand.self,
            AnalyzeCommand.self,
            BenchCommand.self,
        ]
    )

    public init() {}
}
