import DNAApp
import DNACore
import DNAStore
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

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

    public static let minimumPasswordLength = AccountService.minimumPasswordLength

    /// The account use cases with this server's bcrypt cost.
    public var service: AccountService { AccountService(store: store, bcryptCost: configuration.bcryptCost) }

    public func hashPassword(_ password: String) async throws -> String {
        try await service.hashPassword(password)
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
        /// Too many failures from this address: try again after `retryAfter` seconds.
        case rateLimited(retryAfter: Int64)
    }

    /// Checks the password and opens a session.
    ///
    /// Failures are counted per e-mail address *and* client address together, so nobody can
    /// lock another person out from elsewhere: past `loginAttemptLimit` failures within the
    /// window, that pair waits 15 s, then 30 s, 60 s and so on (at most the window) before
    /// its next try. One address failing against many accounts is slowed the same way past
    /// ten times the limit. Unknown accounts cost a bcrypt check at the configured cost, so
    /// timing does not tell which e-mail addresses have accounts.
    public func signIn(email: String, password: String, clientIP: String?) async throws -> SignInResult {
        let now = clock.now(), window = configuration.loginWindow
        let address = clientIP ?? "unknown"
        let pairKey = "pair:" + email.trimmingSpaces().lowercased() + "|" + address
        let addressKey = "ip:" + address
        let limits = [(pairKey, configuration.loginAttemptLimit), (addressKey, configuration.loginAttemptLimit * 10)]
        for (key, limit) in limits {
            let history = try await store.loginFailureHistory(key: key, now: now, window: window)
            if let wait = Self.backOff(failures: history.count, latest: history.latest, limit: limit, window: window, now: now) {
                return .rateLimited(retryAfter: wait)
            }
        }
        let found = try await store.userWithPasswordHash(email: email)
        let hash =
            if let found { found.passwordHash } else { try await Self.dummyHash(cost: configuration.bcryptCost) }
        let valid = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard valid, let user = found?.user else {
            for (key, _) in limits { _ = try await store.recordLoginFailure(key: key, now: now, window: window) }
            return .rejected
        }
        try await store.clearLoginFailures(key: pairKey)
        let sessionToken = Secrets.make(), csrfToken = Secrets.make()
        try await store.createSession(
            tokenHash: Secrets.hash(sessionToken), userID: user.id, csrfToken: csrfToken, now: now,
            expiresAt: now + configuration.sessionLifetime)
        return .signedIn(user: user, sessionToken: sessionToken, csrfToken: csrfToken)
    }

    /// Seconds still to wait after `failures` failures, the latest at `latest`; nil when a try
    /// is allowed now.
    static func backOff(failures: Int, latest: Int64?, limit: Int, window: Int64, now: Int64) -> Int64? {
        guard failures >= limit, let latest else { return nil }
        let doublings = min(failures - limit, 20)
        let wait = min(window, Int64(15) << doublings)
        let remaining = latest + wait - now
        return remaining > 0 ? remaining : nil
    }

    /// A bcrypt hash at the configured cost, made once per process and cost, to verify
    /// against when the account does not exist.
    static func dummyHash(cost: UInt8) async throws -> String {
        if let hash = dummyHashes.withLock({ $0[cost] }) { return hash }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(Secrets.make(), cost: cost) }
        dummyHashes.withLock { $0[cost] = hash }
        return hash
    }

    private static let dummyHashes = Mutex<[UInt8: String]>([:])

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
        try await AccountService.createToken(store, userID: userID, name: name, now: clock.now())
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
