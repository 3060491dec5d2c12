import ArgumentParser
import DNAApp
import DNACore
import DNAStore

struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Create and list workspaces.", subcommands: [Add.self, List.self])

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
}
