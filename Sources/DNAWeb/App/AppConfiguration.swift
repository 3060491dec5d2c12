import DNAApp
import DNAStore
import Foundation

/// Everything `cdna serve` needs, resolved once at start-up (flags > environment > defaults).
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    /// Mark session cookies `Secure`. Also set per request when a proxy says the client used
    /// HTTPS (`X-Forwarded-Proto: https`).
    public var secureCookies: Bool
    /// bcrypt cost; tests lower it, production keeps the default.
    public var bcryptCost: UInt8
    /// How long a browser session lasts, in seconds.
    public var sessionLifetime: Int64
    /// Failed sign-ins per e-mail and client address pair within `loginWindow` seconds before
    /// that pair has to wait (see `Accounts.signIn`).
    public var loginAttemptLimit: Int
    public var loginWindow: Int64
    /// The address people reach this server at, for the links it hands out (`--public-url`,
    /// `CDNA_PUBLIC_URL`); never taken from a request's Host header, which a client chooses.
    public var publicURL: String?
    /// Seconds a connection may stay idle, or take to send a request's head, before it is
    /// closed, so idle and trickling clients cannot hold connections open.
    public var idleTimeout: Int64
    /// The key personal invitation links are made from (`CDNA_LINK_KEY` or `link.key`); nil
    /// when there is none, and then the pages cannot invite by e-mail.
    public var linkKey: Data?
    /// Whether this server sends the mail outbox (`--smtp-url`); if not, mail waits there.
    public var sendsMail: Bool
    /// The language the analysts' and admins' pages are built in. Only English is written
    /// yet; `AdminCatalogue.pseudoLanguage` marks every word that went through the catalogue,
    /// which is how the tests find words that did not.
    public var adminLanguage = "en"
    /// Whether people may sign in with a password (`CDNA_PASSWORD_SIGNIN=off` turns it off
    /// when everyone signs in through the identity provider).
    public var passwordSignIn = true

    /// `publicURL`, or `http://HOST:PORT` when none is configured.
    public var publicBaseURL: String { publicURL ?? "http://\(host):\(port)" }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .resolve(dataDirectory: nil, databaseURL: nil),
        secureCookies: Bool = false, bcryptCost: UInt8 = AccountService.defaultBcryptCost, sessionLifetime: Int64 = 12 * 3600,
        loginAttemptLimit: Int = 5, loginWindow: Int64 = 15 * 60, publicURL: String? = nil, idleTimeout: Int64 = 20,
        linkKey: Data? = nil, sendsMail: Bool = false
    ) {
        self.linkKey = linkKey
        self.sendsMail = sendsMail
        self.publicURL = publicURL
        self.idleTimeout = idleTimeout
        self.host = host
        self.port = port
        self.database = database
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.loginAttemptLimit = loginAttemptLimit
        self.loginWindow = loginWindow
    }
}

/// "Now" as a dependency, so tests can fix the time.
public protocol AppClock: Sendable {
    /// Seconds since 1970.
    func now() -> Int64
}

public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
