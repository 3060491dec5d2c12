import DNACore
import SQLKit

extension Store {
    /// Three actions planned on the demo's waves: two on the spring results, done before the
    /// autumn wave, which follows them up (meetings in customer service, authority in claims),
    /// and one on the autumn results that is running late, so the home page shows it overdue.
    static func insertDemoActions(_ db: any SQLDatabase, workspaceID: String, now: Int64, makeID: @Sendable () -> String) async throws {
        func id(_ sql: SQLQueryString) async throws -> String? { try await db.raw(sql).first()?.decode(column: "id", as: String.self) }
        let spring = try await id("SELECT id FROM campaigns WHERE workspace_id = \(bind: workspaceID) AND name = 'Baseline, spring'")
        let autumn = try await id("SELECT id FROM campaigns WHERE workspace_id = \(bind: workspaceID) AND name = 'Pulse, autumn'")
        func unit(_ code: String) async throws -> String? {
            try await id("SELECT id FROM units WHERE workspace_id = \(bind: workspaceID) AND code = \(bind: code)")
        }
        let tension = try await id("SELECT id FROM tensions WHERE workspace_id = \(bind: workspaceID) AND dimension = 'authority'")
        // Whoever administers the instance owns them; nobody when the demo is written first.
        let owner = try await db.raw(
            "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = \(bind: workspaceID) ORDER BY u.email"
        ).first()?.decode(column: "email", as: String.self)
        func day(_ daysAgo: Int) -> String { CalendarDay.string(now - Int64(daysAgo) * 86_400) }
        let actions: [(String, ActionPlan.Source, String?, String, String?, Int, ActionPlan.Status, String?, String?)] = [
            (
                "Give customer evidence a standing ten minutes in every team meeting", .gap, nil, "meetings", try await unit("service"),
                165, .done, nil, spring
            ),
            (
                "Let handlers settle claims up to twice their limit and tell their lead afterwards", .tension, tension, "authority",
                try await unit("claims"), 120, .done, "fast-track", spring
            ),
            (
                "Move a tenth of the change budget each quarter to the outcome customers rate most underserved", .driver, nil, "resources",
                try await unit("finance"), 5, .doing, nil, autumn
            ),
        ]
        for (title, source, tensionID, force, unitID, dueDaysAgo, status, initiative, campaign) in actions {
            try await db.insert(into: "action_plans").columns(ActionPlanRepository.columns)
                .values(
                    SQLBind(makeID()), SQLBind(workspaceID), SQLBind(campaign), SQLBind(title), SQLBind(source.rawValue),
                    SQLBind(tensionID),
                    SQLBind(owner), SQLBind(day(dueDaysAgo)), SQLBind(status.rawValue), SQLBind("os-canvas"), SQLBind(force),
                    SQLBind(unitID),
                    SQLBind(initiative), SQLBind(now - Int64(dueDaysAgo + 30) * 86_400)
                ).run()
        }
    }
}
