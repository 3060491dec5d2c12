import DNACore
import SQLKit

extension AccountRepository {
    /// Creates a user with an already hashed password (hashing belongs to the caller, so the
    /// store never sees a password).
    public func createUser(email: String, name: String, passwordHash: String, instanceAdmin: Bool, now: Int64) async throws -> User {
        let email = email.trimmingSpaces().lowercased()
        guard email.contains("@"), email.count <= 254 else { throw StoreError.invalid("'\(email)' is not an e-mail address") }
        let user = User(id: makeID(), email: email, name: name.trimmingSpaces(), instanceAdmin: instanceAdmin, createdAt: now)
        do {
            try await write { db in
                try await Self.insert(
                    db, user, passwordHash: passwordHash, summary: instanceAdmin ? "created an instance administrator" : "created a user")
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a user with e-mail '\(email)' already exists")
        }
        return user
    }

    /// Writes a new user with its audit entry, inside the caller's transaction.
    static func insert(_ db: any SQLDatabase, _ user: User, passwordHash: String, summary: String) async throws {
        try await AuditLogRepository.audit(db, workspaceID: nil, action: "user.create", record: "user:\(user.email)", summary: summary)
        try await db.insert(into: "users").columns("id", "email", "name", "password_hash", "instance_admin", "created_at")
            .values(
                SQLBind(user.id), SQLBind(user.email), SQLBind(user.name), SQLBind(passwordHash), SQLBind(user.instanceAdmin ? 1 : 0),
                SQLBind(user.createdAt)
            )
            .run()
    }

    public func userCount() async throws -> Int {
        try await read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func users() async throws -> [User] {
        try await read { db in
            try await db.select().columns(Self.userColumns).from("users").orderBy("email").all().map(Self.user)
        }
    }

    /// The user and their stored password hash, for signing in.
    public func userWithPasswordHash(email: String) async throws -> (user: User, passwordHash: String)? {
        try await read { db in
            guard
                let row = try await db.select().columns(Self.userColumns + ["password_hash"]).from("users")
                    .where("email", .equal, SQLBind(email.trimmingSpaces().lowercased())).first()
            else { return nil }
            return (try Self.user(row), try row.decode(column: "password_hash", as: String.self))
        }
    }

    public func user(id: String) async throws -> User {
        let found = try await read { db in
            try await db.select().columns(Self.userColumns).from("users").where("id", .equal, SQLBind(id)).first().map(Self.user)
        }
        guard let found else { throw StoreError.notFound("no user '\(id)'") }
        return found
    }

    public func setPasswordHash(email: String, _ hash: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "user.password", record: "user:\(email.trimmingSpaces().lowercased())",
                summary: "set a new password")
            let rows = try await db.update("users").set("password_hash", to: SQLBind(hash))
                .where("email", .equal, SQLBind(email.trimmingSpaces().lowercased())).returning("id").all()
            guard let row = rows.first else { throw StoreError.notFound("no user with e-mail '\(email)'") }
            // A new password ends every session of the old one.
            try await db.delete(from: "sessions").where("user_id", .equal, SQLBind(try row.decode(column: "id", as: String.self))).run()
        }
    }

    /// Grants (or changes) a user's access to a workspace.
    public func setMembership(_ membership: Membership) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: membership.workspaceID, action: "membership.set", record: "user:\(membership.userID)",
                summary: "gave \(membership.access.rawValue) access")
            try await db.delete(from: "memberships").where("workspace_id", .equal, SQLBind(membership.workspaceID))
                .where("user_id", .equal, SQLBind(membership.userID)).run()
            try await db.insert(into: "memberships").columns("workspace_id", "user_id", "access")
                .values(SQLBind(membership.workspaceID), SQLBind(membership.userID), SQLBind(membership.access.rawValue)).run()
        }
    }

    public func memberships(workspaceID: String) async throws -> [(user: User, access: Access)] {
        try await read { db in
            try await db.select().columns(Self.userColumns.map { SQLColumn($0, table: "u") }).column(SQLColumn("access", table: "m"))
                .from(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")))
                .join(
                    SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")), on: SQLColumn("user_id", table: "m"), .equal,
                    SQLColumn("id", table: "u")
                )
                .where(SQLColumn("workspace_id", table: "m"), .equal, SQLBind(workspaceID))
                .where(SQLColumn("deactivated_at", table: "m"), .is, SQLLiteral.null)
                .orderBy(SQLColumn("email", table: "u")).all()
                .map { row in
                    (try Self.user(row), try storedValue(Access.self, try row.decode(column: "access", as: String.self), column: "access"))
                }
        }
    }

    /// The user's access to a workspace, or nil when they are not a member.
    public func access(userID: String, workspaceID: String) async throws -> Access? {
        try await read { db in
            try await db.select().column("access").from("memberships").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("user_id", .equal, SQLBind(userID)).where("deactivated_at", .is, SQLLiteral.null).first()
                .map { try storedValue(Access.self, try $0.decode(column: "access", as: String.self), column: "access") }
        }
    }

    static let userColumns = ["id", "email", "name", "instance_admin", "created_at"]

    /// A user as stored: `instance_admin` is an integer on both databases.
    private struct UserRow: Decodable {
        var id, email, name: String
        var instanceAdmin: Int
        var createdAt: Int64
    }

    static func user(_ row: any SQLRow) throws -> User {
        let stored = try row.record(UserRow.self)
        return User(
            id: stored.id, email: stored.email, name: stored.name, instanceAdmin: stored.instanceAdmin != 0, createdAt: stored.createdAt)
    }
}
