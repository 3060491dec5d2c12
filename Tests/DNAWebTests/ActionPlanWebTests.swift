import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// Action plans end to end on the demo: the spring action on meetings in customer service is
/// followed up by the autumn wave with the change the files' analysis of both waves gives, the
/// late one shows on the home page, the report lists them, and planning one through the API and
/// the page checks everything it names (and escapes what it is told).
@Suite("Action plans in the pages and API")
struct ActionPlanWebTests {
    /// Customer service's meetings score in a wave, from the wave's responses as a file would give them.
    static func serviceMeetings(_ store: Store, _ campaign: Campaign) async throws -> Double {
        let instrument = try campaign.instrument(frameworks: BuiltInFrameworks.all)
        let all = try await store.campaigns.assessmentResponses(campaign: campaign, instrument: instrument)
        let result = AssessmentScoring.score(instrument: instrument, responses: all, options: .init(breakdown: .unit))
        let service = try #require(result.groups.first { $0.group == "service" }?.scores)
        return try #require(service.dimension("os-canvas", "meetings")).score
    }

    @Test(
        "the demo's spring action is followed up in autumn; the late one is overdue; planning checks what it names",
        arguments: TestDatabase.available)
    func actionPlans(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let demo = try await fixture.store.loadDemo(now: FixedClock().now())
            let waves = try await fixture.store.campaigns.all(workspaceID: demo.id).sorted { $0.opensAt < $1.opensAt }
            let (spring, autumn) = (waves[0], waves[1])
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let api = "/api/v1/workspaces/harbor/actions"
            let listed = try await client.execute(uri: api, method: .get, headers: session.headers)
            #expect(listed.status == .ok, "\(listed.text)")
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.count == 3)
            let meetings = try #require(items.first { $0["dimension"] as? String == "meetings" })
            #expect(meetings["unit"] as? String == "service" && meetings["campaign_id"] as? String == spring.id)
            let follow = try #require(meetings["follow_up"] as? [String: Any])
            let before = try await Self.serviceMeetings(fixture.store, spring),
                after = try await Self.serviceMeetings(fixture.store, autumn)
            #expect(follow["campaign"] as? String == autumn.name)
            #expect(abs((follow["before"] as? Double ?? -1) - before) < 1e-9 && abs((follow["after"] as? Double ?? -1) - after) < 1e-9)
            #expect(abs((follow["change"] as? Double ?? -1) - (after - before)) < 1e-9)
            #expect((follow["p_value"] as? Double ?? 1) < 0.05, "the demo's autumn wave lifts meetings")
            let late = try #require(items.first { $0["dimension"] as? String == "resources" })
            #expect(late["overdue"] as? Bool == true && late["follow_up"] == nil)
            #expect(items.filter { $0["overdue"] as? Bool == true }.count == 1)

            let home = try await client.execute(uri: "/w/harbor", method: .get, headers: session.headers).text
            #expect(home.contains("Overdue actions") && home.contains(late["title"] as? String ?? "?"))
            let results = try await client.execute(uri: "/w/harbor/campaigns/\(autumn.id)/results", method: .get, headers: session.headers)
            #expect(results.text.contains("Actions and their follow-up") && results.text.contains(meetings["title"] as? String ?? "?"))
            #expect(results.text.contains("points in Pulse, autumn"), "the autumn results page shows the spring action's follow-up")
            let report = try await client.execute(
                uri: "/api/v1/workspaces/harbor/campaigns/\(autumn.id)/report?format=md", method: .get, headers: session.headers)
            #expect(report.text.contains("## Actions and their follow-up") && report.text.contains(meetings["title"] as? String ?? "?"))

