extension Schema {
    /// The line of sight and the improvement loop: the typed graph strategy -> capability ->
    /// initiative -> customer outcome -> business impact; metrics with their measurements and
    /// the objectives that pair them; hypotheses; the evidence repository with its links and
    /// full-text search; the decision log.
    ///
    /// Evidence links name their target by kind and code (a node, job, outcome, hypothesis
    /// or decision), so one table serves every kind; the store removes a target's links when
    /// it removes the target.
    static let lineOfSight = Migration(
        name: "0004-line-of-sight",
        statements: [
            """
            CREATE TABLE los_nodes (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('strategy', 'capability', 'initiative', 'outcome', 'impact')),
                title TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                effort DOUBLE PRECISION,
                budget DOUBLE PRECISION,
                status TEXT CHECK (status IN ('planned', 'active', 'shipped', 'stopped')),
                shipped_on TEXT,
                position BIGINT NOT NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE los_edges (
                from_id TEXT NOT NULL REFERENCES los_nodes(id) ON DELETE CASCADE,
                to_id TEXT NOT NULL REFERENCES los_nodes(id) ON DELETE CASCADE,
                PRIMARY KEY (from_id, to_id)
            )
            """,
            "CREATE INDEX los_edges_to ON los_edges (to_id)",
            """
            CREATE TABLE metrics (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('customer-value', 'business-value')),
                unit TEXT NOT NULL DEFAULT '',
                direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
                target DOUBLE PRECISION,
                node_id TEXT REFERENCES los_nodes(id) ON DELETE SET NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE measurements (
                metric_id TEXT NOT NULL REFERENCES metrics(id) ON DELETE CASCADE,
                measured_on TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (metric_id, measured_on)
            )
            """,
            """
            CREATE TABLE objectives (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                customer_metric_id TEXT NOT NULL REFERENCES metrics(id) ON DELETE RESTRICT,
                business_metric_id TEXT NOT NULL REFERENCES metrics(id) ON DELETE RESTRICT,
                strategy_id TEXT REFERENCES los_nodes(id) ON DELETE SET NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE hypotheses (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                change TEXT NOT NULL,
                segment TEXT NOT NULL DEFAULT '',
                outcome TEXT NOT NULL,
                impact TEXT NOT NULL DEFAULT '',
                metric_id TEXT REFERENCES metrics(id) ON DELETE SET NULL,
                metric_from DOUBLE PRECISION,
                metric_to DOUBLE PRECISION,
                by_date TEXT,
                status TEXT NOT NULL CHECK (status IN ('proposed', 'testing', 'validated', 'invalidated')),
                strategy_id TEXT REFERENCES los_nodes(id) ON DELETE SET NULL,
                initiative_id TEXT REFERENCES los_nodes(id) ON DELETE SET NULL,
                believed TEXT,
                observed TEXT,
                learned TEXT,
                next_step TEXT,
                created_on TEXT NOT NULL,
                closed_on TEXT,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE evidence (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('observation', 'quote', 'data-point')),
                source TEXT NOT NULL CHECK (source IN ('interview', 'survey', 'analytics', 'support', 'sales', 'review')),
                title TEXT NOT NULL,
                body TEXT NOT NULL DEFAULT '',
                captured_on TEXT NOT NULL,
                segment TEXT NOT NULL DEFAULT '',
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE evidence_tags (
                evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
                tag TEXT NOT NULL,
                PRIMARY KEY (evidence_id, tag)
            )
            """,
            """
            CREATE TABLE evidence_links (
                evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
                target_kind TEXT NOT NULL CHECK (target_kind IN ('node', 'job', 'outcome', 'hypothesis', 'decision')),
                target_code TEXT NOT NULL,
                stance TEXT NOT NULL CHECK (stance IN ('supports', 'contradicts')),
                PRIMARY KEY (evidence_id, target_kind, target_code)
            )
            """,
            "CREATE INDEX evidence_links_target ON evidence_links (target_kind, target_code)",
            """
            CREATE TABLE decisions (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                context TEXT NOT NULL DEFAULT '',
                options TEXT NOT NULL DEFAULT '',
                chosen TEXT NOT NULL DEFAULT '',
                involvement TEXT NOT NULL CHECK (involvement IN ('partner', 'counterweight', 'none')),
                decided_by TEXT NOT NULL DEFAULT '',
                unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
                decided_on TEXT NOT NULL,
                initiative_id TEXT REFERENCES los_nodes(id) ON DELETE SET NULL,
                UNIQUE (workspace_id, code)
            )
            """,
        ],
        // Full-text search over evidence titles and texts, with English stemming on both
        // databases. SQLite keeps an FTS5 table in step through triggers; PostgreSQL keeps a
        // generated tsvector column under a GIN index. `SQLDialectQuirks.evidenceSearch` queries them.
        sqliteOnly: [
            """
            CREATE VIRTUAL TABLE evidence_search USING fts5(
                evidence_id UNINDEXED, title, body, tokenize = 'porter unicode61'
            )
            """,
            """
            CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence BEGIN
                INSERT INTO evidence_search (evidence_id, title, body) VALUES (new.id, new.title, new.body);
            END
            """,
            """
            CREATE TRIGGER evidence_search_update AFTER UPDATE OF title, body ON evidence BEGIN
                UPDATE evidence_search SET title = new.title, body = new.body WHERE evidence_id = new.id;
            END
            """,
            """
            CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence BEGIN
                DELETE FROM evidence_search WHERE evidence_id = old.id;
            END
            """,
        ],
        postgresOnly: [
            """
            ALTER TABLE evidence ADD COLUMN search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
            ) STORED
            """,
            "CREATE INDEX evidence_search ON evidence USING GIN (search)",
        ])
}
