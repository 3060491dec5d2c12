import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// The holes an attacker's probe found (issue 11), each kept closed by a test.
@Suite("Security")
struct SecurityTests {
    static let payload = #"x"><meta http-equiv="refresh" content="0;url=https://phish.invalid/">"#

    @Test("codes with '&', '#' or '=' stay one query value in every link a page builds", arguments: TestDatabase.available)
    func queryValuesEncoded(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: a segment whose code would add a parameter and cut the link if written raw
            let model = CustomerModelWebTests.modelYAML.replacingOccurrences(of: "{code: smb,", with: "{code: 'smb&format=x#1',")
            _ = try await fixture.store.customerModels.importCustomerModel(workspaceID: fixture.acme.id, file: "m.yaml", text: model)
            let survey = try await fixture.store.surveys.create(
                workspaceID: fixture.acme.id, kind: .outcomeStudy, name: "Study", opensAt: 1, closesAt: nil, itemCodes: ["o1", "o2"],
                now: 1)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            // MUT
            let page = try await client.execute(
                uri: "/w/acme/surveys/\(survey.id)/results?segment=smb%26format%3Dx%231", method: .get, headers: session.headers)
            // validation
            #expect(page.status == .ok)
            #expect(page.text.contains("segment=smb%26format%3Dx%231"))
            #expect(!page.text.contains("segment=smb&amp;format=x#1") && !page.text.contains("segment=smb&format=x"))
            // A study's results have one JSON address, the API's: the page links there, and its
            // old ?format=json address points there.
            let api = "/api/v1/workspaces/acme/surveys/\(survey.id)/results?segment=smb%26format%3Dx%231"
            #expect(page.text.contains("href=\"\(api)\""))
            let old = try await client.execute(
                uri: "/w/acme/surveys/\(survey.id)/results?format=json&segment=smb%26format%3Dx%231", method: .get,
                headers: session.headers)
            #expect(old.status == .movedPermanently && old.headers[.location] == api)
            let json = try await client.execute(uri: api, method: .get, headers: session.headers)
            let segment = try json.json()["segment"] as? String
            #expect(json.status == .ok && segment == "smb&format=x#1")
        }
    }

    @Test("stored token hashes are SHA-256 in lower-case hex (tokens made before stay valid)")
    func tokenHash() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("hostile names never reach a page unescaped, in <head> or anywhere else", arguments: TestDatabase.available)
    func storedInjection(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: a workspace, a campaign and a survey named by an attacker
            let workspace = try await fixture.store.workspaces.create(slug: "evil", name: Self.payload, now: 1)
            try await fixture.store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: fixture.admin.id, access: .admin))
            _ = try await fixture.store.organization.importOrgChart(
                workspaceID: workspace.id, file: "org.csv",
                text: "unit,parent,name\nu,,\(Self.payload.replacingOccurrences(of: "\"", with: "'"))\n")
            let units = try await fixture.store.organization.units(workspaceID: workspace.id)
            let campaign = try await fixture.store.campaigns.create(
                workspaceID: workspace.id, name: Self.payload, instrument: .builtIn("customer-dna"), opensAt: 0, closesAt: nil,
                population: [units[0].id: 5], now: 0)
            try await fixture.store.campaigns.addRespondentTokens(
                workspaceID: workspace.id, campaignID: campaign.id, unitID: units[0].id, tokenHashes: [Secrets.hash("tok")], now: 0)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)

            // MUT
            let pages = [
                ("/w/evil", session.headers), ("/w/evil/campaigns", session.headers), ("/w/evil/campaigns/\(campaign.id)", session.headers),
                ("/w/evil/org", session.headers), ("/", session.headers), ("/r/tok", HTTPFields()),
            ]
            for (path, headers) in pages {
                let page = try await client.execute(uri: path, method: .get, headers: headers)
                // validation
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<meta http-equiv"), "\(path) carries the injected meta element")
                #expect(!page.text.contains("og:title"), "\(path) writes social meta tags")
            }
        }
    }

    @Test("the sign-in page does not reflect a hostile next parameter", arguments: TestDatabase.available)
    func reflectedInjection(database: TestDatabase) async throws {
        try await WebFixture.run(database) { _, client in
            let hostile = "%22%3E%3Cmeta%20http-equiv%3D%22refresh%22%20content%3D%220%3Burl%3Dhttps%3A%2F%2Fphish.invalid%2F%22%3E"
            let page = try await client.execute(uri: "/login?next=\(hostile)", method: .get)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<meta http-equiv"))
            #expect(!page.text.contains(#"name="next""#), "a next that is not a local path is dropped")
            let local = try await client.execute(uri: "/login?next=%2Fw%2Facme%3Fa%3D%22b", method: .get)
            #expect(local.text.contains(#"name="next" value="/w/acme?a=&quot;b""#))
        }
    }

    @Test(
        "only local paths are followed after sign-in",
        arguments: [
            ("/\\evil.example/", nil), ("//evil.example", nil), ("/\t/evil.example", nil), ("https://evil.example", nil),
            ("/%5Cevil.example", "/%5Cevil.example"), ("javascript:alert(1)", nil), ("/\u{0085}/evil", nil), ("", nil),
            ("/w/acme/campaigns", "/w/acme/campaigns"), ("/w/acme?by=unit", "/w/acme?by=unit"),
        ] as [(String, String?)])
    func localRedirects(candidate: String, expected: String?) {
        #expect(LocalRedirect.path(candidate) == expected)
    }

    @Test("an open redirect through the sign-in form lands on the home page instead", arguments: TestDatabase.available)
    func openRedirect(database: TestDatabase) async throws {
        try await WebFixture.run(database) { _, client in
            for (next, expected) in [("%2F%5Cevil.example%2F", "/"), ("%2F%2Fevil.example", "/"), ("%2Fw%2Facme", "/w/acme")] {
                let page = try await client.execute(uri: "/login", method: .get)
                let loginCookie = try #require(page.cookie("cdna_login_csrf")?.split(separator: ";").first.map(String.init))
                let token = String(loginCookie.dropFirst("cdna_login_csrf=".count))
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: loginCookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "email=admin@acme.test&password=correct+horse+battery&csrf_token=\(token)&next=\(next)"))
                #expect(response.status == .found)
                #expect(response.headers[.location] == expected)
            }
        }
    }

    @Test("failures lock only the account and address pair, with a back-off, never anyone else", arguments: TestDatabase.available)
    func signInBackOff(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, _ in
            // setup: a clock we can move
            let clock = MovableClock(seconds: 1_800_000_000)
            let accounts = Accounts(store: fixture.store, clock: clock, configuration: fixture.dependencies.configuration)
            for _ in 0..<5 {
                guard case .rejected = try await accounts.signIn(email: "admin@acme.test", password: "wrong", clientIP: "198.51.100.7")
                else { Issue.record("a wrong password is rejected"); return }
            }
            // MUT + validation: the attacker's address waits 15 s, even with the right password
            guard
                case .rateLimited(let wait) = try await accounts.signIn(
                    email: "admin@acme.test", password: WebFixture.password, clientIP: "198.51.100.7")
            else { Issue.record("the sixth try from the same address waits"); return }
            #expect(wait == 15)
            // the owner, from another address, signs in at once
            guard
                case .signedIn = try await accounts.signIn(email: "admin@acme.test", password: WebFixture.password, clientIP: "203.0.113.9")
            else { Issue.record("the account's owner is not locked out by someone else"); return }
            // after the wait one more failure doubles it
            clock.seconds += 15
            guard case .rejected = try await accounts.signIn(email: "admin@acme.test", password: "wrong", clientIP: "198.51.100.7") else {
                Issue.record("one try is allowed after the wait")
                return
            }
            guard
                case .rateLimited(let longer) = try await accounts.signIn(email: "admin@acme.test", password: "x", clientIP: "198.51.100.7")
            else { Issue.record("still backing off"); return }
            #expect(longer == 30)
        }
    }

    @Test("probes answer whatever Authorization header a proxy adds, and /metrics counts a 404 as 404", arguments: TestDatabase.available)
    func systemEndpoints(database: TestDatabase) async throws {
        try await WebFixture.run(database) { _, client in
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"] {
                let response = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer stray-proxy-token"])
                #expect(response.status == .ok, "\(path) answered \(response.status)")
            }
            let missing = "/api/v1/no-such-route-\(UUID().uuidString.prefix(8))"
            _ = try await client.execute(uri: "/api/v1/workspaces/nope", method: .get, headers: .bearer("bad"))
            #expect(try await client.execute(uri: missing, method: .get).status == .notFound)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            let lines = metrics.split(separator: "\n").filter {
                $0.contains("hb_requests") && $0.contains("NotFound") || $0.contains("status_code=\"5")
            }
            #expect(!metrics.split(separator: "\n").contains { $0.contains("status_code=\"500\"") }, "\(lines)")
            #expect(metrics.contains("status_code=\"404\""))
        }
    }

    @Test("links handed out use the configured public URL, never the Host header", arguments: TestDatabase.available)
    func publicURL(database: TestDatabase) async throws {
        try await WebFixture.run(database, configure: { $0.publicURL = "https://dna.example.org" }) { fixture, client in
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture)
            let headers = HTTPFields.bearer(fixture.adminToken)
            let links = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"unit":"claims","count":1}"#))
            let urls = try #require(try links.json()["links"] as? [String])
            #expect(urls.count == 1 && urls[0].hasPrefix("https://dna.example.org/r/"), "\(urls)")
        }
    }

    @Test("pages forbid <base> and scripts; downloaded reports carry their own policy", arguments: TestDatabase.available)
    func contentSecurityPolicy(database: TestDatabase) async throws {
        try await WebFixture.run(database) { _, client in
            let login = try await client.execute(uri: "/login", method: .get)
            let policy = try #require(login.headers[.contentSecurityPolicy])
            #expect(policy.contains("base-uri 'none'") && policy.contains("script-src 'self';") && policy.contains("object-src 'none'"))
            let download = PageController.attachment("x", contentType: "text/html", filename: "a\"\r\nSet-Cookie: x=1.html")
            #expect(download.headers[.contentSecurityPolicy] == SecurityHeaders.reportPolicy)
            #expect(download.headers[.contentDisposition] == #"attachment; filename="a---Set-Cookie--x-1.html""#)
        }
    }

    @Test("SiteURL percent-encodes every value it puts in a path or query")
    func encodedLinks() {
        #expect(SiteURL.framework("acme", #"x"><b>"#).path == "/w/acme/frameworks/x%22%3E%3Cb%3E")
        #expect(SiteURL.framework("acme", "..").path == "/w/acme/frameworks/%2E%2E")
        #expect(SiteURL.query(["by": "unit", "framework": "a&b=c"]) == "?by=unit&framework=a%26b%3Dc")
        #expect(SiteURL.pattern { SiteURL.campaign($0, $1) } == "/w/{workspace}/campaigns/{id}")
    }
}

/// A clock a test moves forward.
final class MovableClock: AppClock, @unchecked Sendable {
    // Only the test's own task touches it, between awaited calls.
    var seconds: Int64
    init(seconds: Int64) { self.seconds = seconds }
    func now() -> Int64 { seconds }
}
