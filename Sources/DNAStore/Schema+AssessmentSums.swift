extension Schema {
    /// Kept sums of each campaign's scores per unit and per role (see `Store+AssessmentSums`).
    /// Responses stored so far count as summed; their sums are built on first read, because
    /// `sums_plan` starts empty.
    static let assessmentSums = Migration(
        name: "0006-assessment-sums",
        statements: [
            "ALTER TABLE campaigns ADD COLUMN sums_plan TEXT",
            "ALTER TABLE campaigns ADD COLUMN sums_version BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE responses ADD COLUMN summed INTEGER NOT NULL DEFAULT 0",
            "UPDATE responses SET summed = 1",
            // Matches the reads of unsummed answers (campaign, handed in) better than
            // responses_campaign, so SQLite picks it without statistics.
            "CREATE INDEX responses_unsummed ON responses (campaign_id, submitted_at) WHERE summed = 0",
        ],
        sqliteOnly: [sumsTable(.sqlite)],
        postgresOnly: [sumsTable(.postgres)]
    )

    private static func sumsTable(_ kind: DatabaseKind) -> String {
        """
        CREATE TABLE assessment_sums (
            campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('unit', 'role')),
            member_id TEXT NOT NULL,
            respondents BIGINT NOT NULL,
            named BIGINT NOT NULL,
            sums \(SQLDialectQuirks.blob(kind)) NOT NULL,
            PRIMARY KEY (campaign_id, kind, member_id)
        )
        """
    }
}
