import Testing

@testable import DNAStore

/// Records are decoded by turning each property name into its column; the fast byte-wise
/// conversion must give what the careful one gives.
@Suite("Column names of record properties")
struct ColumnNameTests {
    @Test("camel case becomes snake case, with ID and numbers kept whole")
    func columns() {
        let cases = [
            ("id", "id"), ("workspaceID", "workspace_id"), ("minGroupSize", "min_group_size"),
            ("openAnswerRetentionDays", "open_answer_retention_days"), ("parentID", "parent_id"), ("level2Name", "level2_name"),
            ("URL", "url"), ("already_snake", "already_snake"), ("", ""),
            // Outside ASCII, the conversion by characters.
            ("størrelseÅr", "størrelse_år"),
        ]
        for (property, column) in cases { #expect(columnName(of: property) == column, "\(property)") }
    }
}
