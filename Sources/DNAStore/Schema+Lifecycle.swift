extension Schema {
    /// A workspace may keep open answers for a limited time (see `LifecycleRepository`);
    /// `responses_campaign` finds the answers old enough to go.
    static let openAnswerRetention = Migration(
        name: "0017-open-answer-retention",
        statements: [
            """
            ALTER TABLE workspaces ADD COLUMN open_answer_retention_days BIGINT
                CHECK (open_answer_retention_days IS NULL OR open_answer_retention_days >= 1)
            """
        ]
    )
}
