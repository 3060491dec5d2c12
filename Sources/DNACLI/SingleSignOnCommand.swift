import ArgumentParser
import DNAApp
import DNACore
import DNAStore

/// Which directory groups grant which role in a workspace when people sign in through the
/// identity provider (`cdna sso groups|map|unmap`).
struct SingleSignOnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sso",
        abstract: "Single sign-on: map the identity provider's groups to a workspace's roles.",
        discussion: """
            At each sign-in through the identity provider (CDNA_OIDC_ISSUER, see `cdna serve --help`), a person whose \
            groups claim names a mapped group gets the highest role mapped for their groups in that workspace, unless \
            they already have as much or an admin deactivated them there. Removing a mapping takes no access away.
            """,
        subcommands: [Groups.self, Map.self, Unmap.self])

    struct Groups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the workspace's group mappings.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let roles = try await GroupRoleService(store: store).roles(.commandLine, workspace: workspace.workspace)
                    if roles.isEmpty { Console.out("No directory group grants access to \(workspace.workspace).") }
                    for role in roles { Console.out("\(role.group)\t\(role.access.rawValue)") }
                }
            }
        }
    }

    struct Map: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give members of a directory group a role in the workspace at sign-in.")
        @Option(help: "The group's name as the provider sends it in the groups claim.") var group: String
        @Option(help: "admin, analyst or viewer.") var access: String
        @OptionGroup var workspace: WorkspaceOptions

        func validate() throws {
            guard Access(rawValue: access) != nil else { throw ValidationError("--access must be admin, analyst or viewer") }
            if let problem = GroupRole.problem(group.trimmingSpaces()) { throw ValidationError("--group: \(problem)") }
        }

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    try await GroupRoleService(store: store).set(
                        .commandLine, workspace: workspace.workspace, group: group, access: Access(rawValue: access))
                    Console.out("Members of \(group.trimmingSpaces()) get \(access) access to \(workspace.workspace) when they sign in.")
                }
            }
        }
    }

    struct Unmap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a directory group granting a role in the workspace.")
        @Option(help: "The group's name.") var group: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    try await GroupRoleService(store: store).set(.commandLine, workspace: workspace.workspace, group: group, access: nil)
                    Console.out("\(group.trimmingSpaces()) no longer grants access to \(workspace.workspace); who has access keeps it.")
                }
            }
        }
    }
}