            // Planning through the API: what it names must be this workspace's.
            func plan(_ fields: [String: String], token: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: api, method: .post, headers: token.map { .bearer($0) } ?? .bearer(fixture.adminToken),
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: fields)))
            }
            let base = [
                "title": "Weekly <script>alert(1)</script> review", "source": "driver", "dimension": "information", "due_on": "2030-01-31",
            ]
            let created = try await plan(
                base.merging(["unit": "claims", "owner_email": "ADMIN@acme.test", "campaign_id": autumn.id]) { $1 })
            #expect(created.status == .created, "\(created.text)")
            let made = try created.json()
            #expect(made["owner_email"] as? String == "admin@acme.test" && made["overdue"] as? Bool == false && made["follow_up"] == nil)
            for (extra, message) in [
                (["due_on": "31.01.2030"], "due_on: expected a date written YYYY-MM-DD"),
                (["unit": "nowhere"], "unit: no unit 'nowhere' in this workspace"),
                (["owner_email": "eve@other.test"], "owner: 'eve@other.test' is not a member of this workspace"),
                (["dimension": "nothing"], "dimension: 'os-canvas/nothing' is not a dimension of a framework here"),
                (["initiative": "nothing"], "initiative: no initiative 'nothing' in the line of sight"),
            ] {
                let refused = try await plan(base.merging(extra) { $1 })
                #expect(refused.status == .badRequest && refused.errorMessage == message, "\(refused.text)")
            }
            try await fixture.store.accounts.setMembership(Membership(workspaceID: demo.id, userID: fixture.outsider.id, access: .viewer))
            #expect(try await plan(base, token: fixture.outsiderToken).status == .forbidden)
            let id = try #require(made["id"] as? String)
            let done = try await client.execute(
                uri: api + "/\(id)/status", method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"status":"done"}"#))
            let status = try done.json()["status"] as? String
            #expect(done.status == .ok && status == "done")

            let page = try await client.execute(uri: "/w/harbor/actions", method: .get, headers: session.headers).text
            #expect(page.contains("Weekly &lt;script&gt;alert(1)&lt;/script&gt; review") && !page.contains("<script>alert(1)"))
            #expect(page.contains("+\(AnalysisOutput.rounded(after - before, 1)) points in Pulse, autumn"))
            let refused = try await CustomerModelWebTests.post(
                client, session, "/w/harbor/actions", [("title", "Keep what I typed"), ("dimension", "purpose"), ("due", "soon")])
            #expect(refused.status == .badRequest && refused.text.contains("due_on: expected a date written YYYY-MM-DD"))
            #expect(refused.text.contains(#"value="Keep what I typed""#))
            let planned = try await CustomerModelWebTests.post(
                client, session, "/w/harbor/actions",
                [("title", "Name the customer in every stand-up"), ("dimension", "purpose"), ("due", "2031-02-01")])
            #expect(planned.status == .found)

            // From a tension on its force's page: the form opens ready for it and keeps the link.
            let tension = try #require(
                try await fixture.store.scorecards.tensions(workspaceID: demo.id, framework: "os-canvas", dimension: "authority").first)
            let force = try await client.execute(uri: "/w/harbor/forces/authority", method: .get, headers: session.headers).text
            let link = "/w/harbor/actions?source=tension&amp;tension=\(tension.id)&amp;dimension=authority"
            #expect(force.contains("href=\"\(link)\""), "the tension links to a plan for it")
            let ready = try await client.execute(
                uri: link.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: session.headers
            ).text
            #expect(ready.contains(#"<input type="hidden" name="tension" value="\#(tension.id)"/>"#))
            #expect(ready.contains(#"<option value="authority" selected>"#) && ready.contains(#"<option value="tension" selected>"#))
            let fromTension = try await CustomerModelWebTests.post(
                client, session, "/w/harbor/actions",
                [
                    ("title", "Raise the limit for senior handlers"), ("source", "tension"), ("tension", tension.id),
                    ("dimension", "authority"), ("due", "2031-03-01"),
                ])
            #expect(fromTension.status == .found)
            let stored = try await fixture.store.actions.all(workspaceID: demo.id).first {
                $0.title == "Raise the limit for senior handlers"
            }
            #expect(stored?.tensionID == tension.id && stored?.source == .tension)
        }
    }

    @Test("an action without a follow-up says why: no wave named, no next wave yet, or its unit not shown in the next wave")
    func followUpWording() {
        let action = ActionPlan(
            campaignID: "c1", title: "t", source: .driver, ownerEmail: nil, dueOn: "2030-01-01", dimension: "meetings", unit: "service")
        var unnamed = action
        unnamed.campaignID = nil
        let followed = ActionFollowUp(campaign: "Autumn", before: 50, after: 58.73, change: 8.73, pValue: 0.0163)
        let cases: [(ActionPlanService.Item, String)] = [
            (.init(action: unnamed, overdue: false, followUp: nil, nextWave: nil), "no wave named"),
            (.init(action: action, overdue: false, followUp: nil, nextWave: nil), "waits for the next wave"),
            (.init(action: action, overdue: false, followUp: nil, nextWave: "Autumn"), "not shown in Autumn: too few answers there yet"),
            (.init(action: action, overdue: false, followUp: followed, nextWave: "Autumn"), "+8.7 points in Autumn (50 to 59; p = 0.016)"),
        ]
        for (item, words) in cases { #expect(ActionWording.followUp(item).resolved == words) }
    }
}
