extension Schema {
    /// Mail waiting to go out, durable: a mail is written here in the same transaction as what
    /// it announces, and a sender in any `cdna serve` process claims it for a while (a lease),
    /// sends it and records how that went. After a mail is sent or given up, its bodies are
    /// emptied: a personal link does not stay in the database longer than it takes to mail it.
    static let mailOutbox = Migration(
        name: "0011-mail-outbox",
        statements: [
            """
            CREATE TABLE mail_outbox (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                purpose TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                body_text TEXT NOT NULL,
                body_html TEXT NOT NULL,
                message_id TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
                attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                claimed_until BIGINT,
                last_error TEXT,
                sent_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at)",
            "CREATE INDEX mail_outbox_purpose ON mail_outbox (workspace_id, purpose)",
        ]
    )
}
