import DNACore
import SQLKit

/// An invitation as the pages show it: the person, and whether they were invited, reminded
/// and have handed in.
public struct InvitationStatus: Codable, Equatable, Sendable {
    public var id: String
    public var participantID: String
    public var email: String
    public var name: String
    public var unitID: String
    public var language: String?
    public var invitedOn: Int64
    public var remindedOn: Int64?
    public var reminders: Int
    /// The day the person first opened their link; nil if they have not.
    public var openedOn: Int64?
    public var handedIn: Bool
}

extension InvitationRepository {
    /// Invites every participant of the campaign's units who has no invitation to it yet, in
    /// one transaction: a single-use link for their unit, the invitation, and the mail in the
    /// outbox. `link` makes the secret of an invitation's link from its id (so a reminder can
    /// send the same link again without the secret being stored); `compose` writes the mail.
    public func invite(
        workspaceID: String, campaignID: String, now: Int64, link: @escaping @Sendable (String) -> String,
        hash: @escaping @Sendable (String) -> String,
        compose: @escaping @Sendable (_ participant: Participant, _ secret: String, _ invitationID: String) -> OutboxMail
    ) async throws -> Int {
        let makeID = self.makeID
        return try await write { db in
            let people = try await db.raw(
                """
                SELECT p.id, p.email, p.name, p.unit_id, p.role_id, p.language, p.manager_email FROM participants p
                JOIN campaign_units cu ON cu.unit_id = p.unit_id AND cu.campaign_id = \(bind: campaignID)
                WHERE p.workspace_id = \(bind: workspaceID) AND NOT EXISTS (
                    SELECT 1 FROM invitations i WHERE i.campaign_id = \(bind: campaignID) AND i.participant_id = p.id)
                    AND \(Self.active)
                ORDER BY p.email
                """
            ).all().map { try $0.record(Participant.self) }
            var mails: [OutboxMail] = []
            let day = AnonymousWrites.day(now)
            for batch in people.chunked(into: 200) {
                var tokens = db.insert(into: "respondent_tokens").columns("token_hash", "campaign_id", "unit_id", "created_at")
                var invitations = db.insert(into: "invitations")
                    .columns("id", "workspace_id", "campaign_id", "participant_id", "token_hash", "invited_on")
                for person in batch {
                    let id = makeID(), secret = link(id), tokenHash = hash(secret)
                    tokens = tokens.values(SQLBind(tokenHash), SQLBind(campaignID), SQLBind(person.unitID), SQLBind(day))
                    invitations = invitations.values(
                        SQLBind(id), SQLBind(workspaceID), SQLBind(campaignID), SQLBind(person.id), SQLBind(tokenHash), SQLBind(day))
                    mails.append(compose(person, secret, id))
                }
                try await tokens.run()
                try await invitations.run()
            }
            try await MailOutboxRepository.enqueue(mails, into: db)
            if !people.isEmpty {
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "campaign.invite", record: "campaign:\(campaignID)",
                    summary: "invited \(people.count) participants by e-mail")
            }
            return people.count
        }
    }

    /// Reminds everyone invited to the campaign who has not handed in (their link is still
    /// there), with the same link; the others get nothing. With `day`, this is that reminder
    /// day's run, and nil comes back when another run has already claimed it.
    public func remind(
        workspaceID: String, campaignID: String, now: Int64, day: Int? = nil, link: @escaping @Sendable (String) -> String,
        compose: @escaping @Sendable (_ participant: Participant, _ secret: String, _ invitationID: String) -> OutboxMail
    ) async throws -> Int? {
        try await write { db in
            if let day, !(try await Self.claimReminderDay(db, campaignID: campaignID, day: day, now: now)) { return nil }
            let rows = try await db.raw(
                """
                SELECT i.id AS invitation_id, p.id, p.email, p.name, p.unit_id, p.role_id, p.language, p.manager_email
                FROM invitations i JOIN participants p ON p.id = i.participant_id
                WHERE i.workspace_id = \(bind: workspaceID) AND i.campaign_id = \(bind: campaignID)
                    AND EXISTS (SELECT 1 FROM respondent_tokens t WHERE t.token_hash = i.token_hash) AND \(Self.active)
                ORDER BY p.email
                """
            ).all()
            var mails: [OutboxMail] = []
            var ids: [String] = []
            for row in rows {
                let id = try row.decode(column: "invitation_id", as: String.self)
                mails.append(compose(try row.record(Participant.self), link(id), id))
                ids.append(id)
            }
            try await MailOutboxRepository.enqueue(mails, into: db)
            try await Self.markReminded(db, table: "invitations", ids: ids, now: now)
            if !ids.isEmpty {
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "campaign.remind", record: "campaign:\(campaignID)",
                    summary: "reminded \(ids.count) participants who have not handed in" + (day.map { " (day \($0))" } ?? ""))
            }
            if let day {
                try await db.update("reminder_days").set("reminded", to: SQLBind(ids.count)).where(
                    "campaign_id", .equal, SQLBind(campaignID)
                )
                .where("day", .equal, SQLBind(day)).run()
            }
            return ids.count
        }
    }

    /// A participant the directory has not deactivated (see `ScimRepository`): only they are
    /// invited and reminded.
    static let active: SQLQueryString = "NOT EXISTS (SELECT 1 FROM scim_identities s WHERE s.participant_id = p.id AND s.active = 0)"

    /// Every invitation to the campaign with the person's state, by e-mail.
    public func statuses(workspaceID: String, campaignID: String) async throws -> [InvitationStatus] {
        try await read { db in
            try await db.raw(
                """
                SELECT i.id, i.participant_id, p.email, p.name, p.unit_id, p.language, i.invited_on, i.reminded_on, i.reminders, i.opened_on,
                    CASE WHEN EXISTS (SELECT 1 FROM respondent_tokens t WHERE t.token_hash = i.token_hash) THEN 0 ELSE 1 END AS handed_in
                FROM invitations i JOIN participants p ON p.id = i.participant_id
                WHERE i.workspace_id = \(bind: workspaceID) AND i.campaign_id = \(bind: campaignID)
                ORDER BY p.email
                """
            ).all().map { try $0.record(InvitationStatusRow.self).status }
        }
    }
}

