import DNACore
import SQLKit

extension FrameworkRepository {
    /// Built-in frameworks followed by the workspace's own, in the order they were added.
    public func all(workspaceID: String) async throws -> [Framework] {
        let sources = try await read { db in
            try await db.select().columns("id", "source").from("frameworks").where("workspace_id", .equal, SQLBind(workspaceID))
                .orderBy("created_at").orderBy("id").all()
                .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "source", as: String.self)) }
        }
        return try BuiltInFrameworks.all + sources.map { try FrameworkLoader.load(file: "\($0.0).yaml", text: $0.1) }
    }

    /// Validates and stores a user framework. Its id may not shadow a built-in one.
    public func addFramework(workspaceID: String, file: String, source: String, now: Int64) async throws -> Framework {
        let framework = try FrameworkLoader.load(file: file, text: source)
        guard BuiltInFrameworks.framework(framework.id) == nil else {
            throw StoreError.conflict("'\(framework.id)' is a built-in framework; choose another id")
        }
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "framework.add", record: "framework:\(framework.id)",
                    summary: "added framework '\(framework.name)'")
                try await db.insert(into: "frameworks").columns("workspace_id", "id", "name", "source", "created_at")
                    .values(SQLBind(workspaceID), SQLBind(framework.id), SQLBind(framework.name), SQLBind(source), SQLBind(now)).run()
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a framework with id '\(framework.id)' already exists in this workspace")
        }
        return framework
    }
}
