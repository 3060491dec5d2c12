import DNAApp
import DNACore
import DNAIdentity
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import Testing

@testable import DNAWeb

/// Single sign-on end to end over HTTP, with an identity provider made in the test (its keys,
/// and a token endpoint answering the ID token each case needs): the first sign-in makes the
/// user with the role their group is mapped to, and every broken token, replay and outage
/// ends on the sign-in page saying why, with nobody signed in.
@Suite("Single sign-on")
struct SingleSignOnWebTests {
    let key = ES256PrivateKey()
    let now = FixedClock().seconds

    func provider(_ stub: StubProvider) -> OpenIDProvider {
        let settings = OpenIDSettings(
            issuer: StubProvider.issuer, clientID: StubProvider.clientID, clientSecret: "s3cret",
            redirectURI: "http://127.0.0.1:8080/auth/oidc/callback")
        let now = self.now
        return OpenIDProvider(settings: settings, transport: stub, clock: { now })
    }

    /// A sign-in begun: the state cookie the browser holds, and the nonce sent to the provider.
    struct Begun {
        var cookie: String
        var state: String
        var nonce: String
    }

    static func begin(_ client: any TestClientProtocol, next: String = "/w/acme") async throws -> Begun {
        let start = try await client.execute(uri: "/auth/oidc/start?next=\(next)", method: .get)
        #expect(start.status == .found)
        let location = try #require(start.headers[.location])
        #expect(location.hasPrefix(StubProvider.issuer + "/auth?"))
        let items = Dictionary(uniqueKeysWithValues: (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items["code_challenge_method"] == "S256" && items["redirect_uri"] == "http://127.0.0.1:8080/auth/oidc/callback")
        let cookie = try #require(start.cookie(SingleSignOnRoutes.stateCookie)?.split(separator: ";").first.map(String.init))
        return Begun(cookie: cookie, state: try #require(items["state"]), nonce: try #require(items["nonce"]))
    }

    static func callback(_ client: any TestClientProtocol, _ begun: Begun, cookie: Bool = true) async throws -> TestResponse {
        try await client.execute(
            uri: "/auth/oidc/callback?code=the-code&state=\(begun.state)", method: .get,
            headers: cookie ? [.cookie: begun.cookie] : [:])
    }

    func answer(_ stub: StubProvider, _ claims: TestClaims, key: ES256PrivateKey? = nil, kid: String = "k1") async throws {
        let token = try await sign(claims, key: key ?? self.key, kid: kid)
        stub.state.withLock { $0.tokenAnswer = stub.json(["id_token": token, "token_type": "Bearer", "access_token": "a"]) }
    }

    @Test(
        "a first sign-in makes the user with the mapped group's role; the callback cannot be used twice", arguments: TestDatabase.available)
    func firstSignIn(database: TestDatabase) async throws {
        let stub = StubProvider(keys: [("k1", key)])
        try await WebFixture.run(database, openID: provider(stub)) { fixture, client in
            try await fixture.store.singleSignOn.setGroupRole(workspaceID: fixture.acme.id, group: "cdna-analysts", access: .analyst)
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.text.contains("Sign in with single sign-on") && login.text.contains("name=\"password\""))

            let begun = try await Self.begin(client)
            try await answer(stub, TestClaims(now: now, nonce: begun.nonce))
            let done = try await Self.callback(client, begun)
            #expect(done.status == .found && done.headers[.location] == "/w/acme")
            let session = try #require(done.cookie(AuthMiddleware.sessionCookie)?.split(separator: ";").first.map(String.init))
            #expect(try await client.execute(uri: "/w/acme/campaigns", method: .get, headers: [.cookie: session]).status == .ok)
            #expect(try await client.execute(uri: "/w/acme/members", method: .get, headers: [.cookie: session]).status == .forbidden)
            let ada = try #require(try await fixture.store.accounts.users().first { $0.email == "ada@example.org" })
            #expect(ada.name == "Ada Lovelace" && !ada.instanceAdmin)
            #expect(try await fixture.store.accounts.access(userID: ada.id, workspaceID: fixture.acme.id) == .analyst)
            #expect(try await fixture.store.accounts.access(userID: ada.id, workspaceID: fixture.other.id) == nil)
            let post = try #require(stub.state.withLock { $0.posts.last })
            #expect(post.fields["code"] == "the-code" && post.fields["code_verifier"] != nil && post.basic == "customerdna:s3cret")
            let audit = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, since: nil, limit: 10)
            #expect(audit.contains { $0.summary.contains("through the directory group cdna-analysts") && $0.actor == "ada@example.org" })

            // The same callback again (a replay) finds its sign-in gone.
            let replay = try await Self.callback(client, begun)
            #expect(replay.status == .unauthorized && replay.text.contains("already used"))
            #expect(replay.cookie(AuthMiddleware.sessionCookie) == nil)

            // A second sign-in finds the same user; a group mapped lower does not lower access.
            try await fixture.store.singleSignOn.setGroupRole(workspaceID: fixture.acme.id, group: "cdna-analysts", access: .viewer)
            let again = try await Self.begin(client)
            try await answer(stub, TestClaims(now: now, nonce: again.nonce))
            #expect(try await Self.callback(client, again).status == .found)
            #expect(try await fixture.store.accounts.users().filter { $0.email == "ada@example.org" }.count == 1)
            #expect(try await fixture.store.accounts.access(userID: ada.id, workspaceID: fixture.acme.id) == .analyst)
        }
    }

