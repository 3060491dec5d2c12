import ArgumentParser
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
                    var creator: String?
                    if let admin {
                        guard let found = try await store.userWithPasswordHash(email: admin) else { throw CLIError("no user '\(admin)'") }
                        creator = found.user.id
                    }
                    let workspace = try await store.createWorkspace(
                        slug: slug, name: name, minGroupSize: minGroup, creator: creator, now: nowSeconds())
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
                    for workspace in try await store.workspaces() {
                        Console.out("\(workspace.slug)\t\(workspace.name)\tk=\(workspace.minGroupSize)")
                    }
                }
            }
        }
    }
}
