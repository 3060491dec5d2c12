extension Schema {
    /// SCIM provisioning (see `ScimRepository`): a bearer token per workspace, and what the
    /// directory says of a participant beyond the participants file: its own user name and id,
    /// and whether the person is active. Kept beside `participants`, so its rows and the
    /// participants file stay as they were.
    static let scim = Migration(
        name: "0018-scim",
        statements: [
            """
            CREATE TABLE scim_tokens (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT
            )
            """,
            """
            CREATE TABLE scim_identities (
                participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                user_name TEXT NOT NULL,
                external_id TEXT,
                active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (workspace_id, user_name)
            )
            """,
        ]
    )
}
