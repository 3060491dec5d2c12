import ArgumentParser
import DNAApp
import DNACore
import DNAStore

struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Create, list, export and import workspaces; set how long open answers are kept.",
        subcommands: [Add.self, List.self, Export.self, Import.self, Retention.self, CommentThreshold.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a workspace. Its admin is the user --admin names; without it, every instance administrator.")
        @Option(help: "Short name for URLs: lower-case letters, digits and dashes.") var slug: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Anonymity threshold: groups smaller than this are never shown.") var minGroup: Int = 5
        @Option(help: "E-mail of the user who administers the new workspace.") var admin: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let workspace = try await WorkspaceService(store: store).createWorkspace(
                        .commandLine, slug: slug, name: name, minGroupSize: minGroup, admin: admin, now: nowSeconds())
                    Console.out("Created workspace \(workspace.slug).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workspaces.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    for (workspace, _) in try await WorkspaceService(store: store).workspaces(.commandLine) {
                        Console.out("\(workspace.slug)\t\(workspace.name)\tk=\(workspace.minGroupSize)")
                    }
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a workspace's archive: everything it holds as one JSON document (format in the README).")
        @Option(help: "The file to write; gzip-compressed when its name ends in .gz.") var output: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let (archive, close) = try ArchiveOutput.file(output)
                    let summary = try await WorkspaceService(store: store).exportArchive(
                        .commandLine, workspace: workspace.workspace, to: archive, now: nowSeconds())
                    try close()
                    Console.out("Wrote \(summary.workspace.slug) to \(output): \(summary.totalRows) rows in \(summary.rows.count) tables.")
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Restore a workspace from its archive, all or nothing. With --slug, or when the workspace is here already, it becomes a copy with new ids."
        )
        @Argument(help: "The archive written by 'cdna workspace export' or GET .../archive.") var file: String
        @Option(help: "Restore under this slug (a copy beside the original).") var slug: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let slug, !Identifier.isValid(slug) { throw ValidationError("--slug '\(slug)' is not a workspace slug: \(Identifier.rule)") }
        }

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let summary = try await WorkspaceService(store: store).importArchive(.commandLine, path: file, slug: slug)
                    Console.out("Restored \(summary.workspace.slug) (\(summary.workspace.name)): \(summary.totalRows) rows.")
                    if !summary.membersWithoutAccount.isEmpty {
                        Console.out(
                            "Members with no account here (add them with 'cdna user add', then give them access): "
                                + summary.membersWithoutAccount.joined(separator: ", "))
                    }
                }
            }
        }
    }
}
