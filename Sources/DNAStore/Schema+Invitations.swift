extension Schema {
    /// Who was invited to which wave, through which single-use link, and when they were last
    /// reminded. The link's row in `respondent_tokens` is deleted when its answers are handed
    /// in, and nothing there points at the answers: a participant is known to have handed in,
    /// never what they answered. Days only, like the answers' own times.
    static let invitations = Migration(
        name: "0012-invitations",
        statements: [
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                invited_on BIGINT NOT NULL,
                reminded_on BIGINT,
                reminders BIGINT NOT NULL DEFAULT 0,
                UNIQUE (campaign_id, participant_id)
            )
            """
        ]
    )

    /// The days after a wave opens on which the invited who have not handed in are reminded
    /// (each runs once, whichever server gets to it first), and the day a person first opened
    /// their link, for the response-rate page's "opened". Opening is not answering: nothing
    /// here leads to the answers either.
    static let reminderDays = Migration(
        name: "0013-reminder-days",
        statements: [
            """
            CREATE TABLE reminder_days (
                campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                day BIGINT NOT NULL CHECK (day BETWEEN 1 AND 365),
                ran_at BIGINT,
                reminded BIGINT,
                PRIMARY KEY (campaign_id, day)
            )
            """,
            "ALTER TABLE invitations ADD COLUMN opened_on BIGINT",
        ]
    )

    /// Customers a study or vote was mailed to, from an address list: their link (as a hash;
    /// its `survey_tokens` row goes when the answers are sent, as for every customer link),
    /// language and segment, and when they were invited, opened the link and were reminded.
    /// Nothing here leads to the answers.
    static let surveyInvitations = Migration(
        name: "0014-survey-invitations",
        statements: [
            """
            CREATE TABLE survey_invitations (
                id TEXT PRIMARY KEY,
                workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                survey_id TEXT NOT NULL REFERENCES customer_surveys(id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                language TEXT,
                segment TEXT,
                token_hash TEXT NOT NULL UNIQUE,
                invited_on BIGINT NOT NULL,
                opened_on BIGINT,
                reminded_on BIGINT,
                reminders BIGINT NOT NULL DEFAULT 0,
                UNIQUE (survey_id, email)
            )
            """
        ]
    )

    /// How a workspace shows itself on respondent and customer pages and in mails. The logo
    /// is kept as base64 text (at most 256 KB of image), the same on both databases, and
    /// found by its SHA-256, which is its public address.
    static let branding = Migration(
        name: "0016-branding",
        statements: [
            """
            CREATE TABLE workspace_branding (
                workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
                display_name TEXT NOT NULL DEFAULT '',
                accent TEXT NOT NULL DEFAULT '',
                logo_type TEXT,
                logo_digest TEXT,
                logo_data TEXT,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX workspace_branding_logo ON workspace_branding (logo_digest)",
        ]
    )
}
