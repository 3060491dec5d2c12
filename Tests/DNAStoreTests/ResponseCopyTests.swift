import DNACore
import DNATestSupport
import Foundation
import SQLKit
import Testing

@testable import DNAStore

/// Imports on PostgreSQL stream rows with COPY's text format, where tab, newline and backslash
/// are syntax; on SQLite they are bound values. Either way the text stored is the text sent.
@Suite("Response rows stored as sent")
struct ResponseCopyTests {
    @Test("respondent keys with tabs, newlines, backslashes and \\N are stored exactly", arguments: TestDatabase.available)
    func hostileKeys(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await AssessmentStoreTests.setUp(store)
            let keys = ["tab\there", "line\nbreak", #"back\slash"#, #"\N"#, "cr\rhere", "ünïcødé ✓", "plain"]
            let header = "respondent,unit,role," + AssessmentStoreTests.purposeItems.map(\.id).joined(separator: ",")
            let answers = AssessmentStoreTests.purposeItems.map { _ in "4" }.joined(separator: ",")
            let rows = keys.map { key in "\"\(key)\",sales,,\(answers)" }
            let imported = try await store.campaigns.importResponses(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv",
                text: ([header] + rows).joined(separator: "\n") + "\n", now: 1_000_000)
            #expect(imported == keys.count)
            let stored = try await store.read { db in
                try await db.select().column("respondent_key").column("unit_id").column("likert").from("responses")
                    .where("campaign_id", .equal, SQLBind(setup.campaign.id)).all()
            }
            #expect(Set(try stored.map { try $0.decode(column: "respondent_key", as: String.self) }) == Set(keys))
            #expect(try stored.allSatisfy { try $0.decode(column: "unit_id", as: String?.self) == setup.units["sales"] })
            let scorecard = try await store.scorecards.scorecard(workspace: setup.workspace, campaign: setup.campaign, breakdown: .none)
            let expected = AssessmentStoreTests.expectedPurpose(keys.map { _ in AssessmentStoreTests.purposeItems.map { _ in "4" } })
            let purpose = try #require(scorecard.result.overall.scores?.dimension("os-canvas", "purpose"))
            #expect(purpose.n == keys.count && abs(purpose.mean - expected.mean) < 1e-12)
        }
    }

    @Test(
        "a long import can tell PostgreSQL's planner how large the table has grown, inside its transaction",
        .enabled(if: TestDatabase.available.contains(.postgres), "PostgreSQL only: SQLite needs no statistics"))
    func statisticsInsideTransaction() async throws {
        try await TestDatabase.postgres.withStore { store in
            let setup = try await AssessmentStoreTests.setUp(store)
            let header = "respondent,unit,role," + AssessmentStoreTests.purposeItems.map(\.id).joined(separator: ",")
            let answers = AssessmentStoreTests.purposeItems.map { _ in "3" }.joined(separator: ",")
            let text = ([header] + (0..<30).map { "p\($0),sales,,\(answers)" }).joined(separator: "\n") + "\n"
            _ = try await store.campaigns.importResponses(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: text, now: 1_000_000)
            let counted = try await store.write { db in
                try await SQLDialectQuirks.refreshStatistics(db, store.kind, table: "responses")
                return try await db.raw("SELECT reltuples FROM pg_class WHERE relname = 'responses'").first()!
                    .decode(column: "reltuples", as: Double.self)
            }
            #expect(counted == 30)
        }
    }
}