    @Test(
        "an ID token signed by an unknown key, expired, for another audience or with a replayed nonce signs nobody in",
        arguments: TestDatabase.available)
    func refusedTokens(database: TestDatabase) async throws {
        let stub = StubProvider(keys: [("k1", key)])
        try await WebFixture.run(database, openID: provider(stub)) { fixture, client in
            let earlier = try await Self.begin(client)
            var expired = TestClaims(now: now - 7200, nonce: nil)
            expired.exp = now - 3600
            var otherAudience = TestClaims(now: now, nonce: nil)
            otherAudience.aud = ["someone-else"]
            let cases: [(TestClaims, ES256PrivateKey, String, String)] = [
                (TestClaims(now: now, nonce: nil), ES256PrivateKey(), "k-unknown", "a key the provider does not publish"),
                (expired, key, "k1", "has expired"),
                (otherAudience, key, "k1", "another application"),
                (TestClaims(now: now, nonce: earlier.nonce), key, "k1", "nonce"),
            ]
            for (claims, signingKey, kid, reason) in cases {
                let begun = try await Self.begin(client)
                var claims = claims
                // Every token carries this sign-in's nonce but the replayed one.
                if claims.nonce == nil { claims.nonce = begun.nonce }
                try await answer(stub, claims, key: signingKey, kid: kid)
                let response = try await Self.callback(client, begun)
                #expect(response.status == .unauthorized, "\(reason)")
                #expect(response.text.contains(reason) && response.text.contains("Single sign-on did not work"), "\(reason)")
                #expect(response.cookie(AuthMiddleware.sessionCookie) == nil, "\(reason)")
            }
            #expect(try await fixture.store.accounts.users().allSatisfy { $0.email != "ada@example.org" })

            // Finishing in another browser (no state cookie), or after the provider said no.
            let begun = try await Self.begin(client)
            let elsewhere = try await Self.callback(client, begun, cookie: false)
            #expect(elsewhere.status == .unauthorized && elsewhere.text.contains("not started in this browser"))
            let denied = try await client.execute(
                uri: "/auth/oidc/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=\(begun.state)", method: .get,
                headers: [.cookie: begun.cookie])
            #expect(denied.status == .unauthorized && denied.text.contains("access_denied"))
            #expect(!denied.text.contains("<b>no</b>"), "the provider's words are escaped")
        }
    }

