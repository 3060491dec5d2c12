import Foundation

/// How this server signs people in through the organization's identity provider (DESIGN.md,
/// "Roll-out and administration"): `CDNA_OIDC_ISSUER`, `CDNA_OIDC_CLIENT_ID`,
/// `CDNA_OIDC_CLIENT_SECRET`, and the redirect URI `<public url>/auth/oidc/callback`.
public struct OpenIDSettings: Sendable, Equatable {
    /// The issuer exactly as the provider names itself, without a trailing slash.
    public var issuer: String
    public var clientID: String
    /// Sent with HTTP Basic (or in the form, when the provider takes only that); nil for a
    /// public client, which PKCE alone protects.
    public var clientSecret: String?
    public var redirectURI: String
    /// The claim listing the person's groups, mapped to workspace roles per workspace.
    public var groupsClaim: String
    public var scopes = "openid email profile"

    public static let callbackPath = "/auth/oidc/callback"

    public init(issuer: String, clientID: String, clientSecret: String?, redirectURI: String, groupsClaim: String = "groups") {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.groupsClaim = groupsClaim
    }

    /// The settings from the environment, or nil when `CDNA_OIDC_ISSUER` is not set. Each
    /// problem names its setting, so a misconfigured server stops at start-up saying which.
    public static func resolve(
        environment: [String: String], publicURL: String?, problems: inout [String]
    ) -> OpenIDSettings? {
        func value(_ name: String) -> String? {
            environment[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let issuerText = value("CDNA_OIDC_ISSUER") else {
            for name in ["CDNA_OIDC_CLIENT_ID", "CDNA_OIDC_CLIENT_SECRET"] where value(name) != nil {
                problems.append("\(name) is set but CDNA_OIDC_ISSUER is not: set the provider's issuer URL too")
            }
            return nil
        }
        var issuer = issuerText
        while issuer.hasSuffix("/") { issuer.removeLast() }
        if let problem = urlProblem(issuer) {
            problems.append("CDNA_OIDC_ISSUER '\(issuerText)': \(problem)")
        }
        let clientID = value("CDNA_OIDC_CLIENT_ID")
        if clientID == nil {
            problems.append("CDNA_OIDC_CLIENT_ID: required with CDNA_OIDC_ISSUER; it is the client id the provider gave this server")
        }
        if publicURL == nil {
            problems.append(
                "CDNA_PUBLIC_URL (or --public-url): required with CDNA_OIDC_ISSUER, since the provider sends people back to <public url>\(callbackPath)"
            )
        }
        let groupsClaim = value("CDNA_OIDC_GROUPS_CLAIM") ?? "groups"
        guard let clientID, let publicURL else { return nil }
        return OpenIDSettings(
            issuer: issuer, clientID: clientID, clientSecret: value("CDNA_OIDC_CLIENT_SECRET"),
            redirectURI: publicURL + callbackPath, groupsClaim: groupsClaim)
    }

    /// Why `text` cannot be a provider address: tokens and secrets go there, so it must be
    /// HTTPS, except on this machine (a provider in a test, or behind a local proxy).
    static func urlProblem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil
        else { return "expected an https:// URL such as https://login.example.org/realms/staff" }
        if scheme == "https" { return nil }
        if scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) { return nil }
        return "expected https:// (plain http:// only for a provider on this machine)"
    }
}
