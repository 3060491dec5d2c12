import DNACore
import SQLKit

/// What erasing a person removed, and why their account stayed when it did.
public struct Erasure: Equatable, Sendable {
    public var footprint: Footprint
    /// Set when the person's user account was kept: they are still a member of another
    /// workspace, or an instance administrator.
    public var accountKept: String?
}

extension LifecycleRepository {
    /// The name the audit log gives an erased person where it named them.
    public static let erasedPerson = "erased person"

    /// Removes every trace of the person with `email` from the workspace: their participant
    /// record with its invitations, their study invitations, mail to them, the manager field
    /// naming them, customer answers filed under their address, their membership, and their
    /// user account with its sessions and tokens unless another workspace still has them. Their
    /// audit entries stay as what happened, with their address replaced; the erasure's own
    /// entry counts what went and names nobody. With `apply` false, counts only.
    public func erase(workspaceID: String, email rawEmail: String, apply: Bool) async throws -> Erasure {
        let email = rawEmail.trimmingSpaces().lowercased()
        guard email.contains("@"), email.count <= 254 else { throw StoreError.invalid("email: '\(rawEmail)' is not an e-mail address") }
        let body: @Sendable (any SQLDatabase) async throws -> Erasure = { db in
            var eraser = Eraser(db: db, workspaceID: workspaceID, email: email, apply: apply)
            try await eraser.run()
            let erasure = Erasure(footprint: Footprint(eraser.counts), accountKept: eraser.accountKept)
            if apply {
                guard !erasure.footprint.parts.isEmpty else { throw StoreError.notFound("nothing in this workspace names '\(email)'") }
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "person.erase", record: "person:erased",
                    summary: "erased a person: \(erasure.footprint.summary)" + (erasure.accountKept.map { "; account kept: \($0)" } ?? ""))
            }
            return erasure
        }
        return apply ? try await write(body) : try await read(body)
    }
}

/// One erasure's statements, each counting (and, when applying, removing) one kind of trace.
private struct Eraser {
    let db: any SQLDatabase
    let workspaceID: String
    let email: String
    let apply: Bool
    var counts: [Footprint.Kind: Int] = [:]
    var accountKept: String?
    /// Whether the instance-wide audit entries (no workspace) are made anonymous too: only when
    /// the account itself goes.
    var accountErased = false

    mutating func run() async throws {
        let surveys: SQLQueryString = "SELECT id FROM customer_surveys WHERE workspace_id = \(bind: workspaceID)"
        let participants: SQLQueryString =
            "SELECT id FROM participants WHERE workspace_id = \(bind: workspaceID) AND LOWER(email) = \(bind: email)"
        try await remove(.invitations, "invitations WHERE participant_id IN (\(participants))")
        try await remove(.invitations, "survey_invitations WHERE survey_id IN (\(surveys)) AND LOWER(email) = \(bind: email)")
        try await remove(.respondents, "survey_respondents WHERE survey_id IN (\(surveys)) AND LOWER(respondent_key) = \(bind: email)")
        try await remove(
            .customerMetricAnswers,
            "customer_metric_answers WHERE workspace_id = \(bind: workspaceID) AND LOWER(respondent) = \(bind: email)")
        try await remove(
            .taskAttempts,
            "task_attempts WHERE round_id IN (SELECT id FROM task_rounds WHERE workspace_id = \(bind: workspaceID)) AND LOWER(participant) = \(bind: email)"
        )
        try await remove(.mails, "mail_outbox WHERE workspace_id = \(bind: workspaceID) AND LOWER(recipient) = \(bind: email)")
        let managed: SQLQueryString = "workspace_id = \(bind: workspaceID) AND LOWER(manager_email) = \(bind: email)"
        counts[.managerReferences] = try await count("participants WHERE \(managed)")
        if apply { try await db.raw("UPDATE participants SET manager_email = NULL WHERE \(managed)").run() }
        let owned: SQLQueryString = "workspace_id = \(bind: workspaceID) AND LOWER(owner_email) = \(bind: email)"
        counts[.actionOwnerships] = try await count("action_plans WHERE \(owned)")
        if apply { try await db.raw("UPDATE action_plans SET owner_email = NULL WHERE \(owned)").run() }
        try await remove(.participants, "participants WHERE workspace_id = \(bind: workspaceID) AND LOWER(email) = \(bind: email)")
        try await eraseAccount()
        // Failed sign-ins are kept per address and client ("pair:<email>|<ip>").
        let pair = "pair:" + email + "|"
        try await remove(.signInRecords, "login_attempts WHERE SUBSTR(attempt_key, 1, LENGTH(\(bind: pair))) = \(bind: pair)")
        try await anonymizeAuditLog()
    }

    private mutating func eraseAccount() async throws {
        guard let user = try await db.raw("SELECT id, instance_admin FROM users WHERE email = \(bind: email)").first() else { return }
        let id = try user.decode(column: "id", as: String.self)
        try await remove(.memberships, "memberships WHERE workspace_id = \(bind: workspaceID) AND user_id = \(bind: id)")
        let elsewhere = try await count("memberships WHERE workspace_id <> \(bind: workspaceID) AND user_id = \(bind: id)")
        if elsewhere > 0 {
            accountKept = elsewhere == 1 ? "still a member of 1 other workspace" : "still a member of \(elsewhere) other workspaces"
        } else if try user.decode(column: "instance_admin", as: Int.self) == 1 {
            accountKept = "an instance administrator"
        } else {
            try await remove(.sessions, "sessions WHERE user_id = \(bind: id)")
            try await remove(.apiTokens, "api_tokens WHERE user_id = \(bind: id)")
            try await remove(.accounts, "users WHERE id = \(bind: id)")
            accountErased = true
        }
    }

    /// Entries stay (an entry that vanished would hide what happened); where they name the
    /// person, as the actor (by page, or by their API token) or as the user record, the name is
    /// replaced. Matched whole, so another address that contains this one is left alone.
    private mutating func anonymizeAuditLog() async throws {
        let scope: SQLQueryString =
            accountErased ? "(workspace_id = \(bind: workspaceID) OR workspace_id IS NULL)" : "workspace_id = \(bind: workspaceID)"
        let token = " (API token)", erased = LifecycleRepository.erasedPerson
        let actor: SQLQueryString = "actor IN (\(bind: email), \(bind: email + token))"
        let record: SQLQueryString = "record = \(bind: "user:" + email)"
        counts[.auditEntriesAnonymized] = try await count("audit_log WHERE \(scope) AND (\(actor) OR \(record))")
        guard apply else { return }
        try await db.raw(
            """
            UPDATE audit_log SET actor = CASE actor WHEN \(bind: email) THEN \(bind: erased) ELSE \(bind: erased + token) END
            WHERE \(scope) AND \(actor)
            """
        ).run()
        try await db.raw("UPDATE audit_log SET record = 'user:erased' WHERE \(scope) AND \(record)").run()
    }

    private func count(_ rows: SQLQueryString) async throws -> Int {
        try await LifecycleRepository.count(db, "SELECT COUNT(*) AS n FROM \(rows)")
    }

    /// Counts the rows (adding to what `kind` has), and deletes them when applying.
    private mutating func remove(_ kind: Footprint.Kind, _ rows: SQLQueryString) async throws {
        counts[kind, default: 0] += try await count(rows)
        if apply { try await db.raw("DELETE FROM \(rows)").run() }
    }
}
