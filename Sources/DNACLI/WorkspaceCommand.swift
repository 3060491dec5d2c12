import ArgumentParser
import DNACore
import DNAStore

struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Create and list workspaces.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a workspace; instance administrators become its admins.")
        @Option(help: "Short name for URLs: lower-case letters, digits and dashes.") var slug: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Anonymity threshold: groups smaller than this are never shown.") var minGroup: Int = 5
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let workspace = try await store.createWorkspace(slug: slug, name: name, now: nowSeconds())
                    if minGroup != workspace.minGroupSize { try await store.setMinGroupSize(workspaceID: workspace.id, minGroup) }
                    for user in try await store.users() where user.instanceAdmin {
                        try await store.setMembership(Membership(workspaceID: workspace.id, userID: user.id, access: .admin))
                    }
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
