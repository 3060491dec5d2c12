extension Schema {
    /// Members managed in the pages (see `AccountRepository+Members`): a membership can be
    /// deactivated without losing it, and a person invited by e-mail, or whose password an
    /// admin reset, sets their password through a single-use link kept as a hash.
    static let members = Migration(
        name: "0019-members",
        statements: [
            "ALTER TABLE memberships ADD COLUMN deactivated_at BIGINT",
            """
            CREATE TABLE account_links (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX account_links_user ON account_links (user_id)",
        ]
    )
}
