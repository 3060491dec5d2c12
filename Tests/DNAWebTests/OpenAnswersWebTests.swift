import DNACore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// A wave's open answers end to end: themes and counts by unit in the API, the comment
/// threshold (with the rule that a hidden unit cannot be had by subtraction), the results page
/// with folded answers and hostile text escaped, a force page that shows only the answers about
/// its force, and the threshold set by an admin from the privacy page and the API.
@Suite("Open answers in the pages and API")
struct OpenAnswersWebTests {
    static let themes = [
        ["invoice", "billing", "refund", "payment"], ["meetings", "agenda", "minutes", "standup"],
        ["portal", "login", "password", "browser"],
    ]

    /// Claims desk 24 people who wrote, head office 16, sales 12, legal 3.
    static func answers() -> [(unit: String, text: String)] {
        var answers: [(String, String)] = []
        for (unit, count) in [("claims", 24), ("hq", 16), ("sales", 12), ("legal", 3)] {
            for index in 0..<count {
                let words = themes[answers.count % 3]
                let text: String
                if unit == "legal" {
                    text = "The zebra crossing outside needs fixing \(index)"
                } else if answers.count < 6 {
                    text = answers.count % 2 == 0 ? "The invoice billing is a mess." : "the invoice billing is a MESS!"
                } else if answers.count == 7 {
                    text = "<script>alert('x')</script> \(words[0]) \(words[1])"
                } else {
                    text = "Our \(words[index % 4]) and the \(words[(index + 1) % 4]), \(words[(index + 2) % 4]) again"
                }
                answers.append((unit, text))
            }
        }
        return answers
    }

    @Test(
        "themes and counts by unit under the comment threshold, folded and escaped on the page, a force's own answers on its page",
        arguments: TestDatabase.available)
    func openAnswers(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // Eve, an admin elsewhere, reads this workspace as a viewer.
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .viewer))
            let headOffice = try await fixture.store.organization.units(workspaceID: fixture.acme.id).first { $0.code == "hq" }
            for (code, name) in [("sales", "Sales team"), ("legal", "Legal team")] {
                _ = try await fixture.store.organization.addUnit(
                    workspaceID: fixture.acme.id, code: code, name: name, parentID: headOffice?.id)
            }
            let campaignID = try await AssessmentWebTests.createCampaign(
                client, fixture, population: #"{"claims":30,"hq":20,"sales":15,"legal":5}"#)
            for (number, answer) in Self.answers().enumerated() {
                let body: [String: Any] = [
                    "respondent": "r\(number)", "unit": answer.unit,
                    "answers": ["purpose-customers": "4", "value-in-own-words": answer.text],
                ]
                let sent = try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses", method: .post, headers: .bearer(fixture.adminToken),
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
                #expect(sent.status == .created, "\(sent.text)")
            }
            let api = "/api/v1/workspaces/acme/campaigns/\(campaignID)/comments"
            let report = try await client.execute(uri: api + "?by=unit", method: .get, headers: .bearer(fixture.outsiderToken)).json()
            #expect(report["min_comments"] as? Int == 10 && report["answers"] as? Int == 55 && report["respondents"] as? Int == 55)
            let themes = try #require(report["themes"] as? [[String: Any]])
            #expect(themes.count >= 3 && themes.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } + (report["unthemed"] as? Int ?? 0) == 55)
            for words in Self.themes {
                #expect(
                    themes.contains { Set(($0["terms"] as? [String] ?? []).prefix(3)).isSubset(of: Set(words + ["invoice", "mess"])) },
                    "a theme is led by \(words)")
            }
            let groups = Dictionary(
                uniqueKeysWithValues: try #require(report["groups"] as? [[String: Any]]).map { ($0["group"] as? String ?? "", $0) })
            #expect(groups["Legal team"]?.count == 2 && groups["Legal team"]?["suppressed"] as? Bool == true)
            #expect(groups["Sales team"]?.count == 2, "alone, legal could be had as everyone less the units shown")
            #expect(groups["Claims desk"]?["respondents"] as? Int == 24 && groups["Acme head office"]?["respondents"] as? Int == 16)
            let folded = try #require(report["comments"] as? [[String: Any]]).first
            #expect(folded?["count"] as? Int == 6 && (folded?["text"] as? String ?? "").lowercased().hasPrefix("the invoice billing"))

            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/campaigns/\(campaignID)/results", method: .get, headers: session.headers).text
            #expect(page.contains("What people wrote") && page.contains("(6 people wrote nearly this)"))
            #expect(page.contains("&lt;script&gt;alert") && !page.contains("<script>alert"))
            #expect(page.contains("<summary>Claims desk: 24 answers</summary>") && !page.contains("<summary>Legal team"))
            let force = try await client.execute(uri: "/w/acme/forces/meetings", method: .get, headers: session.headers).text
            #expect(force.contains("standup") && !force.contains("billing") && !force.contains("zebra"))

            // The threshold: an admin raises it from the privacy page; under k is refused.
            let raised = try await CustomerModelWebTests.post(client, session, "/w/acme/privacy/comment-threshold", [("people", "60")])
            #expect(raised.status == .ok && raised.text.contains("at least 60 people wrote"), "\(raised.status)")
            let hidden = try await client.execute(uri: api, method: .get, headers: .bearer(fixture.outsiderToken)).json()
            #expect(hidden["suppressed"] as? Bool == true && (hidden["themes"] as? [Any])?.isEmpty == true && hidden["answers"] == nil)
            let closed = try await client.execute(uri: "/w/acme/campaigns/\(campaignID)/results", method: .get, headers: session.headers)
            #expect(closed.text.contains("Fewer than 60 people wrote") && !closed.text.contains("zebra"))
            #expect(
                !(try await client.execute(uri: "/w/acme/forces/meetings", method: .get, headers: session.headers)).text.contains("standup")
            )
            let low = try await client.execute(
                uri: "/api/v1/workspaces/acme/comment-threshold", method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"comment_threshold":3}"#))
            #expect(low.status == .badRequest && low.errorMessage?.contains("expected 5 (the anonymity threshold k)") == true)
            let byViewer = try await client.execute(
                uri: "/api/v1/workspaces/acme/comment-threshold", method: .put, headers: .bearer(fixture.outsiderToken),
                body: ByteBuffer(string: #"{"comment_threshold":12}"#))
            #expect(byViewer.status == .forbidden)
            let set = try await client.execute(
                uri: "/api/v1/workspaces/acme/comment-threshold", method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"comment_threshold":12}"#))
            let threshold = try set.json()["comment_threshold"] as? Int
            #expect(set.status == .ok && threshold == 12)
        }
    }
}
