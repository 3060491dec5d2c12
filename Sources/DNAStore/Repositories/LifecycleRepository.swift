import DNACore
import SQLKit

/// Deleting a campaign, a customer study or vote, a participant or a user account, with
/// everything that hangs on it. Each has a footprint read beforehand for the confirmation, and
/// the delete counts it again inside its own transaction, so the audit entry and the answer say
/// what actually went. The foreign keys cascade to the rows that belong to the record; what
/// only names it (mail in the outbox) is removed here.
extension LifecycleRepository {
    /// A record of a workspace that can be deleted with what hangs on it.
    public enum Record: Equatable, Sendable {
        case campaign(String)
        case survey(String)
        case participant(String)

        var id: String {
            switch self {
            case .campaign(let id), .survey(let id), .participant(let id): id
            }
        }
        var table: String {
            switch self {
            case .campaign: "campaigns"
            case .survey: "customer_surveys"
            case .participant: "participants"
            }
        }
        /// How a person knows the record: a wave's or study's name, a participant's e-mail.
        var nameColumn: String {
            if case .participant = self { "email" } else { "name" }
        }
        var noun: String {
            switch self {
            case .campaign: "campaign"
            case .survey: "survey"
            case .participant: "participant"
            }
        }
    }

    /// The record's name and what deleting it would take with it, for the confirmation.
    public func footprint(workspaceID: String, of record: Record) async throws -> (name: String, footprint: Footprint) {
        try await read { db in
            let name = try await Self.name(db, of: record, workspaceID: workspaceID)
            return (name, try await Self.footprint(db, of: record, name: name, workspaceID: workspaceID))
        }
    }

    /// Deletes the record with everything that hangs on it: a wave's responses, open answers,
    /// links and invitations; a study's respondents, answers, links and invitations; a
    /// participant's invitations; and in each case the mail about it. The audit entry names a
    /// participant by id only: an e-mail address is not kept after its record.
    public func delete(workspaceID: String, _ record: Record) async throws -> Footprint {
        try await write { db in
            let name = try await Self.name(db, of: record, workspaceID: workspaceID)
            let footprint = try await Self.footprint(db, of: record, name: name, workspaceID: workspaceID)
            let what = if case .participant = record { "a participant record" } else { "the \(record.noun) '\(name)'" }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "\(record.noun).delete", record: "\(record.noun):\(record.id)",
                summary: "deleted \(what) with \(footprint.summary)")
            switch record {
            case .campaign(let id): try await Self.deleteMail(db, workspaceID: workspaceID, purposes: Self.campaignMail(id))
            case .survey(let id): try await Self.deleteMail(db, workspaceID: workspaceID, purposes: Self.surveyMail(id))
            case .participant:
                try await db.delete(from: "mail_outbox").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("recipient", .equal, SQLBind(name)).run()
            }
            try await db.delete(from: record.table).where("id", .equal, SQLBind(record.id)).run()
            return footprint
        }
    }

    public func userFootprint(id: String) async throws -> Footprint {
        try await read { db in try await Self.userFootprint(db, userID: id) }
    }

    /// Deletes a user account with its memberships, sessions and API tokens. The audit log
    /// keeps what the account did; erasing a person (`erase`) is what makes it anonymous.
    public func deleteUser(id: String) async throws -> Footprint {
        try await write { db in
            guard let row = try await db.select().columns("email", "instance_admin").from("users").where("id", .equal, SQLBind(id)).first()
            else { throw StoreError.notFound("no user '\(id)'") }
            if try row.decode(column: "instance_admin", as: Int.self) == 1,
                try await Self.count(db, "SELECT COUNT(*) AS n FROM users WHERE instance_admin = 1") == 1
            {
                throw StoreError.conflict("this is the last instance administrator; make another one first")
            }
            let footprint = try await Self.userFootprint(db, userID: id)
            try await AuditLogRepository.audit(
                db, workspaceID: nil, action: "user.delete", record: "user:\(try row.decode(column: "email", as: String.self))",
                summary: "deleted \(footprint.summary)")
            try await db.delete(from: "users").where("id", .equal, SQLBind(id)).run()
            return footprint
        }
    }
}

extension LifecycleRepository {
    /// The record's name, or not found when it is not the workspace's.
    static func name(_ db: any SQLDatabase, of record: Record, workspaceID: String) async throws -> String {
        guard
            let row = try await db.select().column(SQLIdentifier(record.nameColumn)).from(record.table)
                .where("workspace_id", .equal, SQLBind(workspaceID)).where("id", .equal, SQLBind(record.id)).first()
        else { throw StoreError.notFound("no \(record.noun) '\(record.id)'") }
        return try row.decode(column: record.nameColumn, as: String.self)
    }

