import DNACore
import SQLKit

/// Members managed in the pages: deactivated and reactivated, removed, and people who set
/// their password through a single-use link (an invitation, or an admin's reset).
extension AccountRepository {
    /// Everyone with a membership of the workspace, active or not, by e-mail.
    public func members(workspaceID: String) async throws -> [Member] {
        try await read { db in
            try await db.raw(
                """
                SELECT u.id, u.email, u.name, u.instance_admin, u.created_at, m.access, m.deactivated_at,
                CASE WHEN EXISTS (SELECT 1 FROM account_links l WHERE l.user_id = u.id AND l.purpose = 'invitation') THEN 1 ELSE 0 END AS invited
                FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = \(bind: workspaceID) ORDER BY u.email
                """
            ).all().map { row in
                Member(
                    user: try Self.user(row),
                    access: try storedValue(Access.self, try row.decode(column: "access", as: String.self), column: "access"),
                    active: try row.decode(column: "deactivated_at", as: Int64?.self) == nil,
                    invited: try row.decode(column: "invited", as: Int.self) == 1)
            }
        }
    }

    /// Deactivates (`at` a time) or reactivates (nil) a membership.
    public func setMembershipActive(workspaceID: String, userID: String, deactivatedAt: Int64?) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: deactivatedAt == nil ? "membership.reactivate" : "membership.deactivate",
                record: "user:\(userID)", summary: deactivatedAt == nil ? "reactivated a member" : "deactivated a member")
            let rows = try await db.update("memberships").set("deactivated_at", to: SQLBind(deactivatedAt))
                .where("workspace_id", .equal, SQLBind(workspaceID)).where("user_id", .equal, SQLBind(userID)).returning("user_id").all()
            if rows.isEmpty { throw StoreError.notFound("no member '\(userID)'") }
        }
    }

    public func removeMembership(workspaceID: String, userID: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "membership.remove", record: "user:\(userID)", summary: "removed a member")
            let rows = try await db.delete(from: "memberships").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("user_id", .equal, SQLBind(userID)).returning("user_id").all()
            if rows.isEmpty { throw StoreError.notFound("no member '\(userID)'") }
        }
    }

    /// Replaces the user's links with a new one (only its hash is kept); a reset also ends
    /// their sessions, so a stolen session does not outlive the reset.
    public func createAccountLink(userID: String, purpose: String, tokenHash: String, now: Int64, expiresAt: Int64) async throws {
        try await write { db in
            try await db.delete(from: "account_links").where("user_id", .equal, SQLBind(userID)).run()
            try await db.insert(into: "account_links").columns("token_hash", "user_id", "purpose", "created_at", "expires_at")
                .values(SQLBind(tokenHash), SQLBind(userID), SQLBind(purpose), SQLBind(now), SQLBind(expiresAt)).run()
            if purpose == "reset" { try await db.delete(from: "sessions").where("user_id", .equal, SQLBind(userID)).run() }
        }
    }

    /// The user a link that has not expired belongs to, and what it is for.
    public func accountLink(tokenHash: String, now: Int64) async throws -> (user: User, purpose: String)? {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT u.id, u.email, u.name, u.instance_admin, u.created_at, l.purpose FROM account_links l JOIN users u ON u.id = l.user_id
                    WHERE l.token_hash = \(bind: tokenHash) AND l.expires_at > \(bind: now)
                    """
                ).first()
            else { return nil }
            return (try Self.user(row), try row.decode(column: "purpose", as: String.self))
        }
    }

    /// Spends the link: the password (and, when given, the name) is set and the link is gone,
    /// all in one transaction, so a link works once even when sent twice at the same time.
    public func useAccountLink(tokenHash: String, passwordHash: String, name: String?, now: Int64) async throws -> User {
        try await write { db in
            let spent = try await db.delete(from: "account_links").where("token_hash", .equal, SQLBind(tokenHash))
                .where("expires_at", .greaterThan, SQLBind(now)).returning("user_id").all()
            guard let userID = try spent.first?.decode(column: "user_id", as: String.self) else {
                throw StoreError.notFound("this link has been used or has expired; ask an admin for a new one")
            }
            var update = db.update("users").set("password_hash", to: SQLBind(passwordHash))
            if let name { update = update.set("name", to: SQLBind(name)) }
            try await update.where("id", .equal, SQLBind(userID)).run()
            try await db.delete(from: "sessions").where("user_id", .equal, SQLBind(userID)).run()
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "user.password", record: "user:\(userID)", summary: "set a password through a link")
            guard let row = try await db.select().columns(Self.userColumns).from("users").where("id", .equal, SQLBind(userID)).first()
            else {
                throw StoreError.notFound("no user '\(userID)'")
            }
            return try Self.user(row)
        }
    }
}
