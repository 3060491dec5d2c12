import DNACore
import SQLKit

/// A signed-in browser. The cookie holds a random secret; only its hash is stored, so a copy
/// of the database does not let anyone sign in.
public struct SessionRecord: Sendable, Equatable {
    public var user: User
    public var csrfToken: String
    public var expiresAt: Int64
}

extension AccountRepository {
    public func createSession(tokenHash: String, userID: String, csrfToken: String, now: Int64, expiresAt: Int64) async throws {
        try await write { db in
            try await db.delete(from: "sessions").where("expires_at", .lessThan, SQLBind(now)).run()
            try await db.insert(into: "sessions").columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(tokenHash), SQLBind(userID), SQLBind(csrfToken), SQLBind(now), SQLBind(expiresAt)).run()
        }
    }

    public func session(tokenHash: String, now: Int64) async throws -> SessionRecord? {
        try await read { db in
            guard
                let row = try await db.select().columns(Self.userColumns.map { SQLColumn($0, table: "u") })
                    .column(SQLColumn("csrf_token", table: "s")).column(SQLColumn("expires_at", table: "s"))
                    .from(SQLAlias(SQLIdentifier("sessions"), as: SQLIdentifier("s")))
                    .join(
                        SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal,
                        SQLColumn("user_id", table: "s")
                    )
                    .where(SQLColumn("token_hash", table: "s"), .equal, SQLBind(tokenHash))
                    .where(SQLColumn("expires_at", table: "s"), .greaterThan, SQLBind(now)).first()
            else { return nil }
            return SessionRecord(
                user: try Self.user(row), csrfToken: try row.decode(column: "csrf_token", as: String.self),
                expiresAt: try row.decode(column: "expires_at", as: Int64.self))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try await db.delete(from: "sessions").where("token_hash", .equal, SQLBind(tokenHash)).run() }
    }

    /// Records a failed sign-in and answers how many failures the key has in the window.
    /// Kept in the database so that every server process shares the same count.
    public func recordLoginFailure(key: String, now: Int64, window: Int64) async throws -> Int {
        try await write(changingCachedReads: false) { db in
            try await db.delete(from: "login_attempts").where("attempted_at", .lessThan, SQLBind(now - window)).run()
            try await db.insert(into: "login_attempts").columns("attempt_key", "attempted_at").values(SQLBind(key), SQLBind(now)).run()
            return try await Self.loginFailures(db, key: key, since: now - window)
        }
    }

    public func loginFailures(key: String, now: Int64, window: Int64) async throws -> Int {
        try await read { db in try await Self.loginFailures(db, key: key, since: now - window) }
    }

    /// The failures recorded under `key` within the window, and when the latest happened.
    public func loginFailureHistory(key: String, now: Int64, window: Int64) async throws -> (count: Int, latest: Int64?) {
        try await read { db in
            let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("MAX", args: SQLColumn("attempted_at")), as: "latest").from("login_attempts")
                .where("attempt_key", .equal, SQLBind(key)).where("attempted_at", .greaterThanOrEqual, SQLBind(now - window)).first()
            return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "latest", as: Int64?.self))
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await write { db in try await db.delete(from: "login_attempts").where("attempt_key", .equal, SQLBind(key)).run() }
    }

    static func loginFailures(_ db: any SQLDatabase, key: String, since: Int64) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_attempts")
            .where("attempt_key", .equal, SQLBind(key)).where("attempted_at", .greaterThanOrEqual, SQLBind(since))
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
