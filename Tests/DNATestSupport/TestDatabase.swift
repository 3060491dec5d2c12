import DNAStore
import Foundation
import SQLKit

/// The databases every store and web test runs against. SQLite always; PostgreSQL when
/// `CDNA_TEST_POSTGRES_URL` names a server (scripts/test starts one). Under CI the
/// PostgreSQL URL is required, so a missing server fails the run instead of silently
/// testing only SQLite.
public enum TestDatabase: String, CaseIterable, Sendable {
    case sqlite, postgres

    public static var available: [TestDatabase] {
        let environment = ProcessInfo.processInfo.environment
        if environment["CDNA_TEST_POSTGRES_URL"]?.isEmpty == false || environment["CI"] == "true" {
            return [.sqlite, .postgres]
        }
        return [.sqlite]
    }

    /// The names of the store's tables, for tests that read every table.
    public func tables(of store: Store) async throws -> [String] {
        try await store.read { db in
            try await db.raw(
                self == .sqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
            ).all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    /// Opens a fresh, migrated store for one test, runs `body`, then removes the database.
    public func withStore<T: Sendable>(
        makeID: (@Sendable () -> String)? = nil, _ body: (Store) async throws -> T
    ) async throws -> T {
        let ids = makeID ?? { UUID().uuidString.lowercased() }
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("cdna.sqlite").path), makeID: ids)
            return try await store.closing(body)
        case .postgres:
            guard let adminURL = ProcessInfo.processInfo.environment["CDNA_TEST_POSTGRES_URL"], !adminURL.isEmpty else {
                throw TestDatabaseError.postgresMissing
            }
            let name = "cdna_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let url = try await PostgresProvisioner.createDatabase(adminURL: adminURL, name: name)
            do {
                let store = try await Store.open(.postgres(url: url), makeID: ids)
                let result = try await store.closing(body)
                try await PostgresProvisioner.dropDatabase(adminURL: adminURL, name: name)
                return result
            } catch {
                try? await PostgresProvisioner.dropDatabase(adminURL: adminURL, name: name)
                throw error
            }
        }
    }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
    case postgresMissing
    public var description: String {
        "CI=true but CDNA_TEST_POSTGRES_URL is not set: run the suite through scripts/test, which starts PostgreSQL"
    }
}

/// Predictable ids for tests that compare records.
public final class SequentialIDs: @unchecked Sendable {
    // Guarded by `lock`; tests call it from concurrent tasks.
    private let lock = NSLock()
    private var next = 0
    private let prefix: String

    public init(prefix: String = "id") { self.prefix = prefix }

    public func make() -> String {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return "\(prefix)-\(next)"
    }
}
