import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("A manager's own teams")
struct MyTeamsWebTests {
    @Test(
        "a manager without a membership sees the units of the people under them, hidden under k as everywhere, and nothing else",
        arguments: TestDatabase.available)
    func managerView(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let store = fixture.store, acme = fixture.acme.id
            let team = (1...6).map { "c\($0)@acme.test,claims,boss@acme.test" } + ["h1@acme.test,hq,c1@acme.test"]
            _ = try await store.participants.importFile(
                workspaceID: acme, file: "p.csv",
                text: "email,unit,manager_email\nboss@acme.test,hq,\n" + team.joined(separator: "\n") + "\n")
            _ = try await fixture.dependencies.accounts.createUser(
                email: "boss@acme.test", name: "Boss", password: WebFixture.password, instanceAdmin: false)
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture, population: #"{"claims":6,"hq":2}"#)
            let rows = (1...6).map { "r\($0),claims,,\(1 + $0 % 5),4" } + ["h1,hq,,5,5", "h2,hq,,4,4"]
            let imported = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses/import", method: .post,
                headers: [.authorization: "Bearer \(fixture.adminToken)", .contentType: "text/csv"],
                body: ByteBuffer(string: "respondent,unit,role,purpose-customers,purpose-tradeoffs\n" + rows.joined(separator: "\n") + "\n")
            )
            #expect(imported.status == .ok || imported.status == .created, "\(imported.text)")

            let boss = try await client.signIn(email: "boss@acme.test", password: WebFixture.password)
            let index = try await client.execute(uri: "/", method: .get, headers: boss.headers)
            #expect(index.text.contains(#"href="/w/acme/my-teams""#) && index.text.contains("My teams in Acme"))
            let page = try await client.execute(uri: "/w/acme/my-teams", method: .get, headers: boss.headers)
            #expect(page.status == .ok && page.text.contains("7 people report to you in 2 units"))
            // The head office's results take in the claims desk under it (8 answers). Shown beside
            // them, the desk's 6 would give away the head office's own 2, so the desk is hidden:
            // exactly as on the workspace's results page.
            #expect(page.text.contains(#"data-label="Unit">Acme head office</td><td role="cell" data-label="Answers">8</td>"#))
            #expect(
                page.text.contains(
                    #"data-label="Unit">Claims desk</td><td role="cell" data-label="Answers">fewer than 5 or derivable: hidden</td>"#))
            let results = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/scorecard", method: .get, headers: .bearer(fixture.adminToken))
            #expect(results.text.contains(#""group":"claims","suppressed":true"#), "the workspace's own results hide the desk too")
            #expect(!page.text.contains(#"href="/w/acme/campaigns""#), "no navigation to pages a non-member cannot open")
            #expect(try await client.execute(uri: "/w/acme/campaigns", method: .get, headers: boss.headers).status == .notFound)

            // Someone who is neither a member nor a manager there learns nothing.
            let eve = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            #expect(try await client.execute(uri: "/w/acme/my-teams", method: .get, headers: eve.headers).status == .notFound)
            // A member who manages nobody is told so.
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let none = try await client.execute(uri: "/w/acme/my-teams", method: .get, headers: admin.headers)
            #expect(none.status == .ok && none.text.contains("Nobody in this workspace&#39;s participants lists admin@acme.test"))
            // Signed out, the page asks to sign in.
            #expect(try await client.execute(uri: "/w/acme/my-teams", method: .get).status == .found)
        }
    }
}
