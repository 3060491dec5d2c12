import DNACore
import SQLKit

/// A customer a study or vote was mailed to, as the survey page shows them.
public struct SurveyInvitationStatus: Codable, Equatable, Sendable {
    public var id: String
    public var email: String
    public var name: String
    public var language: String?
    public var segment: String?
    public var invitedOn: Int64
    public var openedOn: Int64?
    public var remindedOn: Int64?
    public var reminders: Int
    /// Whether the answers were sent (the link's row is gone).
    public var answered: Bool
}

extension InvitationRepository {
    public typealias CustomerMail = @Sendable (_ address: CustomerAddress, _ secret: String, _ invitationID: String) -> OutboxMail

    /// Mails a personal single-use link to every address of the list not invited to the
    /// survey yet, in one transaction: the link, the invitation and the mail.
    public func inviteCustomers(
        workspaceID: String, surveyID: String, addresses: [CustomerAddress], now: Int64, link: @escaping @Sendable (String) -> String,
        hash: @escaping @Sendable (String) -> String, compose: @escaping CustomerMail
    ) async throws -> Int {
        let makeID = self.makeID
        return try await write { db in
            let invited = Set(
                try await db.raw("SELECT email FROM survey_invitations WHERE survey_id = \(bind: surveyID)").all()
                    .map { try $0.decode(column: "email", as: String.self) })
            let fresh = addresses.filter { !invited.contains($0.email) }
            let day = AnonymousWrites.day(now)
            var mails: [OutboxMail] = []
            for batch in fresh.chunked(into: 200) {
                var tokens = db.insert(into: "survey_tokens").columns("token_hash", "survey_id", "segment", "created_at")
                var invitations = db.insert(into: "survey_invitations").columns(
                    "id", "workspace_id", "survey_id", "email", "name", "language", "segment", "token_hash", "invited_on")
                for address in batch {
                    let id = makeID(), secret = link(id), tokenHash = hash(secret)
                    tokens = tokens.values(SQLBind(tokenHash), SQLBind(surveyID), SQLBind(address.segment), SQLBind(day))
                    invitations = invitations.values(
                        SQLBind(id), SQLBind(workspaceID), SQLBind(surveyID), SQLBind(address.email), SQLBind(address.name),
                        SQLBind(address.language), SQLBind(address.segment), SQLBind(tokenHash), SQLBind(day))
                    mails.append(compose(address, secret, id))
                }
                try await tokens.run()
                try await invitations.run()
            }
            try await MailOutboxRepository.enqueue(mails, into: db)
            if !fresh.isEmpty {
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "survey.invite", record: "survey:\(surveyID)",
                    summary: "invited \(fresh.count) customers by e-mail")
            }
            return fresh.count
        }
    }

    /// Reminds every customer invited to the survey whose answers have not come, with the
    /// same link.
    public func remindCustomers(
        workspaceID: String, surveyID: String, now: Int64, link: @escaping @Sendable (String) -> String, compose: @escaping CustomerMail
    ) async throws -> Int {
        try await write { db in
            let rows = try await db.raw(
                """
                SELECT i.id, i.email, i.name, i.language, i.segment FROM survey_invitations i
                WHERE i.workspace_id = \(bind: workspaceID) AND i.survey_id = \(bind: surveyID)
                    AND EXISTS (SELECT 1 FROM survey_tokens t WHERE t.token_hash = i.token_hash)
                ORDER BY i.email
                """
            ).all()
            var mails: [OutboxMail] = []
            var ids: [String] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                mails.append(compose(try row.record(CustomerAddress.self), link(id), id))
                ids.append(id)
            }
            try await MailOutboxRepository.enqueue(mails, into: db)
            try await Self.markReminded(db, table: "survey_invitations", ids: ids, now: now)
            if !ids.isEmpty {
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "survey.remind", record: "survey:\(surveyID)",
                    summary: "reminded \(ids.count) customers who have not answered")
            }
            return ids.count
        }
    }

    public func surveyInvitationStatuses(workspaceID: String, surveyID: String) async throws -> [SurveyInvitationStatus] {
        try await read { db in
            try await db.raw(
                """
                SELECT i.id, i.email, i.name, i.language, i.segment, i.invited_on, i.opened_on, i.reminded_on, i.reminders,
                    CASE WHEN EXISTS (SELECT 1 FROM survey_tokens t WHERE t.token_hash = i.token_hash) THEN 0 ELSE 1 END AS answered
                FROM survey_invitations i WHERE i.workspace_id = \(bind: workspaceID) AND i.survey_id = \(bind: surveyID)
                ORDER BY i.email
                """
            ).all().map { try $0.record(SurveyInvitationRow.self).status }
        }
    }

    /// Notes the day a customer's mailed link was first opened.
    public func markSurveyOpened(tokenHash: String, now: Int64) async throws {
        try await markOpened(table: "survey_invitations", tokenHash: tokenHash, now: now)
    }

}

/// `answered` comes back as 0 or 1 from both databases.
private struct SurveyInvitationRow: Decodable {
    var id: String
    var email: String
    var name: String
    var language: String?
    var segment: String?
    var invitedOn: Int64
    var openedOn: Int64?
    var remindedOn: Int64?
    var reminders: Int
    var answered: Int

    var status: SurveyInvitationStatus {
        SurveyInvitationStatus(
            id: id, email: email, name: name, language: language, segment: segment, invitedOn: invitedOn, openedOn: openedOn,
            remindedOn: remindedOn, reminders: reminders, answered: answered == 1)
    }
}
