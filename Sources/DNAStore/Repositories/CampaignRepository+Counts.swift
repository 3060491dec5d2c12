import SQLKit

/// Counts that tell the application's in-memory caches (key drivers, action follow-ups)
/// whether what they kept is still current, without reading the answers again.
extension CampaignRepository {
    /// How many responses of a campaign were handed in. A handed-in response is never changed
    /// or taken out on its own, so the count tells whether anything was added since.
    public func submittedCount(campaignID: String) async throws -> Int {
        try await read { db in
            try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("responses").where("campaign_id", .equal, SQLBind(campaignID))
                .where("submitted_at", .isNot, SQLLiteral.null).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// How many units and roles the workspace has, counted in the database: a kept analysis
    /// grouped by them is stale once either changes.
    public func groupCount(workspaceID: String) async throws -> Int {
        try await read { db in
            try await db.raw(
                "SELECT (SELECT COUNT(*) FROM units WHERE workspace_id = \(bind: workspaceID)) * 1000003 + (SELECT COUNT(*) FROM roles WHERE workspace_id = \(bind: workspaceID)) AS n"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
