import Foundation

/// Where mail goes (DESIGN.md, "Roll-out and administration"): `smtp://[user:pass@]host:port`
/// upgrades to TLS with STARTTLS when the server offers it (`?tls=required` refuses a server
/// that does not), `smtps://` speaks TLS from the first byte. `?ca=FILE` trusts the
/// certificates in a PEM file besides the system's, for a relay with a private certificate.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// STARTTLS when offered, plain otherwise (never with a password: see `SMTPClient`).
        case opportunistic
        /// STARTTLS or nothing.
        case startTLSRequired
        /// TLS from the start (`smtps`).
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var trustedCertificates: String?
    /// The sender, `CDNA_MAIL_FROM`.
    public var from: String
    /// How long connecting, or waiting for one reply, may take before the attempt counts as
    /// failed (and is retried later).
    public var timeoutSeconds: Int64 = 30

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
        trustedCertificates: String? = nil, from: String
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustedCertificates = trustedCertificates
        self.from = from
    }

    /// Reads `--smtp-url` / `CDNA_SMTP_URL` and `CDNA_MAIL_FROM`, naming what is wrong.
    public static func parse(url text: String, from: String) throws(Problem) -> MailSettings {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Problem(description: "the SMTP URL '\(redacted(text))' is not a URL; write smtp://host:587 or smtps://host:465")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw Problem(description: "the SMTP URL must start with smtp:// or smtps://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw Problem(description: "the SMTP URL has no host") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        for name in query.keys where name != "tls" && name != "ca" {
            throw Problem(description: "the SMTP URL has an unknown parameter '\(name)'; known are tls and ca")
        }
        var security: Security = scheme == "smtps" ? .implicitTLS : .opportunistic
        if let tls = query["tls"] {
            guard tls == "required", scheme == "smtp" else {
                throw Problem(description: "tls=\(tls) is not understood; smtp://...?tls=required insists on STARTTLS")
            }
            security = .startTLSRequired
        }
        let sender = from.trimmingCharacters(in: .whitespaces)
        guard sender.contains("@"), !sender.contains(where: \.isNewline) else {
            throw Problem(description: "CDNA_MAIL_FROM must be the sender's address, e.g. surveys@example.com")
        }
        return MailSettings(
            host: host, port: components.port ?? (scheme == "smtps" ? 465 : 587), security: security,
            username: components.user?.removingPercentEncoding, password: components.password?.removingPercentEncoding,
            trustedCertificates: query["ca"].flatMap { $0.isEmpty ? nil : $0 }, from: sender)
    }

    /// The URL with its password replaced, for messages and logs.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    /// Where the mail goes, without the password.
    public var summary: String {
        "\(security == .implicitTLS ? "smtps" : "smtp")://\(username.map { $0 + "@" } ?? "")\(host):\(port)"
    }
}
