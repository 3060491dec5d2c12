import Foundation
import SQLKit

/// A named schema change. Migrations are append-only: once shipped, never edited; a later
/// migration corrects an earlier one. Table and column names are strings, never app types.
struct Migration: Sendable {
    let name: String
    let statements: [String]
    /// Statements only one database understands (full-text search), run after the common ones.
    var sqliteOnly: [String] = []
    var postgresOnly: [String] = []

    func statements(for kind: DatabaseKind) -> [String] {
        statements + (kind == .sqlite ? sqliteOnly : postgresOnly)
    }
}

/// Applies pending migrations in order, each in its own transaction, recording each by name.
struct Migrator {
    let store: Store

    func migrate() async throws {
        try await store.write { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"
            ).run()
        }
        let applied = try await appliedNames()
        // A newer cdna has changed this database in ways this one does not know; writing to
        // it could undo or corrupt them, so it is refused before anything runs.
        let unknown = applied.subtracting(Schema.migrations.map(\.name)).sorted()
        if !unknown.isEmpty {
            throw StoreError.unavailable(
                "the database has schema changes this cdna does not know (\(unknown.joined(separator: ", "))): "
                    + "a newer version of cdna wrote it; run that version or a later one")
        }
        for migration in Schema.migrations where !applied.contains(migration.name) {
            store.logger.info("applying migration", metadata: ["name": .string(migration.name)])
            try await store.write { db in
                for statement in migration.statements(for: store.kind) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Int64(Date().timeIntervalSince1970)))
                    .run()
            }
        }
    }

    func appliedNames() async throws -> Set<String> {
        try await store.read { db in
            Set(try await db.select().column("name").from("schema_migrations").all().map { try $0.decode(column: "name", as: String.self) })
        }
    }
}
