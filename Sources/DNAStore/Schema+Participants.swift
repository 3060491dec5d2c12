extension Schema {
    /// A workspace's people who can be invited: by e-mail (stored in lower case, one row per
    /// address), with their unit, role, language and manager's e-mail. No column here or
    /// anywhere else joins a participant to an answer.
    static let participants = Migration(
        name: "0010-participants",
        statements: [
            """
            CREATE TABLE participants (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                email TEXT NOT NULL CHECK (email = lower(email) AND email <> ''),
                name TEXT NOT NULL DEFAULT '',
                unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
                role_id TEXT REFERENCES roles(id) ON DELETE SET NULL,
                language TEXT,
                manager_email TEXT,
                UNIQUE (workspace_id, email)
            )
            """,
            "CREATE INDEX participants_unit ON participants (unit_id)",
            "CREATE INDEX participants_manager ON participants (workspace_id, manager_email)",
        ]
    )
}
