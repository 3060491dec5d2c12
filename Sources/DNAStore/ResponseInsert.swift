import DNACore
import SQLiteKit

/// Many responses into SQLite with their values bound directly: one multi-row INSERT per 500
/// rows, its text made once per row count, each value handed to SQLite as it is. Through
/// SQLKit the same statement is rebuilt and every value encoded for each batch, which took
/// about a fifth of a large import's time. It runs on the transaction's own connection, so an
/// import stays all or nothing.
enum ResponseInsert {
    static let rowsPerStatement = 500

    static func insert(_ rows: [CampaignRepository.ResponseRow], summed: Bool, into connection: SQLiteConnection) async throws {
        for chunk in rows.chunked(into: rowsPerStatement) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * ResponseCopy.columns.count)
            for row in chunk {
                binds.append(.text(row.id))
                binds.append(.text(row.campaignID))
                binds.append(text(row.respondentKey))
                binds.append(text(row.unitID))
                binds.append(text(row.roleID))
                binds.append(.text(LikertCodes.encode(row.likert)))
                binds.append(text(row.outcome))
                binds.append(.text(row.source))
                binds.append(.integer(Int(row.startedAt)))
                binds.append(row.submittedAt.map { .integer(Int($0)) } ?? .null)
                binds.append(.integer(summed ? 1 : 0))
            }
            try await connection.query(statement(rows: chunk.count), binds) { _ in }
        }
    }

    private static func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }

    /// `INSERT INTO responses (...) VALUES (?, ...), ...` for `rows` rows.
    static func statement(rows: Int) -> String {
        let placeholders = "(" + Array(repeating: "?", count: ResponseCopy.columns.count).joined(separator: ",") + ")"
        return "INSERT INTO responses (" + ResponseCopy.columns.joined(separator: ",") + ") VALUES "
            + Array(repeating: placeholders, count: rows).joined(separator: ",")
    }
}
