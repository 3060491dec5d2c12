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
}
