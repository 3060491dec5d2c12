import DNACore
import SQLKit

extension MailOutboxRepository {
    static let columns = [
        "id", "workspace_id", "purpose", "recipient", "subject", "body_text", "body_html", "message_id", "state", "attempts",
        "next_attempt_at", "last_error", "sent_at", "created_at",
    ]

    /// Puts mails in the outbox, due at once.
    public func enqueue(_ mails: [OutboxMail]) async throws {
        try await write { db in try await Self.enqueue(mails, into: db) }
    }

    /// The same inside a caller's transaction, so a mail exists exactly when what it
    /// announces does.
    static func enqueue(_ mails: [OutboxMail], into db: any SQLDatabase) async throws {
        for batch in mails.chunked(into: 200) {
            var insert = db.insert(into: "mail_outbox").columns(columns)
            for mail in batch {
                insert = insert.values(
                    SQLBind(mail.id), SQLBind(mail.workspaceID), SQLBind(mail.purpose), SQLBind(mail.recipient), SQLBind(mail.subject),
                    SQLBind(mail.bodyText), SQLBind(mail.bodyHTML), SQLBind(mail.messageID), SQLBind(mail.state.rawValue),
                    SQLBind(mail.attempts), SQLBind(mail.nextAttemptAt), SQLBind(mail.lastError), SQLBind(mail.sentAt),
                    SQLBind(mail.createdAt))
            }
            try await insert.run()
        }
    }

    /// Claims up to `limit` mails that are due and not claimed by a sender still working on
    /// them, for `lease` seconds, counting the attempt. Several senders on one PostgreSQL
    /// never claim the same mail: the rows are locked as they are chosen and rows another
    /// sender has locked are skipped (`FOR UPDATE SKIP LOCKED`). SQLite has one writer at a
    /// time, so its claim is atomic as it is.
    public func claimDue(now: Int64, lease: Int64, limit: Int) async throws -> [OutboxMail] {
        let skipLocked = kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await write { db in
            try await db.raw(
                """
                UPDATE mail_outbox SET claimed_until = \(bind: now + lease), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM mail_outbox
                    WHERE state = 'pending' AND next_attempt_at <= \(bind: now)
                        AND (claimed_until IS NULL OR claimed_until < \(bind: now))
                    ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                )
                RETURNING \(unsafeRaw: Self.columns.joined(separator: ", "))
                """
            ).all().map { try $0.record(OutboxMail.self) }
        }
    }

    /// The mail went out: kept as a record, its bodies emptied.
    public func markSent(id: String, at now: Int64) async throws {
        try await write { db in
            try await db.update("mail_outbox").set("state", to: SQLBind("sent")).set("sent_at", to: SQLBind(now))
                .set("claimed_until", to: SQLBind(Int64?.none)).set("last_error", to: SQLBind(String?.none))
                .set("body_text", to: SQLBind("")).set("body_html", to: SQLBind("")).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// The attempt failed. A temporary failure is tried again later, until the attempts run
    /// out; a permanent one is given up at once. Either way the reason is kept for the pages.
    public func markFailed(id: String, reason: String, temporary: Bool, attempts: Int, now: Int64) async throws {
        let retry = temporary && attempts < OutboxMail.maximumAttempts
        try await write { db in
            var update = db.update("mail_outbox").set("last_error", to: SQLBind(String(reason.prefix(500))))
                .set("claimed_until", to: SQLBind(Int64?.none))
            if retry {
                update = update.set("next_attempt_at", to: SQLBind(now + OutboxMail.retryDelay(afterAttempt: attempts)))
            } else {
                update = update.set("state", to: SQLBind("failed")).set("body_text", to: SQLBind("")).set("body_html", to: SQLBind(""))
            }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }

    /// A workspace's mails for one purpose, by recipient, for the pages.
    public func mails(workspaceID: String, purpose: String) async throws -> [OutboxMail] {
        try await read { db in
            try await db.select().columns(Self.columns.map { SQLColumn($0) }).from("mail_outbox")
                .where("workspace_id", .equal, SQLBind(workspaceID)).where("purpose", .equal, SQLBind(purpose))
                .orderBy("recipient").all().map { try $0.record(OutboxMail.self) }
        }
    }

    /// How many mails wait to be sent, for `/metrics` and the pages.
    public func pendingCount() async throws -> Int {
        try await read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("mail_outbox")
                .where("state", .equal, SQLBind("pending")).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
