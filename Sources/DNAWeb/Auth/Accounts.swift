import DNACore
import DNAStore
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Passwords, sessions, API tokens and the sign-in rate limit: the account rules in one place,
/// shared by the server and the CLI.
public struct Accounts: Sendable {
    public let store: Store
    public let clock: any AppClock
    public let configuration: AppConfiguration

    public init(store: Store, clock: any AppClock, configuration: AppConfiguration) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
    }

    public static let minimumPasswordLength = 10

    /// bcrypt is deliberately slow; it runs on the thread pool so it never stalls an event loop.
    public func hashPassword(_ password: String) async throws -> String {
        guard password.count >= Self.minimumPasswordLength else {
            throw StoreError.invalid("the password must have at least \(Self.minimumPasswordLength) characters")
        }
        let cost = configuration.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func createUser(email: String, name: String, password: String, instanceAdmin: Bool) async throws -> User {
        let hash = try await hashPassword(password)
        return try await store.createUser(email: email, name: name, passwordHash: hash, instanceAdmin: instanceAdmin, now: clock.now())
    }

    public func resetPassword(email: String, password: String) async throws {
        try await store.setPasswordHash(email: email, try await hashPassword(password))
    }

    public enum SignInResult: Sendable {
        case signedIn(user: User, sessionToken: String, csrfToken: String)
        case rejected
        case rateLimited
    }

    /// Checks the password and opens a session. After `loginAttemptLimit` failures for the
    /// same e-mail address or the same client address within the window, every attempt is
    /// refused until the window passes, right password or not.
    public func signIn(email: String, password: String, clientIP: String?) async throws -> SignInResult {
        let now = clock.now(), window = configuration.loginWindow
        let keys = ["email:" + email.trimmingSpaces().lowercased()] + (clientIP.map { ["ip:" + $0] } ?? [])
        for key in keys where try await store.loginFailures(key: key, now: now, window: window) >= configuration.loginAttemptLimit {
            return .rateLimited
        }
        let found = try await store.userWithPasswordHash(email: email)
        // Verify against a dummy hash when the user is unknown, so timing does not reveal
        // which e-mail addresses have accounts.
        let hash = found?.passwordHash ?? "$2b$04$abcdefghijklmnopqrstuu5Q2n7Z7vC1uE1a3yXbnQ6z8kz1bQm2u"
        let valid = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard valid, let user = found?.user else {
            for key in keys { _ = try await store.recordLoginFailure(key: key, now: now, window: window) }
            return .rejected
        }
        try await store.clearLoginFailures(key: keys[0])
        let sessionToken = Secrets.make(), csrfToken = Secrets.make()
        try await store.createSession(
            tokenHash: Secrets.hash(sessionToken), userID: user.id, csrfToken: csrfToken, now: now,
            expiresAt: now + configuration.sessionLifetime)
        return .signedIn(user: user, sessionToken: sessionToken, csrfToken: csrfToken)
    }

    public func identity(sessionToken: String) async throws -> Identity? {
        guard let session = try await store.session(tokenHash: Secrets.hash(sessionToken), now: clock.now()) else { return nil }
        return Identity(user: session.user, csrfToken: session.csrfToken)
    }

    public func identity(apiToken: String) async throws -> Identity? {
        guard let user = try await store.userForAPIToken(tokenHash: Secrets.hash(apiToken), now: clock.now()) else { return nil }
        return Identity(user: user, csrfToken: nil)
    }

    public func signOut(sessionToken: String) async throws {
        try await store.deleteSession(tokenHash: Secrets.hash(sessionToken))
    }

    /// Creates an API token; the secret is returned once and only its hash is kept.
    public func createAPIToken(userID: String, name: String) async throws -> (token: APIToken, secret: String) {
        let secret = "cdna_" + Secrets.make()
        let token = try await store.createAPIToken(userID: userID, name: name, tokenHash: Secrets.hash(secret), now: clock.now())
        return (token, secret)
    }

    /// On first start with no users, creates the instance administrator. Returns the password
    /// when one was generated, so the caller can show it once.
    public func ensureAdministrator(
        email: String = "admin@localhost", password: String?
    ) async throws -> (user: User, generatedPassword: String?)? {
        guard try await store.userCount() == 0 else { return nil }
        let chosen = password ?? Self.generatedPassword()
        let user = try await createUser(email: email, name: "Administrator", password: chosen, instanceAdmin: true)
        return (user, password == nil ? chosen : nil)
    }

    static func generatedPassword() -> String {
        String(Secrets.make().prefix(20))
    }
}
