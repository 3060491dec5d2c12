import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Open links as QR codes")
struct OpenLinkQRWebTests {
    @Test("a wave's open link comes as an uncached SVG QR code for analysts; none without an open link", arguments: TestDatabase.available)
    func campaignCode(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let path = "/w/acme/campaigns/\(campaignID)/open-link.svg"
            #expect(try await client.execute(uri: path, method: .get, headers: session.headers).status == .notFound)
            _ = try await CustomerModelWebTests.post(client, session, "/w/acme/campaigns/\(campaignID)/open-link", [("action", "create")])
            let page = try await client.execute(uri: "/w/acme/campaigns/\(campaignID)", method: .get, headers: session.headers)
            #expect(page.text.contains(#"<img src="\#(path)" alt="QR code of the open link""#))
            let code = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(code.status == .ok && code.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(
                code.headers[.cacheControl] == "no-store" && code.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            #expect(
                code.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && code.text.contains("<title>Open link to Pilot</title>"))
            // The link the code holds is the one the page shows: drawn from the same QRCode.
            let campaign = try await fixture.store.campaigns.campaign(workspaceID: fixture.acme.id, id: campaignID)
            let link = "http://127.0.0.1:8080" + SiteURL.openLink(try #require(campaign.openLink)).path
            #expect(code.text == (try QRCode(link).svg(title: "Open link to Pilot")))
            // Signed out, the code is not given.
            let anonymous = try await client.execute(uri: path, method: .get)
            #expect(anonymous.status == .found || anonymous.status == .unauthorized)
        }
    }
}
