extension Schema {
    /// Per workspace, how many people must have written before a group's open answers and
    /// their themes are shown (never below k, which the code enforces as well).
    static let commentThreshold = Migration(
        name: "0021-comment-threshold",
        statements: [
            "ALTER TABLE workspaces ADD COLUMN comment_threshold BIGINT NOT NULL DEFAULT 10 CHECK (comment_threshold >= 1)"
        ]
    )
}
