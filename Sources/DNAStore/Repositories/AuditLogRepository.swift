import DNACore
import Foundation
import SQLKit

/// Who is acting in the current task. It is set once where a request or a command starts
/// (the web's authentication, the command-line runner) and read by every store method that
/// changes something, so page, API and CLI write the same entries without each passing it on.
public struct AuditActor: Sendable, Equatable {
    public var name: String
    public var via: AuditChannel

    public init(name: String, via: AuditChannel) {
        self.name = name
        self.via = via
    }

    @TaskLocal public static var current: AuditActor?

    /// Changes with no person behind them (start-up, migrations, tests).
    public static let system = AuditActor(name: "system", via: .system)
}

extension AuditLogRepository {
    /// The most entries one read returns.
    public static let auditPageLimit = 1000

    /// Appends an entry for a change inside the change's own transaction, so both are kept or
    /// neither is. Entries are never updated or deleted.
    static func audit(_ db: any SQLDatabase, workspaceID: String?, action: String, record: String, summary: String) async throws {
        let actor = AuditActor.current ?? .system
        let now = Date().timeIntervalSince1970
        // Ids sort by time (microseconds, then a random tail), so entries of one second keep
        // the order they were made in.
        let micros = String(UInt64(now * 1_000_000), radix: 16)
        let id = String(repeating: "0", count: max(0, 14 - micros.count)) + micros + "-" + UUID().uuidString.prefix(8).lowercased()
        try await db.insert(into: "audit_log").columns("id", "workspace_id", "at", "actor", "via", "action", "record", "summary")
            .values(
                SQLBind(id), SQLBind(workspaceID), SQLBind(Int64(now)), SQLBind(actor.name), SQLBind(actor.via.rawValue), SQLBind(action),
                SQLBind(record), SQLBind(String(summary.prefix(500)))
            ).run()
    }

    /// A workspace's audit log, newest first: at most `limit` entries made at or after `since`.
    public func entries(workspaceID: String, since: Int64? = nil, limit: Int = 100) async throws -> [AuditEntry] {
        guard (1...Self.auditPageLimit).contains(limit) else {
            throw StoreError.invalid("limit must be between 1 and \(Self.auditPageLimit)")
        }
        return try await read { db in
            var query = db.select().columns("at", "actor", "via", "action", "record", "summary").from("audit_log")
                .where("workspace_id", .equal, SQLBind(workspaceID))
            if let since { query = query.where("at", .greaterThanOrEqual, SQLBind(since)) }
            return try await query.orderBy("at", .descending).orderBy("id", .descending).limit(limit).all().map {
                try $0.record(AuditEntry.self)
            }
        }
    }
}
