import DNACore
import SQLKit

extension OrganizationRepository {
    public func roles(workspaceID: String) async throws -> [Role] {
        try await read { db in try await Self.roles(db, workspaceID: workspaceID) }
    }

    static func roles(_ db: any SQLDatabase, workspaceID: String) async throws -> [Role] {
        try await db.select().columns("id", "workspace_id", "code", "name", "unit_id").from("roles")
            .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("name").all()
            .map { try $0.record(Role.self) }
    }

    public func addRole(workspaceID: String, code: String, name: String, unitID: String?) async throws -> Role {
        guard FileID.isValid(code) else { throw StoreError.invalid("role code '\(code)' is not valid: \(FileID.rule)") }
        guard !name.trimmingSpaces().isEmpty else { throw StoreError.invalid("name is empty") }
        let role = Role(id: makeID(), workspaceID: workspaceID, code: code, name: name.trimmingSpaces(), unitID: unitID)
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "role.add", record: "role:\(code)", summary: "added role '\(role.name)'")
                if let unitID {
                    let units = try await Self.units(db, workspaceID: workspaceID)
                    guard units.contains(where: { $0.id == unitID }) else {
                        throw StoreError.invalid("unit '\(unitID)' is not a unit of this workspace")
                    }
                }
                try await Self.insert(role, into: db)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a role with code '\(code)' already exists")
        }
        return role
    }

    public func deleteRole(workspaceID: String, id: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "role.delete", record: "role:\(id)", summary: "deleted a role")
            let rows = try await db.delete(from: "roles").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("id", .equal, SQLBind(id)).returning("id").all()
            if rows.isEmpty { throw StoreError.notFound("no role '\(id)'") }
        }
    }

    static func insert(_ role: Role, into db: any SQLDatabase) async throws {
        try await db.insert(into: "roles").columns("id", "workspace_id", "code", "name", "unit_id")
            .values(SQLBind(role.id), SQLBind(role.workspaceID), SQLBind(role.code), SQLBind(role.name), SQLBind(role.unitID))
            .run()
    }
}