/// `handed_in` comes back as 0 or 1 from both databases.
private struct InvitationStatusRow: Decodable {
    var id: String
    var participantID: String
    var email: String
    var name: String
    var unitID: String
    var language: String?
    var invitedOn: Int64
    var remindedOn: Int64?
    var reminders: Int
    var openedOn: Int64?
    var handedIn: Int

    var status: InvitationStatus {
        InvitationStatus(
            id: id, participantID: participantID, email: email, name: name, unitID: unitID, language: language, invitedOn: invitedOn,
            remindedOn: remindedOn, reminders: reminders, openedOn: openedOn, handedIn: handedIn == 1)
    }
}

extension InvitationRepository {
    /// Notes a reminder on invitations of either kind: the day, and one more reminder.
    static func markReminded(_ db: any SQLDatabase, table: String, ids: [String], now: Int64) async throws {
        for batch in ids.chunked(into: 500) {
            try await db.update(table).set("reminded_on", to: SQLBind(AnonymousWrites.day(now)))
                .set(SQLIdentifier("reminders"), to: SQLRaw("reminders + 1")).where("id", .in, Array(batch)).run()
        }
    }

    /// Notes the day a mailed link was first opened (days only, like every time here), on
    /// invitations of either kind. Links that are nobody's invitation, or were opened before,
    /// are found by a read and cost no write.
    func markOpened(table: String, tokenHash: String, now: Int64) async throws {
        let unopened = try await read { db in
            try await db.select().column("id").from(table).where("token_hash", .equal, SQLBind(tokenHash)).where(
                "opened_on", .is, SQLLiteral.null
            )
            .first() != nil
        }
        guard unopened else { return }
        try await write { db in
            try await db.update(table).set("opened_on", to: SQLBind(AnonymousWrites.day(now))).where(
                "token_hash", .equal, SQLBind(tokenHash)
            )
            .where("opened_on", .is, SQLLiteral.null).run()
        }
    }
}
