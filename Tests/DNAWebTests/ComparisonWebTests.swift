import DNACore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// The corrected comparison of each group with everyone else, end to end: a unit planted to
/// differ is marked in the stored scorecard, the report and the results page's heatmap.
@Suite("Corrected comparisons in the pages and API")
struct ComparisonWebTests {
    @Test(
        "a unit that differs from everyone else is marked, after correction, in the scorecard, the report and the heatmap",
        arguments: TestDatabase.available)
    func correctedComparisons(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture, population: #"{"claims":40,"hq":40}"#)
            for respondent in 1...60 {
                // Claims agrees about purpose, head office does not; authority is the same.
                let unit = respondent <= 30 ? "claims" : "hq"
                let purpose = unit == "claims" ? 4 + respondent % 2 : 1 + respondent % 2
                let sent = try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses", method: .post, headers: .bearer(fixture.adminToken),
                    body: ByteBuffer(
                        string:
                            #"{"respondent":"r\#(respondent)","unit":"\#(unit)","answers":{"purpose-customers":"\#(purpose)","authority-frontline":"\#(respondent % 5 + 1)"}}"#
                    ))
                #expect(sent.status == .created, "\(sent.text)")
            }
            let scorecard = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/scorecard?by=unit", method: .get, headers: .bearer(fixture.adminToken)
            )
            #expect(scorecard.status == .ok, "\(scorecard.text)")
            let groups = try scorecard.json()["groups"] as? [[String: Any]]
            let claims = try #require(groups?.first { $0["group"] as? String == "claims" })
            let dimensions = try #require(claims["dimensions"] as? [[String: Any]])
            let purpose = try #require(
                dimensions.first { $0["framework"] as? String == "os-canvas" && $0["dimension"] as? String == "purpose" })
            let versus = try #require(purpose["vs_rest"] as? [String: Any])
            #expect((versus["difference"] as? Double ?? 0) > 50 && (versus["q_value"] as? Double ?? 1) < 0.05)
            let authority = dimensions.first { $0["framework"] as? String == "os-canvas" && $0["dimension"] as? String == "authority" }
            #expect(((authority?["vs_rest"] as? [String: Any])?["q_value"] as? Double ?? 0) > 0.05)
            let report = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/report?format=md", method: .get, headers: .bearer(fixture.adminToken))
            #expect(report.text.contains("▲") && report.text.contains("Benjamini-Hochberg q < 0.05"))
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/campaigns/\(campaignID)/results", method: .get, headers: session.headers)
            #expect(page.text.contains("corrected over all cells") && page.text.contains("stroke-width=\"2.5\""))
        }
    }
}
