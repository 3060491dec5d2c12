import ArgumentParser
import DNACore
import DNAStore
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write the Harbor Mutual demo (organization, two assessment waves, customer model with studies, votes, task tests, time ledger and metrics) without serving."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await runCommand {
            try await database.withStore { store in
                let workspace = try await DemoLoader.load(store)
                Console.out("Demo workspace '\(workspace.slug)' (\(workspace.name)) is ready in \(store.location).")
            }
        }
    }
}

enum DemoLoader {
    /// Loads the demo; every instance administrator administers it (`WorkspaceRepository.create`'s
    /// rule for a workspace no person made).
    @discardableResult
    static func load(_ store: Store) async throws -> Workspace {
        try await store.loadDemo(now: nowSeconds())
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await runCommand {
            try await database.withStore { store in
                Console.out("Schema is up to date in \(store.location).")
            }
        }
    }
}
