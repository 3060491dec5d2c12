import DNACore
import Foundation
import SQLKit

extension ScorecardRepository {
    /// Records a tension in one dimension of a framework (usually an OS Canvas force).
    public func addTension(
        workspaceID: String, campaignID: String?, framework: String, dimension: String, text: String, source: Tension.Source, now: Int64
    ) async throws -> Tension {
        try await checkDimension(workspaceID: workspaceID, framework: framework, dimension: dimension)
        guard !text.trimmingSpaces().isEmpty else { throw StoreError.invalid("describe the tension") }
        if let campaignID { _ = try await store.campaigns.campaign(workspaceID: workspaceID, id: campaignID) }
        let tension = Tension(
            id: makeID(), workspaceID: workspaceID, campaignID: campaignID, framework: framework, dimension: dimension,
            text: text.trimmingSpaces(), source: source, createdAt: now)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "tension.add", record: "tension:\(tension.id)",
                summary: "noted a tension on \(framework)/\(dimension)")
            try await db.insert(into: "tensions")
                .columns("id", "workspace_id", "campaign_id", "framework", "dimension", "text", "source", "created_at")
                .values(
                    SQLBind(tension.id), SQLBind(workspaceID), SQLBind(campaignID), SQLBind(framework), SQLBind(dimension),
                    SQLBind(tension.text), SQLBind(source.rawValue), SQLBind(now)
                ).run()
        }
        return tension
    }

    public func tensions(workspaceID: String, framework: String, dimension: String) async throws -> [Tension] {
        try await read { db in
            try await db.select().columns("id", "workspace_id", "campaign_id", "framework", "dimension", "text", "source", "created_at")
                .from("tensions").where("workspace_id", .equal, SQLBind(workspaceID)).where("framework", .equal, SQLBind(framework))
                .where("dimension", .equal, SQLBind(dimension)).orderBy("created_at").orderBy("id").all()
                .map { try $0.record(Tension.self) }
        }
    }

    /// Records a safe-to-try experiment; `tensionID`, when given, must be a tension of the
    /// same dimension.
    public func addExperiment(_ draft: Experiment) async throws -> Experiment {
        try await checkDimension(workspaceID: draft.workspaceID, framework: draft.framework, dimension: draft.dimension)
        for (field, value) in [("practice", draft.practice), ("hypothesis", draft.hypothesis), ("participants", draft.participants)]
        where value.trimmingSpaces().isEmpty {
            throw StoreError.invalid("\(field) is empty")
        }
        guard draft.durationDays >= 1 else { throw StoreError.invalid("duration must be at least one day") }
        guard Self.isDate(draft.reviewOn) else { throw StoreError.invalid("review date must be written YYYY-MM-DD") }
        var experiment = draft
        experiment.id = makeID()
        let record = experiment
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: record.workspaceID, action: "experiment.add", record: "experiment:\(record.id)",
                summary: "started an experiment on \(record.framework)/\(record.dimension)")
            if let tensionID = record.tensionID {
                let tension = try await db.select().column("id").from("tensions").where("workspace_id", .equal, SQLBind(record.workspaceID))
                    .where("id", .equal, SQLBind(tensionID)).where("dimension", .equal, SQLBind(record.dimension)).first()
                if tension == nil { throw StoreError.invalid("the tension is not one of this force's tensions") }
            }
            try await db.insert(into: "experiments")
                .columns(
                    "id", "workspace_id", "tension_id", "framework", "dimension", "practice", "hypothesis", "participants", "duration_days",
                    "review_on", "outcome", "created_at"
                )
                .values(
                    SQLBind(record.id), SQLBind(record.workspaceID), SQLBind(record.tensionID), SQLBind(record.framework),
                    SQLBind(record.dimension), SQLBind(record.practice), SQLBind(record.hypothesis), SQLBind(record.participants),
                    SQLBind(record.durationDays), SQLBind(record.reviewOn), SQLBind(record.outcome), SQLBind(record.createdAt)
                ).run()
        }
        return record
    }

    /// Writes down what an experiment showed when it was reviewed.
    public func recordExperimentOutcome(workspaceID: String, id: String, outcome: String) async throws {
        guard !outcome.trimmingSpaces().isEmpty else { throw StoreError.invalid("outcome is empty") }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "experiment.outcome", record: "experiment:\(id)", summary: "recorded the outcome")
            let rows = try await db.update("experiments").set("outcome", to: SQLBind(outcome.trimmingSpaces()))
                .where("workspace_id", .equal, SQLBind(workspaceID)).where("id", .equal, SQLBind(id)).returning("id").all()
            if rows.isEmpty { throw StoreError.notFound("no experiment '\(id)'") }
        }
    }

    public func experiment(workspaceID: String, id: String) async throws -> Experiment {
        guard let found = try await experiments(workspaceID: workspaceID, where: ("id", id)).first else {
            throw StoreError.notFound("no experiment '\(id)'")
        }
        return found
    }

    public func experiments(workspaceID: String, framework: String, dimension: String) async throws -> [Experiment] {
        try await experiments(workspaceID: workspaceID, where: ("framework", framework), ("dimension", dimension))
    }

    private func experiments(workspaceID: String, where filters: (String, String)...) async throws -> [Experiment] {
        try await read { db in
            var query = db.select()
                .columns(
                    "id", "workspace_id", "tension_id", "framework", "dimension", "practice", "hypothesis", "participants", "duration_days",
                    "review_on", "outcome", "created_at"
                )
                .from("experiments").where("workspace_id", .equal, SQLBind(workspaceID))
            for (column, value) in filters { query = query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
            return try await query.orderBy("review_on").orderBy("id").all()
                .map { try $0.record(Experiment.self) }
        }
    }

    private func checkDimension(workspaceID: String, framework: String, dimension: String) async throws {
        let frameworks = try await store.frameworks.all(workspaceID: workspaceID)
        guard let found = frameworks.first(where: { $0.id == framework }) else {
            throw StoreError.invalid("no framework '\(framework)'")
        }
        guard found.dimension(dimension) != nil else { throw StoreError.invalid("'\(dimension)' is not a dimension of \(framework)") }
    }

    static func isDate(_ text: String) -> Bool { CalendarDay.start(text) != nil }
}
