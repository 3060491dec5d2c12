import DNACore
import SQLKit

/// A directory's groups are the workspace's units: a group's members are the participants
/// placed in that unit, so adding someone to a group moves them there.
extension ScimRepository {
    public func groups(workspaceID: String, displayName: String? = nil) async throws -> [DirectoryGroup] {
        try await read { db in
            var units = try await OrganizationRepository.units(db, workspaceID: workspaceID)
            if let displayName { units = units.filter { $0.name.lowercased() == displayName.lowercased() } }
            let members = try await db.select().columns("id", "unit_id").from("participants").where(
                "workspace_id", .equal, SQLBind(workspaceID)
            )
            .orderBy("email").all().map {
                (try $0.decode(column: "unit_id", as: String.self), try $0.decode(column: "id", as: String.self))
            }
            let byUnit = Dictionary(grouping: members, by: \.0).mapValues { $0.map(\.1) }
            return units.map { DirectoryGroup(unit: $0, memberIDs: byUnit[$0.id] ?? []) }
        }
    }

    public func group(workspaceID: String, id: String) async throws -> DirectoryGroup {
        guard let found = try await groups(workspaceID: workspaceID).first(where: { $0.unit.id == id }) else {
            throw StoreError.notFound("no group '\(id)'")
        }
        return found
    }

    /// Places each of `memberIDs` in the group's unit (and, with `renaming`, renames it).
    /// Members removed from a group stay where they are: a person is always in some unit.
    public func setGroup(workspaceID: String, id: String, renaming name: String?, add memberIDs: [String]) async throws -> DirectoryGroup {
        let unique = Array(Set(memberIDs)).sorted()
        try await write { db in
            guard
                try await db.select().column("id").from("units").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("id", .equal, SQLBind(id)).first() != nil
            else { throw StoreError.notFound("no group '\(id)'") }
            if let name {
                let name = name.trimmingSpaces()
                guard !name.isEmpty, name.count <= 200 else { throw StoreError.invalid("displayName must be 1 to 200 characters") }
                try await db.update("units").set("name", to: SQLBind(name)).where("id", .equal, SQLBind(id)).run()
            }
            for batch in unique.chunked(into: 500) {
                let found = try await db.select().column("id").from("participants").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("id", .in, Array(batch)).all().count
                guard found == batch.count else { throw StoreError.invalid("members: a value is not a user of this workspace") }
                try await db.update("participants").set("unit_id", to: SQLBind(id)).where("id", .in, Array(batch)).run()
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "unit.members", record: "unit:\(id)",
                summary: "placed \(unique.count) participant\(unique.count == 1 ? "" : "s") in the unit"
                    + (name == nil ? "" : " and renamed it"))
        }
        return try await group(workspaceID: workspaceID, id: id)
    }

    /// A new top-level unit named `name`, its code made from the name.
    public func createGroup(workspaceID: String, name: String, memberIDs: [String]) async throws -> DirectoryGroup {
        let name = name.trimmingSpaces()
        guard !name.isEmpty, name.count <= 200 else { throw StoreError.invalid("displayName must be 1 to 200 characters") }
        let units = try await OrganizationRepository(store: store).units(workspaceID: workspaceID)
        if units.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw StoreError.conflict("a group named '\(name)' exists already")
        }
        let base = Self.code(for: name)
        let taken = Set(units.map(\.code))
        let code = ([base] + (2...999).map { "\(base)-\($0)" }).first { !taken.contains($0) } ?? base + "-" + makeID().prefix(8)
        let unit = try await OrganizationRepository(store: store).addUnit(workspaceID: workspaceID, code: code, name: name, parentID: nil)
        return try await setGroup(workspaceID: workspaceID, id: unit.id, renaming: nil, add: memberIDs)
    }

    /// A unit code from a display name: lower-case letters, digits and dashes.
    static func code(for name: String) -> String {
        let words = name.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" }
        let code = String(words).split(separator: "-").joined(separator: "-")
        return code.isEmpty ? "group" : String(code.prefix(40))
    }
}

/// A bearer token per workspace for its directory; stored as a hash, shown once.
extension ScimRepository {
    public func createToken(workspaceID: String, name: String, tokenHash: String, now: Int64) async throws {
        try await write { db in
            let taken = try await db.select().column("id").from("scim_tokens").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("name", .equal, SQLBind(name)).first()
            if taken != nil {
                throw StoreError.conflict("this workspace has a SCIM token named '\(name)' already; revoke it or choose another name")
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "scim-token.create", record: "scim-token:\(name)", summary: "made a SCIM token")
            try await db.insert(into: "scim_tokens").columns("id", "workspace_id", "name", "token_hash", "created_at")
                .values(SQLBind(makeID()), SQLBind(workspaceID), SQLBind(name), SQLBind(tokenHash), SQLBind(now)).run()
        }
    }

    /// The workspace's tokens by name: when each was made and last used (never the secret).
    public func tokens(workspaceID: String) async throws -> [(name: String, createdAt: Int64, lastUsedAt: Int64?)] {
        try await read { db in
            try await db.select().columns("name", "created_at", "last_used_at").from("scim_tokens")
                .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("name").all().map {
                    (
                        try $0.decode(column: "name", as: String.self), try $0.decode(column: "created_at", as: Int64.self),
                        try $0.decode(column: "last_used_at", as: Int64?.self)
                    )
                }
        }
    }

    /// Revokes the token named `name`: the directory holding it is refused from then on.
    public func revokeToken(workspaceID: String, name: String) async throws {
        try await write { db in
            let rows = try await db.delete(from: "scim_tokens").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("name", .equal, SQLBind(name)).returning("id").all()
            if rows.isEmpty { throw StoreError.notFound("no SCIM token named '\(name)'") }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "scim-token.revoke", record: "scim-token:\(name)", summary: "revoked a SCIM token")
        }
    }

    /// The workspace a token provisions and the token's name; nil for an unknown token.
    public func workspace(tokenHash: String, now: Int64) async throws -> (workspace: Workspace, tokenName: String)? {
        let found = try await read { db in
            try await db.raw(
                """
                SELECT t.name AS token_name, t.last_used_at AS last_used_at, \(WorkspaceRepository.aliasedColumns)
                FROM scim_tokens t JOIN workspaces w ON w.id = t.workspace_id
                WHERE t.token_hash = \(bind: tokenHash)
                """
            ).first().map {
                (
                    try WorkspaceRepository.workspace($0), try $0.decode(column: "token_name", as: String.self),
                    try $0.decode(column: "last_used_at", as: Int64?.self)
                )
            }
        }
        guard let (workspace, name, lastUsed) = found else { return nil }
        // Written at most once a minute, so a directory's burst of calls is not a burst of writes.
        if (lastUsed ?? 0) < now - 60 {
            try await write(changingCachedReads: false) { db in
                try await db.update("scim_tokens").set("last_used_at", to: SQLBind(now)).where("token_hash", .equal, SQLBind(tokenHash))
                    .run()
            }
        }
        return (workspace, name)
    }
}
