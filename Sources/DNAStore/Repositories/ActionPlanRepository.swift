import DNACore
import SQLKit

/// Actions planned on a wave's results (`ActionPlan`).
public struct ActionPlanRepository: Repository {
    public let store: Store

    static let columns = [
        "id", "workspace_id", "campaign_id", "title", "source", "tension_id", "owner_email", "due_on", "status", "framework",
        "dimension", "unit_id", "initiative", "created_at",
    ]

    /// Plans an action after checking that everything it names is this workspace's: the force,
    /// the unit, the owner (a member), the wave, the tension and the initiative.
    public func add(_ draft: ActionPlan, workspaceID: String, now: Int64) async throws -> ActionPlan {
        var action = draft
        action.id = makeID()
        action.workspaceID = workspaceID
        action.createdAt = now
        action.title = draft.title.trimmingSpaces()
        action.ownerEmail = draft.ownerEmail.map { $0.trimmingSpaces().lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        guard !action.title.isEmpty, action.title.count <= 500 else {
            throw StoreError.invalid("title: say what will be done, in at most 500 characters")
        }
        guard CalendarDay.start(action.dueOn) != nil else { throw StoreError.invalid("due_on: expected a date written YYYY-MM-DD") }
        let frameworks = try await store.frameworks.all(workspaceID: workspaceID)
        guard frameworks.first(where: { $0.id == action.framework })?.dimension(action.dimension) != nil else {
            throw StoreError.invalid("dimension: '\(action.framework)/\(action.dimension)' is not a dimension of a framework here")
        }
        var unitID: String?
        if let code = action.unit {
            guard let unit = try await store.organization.units(workspaceID: workspaceID).first(where: { $0.code == code }) else {
                throw StoreError.invalid("unit: no unit '\(code)' in this workspace")
            }
            unitID = unit.id
        }
        if let email = action.ownerEmail,
            !(try await store.accounts.members(workspaceID: workspaceID)).contains(where: { $0.user.email.lowercased() == email })
        {
            throw StoreError.invalid("owner: '\(email)' is not a member of this workspace")
        }
        if let campaignID = action.campaignID { _ = try await store.campaigns.campaign(workspaceID: workspaceID, id: campaignID) }
        if let code = action.initiative {
            let graph = try await store.lineOfSight.model(workspaceID: workspaceID)
            guard graph.nodes.contains(where: { $0.code == code && $0.type == .initiative }) else {
                throw StoreError.invalid("initiative: no initiative '\(code)' in the line of sight")
            }
        }
        let record = action, unitRow = unitID
        try await write { db in
            if let tensionID = record.tensionID {
                let found = try await db.select().column("id").from("tensions").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("id", .equal, SQLBind(tensionID)).first()
                guard found != nil else { throw StoreError.invalid("tension: no tension '\(tensionID)' in this workspace") }
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "action.add", record: "action:\(record.id)",
                summary: "planned an action on \(record.framework)/\(record.dimension), due \(record.dueOn)")
            try await db.insert(into: "action_plans").columns(Self.columns)
                .values(
                    SQLBind(record.id), SQLBind(workspaceID), SQLBind(record.campaignID), SQLBind(record.title),
                    SQLBind(record.source.rawValue), SQLBind(record.tensionID), SQLBind(record.ownerEmail), SQLBind(record.dueOn),
                    SQLBind(record.status.rawValue), SQLBind(record.framework), SQLBind(record.dimension), SQLBind(unitRow),
                    SQLBind(record.initiative), SQLBind(now)
                ).run()
        }
        return record
    }

    /// The workspace's actions, soonest due first. Each unit's code comes from a join, not from
    /// reading every unit: the results page asks on every view, and an organization may have
    /// thousands of units.
    public func all(workspaceID: String) async throws -> [ActionPlan] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.columns.map { "a." + $0 }.joined(separator: ", ")), u.code AS unit_code
                FROM action_plans a LEFT JOIN units u ON u.id = a.unit_id
                WHERE a.workspace_id = \(bind: workspaceID) ORDER BY a.due_on, a.id
                """
            ).all()
        }.map { row in
            ActionPlan(
                id: try row.decode(column: "id", as: String.self), workspaceID: workspaceID,
                campaignID: try row.decode(column: "campaign_id", as: String?.self),
                title: try row.decode(column: "title", as: String.self),
                source: try storedValue(ActionPlan.Source.self, try row.decode(column: "source", as: String.self), column: "source"),
                tensionID: try row.decode(column: "tension_id", as: String?.self),
                ownerEmail: try row.decode(column: "owner_email", as: String?.self),
                dueOn: try row.decode(column: "due_on", as: String.self),
                status: try storedValue(ActionPlan.Status.self, try row.decode(column: "status", as: String.self), column: "status"),
                framework: try row.decode(column: "framework", as: String.self),
                dimension: try row.decode(column: "dimension", as: String.self),
                unit: try row.decode(column: "unit_code", as: String?.self),
                initiative: try row.decode(column: "initiative", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    public func setStatus(workspaceID: String, id: String, _ status: ActionPlan.Status) async throws {
        try await write { db in
            let found = try await db.select().column("id").from("action_plans").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("id", .equal, SQLBind(id)).first()
            guard found != nil else { throw StoreError.notFound("no action '\(id)'") }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "action.status", record: "action:\(id)",
                summary: "marked an action \(status.rawValue)")
            try await db.update("action_plans").set("status", to: SQLBind(status.rawValue)).where("id", .equal, SQLBind(id)).run()
        }
    }
}

extension Store {
    public var actions: ActionPlanRepository { .init(store: self) }
}
