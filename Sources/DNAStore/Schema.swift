/// Every migration CustomerDNA has shipped, in order. Append only.
enum Schema {
    static let migrations: [Migration] = [
        foundation, assessment, customerModel, lineOfSight, anonymityAtRest, assessmentSums, auditLog, surveyPublicTitle,
        surveyNotApplicable, participants, mailOutbox, invitations, reminderDays, surveyInvitations,
        wordingTranslations, branding, openAnswerRetention, scim, members, singleSignOn, commentThreshold, actionPlans,
        signInAddress,
    ]

    /// An outcome a customer marked as not applicable to them: no ratings, counted apart.
    static let surveyNotApplicable = Migration(
        name: "0009-survey-not-applicable",
        statements: ["ALTER TABLE survey_answers ADD COLUMN not_applicable BIGINT NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1))"]
    )

    /// The title customers see, apart from the internal name (empty: the kind's default).
    static let surveyPublicTitle = Migration(
        name: "0008-survey-public-title",
        statements: ["ALTER TABLE customer_surveys ADD COLUMN public_title TEXT NOT NULL DEFAULT ''"]
    )

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

    /// Campaigns, respondent links and responses; the customer outcomes the line-of-sight item
    /// offers; tensions and experiments per force.
    ///
    /// A response keeps its likert answers as one short string, a character per likert item
    /// of the campaign's frozen instrument ('1'-'5', 'd' don't know, '.' missing): a
    /// scorecard of 100k respondents then reads 100k rows, not 6M.
    static let assessment = Migration(
        name: "0002-assessment",
        statements: [
            """
            CREATE TABLE instruments (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                statement TEXT NOT NULL,
                situation TEXT NOT NULL DEFAULT '',
                step TEXT,
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE outcomes (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                code TEXT NOT NULL,
                job_id TEXT REFERENCES jobs(id) ON DELETE SET NULL,
                direction TEXT NOT NULL CHECK (direction IN ('minimize', 'increase')),
                metric TEXT NOT NULL,
                object TEXT NOT NULL,
                clarifier TEXT NOT NULL DEFAULT '',
                UNIQUE (workspace_id, code)
            )
            """,
            """
            CREATE TABLE campaigns (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                instrument_code TEXT NOT NULL,
                instrument_source TEXT NOT NULL,
                opens_at BIGINT NOT NULL,
                closes_at BIGINT,
                open_link TEXT UNIQUE,
                created_at BIGINT NOT NULL,
                UNIQUE (workspace_id, name)
            )
            """,
            """
            CREATE TABLE campaign_units (
                campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
                invited BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (campaign_id, unit_id)
            )
            """,
            """
            CREATE TABLE responses (
                id TEXT PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                respondent_key TEXT,
                unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
                role_id TEXT REFERENCES roles(id) ON DELETE SET NULL,
                likert TEXT NOT NULL,
                outcome TEXT,
                source TEXT NOT NULL CHECK (source IN ('link', 'open-link', 'import', 'api')),
                started_at BIGINT NOT NULL,
                submitted_at BIGINT,
                UNIQUE (campaign_id, respondent_key)
            )
            """,
            "CREATE INDEX responses_campaign ON responses (campaign_id, submitted_at)",
            """
            CREATE TABLE response_texts (
                response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (response_id, item_id)
            )
            """,
            """
            CREATE TABLE respondent_tokens (
                token_hash TEXT PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
                response_id TEXT REFERENCES responses(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX respondent_tokens_campaign ON respondent_tokens (campaign_id)",
            """
            CREATE TABLE tensions (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL,
                framework TEXT NOT NULL,
                dimension TEXT NOT NULL,
                text TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('open-answer', 'manual')),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE experiments (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                tension_id TEXT REFERENCES tensions(id) ON DELETE SET NULL,
                framework TEXT NOT NULL,
                dimension TEXT NOT NULL,
                practice TEXT NOT NULL,
                hypothesis TEXT NOT NULL,
                participants TEXT NOT NULL,
                duration_days BIGINT NOT NULL CHECK (duration_days >= 1),
                review_on TEXT NOT NULL,
                outcome TEXT,
                created_at BIGINT NOT NULL
            )
            """,
        ])
}
