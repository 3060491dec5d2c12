import DNATestSupport
import Foundation
import JWTKit
import Testing

@testable import DNAIdentity

struct OpenIDProviderTests {
    let now: Int64 = 1_800_000_000
    let nonce = "n-0S6_WzA2Mj"

    func provider(_ stub: StubProvider, clientSecret: String? = "s3cret") -> OpenIDProvider {
        let settings = OpenIDSettings(
            issuer: StubProvider.issuer, clientID: StubProvider.clientID, clientSecret: clientSecret,
            redirectURI: "https://dna.example.org/auth/oidc/callback")
        let now = self.now
        return OpenIDProvider(settings: settings, transport: stub, clock: { now })
    }

    @Test("a token signed by the provider's key, for this client, with this sign-in's nonce, names the person and groups")
    func acceptsValidToken() async throws {
        let key = ES256PrivateKey()
        let stub = StubProvider(keys: [("k1", key)])
        let token = try await sign(TestClaims(now: now, nonce: nonce), key: key, kid: "k1")
        let person = try await provider(stub).verify(idToken: token, nonce: nonce)
        #expect(person.subject == "u-1001")
        #expect(person.email == "ada@example.org")
        #expect(person.emailVerified == true)
        #expect(person.groups == ["cdna-analysts"])
    }

    @Test("each broken claim is refused with its own reason")
    func refusesBrokenClaims() async throws {
        let key = ES256PrivateKey()
        let stub = StubProvider(keys: [("k1", key)])
        let oidc = provider(stub)
        var expired = TestClaims(now: now - 3600, nonce: nonce)
        expired.exp = now - 600
        var otherAudience = TestClaims(now: now, nonce: nonce)
        otherAudience.aud = ["another-app"]
        var severalWithoutParty = TestClaims(now: now, nonce: nonce)
        severalWithoutParty.aud = [StubProvider.clientID, "another-app"]
        var otherIssuer = TestClaims(now: now, nonce: nonce)
        otherIssuer.iss = "https://evil.example.net"
        let replayed = TestClaims(now: now, nonce: "nonce-of-an-earlier-sign-in")
        let noNonce = TestClaims(now: now, nonce: nil)
        var future = TestClaims(now: now + 3600, nonce: nonce)
        future.exp = now + 7200
        let cases: [(TestClaims, String)] = [
            (expired, "expired"), (otherAudience, "another application"), (severalWithoutParty, "authorized party"),
            (otherIssuer, "issued by"), (replayed, "nonce"), (noNonce, "nonce"), (future, "future"),
        ]
        for (claims, reason) in cases {
            let token = try await sign(claims, key: key, kid: "k1")
            let error = await #expect(throws: OpenIDError.self) { try await oidc.verify(idToken: token, nonce: nonce) }
            guard case .refused(let text) = error else {
                Issue.record("expected a refusal for \(reason), got \(String(describing: error))")
                continue
            }
            #expect(text.contains(reason), "\(text)")
        }
    }

