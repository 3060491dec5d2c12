extension Schema {
    /// Coarsens what databases written before `AnonymousWrites` hold: spent links go, times on
    /// both sides of the cut keep only their day, and on SQLite the answer tables get random
    /// rowids so their stored order no longer follows the order of handing in. The `used_at`
    /// columns stay (migrations never drop what older code may read) but are no longer written.
    static let anonymityAtRest = Migration(
        name: "0005-anonymity-at-rest",
        statements: [
            "DELETE FROM respondent_tokens WHERE used_at IS NOT NULL",
            "DELETE FROM survey_tokens WHERE used_at IS NOT NULL",
            "UPDATE respondent_tokens SET created_at = created_at - (created_at % 86400)",
            "UPDATE survey_tokens SET created_at = created_at - (created_at % 86400)",
            """
            UPDATE responses SET started_at = started_at - (started_at % 86400),
                submitted_at = submitted_at - (submitted_at % 86400)
            """,
            """
            UPDATE survey_respondents SET started_at = started_at - (started_at % 86400),
                submitted_at = submitted_at - (submitted_at % 86400)
            """,
            // Companions for a hand-in's mixing write are read from a random point of these.
            "CREATE INDEX responses_campaign_id ON responses (campaign_id, id)",
            "CREATE INDEX survey_respondents_survey_id ON survey_respondents (survey_id, id)",
        ],
        sqliteOnly: [
            "UPDATE responses SET rowid = (random() & 9223372036854775807)",
            "UPDATE response_texts SET rowid = (random() & 9223372036854775807)",
            "UPDATE survey_respondents SET rowid = (random() & 9223372036854775807)",
            "UPDATE survey_answers SET rowid = (random() & 9223372036854775807)",
        ]
    )
}
