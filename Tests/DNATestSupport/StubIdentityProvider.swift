import DNAIdentity
import Foundation
import JWTKit
import Synchronization

/// An identity provider made in the test: its discovery document, keys it can rotate, and a
/// token endpoint answering whatever the test puts there. It counts calls, so the tests see
/// when the keys are fetched again.
public final class StubProvider: ProviderTransport, Sendable {
    public static let issuer = "https://login.example.org/realms/staff"
    public static let clientID = "customerdna"

    public struct State {
        public var publishedKeys: [(kid: String, key: ES256PrivateKey)] = []
        public var tokenAnswer = ProviderResponse(status: 500, body: Data())
        public var keyFetches = 0
        public var posts: [(url: String, fields: [String: String], basic: String?)] = []
        public var discoveryIssuer = StubProvider.issuer
        public var down = false
    }

    public let state = Mutex(State())

    public init(keys: [(String, ES256PrivateKey)]) {
        state.withLock { $0.publishedKeys = keys.map { (kid: $0.0, key: $0.1) } }
    }

    public func get(_ url: String) async throws -> ProviderResponse {
        let snapshot = state.withLock { state in
            if url.hasSuffix("/keys") { state.keyFetches += 1 }
            return (state.publishedKeys, state.discoveryIssuer, state.down)
        }
        if snapshot.2 { throw URLError(.cannotConnectToHost) }
        if url == Self.issuer + "/.well-known/openid-configuration" {
            return json([
                "issuer": snapshot.1, "authorization_endpoint": Self.issuer + "/auth", "token_endpoint": Self.issuer + "/token",
                "jwks_uri": Self.issuer + "/keys", "response_types_supported": ["code"],
            ])
        }
        if url == Self.issuer + "/keys" {
            let keys = snapshot.0.map { entry -> [String: Any] in
                let parameters = entry.key.parameters!
                return ["kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": entry.kid, "x": parameters.x, "y": parameters.y]
            }
            return json(["keys": keys])
        }
        return ProviderResponse(status: 404, body: Data())
    }

    public func postForm(
        _ url: String, fields: [(String, String)], basic: (user: String, password: String)?
    ) async throws -> ProviderResponse {
        try state.withLock { state in
            if state.down { throw URLError(.cannotConnectToHost) }
            state.posts.append((url, Dictionary(fields, uniquingKeysWith: { $1 }), basic.map { "\($0.user):\($0.password)" }))
            return state.tokenAnswer
        }
    }

    public func json(_ object: Any, status: Int = 200) -> ProviderResponse {
        ProviderResponse(status: status, body: try! JSONSerialization.data(withJSONObject: object))
    }
}

/// The claims of a test ID token; each test spoils one of them.
public struct TestClaims: JWTPayload {
    public var iss = StubProvider.issuer
    public var aud: [String] = [StubProvider.clientID]
    public var azp: String?
    public var sub = "u-1001"
    public var exp: Int64
    public var iat: Int64
    public var nonce: String?
    public var email: String? = "ada@example.org"
    public var email_verified: Bool? = true
    public var name: String? = "Ada Lovelace"
    public var groups: [String]? = ["cdna-analysts"]

    public init(now: Int64, nonce: String?) {
        exp = now + 300
        iat = now
        self.nonce = nonce
    }

    public func verify(using algorithm: some JWTAlgorithm) throws {}
}

/// Signs `claims` with `key` under key id `kid`.
public func sign(_ claims: TestClaims, key: ES256PrivateKey, kid: String) async throws -> String {
    let keys = JWTKeyCollection()
    await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
    return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
}
