import Foundation

/// The fields of the provider's discovery document
/// (`<issuer>/.well-known/openid-configuration`) this server uses.
public struct Discovery: Decodable, Sendable, Equatable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var jwksURI: String
    public var endSessionEndpoint: String?
    public var tokenEndpointAuthMethodsSupported: [String]?
    public var responseTypesSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case endSessionEndpoint = "end_session_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case responseTypesSupported = "response_types_supported"
    }

    /// Reads and checks the document: it must name the configured issuer exactly (OpenID
    /// Connect Discovery 4.3), so a token from another issuer cannot pass as this one's.
    static func parse(_ body: Data, expectedIssuer: String, from url: String) throws(OpenIDError) -> Discovery {
        let document: Discovery
        do {
            document = try JSONDecoder().decode(Discovery.self, from: body)
        } catch {
            throw .misconfigured("CDNA_OIDC_ISSUER: \(url) is not an OpenID Connect discovery document (\(Self.reason(error)))")
        }
        var named = document.issuer
        while named.hasSuffix("/") { named.removeLast() }
        guard named == expectedIssuer else {
            throw .misconfigured(
                "CDNA_OIDC_ISSUER '\(expectedIssuer)': the provider's discovery document names issuer '\(document.issuer)'; set CDNA_OIDC_ISSUER to that"
            )
        }
        for (name, value) in [
            ("authorization_endpoint", document.authorizationEndpoint), ("token_endpoint", document.tokenEndpoint),
            ("jwks_uri", document.jwksURI),
        ] where OpenIDSettings.urlProblem(value) != nil {
            throw .misconfigured("CDNA_OIDC_ISSUER: the discovery document's \(name) '\(value)' is not an https:// URL")
        }
        if let types = document.responseTypesSupported, !types.contains("code") {
            throw .misconfigured("CDNA_OIDC_ISSUER: the provider does not offer the authorization code flow (response_types_supported)")
        }
        return document
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not JSON"
        }
    }

    /// HTTP Basic unless the provider lists only `client_secret_post`.
    var sendsSecretInForm: Bool {
        guard let methods = tokenEndpointAuthMethodsSupported else { return false }
        return !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
    }
}
