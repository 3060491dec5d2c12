import Foundation
import Logging
import SQLKit

/// Creates and drops whole PostgreSQL databases through an administrative URL. The test
/// suite gives every test its own database with it, so tests run in parallel without
/// seeing each other's rows.
public enum PostgresProvisioner {
    /// Creates database `name` and returns the URL that reaches it.
    public static func createDatabase(adminURL: String, name: String) async throws -> String {
        try await withAdmin(adminURL) { db in try await db.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: quoted(name))")).run() }
        guard var components = URLComponents(string: adminURL) else { throw StoreError.invalid("bad admin URL") }
        components.path = "/" + name
        return components.string!
    }

    public static func dropDatabase(adminURL: String, name: String) async throws {
        try await withAdmin(adminURL) { db in
            try await db.raw(SQLQueryString("DROP DATABASE IF EXISTS \(unsafeRaw: quoted(name)) WITH (FORCE)")).run()
        }
    }

    private static func withAdmin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let connector = try DatabaseConnector.open(.postgres(url: url), logger: Logger(label: "cdna.provisioner"))
        do {
            try await connector.withConnection(body)
        } catch {
            await connector.shutdown()
            throw StoreError.translate(error)
        }
        await connector.shutdown()
    }

    private static func quoted(_ name: String) -> String {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "database names are generated, not user input")
        return "\"\(name)\""
    }
}
