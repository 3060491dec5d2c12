import DNACore
import SQLKit

extension CampaignRepository {
    /// The handed-in open answers to `itemIDs` of a campaign, each with the name of the unit or
    /// role of whoever wrote it (where they sit, not rolled up) and the response it came with,
    /// so the comment threshold can count people. Ordered by text: never as they came in.
    public func commentAnswers(
        workspaceID: String, campaignID: String, itemIDs: [String], breakdown: AssessmentScoring.Breakdown
    ) async throws -> [CommentAnalysis.Answer] {
        guard !itemIDs.isEmpty else { return [] }
        let groups: [String: String]
        switch breakdown {
        case .unit:
            groups = Dictionary(uniqueKeysWithValues: try await store.organization.units(workspaceID: workspaceID).map { ($0.id, $0.name) })
        case .role:
            groups = Dictionary(uniqueKeysWithValues: try await store.organization.roles(workspaceID: workspaceID).map { ($0.id, $0.name) })
        case .none: groups = [:]
        }
        let column = breakdown == .role ? "role_id" : "unit_id"
        return try await read { db in
            try await db.select()
                .column(SQLColumn("response_id", table: "response_texts")).column(SQLColumn("value", table: "response_texts"))
                .column(SQLColumn(column, table: "responses"), as: "group_id")
                .from("response_texts")
                .join("responses", on: SQLColumn("response_id", table: "response_texts"), .equal, SQLColumn("id", table: "responses"))
                .where(SQLColumn("campaign_id", table: "responses"), .equal, SQLBind(campaignID))
                .where(SQLColumn("submitted_at", table: "responses"), .isNot, SQLLiteral.null)
                .where(SQLColumn("item_id", table: "response_texts"), .in, SQLBind.group(itemIDs))
                .orderBy(SQLColumn("value", table: "response_texts")).all()
                .map { row in
                    let group = try row.decode(column: "group_id", as: String?.self).flatMap { groups[$0] }
                    return CommentAnalysis.Answer(
                        respondent: try row.decode(column: "response_id", as: String.self),
                        group: breakdown == .none ? "" : group ?? Self.noGroup(breakdown),
                        text: try row.decode(column: "value", as: String.self))
                }
        }
    }

    /// The group of answers whose unit or role is not known (not given, or since deleted).
    public static func noGroup(_ breakdown: AssessmentScoring.Breakdown) -> String {
        breakdown == .role ? "(no role)" : "(no unit)"
    }
}
