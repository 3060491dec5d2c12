extension Schema {
    /// The customer model beyond jobs and outcomes: segments, offerings, the top-tasks list;
    /// customer surveys (outcome studies and top-tasks votes) with their links and answers;
    /// task tests, the customer time ledger and customer-metric answers.
    ///
    /// A survey freezes its items (outcome or task codes with the wording shown) when it is
    /// created, so editing the model later cannot change what earlier respondents answered.
    static let customerModel = Migration(
        name: "0003-customer-model",
        statements: [
            """
            CREATE TABLE segments (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE offerings (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('product', 'service', 'information', 'app', 'channel')),
                description TEXT NOT NULL DEFAULT '',
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE offering_jobs (
                offering_id TEXT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
                job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                PRIMARY KEY (offering_id, job_id)
            )
            """,
            """
            CREATE TABLE customer_tasks (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE customer_surveys (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('outcome-study', 'top-tasks')),
                name TEXT NOT NULL,
                opens_at BIGINT NOT NULL,
                closes_at BIGINT,
                open_link TEXT UNIQUE,
                long_neck_share DOUBLE PRECISION NOT NULL DEFAULT 0.25,
                top_share DOUBLE PRECISION NOT NULL DEFAULT 0.5,
                created_at BIGINT NOT NULL,
                UNIQUE (workspace_id, name)
            )
            """,
            """
            CREATE TABLE survey_items (
                survey_id TEXT NOT NULL REFERENCES customer_surveys(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                code TEXT NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (survey_id, code)
            )
            """,
            """
            CREATE TABLE survey_respondents (
                id TEXT PRIMARY KEY,
                survey_id TEXT NOT NULL REFERENCES customer_surveys(id) ON DELETE CASCADE,
                respondent_key TEXT,
                segment TEXT NOT NULL DEFAULT '',
                shown_order TEXT NOT NULL DEFAULT '',
                source TEXT NOT NULL CHECK (source IN ('link', 'open-link', 'import', 'api')),
                started_at BIGINT NOT NULL,
                submitted_at BIGINT,
                UNIQUE (survey_id, respondent_key)
            )
            """,
            "CREATE INDEX survey_respondents_survey ON survey_respondents (survey_id, submitted_at)",
            """
            CREATE TABLE survey_answers (
                respondent_id TEXT NOT NULL REFERENCES survey_respondents(id) ON DELETE CASCADE,
                item TEXT NOT NULL,
                importance BIGINT CHECK (importance BETWEEN 1 AND 5),
                satisfaction BIGINT CHECK (satisfaction BETWEEN 1 AND 5),
                PRIMARY KEY (respondent_id, item)
            )
            """,
            """
            CREATE TABLE survey_tokens (
                token_hash TEXT PRIMARY KEY,
                survey_id TEXT NOT NULL REFERENCES customer_surveys(id) ON DELETE CASCADE,
                segment TEXT,
                respondent_id TEXT REFERENCES survey_respondents(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX survey_tokens_survey ON survey_tokens (survey_id)",
            """
            CREATE TABLE task_tests (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                task_code TEXT,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                target_seconds DOUBLE PRECISION NOT NULL CHECK (target_seconds > 0),
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE task_rounds (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                held_on TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (workspace_id, name)
            )
            """,
            """
            CREATE TABLE task_attempts (
                round_id TEXT NOT NULL REFERENCES task_rounds(id) ON DELETE CASCADE,
                participant TEXT NOT NULL,
                test_code TEXT NOT NULL,
                result TEXT NOT NULL CHECK (result IN ('success', 'failure', 'disaster')),
                seconds DOUBLE PRECISION NOT NULL CHECK (seconds > 0),
                target_seconds DOUBLE PRECISION NOT NULL CHECK (target_seconds > 0),
                PRIMARY KEY (round_id, participant, test_code)
            )
            """,
            """
            CREATE TABLE journeys (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                segment TEXT NOT NULL DEFAULT '',
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE journey_steps (
                id TEXT PRIMARY KEY,
                journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                customer_minutes DOUBLE PRECISION NOT NULL CHECK (customer_minutes >= 0),
                organization_minutes DOUBLE PRECISION NOT NULL CHECK (organization_minutes >= 0),
                frequency DOUBLE PRECISION NOT NULL CHECK (frequency >= 0),
                customers BIGINT NOT NULL CHECK (customers >= 0)
            )
            """,
            """
            CREATE TABLE journey_changes (
                id TEXT PRIMARY KEY,
                journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
                step_name TEXT NOT NULL,
                title TEXT NOT NULL,
                changed_on TEXT NOT NULL,
                customer_before DOUBLE PRECISION NOT NULL,
                customer_after DOUBLE PRECISION NOT NULL,
                organization_before DOUBLE PRECISION NOT NULL,
                organization_after DOUBLE PRECISION NOT NULL,
                frequency DOUBLE PRECISION NOT NULL,
                customers BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE customer_metric_answers (
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                metric TEXT NOT NULL CHECK (metric IN ('nps', 'csat', 'ces', 'ttfv')),
                respondent TEXT NOT NULL,
                segment TEXT NOT NULL DEFAULT '',
                answered_on TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (workspace_id, metric, respondent, answered_on)
            )
            """,
        ])

    /// Outcome sentences and task titles in other languages (a JSON object from language to
    /// text; empty for none), frozen into a survey's items with their wording.
    static let wordingTranslations = Migration(
        name: "0015-wording-translations",
        statements: [
            "ALTER TABLE outcomes ADD COLUMN translations TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE customer_tasks ADD COLUMN translations TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE survey_items ADD COLUMN translations TEXT NOT NULL DEFAULT ''",
        ]
    )
}
