import DNACore
import SQLKit

/// Open answers are what a respondent wrote in their own words, the part of a response most
/// likely to identify them; a workspace may keep them only for a while.
extension LifecycleRepository {
    /// The longest retention period accepted, a hundred years: past it a number is a typo.
    public static let maximumRetentionDays = 36_500

    /// Sets how many days after it was given an open answer is deleted; nil keeps them.
    public func setOpenAnswerRetention(workspaceID: String, days: Int?) async throws {
        if let days, !(1...Self.maximumRetentionDays).contains(days) {
            throw StoreError.invalid("open_answer_retention_days: expected 1 to \(Self.maximumRetentionDays) days, or none to keep them")
        }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "workspace.retention", record: "workspace:\(workspaceID)",
                summary: days.map { "open answers are deleted \($0 == 1 ? "1 day" : "\($0) days") after they were given" }
                    ?? "open answers are kept")
            try await db.update("workspaces").set("open_answer_retention_days", to: SQLBind(days))
                .where("id", .equal, SQLBind(workspaceID)).run()
        }
    }

    /// One workspace's run of the retention job.
    public struct RetentionRun: Equatable, Sendable {
        public var workspaceID: String
        public var days: Int
        public var deleted: Int
    }

    /// Deletes the open answers older than each workspace's retention period (counted from the
    /// hand-in, or the start of an answer never handed in). Safe with several servers at
    /// once: each delete is its own transaction and takes only rows still there, so two
    /// servers together delete each answer once and only the one that did logs it.
    public func deleteExpiredOpenAnswers(now: Int64) async throws -> [RetentionRun] {
        let periods = try await read { db in
            try await db.select().columns("id", "open_answer_retention_days").from("workspaces")
                .where("open_answer_retention_days", .isNot, SQLLiteral.null).orderBy("id").all()
                .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "open_answer_retention_days", as: Int.self)) }
        }
        var runs: [RetentionRun] = []
        for (workspaceID, days) in periods {
            let cutoff = now - Int64(days) * 86_400
            let deleted = try await write { db in
                let rows = try await db.raw(
                    """
                    DELETE FROM response_texts WHERE response_id IN (SELECT r.id FROM responses r JOIN campaigns c ON c.id = r.campaign_id
                    WHERE c.workspace_id = \(bind: workspaceID) AND COALESCE(r.submitted_at, r.started_at) < \(bind: cutoff))
                    RETURNING response_id
                    """
                ).all().count
                if rows > 0 {
                    try await AuditLogRepository.audit(
                        db, workspaceID: workspaceID, action: "open-answers.retention", record: "workspace:\(workspaceID)",
                        summary:
                            "deleted \(Footprint.Kind.openAnswers.counted(rows)) given more than \(days == 1 ? "1 day" : "\(days) days") ago"
                    )
                }
                return rows
            }
            if deleted > 0 { runs.append(RetentionRun(workspaceID: workspaceID, days: days, deleted: deleted)) }
        }
        return runs
    }
}