    @Test(
        "an existing account is taken over only when the provider vouches for the address; a deactivated member stays so",
        arguments: TestDatabase.available)
    func existingAccounts(database: TestDatabase) async throws {
        let stub = StubProvider(keys: [("k1", key)])
        try await WebFixture.run(database, openID: provider(stub)) { fixture, client in
            try await fixture.store.singleSignOn.setGroupRole(workspaceID: fixture.other.id, group: "cdna-analysts", access: .admin)
            var claims = TestClaims(now: now, nonce: nil)
            claims.email = "Eve@Other.test"
            claims.email_verified = nil
            var begun = try await Self.begin(client)
            claims.nonce = begun.nonce
            try await answer(stub, claims)
            let unverified = try await Self.callback(client, begun)
            #expect(unverified.status == .unauthorized && unverified.text.contains("does not say the address is verified"))

            try await fixture.store.accounts.setMembershipActive(
                workspaceID: fixture.other.id, userID: fixture.outsider.id, deactivatedAt: 5)
            claims.email_verified = true
            begun = try await Self.begin(client, next: "/")
            claims.nonce = begun.nonce
            try await answer(stub, claims)
            let linked = try await Self.callback(client, begun)
            #expect(linked.status == .found && linked.headers[.location] == "/")
            #expect(
                try await fixture.store.singleSignOn.linkedUser(issuer: StubProvider.issuer, subject: "u-1001")?.id == fixture.outsider.id)
            #expect(try await fixture.store.accounts.access(userID: fixture.outsider.id, workspaceID: fixture.other.id) == nil)
        }
    }

    @Test(
        "one address holds at most its share of sign-ins under way; one that failed at the provider or finished no longer counts",
        arguments: TestDatabase.available)
    func signInsPerAddress(database: TestDatabase) async throws {
        let stub = StubProvider(keys: [("k1", key)])
        try await WebFixture.run(database, openID: provider(stub), testing: .live) { fixture, client in
            let limit = SingleSignOnRepository.pendingPerAddress
            // Starts the provider could not answer leave nothing behind to count.
            stub.state.withLock { $0.down = true }
            for _ in 0..<(limit + 2) {
                #expect(try await client.execute(uri: "/auth/oidc/start", method: .get).status == .serviceUnavailable)
            }
            stub.state.withLock { $0.down = false }
            var begun: [Begun] = []
            for _ in 0..<limit { begun.append(try await Self.begin(client)) }
            let over = try await client.execute(uri: "/auth/oidc/start", method: .get)
            #expect(over.status == .tooManyRequests && over.text.contains("still under way") && over.headers[.location] == nil)
            #expect(over.text.contains("Sign in with single sign-on"), "the page offers to try again")
            // Someone at another address is not held up.
            let service = try #require(fixture.dependencies.accounts.singleSignOn)
            _ = try await service.start(next: nil, address: "198.51.100.7", now: now)
            // A finished sign-in frees its place.
            try await answer(stub, TestClaims(now: now, nonce: begun[0].nonce))
            #expect(try await Self.callback(client, begun[0]).status == .found)
            #expect(try await client.execute(uri: "/auth/oidc/start", method: .get).status == .found)
            #expect(try await client.execute(uri: "/auth/oidc/start", method: .get).status == .tooManyRequests)
        }
    }

    @Test("a provider that cannot be reached shows the sign-in page with a 503, not an error")
    func providerDown() async throws {
        let stub = StubProvider(keys: [("k1", key)])
        stub.state.withLock { $0.down = true }
        try await WebFixture.run(.sqlite, openID: provider(stub)) { _, client in
            let start = try await client.execute(uri: "/auth/oidc/start", method: .get)
            #expect(start.status == .serviceUnavailable && start.text.contains("cannot be reached just now"))
            #expect(start.text.contains("Sign in with single sign-on"))
            // Back up, the same server signs in; down again between start and callback, the
            // token endpoint's outage is a 503 too, and so is the next start, though the
            // provider's documents were read before.
            stub.state.withLock { $0.down = false }
            let begun = try await Self.begin(client)
            stub.state.withLock { $0.down = true }
            let callback = try await Self.callback(client, begun)
            #expect(callback.status == .serviceUnavailable && callback.text.contains("cannot be reached just now"))
            let again = try await client.execute(uri: "/auth/oidc/start", method: .get)
            #expect(again.status == .serviceUnavailable && again.headers[.location] == nil)
        }
    }

    @Test("with password sign-in off, the page offers only single sign-on and a posted password is refused")
    func passwordOff() async throws {
        try await WebFixture.run(.sqlite, configure: { $0.passwordSignIn = false }, openID: provider(StubProvider(keys: [("k1", key)]))) {
            _, client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.text.contains("Sign in with single sign-on") && !page.text.contains("name=\"password\""))
            let cookie = try #require(page.cookie("cdna_login_csrf")?.split(separator: ";").first.map(String.init))
            let token = String(cookie.dropFirst("cdna_login_csrf=".count))
            let posted = try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(
                    string:
                        "email=admin@acme.test&password=\(WebFixture.password.replacingOccurrences(of: " ", with: "+"))&csrf_token=\(token)"
                ))
            #expect(posted.status == .forbidden && posted.text.contains("Password sign-in is turned off"))
            #expect(posted.cookie(AuthMiddleware.sessionCookie) == nil)
        }
    }

    @Test(
        "with password sign-in off nobody is asked for a password: invitations, resets, the account page and older links lead to single sign-on",
        arguments: TestDatabase.available)
    func noPasswordsAnywhere(database: TestDatabase) async throws {
        let stub = StubProvider(keys: [("k1", key)])
        try await WebFixture.run(
            database,
            configure: {
                $0.passwordSignIn = false
                $0.sendsMail = true
            }, openID: provider(stub)
        ) { fixture, client in
            // The admin signs in through the provider, which vouches for the address.
            var claims = TestClaims(now: now, nonce: nil)
            claims.email = "admin@acme.test"
            claims.email_verified = true
            let begun = try await Self.begin(client, next: "/")
            claims.nonce = begun.nonce
            try await answer(stub, claims)
            let signedIn = try await Self.callback(client, begun)
            let cookie = try #require(signedIn.cookie(AuthMiddleware.sessionCookie)?.split(separator: ";").first.map(String.init))
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            let admin = BrowserSession(
                cookie: cookie, csrfToken: String(try #require(home.text.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1)))

            let members = try await client.execute(uri: "/w/acme/members", method: .get, headers: admin.headers)
            #expect(members.text.contains("signs in with single sign-on") && !members.text.contains("Password link"))
            let invited = try await MemberWebTests.post(
                client, admin, "/w/acme/members/invite", [("email", "kim@acme.test"), ("access", "viewer")])
            #expect(invited.text.contains("the mail is on its way") && !invited.text.contains("/welcome/"))
            let mail = try #require(
                try await fixture.store.mailOutbox.mails(workspaceID: fixture.acme.id, purpose: "member-invitation").first)
            #expect(mail.recipient == "kim@acme.test" && mail.bodyText.contains("Sign in with your organization's account"))
            #expect(mail.bodyText.contains("/login") && !mail.bodyText.contains("/welcome/"))
            let kim = try #require(try await fixture.store.accounts.users().first { $0.email == "kim@acme.test" })
            #expect(try await fixture.store.accounts.access(userID: kim.id, workspaceID: fixture.acme.id) == .viewer)

            let reset = try await MemberWebTests.post(client, admin, "/w/acme/members/\(kim.id)", [("action", "reset")])
            #expect(reset.status == .badRequest && reset.text.contains("password sign-in is turned off"))
            let account = try await client.execute(uri: "/account", method: .get, headers: admin.headers)
            #expect(account.text.contains("keeps no password of yours") && !account.text.contains(#"name="current""#))
            let change = try await MemberWebTests.changePassword(client, admin, current: "x")
            #expect(change.status == .forbidden)

            // A link made before password sign-in was turned off leads to single sign-on and sets nothing.
            let secret = "a-link-from-before"
            try await fixture.store.accounts.createAccountLink(
                userID: kim.id, purpose: "invitation", tokenHash: Secrets.hash(secret), now: now, expiresAt: now + 3600)
            let welcome = try await client.execute(uri: "/welcome/\(secret)", method: .get)
            #expect(welcome.text.contains("Sign in with single sign-on") && !welcome.text.contains(#"name="password""#))
            let used = try await MemberWebTests.post(
                client, nil, "/welcome/\(secret)", [("password", "new password 1"), ("repeat", "new password 1")])
            #expect(used.status == .forbidden)
            #expect(try await fixture.store.accounts.accountLink(tokenHash: Secrets.hash(secret), now: now) != nil, "the link is not spent")
        }
    }

    @Test("admins map groups in the members page and the API; others cannot", arguments: TestDatabase.available)
    func groupMappings(database: TestDatabase) async throws {
        try await WebFixture.run(database, openID: provider(StubProvider(keys: [("k1", key)]))) { fixture, client in
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let mapped = try await MemberWebTests.post(
                client, admin, "/w/acme/members/sso-groups", [("action", "set"), ("group", "<i>staff</i>"), ("access", "viewer")])
            #expect(mapped.status == .ok && mapped.text.contains("&lt;i&gt;staff&lt;/i&gt;") && !mapped.text.contains("<i>staff</i>"))
            #expect(
                try await fixture.store.singleSignOn.groupRoles(workspaceID: fixture.acme.id) == [
                    GroupRole(group: "<i>staff</i>", access: .viewer)
                ])
            let bad = try await MemberWebTests.post(
                client, admin, "/w/acme/members/sso-groups", [("action", "set"), ("group", ""), ("access", "viewer")])
            #expect(bad.status == .badRequest)

            let put = try await client.execute(
                uri: "/api/v1/workspaces/acme/sso-groups", method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"items": [{"group": "analysts", "access": "analyst"}, {"group": "leads", "access": "admin"}]}"#)
            )
            #expect(put.status == .ok)
            let items = try #require(try put.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["group"] as? String } == ["analysts", "leads"])
            let twice = try await client.execute(
                uri: "/api/v1/workspaces/acme/sso-groups", method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"items": [{"group": "a", "access": "viewer"}, {"group": "a", "access": "admin"}]}"#))
            #expect(twice.status == .badRequest && (twice.errorMessage ?? "").contains("listed twice"))
            let outsider = try await client.execute(
                uri: "/api/v1/workspaces/acme/sso-groups", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(outsider.status == .notFound)
            let read = try await client.execute(
                uri: "/api/v1/workspaces/acme/sso-groups", method: .get, headers: .bearer(fixture.adminToken))
            #expect((try read.json()["items"] as? [[String: Any]])?.count == 2)
        }
    }
}