    static func footprint(_ db: any SQLDatabase, of record: Record, name: String, workspaceID: String) async throws -> Footprint {
        switch record {
        case .campaign(let id): try await campaignFootprint(db, workspaceID: workspaceID, id: id)
        case .survey(let id): try await surveyFootprint(db, workspaceID: workspaceID, id: id)
        case .participant(let id): try await participantFootprint(db, workspaceID: workspaceID, id: id, email: name)
        }
    }

    static func count(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func campaignMail(_ id: String) -> [String] { ["invitation:" + id, "reminder:" + id] }
    static func surveyMail(_ id: String) -> [String] { ["survey-invitation:" + id, "survey-reminder:" + id] }

    static func deleteMail(_ db: any SQLDatabase, workspaceID: String, purposes: [String]) async throws {
        try await db.delete(from: "mail_outbox").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("purpose", .in, purposes).run()
    }

    static func mailCount(_ db: any SQLDatabase, workspaceID: String, purposes: [String]) async throws -> Int {
        try await count(
            db,
            "SELECT COUNT(*) AS n FROM mail_outbox WHERE workspace_id = \(bind: workspaceID) AND purpose IN (\(binds: purposes))"
        )
    }

    static func campaignFootprint(_ db: any SQLDatabase, workspaceID: String, id: String) async throws -> Footprint {
        Footprint([
            .responses: try await count(db, "SELECT COUNT(*) AS n FROM responses WHERE campaign_id = \(bind: id)"),
            .openAnswers: try await count(
                db, "SELECT COUNT(*) AS n FROM response_texts t JOIN responses r ON r.id = t.response_id WHERE r.campaign_id = \(bind: id)"),
            .invitations: try await count(db, "SELECT COUNT(*) AS n FROM invitations WHERE campaign_id = \(bind: id)"),
            .unusedLinks: try await count(
                db, "SELECT COUNT(*) AS n FROM respondent_tokens WHERE campaign_id = \(bind: id) AND used_at IS NULL"),
            .mails: try await mailCount(db, workspaceID: workspaceID, purposes: campaignMail(id)),
        ])
    }

    static func surveyFootprint(_ db: any SQLDatabase, workspaceID: String, id: String) async throws -> Footprint {
        Footprint([
            .respondents: try await count(db, "SELECT COUNT(*) AS n FROM survey_respondents WHERE survey_id = \(bind: id)"),
            .answers: try await count(
                db,
                "SELECT COUNT(*) AS n FROM survey_answers a JOIN survey_respondents r ON r.id = a.respondent_id WHERE r.survey_id = \(bind: id)"
            ),
            .invitations: try await count(db, "SELECT COUNT(*) AS n FROM survey_invitations WHERE survey_id = \(bind: id)"),
            .unusedLinks: try await count(db, "SELECT COUNT(*) AS n FROM survey_tokens WHERE survey_id = \(bind: id) AND used_at IS NULL"),
            .mails: try await mailCount(db, workspaceID: workspaceID, purposes: surveyMail(id)),
        ])
    }

    static func participantFootprint(_ db: any SQLDatabase, workspaceID: String, id: String, email: String) async throws -> Footprint {
        Footprint([
            .participants: 1,
            .invitations: try await count(db, "SELECT COUNT(*) AS n FROM invitations WHERE participant_id = \(bind: id)"),
            .mails: try await count(
                db, "SELECT COUNT(*) AS n FROM mail_outbox WHERE workspace_id = \(bind: workspaceID) AND recipient = \(bind: email)"),
        ])
    }

    static func userFootprint(_ db: any SQLDatabase, userID: String) async throws -> Footprint {
        guard try await count(db, "SELECT COUNT(*) AS n FROM users WHERE id = \(bind: userID)") == 1 else {
            throw StoreError.notFound("no user '\(userID)'")
        }
        return Footprint([
            .accounts: 1,
            .memberships: try await count(db, "SELECT COUNT(*) AS n FROM memberships WHERE user_id = \(bind: userID)"),
            .sessions: try await count(db, "SELECT COUNT(*) AS n FROM sessions WHERE user_id = \(bind: userID)"),
            .apiTokens: try await count(db, "SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = \(bind: userID)"),
        ])
    }
}