    @Test("a token signed by a key the provider does not publish is refused after one fresh look at its keys")
    func refusesUnknownKey() async throws {
        let published = ES256PrivateKey(), stranger = ES256PrivateKey()
        let stub = StubProvider(keys: [("k1", published)])
        let oidc = provider(stub)
        try await oidc.discover()
        #expect(stub.state.withLock { $0.keyFetches } == 1)
        let token = try await sign(TestClaims(now: now, nonce: nonce), key: stranger, kid: "k-stranger")
        await #expect(throws: OpenIDError.refused("the ID token is signed with a key the provider does not publish (key id 'k-stranger')"))
        {
            try await oidc.verify(idToken: token, nonce: nonce)
        }
        // The one fresh look happened; a second unknown key within the interval does not fetch again.
        let fetches = stub.state.withLock { $0.keyFetches }
        await #expect(throws: OpenIDError.self) { try await oidc.verify(idToken: token, nonce: nonce) }
        #expect(stub.state.withLock { $0.keyFetches } == fetches)
        // A stranger's key under a published key id fails on the signature.
        let forged = try await sign(TestClaims(now: now, nonce: nonce), key: stranger, kid: "k1")
        await #expect(throws: OpenIDError.refused("the ID token's signature does not hold")) {
            try await oidc.verify(idToken: forged, nonce: nonce)
        }
    }

    @Test("when the provider rotates its keys, a token naming the new key is checked against the keys fetched again")
    func followsKeyRotation() async throws {
        let old = ES256PrivateKey(), new = ES256PrivateKey()
        let stub = StubProvider(keys: [("k1", old)])
        let oidc = provider(stub)
        try await oidc.discover()
        stub.state.withLock { $0.publishedKeys = [(kid: "k2", key: new)] }
        // The first look at the keys was at `now`; the clock here stands still, so the refresh
        // interval has to be over before the provider is asked again.
        await oidc.forgetKeyFetchTime()
        let token = try await sign(TestClaims(now: now, nonce: nonce), key: new, kid: "k2")
        let person = try await oidc.verify(idToken: token, nonce: nonce)
        #expect(person.subject == "u-1001")
        #expect(stub.state.withLock { $0.keyFetches } == 2)
    }

    @Test("an unsigned token (alg none) and a token that is not a JWT are refused")
    func refusesUnsigned() async throws {
        let stub = StubProvider(keys: [("k1", ES256PrivateKey())])
        let oidc = provider(stub)
        func part(_ object: [String: Any]) -> String {
            OpenIDProvider.base64URL(try! JSONSerialization.data(withJSONObject: object))
        }
        let unsigned =
            part(["alg": "none", "kid": "k1"]) + "."
            + part(["iss": StubProvider.issuer, "aud": StubProvider.clientID, "sub": "x", "exp": now + 60, "nonce": nonce]) + "."
        await #expect(throws: OpenIDError.refused("the ID token's algorithm 'none' is not accepted")) {
            try await oidc.verify(idToken: unsigned, nonce: nonce)
        }
        await #expect(throws: OpenIDError.refused("the provider's ID token is not a signed JWT")) {
            try await oidc.verify(idToken: "not-a-token", nonce: nonce)
        }
    }

    @Test("the code is exchanged with the PKCE verifier and the client's credentials; the provider's refusal and outage differ")
    func exchangesCode() async throws {
        let key = ES256PrivateKey()
        let stub = StubProvider(keys: [("k1", key)])
        let oidc = provider(stub)
        let token = try await sign(TestClaims(now: now, nonce: nonce), key: key, kid: "k1")
        stub.state.withLock { $0.tokenAnswer = stub.json(["id_token": token, "access_token": "a", "token_type": "Bearer"]) }
        let person = try await oidc.signIn(code: "c-1", codeVerifier: "v-1", nonce: nonce)
        #expect(person.subject == "u-1001")
        let post = try #require(stub.state.withLock { $0.posts.last })
        #expect(post.url == StubProvider.issuer + "/token")
        #expect(post.fields["code_verifier"] == "v-1")
        #expect(post.fields["grant_type"] == "authorization_code")
        #expect(post.fields["redirect_uri"] == "https://dna.example.org/auth/oidc/callback")
        #expect(post.basic == "customerdna:s3cret")

        stub.state.withLock { $0.tokenAnswer = stub.json(["error": "invalid_grant", "error_description": "code used"], status: 400) }
        await #expect(throws: OpenIDError.refused("the identity provider refused the sign-in (invalid_grant: code used)")) {
            try await oidc.signIn(code: "c-1", codeVerifier: "v-1", nonce: nonce)
        }
        stub.state.withLock { $0.down = true }
        let error = await #expect(throws: OpenIDError.self) { try await oidc.signIn(code: "c-2", codeVerifier: "v", nonce: nonce) }
        guard case .unavailable = error else { Issue.record("expected unavailable, got \(String(describing: error))"); return }
    }

    @Test("the authorization URL carries state, nonce and the S256 challenge of the verifier")
    func authorizationURL() async throws {
        let oidc = provider(StubProvider(keys: [("k1", ES256PrivateKey())]))
        let url = try await oidc.authorizationURL(state: "st", nonce: "no", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        let items = Dictionary(uniqueKeysWithValues: (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        // RFC 7636, appendix B.
        #expect(items["code_challenge"] == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(items["code_challenge_method"] == "S256")
        #expect(items["state"] == "st" && items["nonce"] == "no" && items["response_type"] == "code")
        #expect(url.hasPrefix(StubProvider.issuer + "/auth?"))
    }

    @Test("a discovery document naming another issuer is a misconfiguration; an unreachable provider is not")
    func discoveryProblems() async throws {
        let stub = StubProvider(keys: [("k1", ES256PrivateKey())])
        stub.state.withLock { $0.discoveryIssuer = "https://login.example.org/realms/other" }
        let error = await #expect(throws: OpenIDError.self) { try await provider(stub).discover() }
        guard case .misconfigured(let text) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(text.hasPrefix("CDNA_OIDC_ISSUER") && text.contains("realms/other"))
        let down = StubProvider(keys: [])
        down.state.withLock { $0.down = true }
        let outage = await #expect(throws: OpenIDError.self) { try await provider(down).discover() }
        guard case .unavailable = outage else { Issue.record("\(String(describing: outage))"); return }
    }

    @Test("the settings name what is missing or wrong")
    func settingsProblems() {
        var problems: [String] = []
        #expect(OpenIDSettings.resolve(environment: ["CDNA_OIDC_CLIENT_ID": "x"], publicURL: nil, problems: &problems) == nil)
        #expect(problems == ["CDNA_OIDC_CLIENT_ID is set but CDNA_OIDC_ISSUER is not: set the provider's issuer URL too"])
        problems = []
        _ = OpenIDSettings.resolve(environment: ["CDNA_OIDC_ISSUER": "http://login.example.org"], publicURL: nil, problems: &problems)
        #expect(problems.count == 3)
        #expect(problems[0].hasPrefix("CDNA_OIDC_ISSUER 'http://login.example.org': expected https://"))
        #expect(problems[1].hasPrefix("CDNA_OIDC_CLIENT_ID: required"))
        #expect(problems[2].hasPrefix("CDNA_PUBLIC_URL"))
        problems = []
        let settings = OpenIDSettings.resolve(
            environment: ["CDNA_OIDC_ISSUER": "http://127.0.0.1:9400/", "CDNA_OIDC_CLIENT_ID": "c"], publicURL: "https://dna.example.org",
            problems: &problems)
        #expect(problems.isEmpty)
        #expect(settings?.issuer == "http://127.0.0.1:9400")
        #expect(settings?.redirectURI == "https://dna.example.org/auth/oidc/callback")
        #expect(settings?.clientSecret == nil)
    }
}
