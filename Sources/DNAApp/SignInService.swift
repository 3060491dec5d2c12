import DNACore
import DNAStore
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Signing in with a password, browser sessions, who an API token acts for, and the first
/// administrator of a new instance: the rules of getting in, in one place for the server and
/// the command line.
public struct SignInService: Sendable {
    /// How strict signing in is; the server's configuration sets them, tests loosen them.
    public struct Rules: Sendable {
        public var bcryptCost: UInt8
        /// How long a browser session lasts, in seconds.
        public var sessionLifetime: Int64
        /// Failed sign-ins per e-mail and client address pair within `window` seconds before
        /// that pair has to wait.
        public var attemptLimit: Int
        public var window: Int64

        public init(
            bcryptCost: UInt8 = AccountService.defaultBcryptCost, sessionLifetime: Int64 = 12 * 3600, attemptLimit: Int = 5,
            window: Int64 = 15 * 60
        ) {
            self.bcryptCost = bcryptCost
            self.sessionLifetime = sessionLifetime
            self.attemptLimit = attemptLimit
            self.window = window
        }
    }

    public enum Result: Sendable {
        case signedIn(user: User, sessionToken: String, csrfToken: String)
        case rejected
        /// Too many failures from this address: try again after `retryAfter` seconds.
        case rateLimited(retryAfter: Int64)
    }

    let store: Store
    public let rules: Rules

    public init(store: Store, rules: Rules) {
        self.store = store
        self.rules = rules
    }

    /// Checks the password and opens a session.
    ///
    /// Failures are counted per e-mail address *and* client address together, so nobody can
    /// lock another person out from elsewhere: past `attemptLimit` failures within the window,
    /// that pair waits 15 s, then 30 s, 60 s and so on (at most the window) before its next
    /// try. One address failing against many accounts is slowed the same way past ten times
    /// the limit. Unknown accounts cost a bcrypt check at the configured cost, so timing does
    /// not tell which e-mail addresses have accounts.
    public func signIn(email: String, password: String, clientIP: String?, now: Int64) async throws -> Result {
        let window = rules.window
        let address = clientIP ?? "unknown"
        let pairKey = "pair:" + email.trimmingSpaces().lowercased() + "|" + address
        let limits = [(pairKey, rules.attemptLimit), ("ip:" + address, rules.attemptLimit * 10)]
        for (key, limit) in limits {
            let history = try await store.accounts.loginFailureHistory(key: key, now: now, window: window)
            if let wait = Self.backOff(failures: history.count, latest: history.latest, limit: limit, window: window, now: now) {
                return .rateLimited(retryAfter: wait)
            }
        }
        let found = try await store.accounts.userWithPasswordHash(email: email)
        let hash =
            if let found { found.passwordHash } else { try await Self.dummyHash(cost: rules.bcryptCost) }
        let valid = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard valid, let user = found?.user else {
            for (key, _) in limits { _ = try await store.accounts.recordLoginFailure(key: key, now: now, window: window) }
            return .rejected
        }
        try await store.accounts.clearLoginFailures(key: pairKey)
        let session = try await openSession(userID: user.id, now: now)
        return .signedIn(user: user, sessionToken: session.token, csrfToken: session.csrfToken)
    }

    /// A new browser session for the user, however they proved who they are; only the token's
    /// hash is kept.
    public func openSession(userID: String, now: Int64) async throws -> (token: String, csrfToken: String) {
        let sessionToken = Secrets.make(), csrfToken = Secrets.make()
        try await store.accounts.createSession(
            tokenHash: Secrets.hash(sessionToken), userID: userID, csrfToken: csrfToken, now: now, expiresAt: now + rules.sessionLifetime)
        return (sessionToken, csrfToken)
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

    /// A bcrypt hash at `cost`, made once per process and cost, to verify against when the
    /// account does not exist.
    static func dummyHash(cost: UInt8) async throws -> String {
        if let hash = dummyHashes.withLock({ $0[cost] }) { return hash }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(Secrets.make(), cost: cost) }
        dummyHashes.withLock { $0[cost] = hash }
        return hash
    }

    private static let dummyHashes = Mutex<[UInt8: String]>([:])

    /// The person and CSRF token of a browser session that has not expired.
    public func session(token: String, now: Int64) async throws -> (user: User, csrfToken: String)? {
        guard let session = try await store.accounts.session(tokenHash: Secrets.hash(token), now: now) else { return nil }
        return (session.user, session.csrfToken)
    }

    /// The person an API token acts for.
    public func tokenUser(token: String, now: Int64) async throws -> User? {
        try await store.accounts.userForAPIToken(tokenHash: Secrets.hash(token), now: now)
    }

    public func signOut(sessionToken: String) async throws {
        try await store.accounts.deleteSession(tokenHash: Secrets.hash(sessionToken))
    }

    /// On first start with no users, creates the instance administrator. Returns the password
    /// when one was generated, so the caller can show it once.
    public func ensureAdministrator(
        email: String = "admin@localhost", password: String?, now: Int64
    ) async throws -> (user: User, generatedPassword: String?)? {
        guard try await store.accounts.userCount() == 0 else { return nil }
        let chosen = password ?? String(Secrets.make().prefix(20))
        let hash = try await AccountService(store: store, bcryptCost: rules.bcryptCost).hashPassword(chosen)
        let user = try await store.accounts.createUser(
            email: email, name: "Administrator", passwordHash: hash, instanceAdmin: true, now: now)
        return (user, password == nil ? chosen : nil)
    }
}
