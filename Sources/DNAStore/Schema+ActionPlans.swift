extension Schema {
    /// Actions planned on a wave's results, followed up by the next wave (`ActionPlanRepository`).
    static let actionPlans = Migration(
        name: "0022-action-plans",
        statements: [
            """
            CREATE TABLE action_plans (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('tension', 'gap', 'driver')),
                tension_id TEXT REFERENCES tensions(id) ON DELETE SET NULL,
                owner_email TEXT,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'doing', 'done', 'dropped')),
                framework TEXT NOT NULL,
                dimension TEXT NOT NULL,
                unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
                initiative TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX action_plans_workspace ON action_plans (workspace_id, due_on)",
        ]
    )
}
