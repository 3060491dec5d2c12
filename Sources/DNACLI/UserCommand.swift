import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import DNAWeb
import Foundation

/// Reads a password from CDNA_PASSWORD or, failing that, one line of standard input, so it
/// never appears in the process list or shell history.
private func readPassword() throws -> String {
    if let password = ProcessInfo.processInfo.environment["CDNA_PASSWORD"], !password.isEmpty { return password }
    if Console.isInteractive { Console.error("Password: ") }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CLIError("no password: set CDNA_PASSWORD or pass it on standard input")
    }
    return line
}

private func accounts(_ store: Store) -> AccountService {
    AccountService(store: store, bcryptCost: AccountService.defaultBcryptCost)
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users (passwords come from CDNA_PASSWORD or standard input).",
        subcommands: [Add.self, ResetPassword.self, List.self, Delete.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user, optionally with access to a workspace.")
        @Option var email: String
        @Option var name: String
        @Flag(help: "May create workspaces and users.") var instanceAdmin = false
        @Option(help: "Workspace slug to give access to.") var workspace: String?
        @Option(help: "Access in that workspace: admin, analyst or viewer.") var access: String = "viewer"
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard Access(rawValue: access) != nil else { throw ValidationError("--access must be admin, analyst or viewer") }
        }

        func run() async throws {
            try await runCommand {
                let password = try readPassword()
                try await database.withStore { store in
                    let user = try await accounts(store).createUser(
                        .commandLine, email: email, name: name, password: password, instanceAdmin: instanceAdmin, now: nowSeconds())
                    if let workspace {
                        _ = try await WorkspaceService(store: store).setMember(
                            .commandLine, workspace: workspace, email: user.email, access: Access(rawValue: access)!)
                    }
                    Console.out("Added user \(user.email).")
                }
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password and end the user's sessions.")
        @Option var email: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                let password = try readPassword()
                try await database.withStore { store in
                    try await accounts(store).resetPassword(.commandLine, email: email, password: password)
                    Console.out("Password changed for \(email).")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    for user in try await accounts(store).users(.commandLine) {
                        Console.out("\(user.email)\t\(user.name)\(user.instanceAdmin ? "\tinstance admin" : "")")
                    }
                }
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create API tokens for automation, and SCIM tokens for a directory.",
        subcommands: [Add.self, ScimList.self, ScimRevoke.self])

    struct ScimList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scim-list", abstract: "List a workspace's SCIM tokens: name, made, last used (never the secret).")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    for token in try await ScimService(store: store).tokens(.commandLine, workspace: workspace.workspace) {
                        let day = { (seconds: Int64) in Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601) }
                        Console.out("\(token.name)\t\(day(token.createdAt))\t\(token.lastUsedAt.map(day) ?? "never used")")
                    }
                }
            }
        }
    }

    struct ScimRevoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scim-revoke", abstract: "Revoke a workspace's SCIM token by name; its directory is refused from then on.")
        @Option(help: "The token's name (see 'cdna token scim-list').") var name: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    try await ScimService(store: store).revokeToken(.commandLine, workspace: workspace.workspace, name: name)
                    Console.out("Revoked the SCIM token \(name).")
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user (--email), or with --scim a workspace's SCIM token; the secret is printed once.")
        @Option(help: "The user the API token acts as.") var email: String?
        @Option(help: "What the token is for, e.g. the directory's name.") var name: String?
        @Flag(help: "A SCIM token: the workspace's directory provisions its people and units at /scim/v2 with it.") var scim = false
        @Option(help: "The workspace a SCIM token provisions.") var workspace: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if scim {
                guard let workspace, email == nil else { throw ValidationError("--scim takes --workspace W and no --email") }
                guard Identifier.isValid(workspace) else { throw ValidationError("--workspace '\(workspace)' is not a workspace slug") }
            } else {
                guard email != nil, name != nil, workspace == nil else {
                    throw ValidationError("an API token takes --email and --name (or give --scim --workspace W)")
                }
            }
        }

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    if scim, let workspace {
                        Console.out(
                            try await ScimService(store: store).createToken(
                                .commandLine, workspace: workspace, name: name ?? "directory", now: nowSeconds()))
                        return
                    }
                    let created = try await accounts(store).createToken(
                        .commandLine, forUser: email ?? "", name: name ?? "", now: nowSeconds())
                    Console.out(created.secret)
                }
            }
        }
    }
}
