extension Schema {
    /// The audit log (see `Store+AuditLog`). Entries of a deleted workspace stay: the log is
    /// append-only and outlives what it describes.
    static let auditLog = Migration(
        name: "0007-audit-log",
        statements: [
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                workspace_id TEXT,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                via TEXT NOT NULL CHECK (via IN ('page', 'api', 'cli', 'scim', 'system')),
                action TEXT NOT NULL,
                record TEXT NOT NULL,
                summary TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at)",
        ]
    )
}
