import ArgumentParser
import DNACore
import DNAStore
import Foundation

/// Where the data lives; shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Directory of the SQLite database (default ./cdna-data; env CDNA_DATA).")
    var dataDirectory: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL postgres://user:pass@host:port/db (env CDNA_DATABASE_URL).")
    var databaseURL: String?

    /// Flags win over the environment; both are checked so that every bad setting is named.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment, problems: inout [String]) -> DatabaseLocation? {
        let data = dataDirectory ?? environment["CDNA_DATA"]
        let url = databaseURL ?? environment["CDNA_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if dataDirectory != nil, databaseURL != nil {
            problems.append("--data and --database-url: give one or the other, not both")
            return nil
        }
        if let url {
            let scheme = URLComponents(string: url)?.scheme ?? ""
            guard scheme == "postgres" || scheme == "postgresql", URLComponents(string: url)?.host?.isEmpty == false else {
                problems.append("database URL: expected postgres://user:password@host:port/database")
                return nil
            }
        }
        if let data, url == nil, let message = Self.directoryProblem(data) {
            problems.append("data directory \(data): \(message)")
            return nil
        }
        return .resolve(dataDirectory: data, databaseURL: url)
    }

    private static func directoryProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        let files = FileManager.default
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "exists and is not a directory" }
            return files.isWritableFile(atPath: path) ? nil : "is not writable"
        }
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
            return nil
        } catch {
            return "cannot be created (\(error.localizedDescription))"
        }
    }

    /// Opens the store, runs `body` and always closes the store again, also when `body`
    /// throws (a connection pool must be shut down before it is released).
    func withStore<T>(_ body: (Store) async throws -> T) async throws -> T {
        try await openStore().closing(body)
    }

    /// Opens the store and finds the workspace a command names by slug.
    func withWorkspace<T>(_ slug: String, _ body: (Store, Workspace) async throws -> T) async throws -> T {
        try await withStore { store in try await body(store, try await store.workspaces.workspace(slug: slug)) }
    }

    /// Opens the store or stops with one message listing every problem.
    func openStore() async throws -> Store {
        var problems: [String] = []
        guard let location = location(problems: &problems) else { throw ConfigurationError(problems: problems) }
        do {
            return try await Store.open(location, logger: CLILogging.logger("cdna.store"))
        } catch {
            throw ConfigurationError(problems: ["database: \(error)"])
        }
    }
}

/// Bad settings found at start-up, reported together.
struct ConfigurationError: Error, CustomStringConvertible {
    var problems: [String]
    var description: String {
        "cannot start: \(problems.count == 1 ? "1 bad setting" : "\(problems.count) bad settings")\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// The workspace a command works in and where its data lives: one `--workspace` option,
/// checked the same way by every command that takes it.
struct WorkspaceOptions: ParsableArguments, CustomStringConvertible {
    @Option(help: "The workspace's slug.") var workspace: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard Identifier.isValid(workspace) else {
            throw ValidationError("--workspace '\(workspace)' is not a workspace slug: \(Identifier.rule)")
        }
    }

    var description: String { workspace }

    /// Opens the store and finds the workspace by its slug.
    func withWorkspace<T>(_ body: (Store, Workspace) async throws -> T) async throws -> T {
        try await database.withWorkspace(workspace, body)
    }
}

/// `--public-url` (or `CDNA_PUBLIC_URL`): the address people reach the server at, which every
/// respondent and customer link starts with; the same option and rule as `cdna serve`.
struct PublicURLOptions: ParsableArguments {
    @Option(
        name: .customLong("public-url"),
        help: "The server's address as people reach it (env CDNA_PUBLIC_URL; default http://127.0.0.1:8080).")
    var publicURL: String?

    /// The checked address, without a trailing slash.
    var base: String {
        get throws {
            let text = publicURL ?? ProcessInfo.processInfo.environment["CDNA_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
            guard let text else { return "http://127.0.0.1:8080" }
            guard let checked = ServeSettings.publicURL(text) else {
                throw ValidationError(
                    "public URL '\(text)' (\(publicURL != nil ? "--public-url" : "CDNA_PUBLIC_URL")): expected http:// or https:// and a host, such as https://dna.example.org"
                )
            }
            return checked
        }
    }

    func validate() throws { _ = try base }
}
