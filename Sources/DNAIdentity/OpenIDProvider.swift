import Crypto
import Foundation
import JWTKit

/// The organization's identity provider as this server uses it: found through discovery, its
/// keys kept and fetched again when a token names a key they lack, the authorization code
/// exchanged with PKCE, and the ID token checked (signature, then `IDTokenRules`).
///
/// One per server process. It holds no sign-in in progress: those live in the database, so any
/// server behind a load balancer can finish a sign-in another began.
public actor OpenIDProvider {
    public let settings: OpenIDSettings
    let transport: any ProviderTransport
    let clock: @Sendable () -> Int64
    /// The discovery document once it has been read; nil until the provider has answered.
    var discovery: Discovery?
    var keys = JWTKeyCollection()
    var keyIDs: Set<String> = []
    var keysFetchedAt: Int64?
    /// The least time between two fetches of the keys, so tokens naming made-up key ids
    /// cannot make this server hammer the provider.
    let keyRefreshInterval: Int64 = 30

    /// Algorithms an ID token may be signed with: the provider's own keys, never a shared
    /// secret or none.
    static let acceptedAlgorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    public init(settings: OpenIDSettings, transport: any ProviderTransport, clock: @escaping @Sendable () -> Int64) {
        self.settings = settings
        self.transport = transport
        self.clock = clock
    }

    /// The discovery document, read once and then kept; with the keys. Called at start-up,
    /// where a `.misconfigured` answer stops the server, and by each step of a sign-in until
    /// the provider has answered.
    @discardableResult
    public func discover() async throws(OpenIDError) -> Discovery {
        if let discovery { return discovery }
        return try await readDiscovery()
    }

    /// Reads the discovery document again, and the keys when there are none yet or they moved.
    /// Each sign-in starts with it: a provider that is down then shows this server's error
    /// page, instead of the browser's after being sent to a dead address.
    func readDiscovery() async throws(OpenIDError) -> Discovery {
        let url = settings.issuer + "/.well-known/openid-configuration"
        let response = try await fetch(url, what: "discovery document")
        guard response.status == 200 else {
            throw .misconfigured("CDNA_OIDC_ISSUER: \(url) answered HTTP \(response.status); is the issuer URL right?")
        }
        let document = try Discovery.parse(response.body, expectedIssuer: settings.issuer, from: url)
        if keysFetchedAt == nil || document.jwksURI != discovery?.jwksURI { try await loadKeys(from: document.jwksURI) }
        discovery = document
        return document
    }

    /// Where to send the browser: the provider's authorization endpoint with this sign-in's
    /// state, nonce and PKCE challenge (S256 of `codeVerifier`).
    public func authorizationURL(state: String, nonce: String, codeVerifier: String) async throws(OpenIDError) -> String {
        let document = try await readDiscovery()
        let challenge = Self.base64URL(Data(SHA256.hash(data: Data(codeVerifier.utf8))))
        let query = FormEncoding.encode([
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", settings.redirectURI),
            ("scope", settings.scopes), ("state", state), ("nonce", nonce), ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ])
        return document.authorizationEndpoint + (document.authorizationEndpoint.contains("?") ? "&" : "?") + query
    }

    /// Exchanges the authorization code for tokens and returns the checked person.
    public func signIn(code: String, codeVerifier: String, nonce: String) async throws(OpenIDError) -> SignedInPerson {
        let document = try await discover()
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURI),
            ("code_verifier", codeVerifier), ("client_id", settings.clientID),
        ]
        var basic: (user: String, password: String)?
        if let secret = settings.clientSecret {
            if document.sendsSecretInForm { fields.append(("client_secret", secret)) } else { basic = (settings.clientID, secret) }
        }
        let response: ProviderResponse
        do {
            response = try await transport.postForm(document.tokenEndpoint, fields: fields, basic: basic)
        } catch {
            throw .unavailable("the identity provider's token endpoint could not be reached (\(error))")
        }
        let body = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard response.status == 200 else {
            if response.status >= 500 { throw .unavailable("the identity provider's token endpoint failed (HTTP \(response.status))") }
            let error = body?["error"] as? String ?? "HTTP \(response.status)"
            let detail = (body?["error_description"] as? String).map { ": \($0)" } ?? ""
            throw .refused("the identity provider refused the sign-in (\(error)\(detail))")
        }
        guard let idToken = body?["id_token"] as? String else {
            throw .refused("the identity provider's answer holds no ID token; is the openid scope allowed for this client?")
        }
        return try await verify(idToken: idToken, nonce: nonce)
    }

    /// Checks the ID token's signature against the provider's keys, fetching them again once
    /// when it names a key id they lack (the provider rotated its keys), then its claims.
    public func verify(idToken: String, nonce: String) async throws(OpenIDError) -> SignedInPerson {
        let document = try await discover()
        let token = try CompactToken(idToken)
        guard let algorithm = token.header["alg"] as? String, Self.acceptedAlgorithms.contains(algorithm) else {
            throw .refused("the ID token's algorithm '\(token.header["alg"] as? String ?? "none")' is not accepted")
        }
        let keyID = token.header["kid"] as? String
        if let keyID, !keyIDs.contains(keyID) {
            if let fetched = keysFetchedAt, clock() - fetched < keyRefreshInterval {
                throw .refused("the ID token is signed with a key the provider does not publish (key id '\(keyID)')")
            }
            try await loadKeys(from: document.jwksURI)
            guard keyIDs.contains(keyID) else {
                throw .refused("the ID token is signed with a key the provider does not publish (key id '\(keyID)')")
            }
        } else if keyID == nil, keyIDs.count != 1 {
            throw .refused("the ID token names no key id, and the provider publishes \(keyIDs.count) keys")
        }
        do {
            _ = try await keys.verify(idToken, as: SignatureOnly.self)
        } catch {
            throw .refused("the ID token's signature does not hold")
        }
        let rules = IDTokenRules(issuer: document.issuer, clientID: settings.clientID, groupsClaim: settings.groupsClaim)
        return try rules.check(claims: token.payload, nonce: nonce, now: clock())
    }

    func loadKeys(from url: String) async throws(OpenIDError) {
        let response = try await fetch(url, what: "keys")
        guard response.status == 200 else {
            if response.status >= 500 { throw .unavailable("the identity provider's keys (\(url)) answered HTTP \(response.status)") }
            throw .misconfigured("CDNA_OIDC_ISSUER: the provider's keys (\(url)) answered HTTP \(response.status)")
        }
        let fresh = JWTKeyCollection()
        var ids: Set<String> = []
        do {
            let set = try JSONDecoder().decode(JWKS.self, from: response.body)
            // Keys for encryption, or of a kind this server cannot check, are skipped.
            let raw = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            let encryptionKeys = Set(
                (raw?["keys"] as? [[String: Any]] ?? []).filter { $0["use"] as? String == "enc" }.compactMap { $0["kid"] as? String })
            for key in set.keys {
                guard let id = key.keyIdentifier?.string, !encryptionKeys.contains(id) else { continue }
                if (try? await fresh.add(jwk: key)) != nil { ids.insert(id) }
            }
        } catch {
            throw .misconfigured("CDNA_OIDC_ISSUER: the provider's keys at \(url) are not a JSON Web Key Set")
        }
        guard !ids.isEmpty else {
            throw .misconfigured("CDNA_OIDC_ISSUER: the provider publishes no signing key this server can use at \(url)")
        }
        keys = fresh
        keyIDs = ids
        keysFetchedAt = clock()
    }

    private func fetch(_ url: String, what: String) async throws(OpenIDError) -> ProviderResponse {
        let response: ProviderResponse
        do {
            response = try await transport.get(url)
        } catch {
            throw .unavailable("the identity provider's \(what) (\(url)) could not be reached: \(error)")
        }
        if response.status >= 500 { throw .unavailable("the identity provider's \(what) (\(url)) answered HTTP \(response.status)") }
        return response
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Only the signature is checked through JWTKit; the claims are read by `IDTokenRules`, which
/// says exactly which one failed.
struct SignatureOnly: JWTPayload {
    func verify(using algorithm: some JWTAlgorithm) throws {}
}

extension OpenIDProvider {
    /// For tests whose clock stands still: as if the keys were fetched long ago.
    func forgetKeyFetchTime() { keysFetchedAt = nil }
}
