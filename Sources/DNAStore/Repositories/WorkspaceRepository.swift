import DNACore
import SQLKit

extension WorkspaceRepository {
    /// Creates a workspace with its first admins, in one transaction. The one rule for who
    /// administers a new workspace, whichever way it is made: the person who creates it (the
    /// API's caller, or the user `cdna workspace add --admin` names); when no person is named
    /// (the command line without `--admin`, the demo), every instance administrator.
    public func create(
        slug: String, name: String, minGroupSize: Int = 5, creator: String? = nil, now: Int64
    ) async throws
        -> Workspace
    {
        guard Identifier.isValid(slug) else { throw StoreError.invalid("slug '\(slug)' is not valid: \(Identifier.rule)") }
        guard !name.trimmingSpaces().isEmpty else { throw StoreError.invalid("name is empty") }
        guard minGroupSize >= 2 else { throw StoreError.invalid("the minimum group size must be at least 2") }
        let workspace = Workspace(id: makeID(), slug: slug, name: name.trimmingSpaces(), minGroupSize: minGroupSize, createdAt: now)
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspace.id, action: "workspace.create", record: "workspace:\(slug)",
                    summary: "created workspace '\(workspace.name)'")
                try await Self.insert(workspace, into: db)
                try await Self.grantFirstAdmins(db, workspaceID: workspace.id, creator: creator)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a workspace with slug '\(slug)' already exists")
        }
        return workspace
    }

    public func all() async throws -> [Workspace] {
        try await read { db in
            try await db.select().columns(Self.workspaceColumns).from("workspaces").orderBy("slug").all().map(Self.workspace)
        }
    }

    /// The workspaces a user is a member of, with the access they have in each.
    public func all(of userID: String) async throws -> [(workspace: Workspace, access: Access)] {
        let rows = try await read { db in
            try await Self.memberships(db, userID: userID).orderBy(SQLColumn("slug", table: "w")).all().map(Self.membership)
        }
        return try rows.map { row in (row.0, try storedValue(Access.self, row.1, column: "access")) }
    }

    /// A workspace and the user's access to it, in one query; nil when either is missing, so
    /// a workspace the user may not see looks like one that does not exist.
    public func membership(slug: String, userID: String) async throws -> (Workspace, Access)? {
        let row = try await read { db in
            try await Self.memberships(db, userID: userID).where(SQLColumn("slug", table: "w"), .equal, SQLBind(slug)).first()
                .map(Self.membership)
        }
        guard let row else { return nil }
        return (row.0, try storedValue(Access.self, row.1, column: "access"))
    }

    /// Workspaces joined to one user's memberships (`w` and `m`).
    private static func memberships(_ db: any SQLDatabase, userID: String) -> SQLSelectBuilder {
        db.select().columns(workspaceColumns.map { SQLColumn($0, table: "w") })
            .column(SQLColumn("access", table: "m"))
            .from(SQLAlias(SQLIdentifier("workspaces"), as: SQLIdentifier("w")))
            .join(
                SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")), on: SQLColumn("workspace_id", table: "m"), .equal,
                SQLColumn("id", table: "w")
            )
            .where(SQLColumn("user_id", table: "m"), .equal, SQLBind(userID))
            // A deactivated membership gives no access (see AccountRepository+Members).
            .where(SQLColumn("deactivated_at", table: "m"), .is, SQLLiteral.null)
    }

    private static func membership(_ row: any SQLRow) throws -> (Workspace, String) {
        (try workspace(row), try row.decode(column: "access", as: String.self))
    }

    public func workspace(id: String) async throws -> Workspace { try await workspace(where: "id", is: id) }

    public func workspace(slug: String) async throws -> Workspace { try await workspace(where: "slug", is: slug) }

    /// The workspace whose unique `column` (id or slug) is `value`.
    private func workspace(where column: String, is value: String) async throws -> Workspace {
        let found = try await read { db in
            try await db.select().columns(Self.workspaceColumns).from("workspaces").where(SQLIdentifier(column), .equal, SQLBind(value))
                .first().map(Self.workspace)
        }
        guard let found else { throw StoreError.notFound("no workspace '\(value)'") }
        return found
    }

    public func setMinGroupSize(workspaceID: String, _ size: Int) async throws {
        guard size >= 2 else { throw StoreError.invalid("the minimum group size must be at least 2") }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "workspace.min-group-size", record: "workspace:\(workspaceID)",
                summary: "set the minimum group size to \(size)")
            try await db.update("workspaces").set("min_group_size", to: SQLBind(size)).where("id", .equal, SQLBind(workspaceID)).run()
        }
    }

    /// Sets how many people must have written before a group's open answers are shown; it may
    /// not be below the workspace's k.
    public func setCommentThreshold(workspace: Workspace, _ threshold: Int) async throws {
        guard threshold >= workspace.minGroupSize, threshold <= 100_000 else {
            throw StoreError.invalid(
                "comment_threshold: expected \(workspace.minGroupSize) (the anonymity threshold k) to 100000 people, got \(threshold)")
        }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspace.id, action: "workspace.comment-threshold", record: "workspace:\(workspace.id)",
                summary: "open answers are shown for groups where at least \(threshold) people wrote")
            try await db.update("workspaces").set("comment_threshold", to: SQLBind(threshold)).where("id", .equal, SQLBind(workspace.id))
                .run()
        }
    }

    /// Gives the creator admin access, or every instance administrator when there is none
    /// (skipping any who are members already, so the demo can apply the rule again).
    static func grantFirstAdmins(_ db: any SQLDatabase, workspaceID: String, creator: String?) async throws {
        if let creator {
            guard try await db.select().column("id").from("users").where("id", .equal, SQLBind(creator)).first() != nil else {
                throw StoreError.notFound("no user '\(creator)' to administer the workspace")
            }
            try await db.insert(into: "memberships").columns("workspace_id", "user_id", "access")
                .values(SQLBind(workspaceID), SQLBind(creator), SQLBind(Access.admin.rawValue)).run()
        } else {
            try await db.raw(
                """
                INSERT INTO memberships (workspace_id, user_id, access)
                SELECT \(bind: workspaceID), id, 'admin' FROM users WHERE instance_admin = 1
                AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = \(bind: workspaceID) AND m.user_id = users.id)
                """
            ).run()
        }
    }

    static func insert(_ workspace: Workspace, into db: any SQLDatabase) async throws {
        try await db.insert(into: "workspaces")
            .columns(workspaceColumns)
            .values(
                SQLBind(workspace.id), SQLBind(workspace.slug), SQLBind(workspace.name), SQLBind(workspace.minGroupSize),
                SQLBind(workspace.createdAt), SQLBind(workspace.openAnswerRetentionDays), SQLBind(workspace.commentThreshold)
            )
            .run()
    }

    static let workspaceColumns = [
        "id", "slug", "name", "min_group_size", "created_at", "open_answer_retention_days", "comment_threshold",
    ]

    /// The same columns of a `workspaces` table aliased `w`, for hand-written joins: one list,
    /// so a column added to workspaces reaches every query that reads a whole workspace.
    static let aliasedColumns: SQLQueryString = {
        let list: String = workspaceColumns.map { "w." + $0 }.joined(separator: ", ")
        return SQLQueryString(list)
    }()

    static func workspace(_ row: any SQLRow) throws -> Workspace { try row.record(Workspace.self) }
}
