import DNACore
import SQLKit

extension CustomerModelRepository {
    /// The desired outcomes of the workspace's customer model, by code.
    public func customerOutcomes(workspaceID: String) async throws -> [CustomerOutcome] {
        try await read { db in try await Self.customerOutcomes(db, workspaceID: workspaceID) }
    }

    public func addCustomerOutcome(
        workspaceID: String, code: String, direction: CustomerOutcome.Direction, metric: String, object: String, clarifier: String = ""
    ) async throws -> CustomerOutcome {
        if let message = UnitCode.problem(code) { throw StoreError.invalid("outcome \(message)") }
        guard !metric.trimmingSpaces().isEmpty else { throw StoreError.invalid("metric is empty") }
        guard !object.trimmingSpaces().isEmpty else { throw StoreError.invalid("object is empty") }
        let outcome = CustomerOutcome(
            id: makeID(), workspaceID: workspaceID, code: code, direction: direction, metric: metric.trimmingSpaces(),
            object: object.trimmingSpaces(), clarifier: clarifier.trimmingSpaces())
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "outcome.add", record: "outcome:\(code)", summary: "added outcome '\(code)'")
                return try await Self.insert(outcome, into: db)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("an outcome with code '\(code)' already exists")
        }
        return outcome
    }

    static func insert(_ outcome: CustomerOutcome, into db: any SQLDatabase) async throws {
        try await db.insert(into: "outcomes").columns("id", "workspace_id", "code", "job_id", "direction", "metric", "object", "clarifier")
            .values(
                SQLBind(outcome.id), SQLBind(outcome.workspaceID), SQLBind(outcome.code), SQLBind(outcome.jobID),
                SQLBind(outcome.direction.rawValue), SQLBind(outcome.metric), SQLBind(outcome.object), SQLBind(outcome.clarifier)
            ).run()
    }

    static func customerOutcomes(_ db: any SQLDatabase, workspaceID: String) async throws -> [CustomerOutcome] {
        try await db.select().columns("id", "workspace_id", "code", "job_id", "direction", "metric", "object", "clarifier").from("outcomes")
            .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("code").all()
            .map { try $0.record(CustomerOutcome.self) }
    }

    /// The outcome sentences translated into other languages, by outcome code, for the
    /// respondent's line-of-sight question: only outcomes that have any.
    public func outcomeTranslations(workspaceID: String) async throws -> [String: [String: String]] {
        try await read { db in
            var found: [String: [String: String]] = [:]
            for row in try await db.raw(
                "SELECT code, translations FROM outcomes WHERE workspace_id = \(bind: workspaceID) AND translations <> ''"
            ).all() {
                found[try row.decode(column: "code", as: String.self)] = StoredTranslations.read(
                    try row.decode(column: "translations", as: String.self))
            }
            return found
        }
    }
}
