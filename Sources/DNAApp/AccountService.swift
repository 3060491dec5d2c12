import DNACore
import DNAStore
import HummingbirdBcrypt
import NIOPosix

/// People and their API tokens: who may list and add people (instance administrators and the
/// machine's operator), the password rule, and tokens whose secret is shown once and kept
/// only as a hash. Pages, the API and `cdna user` / `cdna token` share these.
public struct AccountService: Sendable {
    let store: Store
    /// bcrypt's cost; tests lower it.
    let bcryptCost: UInt8

    public static let minimumPasswordLength = 10
    /// bcrypt's cost unless configured otherwise: about a quarter of a second per hash here.
    public static let defaultBcryptCost: UInt8 = 12

    public init(store: Store, bcryptCost: UInt8) {
        self.store = store
        self.bcryptCost = bcryptCost
    }

    public func users(_ caller: Caller?) async throws -> [User] {
        try Self.requireInstanceAdmin(caller, "manage users")
        return try await store.accounts.users()
    }

    public func createUser(
        _ caller: Caller?, email: String, name: String, password: String, instanceAdmin: Bool, now: Int64
    ) async throws -> User {
        let caller = try Self.requireInstanceAdmin(caller, "manage users")
        let hash = try await hashPassword(password)
        return try await caller.acting {
            try await store.accounts.createUser(email: email, name: name, passwordHash: hash, instanceAdmin: instanceAdmin, now: now)
        }
    }

    /// Sets a new password for the user with `email` and ends their sessions.
    public func resetPassword(_ caller: Caller?, email: String, password: String) async throws {
        let caller = try Self.requireInstanceAdmin(caller, "reset passwords")
        let hash = try await hashPassword(password)
        try await caller.acting { try await store.accounts.setPasswordHash(email: email, hash) }
    }

    /// Wrong current passwords a person may give within `currentPasswordWindow` before each
    /// further try has to wait (15 s, then doubling). Someone holding a stolen session must not
    /// be able to guess the password behind it.
    public static let currentPasswordAttempts = 5
    public static let currentPasswordWindow: Int64 = 15 * 60

    /// Too many wrong current passwords: the next try is allowed after `retryAfter` seconds.
    public struct TooManyAttempts: Error, Sendable {
        public var retryAfter: Int64
    }

    /// Changes the caller's own password after checking the current one; every session of
    /// theirs ends, so one left open elsewhere does not outlive the old password. Wrong current
    /// passwords are counted per person (whatever session or address they come from) and slow
    /// down past `currentPasswordAttempts`: throws `TooManyAttempts`.
    public func changeOwnPassword(_ caller: Caller?, current: String, new: String, now: Int64) async throws {
        let user = try Self.person(caller)
        let key = "current-password:" + user.id, window = Self.currentPasswordWindow
        let history = try await store.accounts.loginFailureHistory(key: key, now: now, window: window)
        if let wait = SignInService.backOff(
            failures: history.count, latest: history.latest, limit: Self.currentPasswordAttempts, window: window, now: now)
        {
            throw TooManyAttempts(retryAfter: wait)
        }
        guard let stored = try await store.accounts.userWithPasswordHash(email: user.email) else { throw AccessError.signInNeeded }
        let valid = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(current, hash: stored.passwordHash) }
        guard valid else {
            _ = try await store.accounts.recordLoginFailure(key: key, now: now, window: window)
            throw StoreError.invalid("current: the current password is not right")
        }
        let hash = try await hashPassword(new)
        try await caller!.acting { try await store.accounts.setPasswordHash(email: user.email, hash) }
        try await store.accounts.clearLoginFailures(key: key)
    }

    /// A token for the user with `email`, made by an instance administrator or the machine's
    /// operator (`cdna token add`); the secret is returned once.
    public func createToken(
        _ caller: Caller?, forUser email: String, name: String, now: Int64
    ) async throws -> (token: APIToken, secret: String) {
        let caller = try Self.requireInstanceAdmin(caller, "make tokens for others")
        guard let user = try await store.accounts.userWithPasswordHash(email: email)?.user else {
            throw StoreError.notFound("no user '\(email)'")
        }
        return try await caller.acting { try await Self.createToken(store, userID: user.id, name: name, now: now) }
    }

    /// The caller's own tokens.
    public func tokens(_ caller: Caller?) async throws -> [APIToken] {
        try await store.accounts.apiTokens(userID: try Self.person(caller).id)
    }

    /// Creates an API token for the caller; the secret is returned once and only its hash is kept.
    public func createToken(_ caller: Caller?, name: String, now: Int64) async throws -> (token: APIToken, secret: String) {
        let user = try Self.person(caller)
        return try await caller!.acting { try await Self.createToken(store, userID: user.id, name: name, now: now) }
    }

    /// Revokes one of the caller's tokens.
    public func deleteToken(_ caller: Caller?, id: String) async throws {
        let user = try Self.person(caller)
        try await caller!.acting { try await store.accounts.deleteAPIToken(userID: user.id, id: id) }
    }

    /// A token for `userID`, for the operator of the machine (`cdna token add`).
    public static func createToken(
        _ store: Store, userID: String, name: String, now: Int64
    ) async throws -> (token: APIToken, secret: String) {
        let secret = "cdna_" + Secrets.make()
        return (try await store.accounts.createAPIToken(userID: userID, name: name, tokenHash: Secrets.hash(secret), now: now), secret)
    }

    /// bcrypt is deliberately slow; it runs on the thread pool so it never stalls an event loop.
    public func hashPassword(_ password: String) async throws -> String {
        guard password.count >= Self.minimumPasswordLength else {
            throw StoreError.invalid("the password must have at least \(Self.minimumPasswordLength) characters")
        }
        let cost = bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    @discardableResult
    static func requireInstanceAdmin(_ caller: Caller?, _ what: String) throws -> Caller {
        guard let caller else { throw AccessError.signInNeeded }
        switch caller.kind {
        case .machineOperator: return caller
        case .person(let user):
            guard user.instanceAdmin else { throw AccessError.forbidden("only an instance administrator can \(what)") }
            return caller
        }
    }

    static func person(_ caller: Caller?) throws -> User {
        guard case .person(let user) = caller?.kind else { throw AccessError.signInNeeded }
        return user
    }
}
