extension Schema {
    /// Single sign-on with OpenID Connect (see `SingleSignOnRepository`): sign-ins under way
    /// (kept here, not in a server's memory, so any server can finish what another began),
    /// which provider identity is which user, and per workspace the directory groups that grant
    /// a role there.
    static let singleSignOn = Migration(
        name: "0020-single-sign-on",
        statements: [
            """
            CREATE TABLE oidc_sign_ins (
                state_hash TEXT PRIMARY KEY,
                nonce TEXT NOT NULL,
                code_verifier TEXT NOT NULL,
                next_path TEXT,
                expires_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE oidc_identities (
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                signed_in_at BIGINT NOT NULL,
                PRIMARY KEY (issuer, subject)
            )
            """,
            "CREATE INDEX oidc_identities_user ON oidc_identities (user_id)",
            """
            CREATE TABLE sso_group_roles (
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                group_name TEXT NOT NULL,
                access TEXT NOT NULL CHECK (access IN ('viewer', 'analyst', 'admin')),
                PRIMARY KEY (workspace_id, group_name)
            )
            """,
        ]
    )

    /// Which client address began each sign-in under way, so one address cannot hold more
    /// than its share of them (`SingleSignOnRepository.pendingPerAddress`): starting a
    /// sign-in needs no account, and without this one machine could fill the whole table and
    /// keep everyone else from signing in.
    static let signInAddress = Migration(
        name: "0023-sign-in-address",
        statements: [
            "ALTER TABLE oidc_sign_ins ADD COLUMN client_address TEXT",
            "CREATE INDEX oidc_sign_ins_address ON oidc_sign_ins (client_address)",
        ]
    )
}
