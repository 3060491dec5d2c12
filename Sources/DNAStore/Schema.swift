/// Every migration CustomerDNA has shipped, in order. Append only.
enum Schema {
    static let migrations: [Migration] = [foundation]

    static let foundation = Migration(
        name: "0001-foundation",
        statements: [
            """
            CREATE TABLE workspaces (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                min_group_size BIGINT NOT NULL DEFAULT 5 CHECK (min_group_size >= 1),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE units (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                parent_id TEXT REFERENCES units(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            "CREATE INDEX units_parent ON units (parent_id)",
            """
            CREATE TABLE roles (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                instance_admin BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE memberships (
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                access TEXT NOT NULL CHECK (access IN ('admin', 'analyst', 'viewer')),
                PRIMARY KEY (workspace_id, user_id)
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT
            )
            """,
            """
            CREATE TABLE login_attempts (
                attempt_key TEXT NOT NULL,
                attempted_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX login_attempts_key ON login_attempts (attempt_key, attempted_at)",
            """
            CREATE TABLE frameworks (
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                source TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (workspace_id, id)
            )
            """,
        ])
}
