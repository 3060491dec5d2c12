import DNACore
import SQLKit

/// A day after a wave opens on which the invited who have not handed in are reminded.
public struct ReminderDay: Codable, Equatable, Sendable {
    /// Days after opening, 1...365.
    public var day: Int
    /// When the reminders go out: the wave's opening plus `day` days.
    public var dueAt: Int64
    /// When they went out; nil while still to come.
    public var ranAt: Int64?
    /// How many were reminded then.
    public var reminded: Int?
}

extension InvitationRepository {
    static let secondsPerDay: Int64 = 86_400

    /// The wave's reminder days in order, with those already run.
    public func reminderDays(campaign: Campaign) async throws -> [ReminderDay] {
        try await read { db in
            try await db.raw(
                "SELECT day, ran_at, reminded FROM reminder_days WHERE campaign_id = \(bind: campaign.id) ORDER BY day"
            ).all().map { row in
                let day = try row.decode(column: "day", as: Int.self)
                return ReminderDay(
                    day: day, dueAt: campaign.opensAt + Int64(day) * Self.secondsPerDay,
                    ranAt: try row.decode(column: "ran_at", as: Int64?.self), reminded: try row.decode(column: "reminded", as: Int?.self))
            }
        }
    }

    /// Sets the days still to come to `days`; days already run stay as a record. A new day
    /// that has already passed is refused: it would remind everyone at once, unasked.
    public func setReminderDays(workspaceID: String, campaign: Campaign, days: [Int], now: Int64) async throws {
        if let bad = days.first(where: { !(1...365).contains($0) }) {
            throw StoreError.invalid("reminder day \(bad) is outside 1 to 365 days after opening")
        }
        if days.count > 10 { throw StoreError.invalid("at most 10 reminder days; \(days.count) were given") }
        let wanted = Set(days)
        try await write { db in
            let existing = try await db.raw("SELECT day, ran_at FROM reminder_days WHERE campaign_id = \(bind: campaign.id)").all()
                .map { (try $0.decode(column: "day", as: Int.self), try $0.decode(column: "ran_at", as: Int64?.self)) }
            let known = Set(existing.map(\.0))
            if let passed = wanted.subtracting(known).sorted().first(where: { campaign.opensAt + Int64($0) * Self.secondsPerDay <= now }) {
                throw StoreError.invalid(
                    "day \(passed) after opening (\(CalendarDay.string(campaign.opensAt + Int64(passed) * Self.secondsPerDay))) has already passed; remind now instead"
                )
            }
            for (day, ranAt) in existing where ranAt == nil && !wanted.contains(day) {
                try await db.delete(from: "reminder_days").where("campaign_id", .equal, SQLBind(campaign.id))
                    .where("day", .equal, SQLBind(day)).run()
            }
            for day in wanted.subtracting(known).sorted() {
                try await db.insert(into: "reminder_days").columns("campaign_id", "workspace_id", "day")
                    .values(SQLBind(campaign.id), SQLBind(workspaceID), SQLBind(day)).run()
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "campaign.reminder-days", record: "campaign:\(campaign.id)",
                summary: wanted.isEmpty
                    ? "removed the reminder days" : "set the reminder days to \(wanted.sorted().map(String.init).joined(separator: ", "))")
        }
    }

    /// Reminder days whose time has come and that have not run, of waves still open.
    public func dueReminders(now: Int64) async throws -> [(workspaceID: String, campaignID: String, day: Int)] {
        try await read { db in
            try await db.raw(
                """
                SELECT r.workspace_id, r.campaign_id, r.day FROM reminder_days r JOIN campaigns c ON c.id = r.campaign_id
                WHERE r.ran_at IS NULL AND c.opens_at + r.day * \(unsafeRaw: String(Self.secondsPerDay)) <= \(bind: now)
                    AND (c.closes_at IS NULL OR c.closes_at > \(bind: now))
                ORDER BY c.opens_at + r.day * \(unsafeRaw: String(Self.secondsPerDay)), r.campaign_id
                """
            ).all().map {
                (
                    try $0.decode(column: "workspace_id", as: String.self), try $0.decode(column: "campaign_id", as: String.self),
                    try $0.decode(column: "day", as: Int.self)
                )
            }
        }
    }

    /// Claims a reminder day inside the reminding transaction: true for the one transaction
    /// that marks it run. On PostgreSQL a second server's update waits for the first to commit
    /// and then finds the day run; on SQLite writes take turns.
    static func claimReminderDay(_ db: any SQLDatabase, campaignID: String, day: Int, now: Int64) async throws -> Bool {
        !(try await db.update("reminder_days").set("ran_at", to: SQLBind(now)).where("campaign_id", .equal, SQLBind(campaignID))
            .where("day", .equal, SQLBind(day)).where("ran_at", .is, SQLLiteral.null).returning("day").all().isEmpty)
    }

    /// Notes the day an invited participant first opened their link.
    public func markOpened(tokenHash: String, now: Int64) async throws {
        try await markOpened(table: "invitations", tokenHash: tokenHash, now: now)
    }

}
