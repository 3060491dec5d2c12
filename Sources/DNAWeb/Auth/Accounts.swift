import DNAApp
import DNACore
import DNAIdentity
import DNAStore
import Foundation

/// The server's door to the account use cases (`SignInService`, `AccountService`) with this
/// server's configuration and clock, answering in the web layer's terms (`Identity`).
public struct Accounts: Sendable {
    public let store: Store
    public let clock: any AppClock
    public let configuration: AppConfiguration
    public let openID: OpenIDProvider?

    public init(store: Store, clock: any AppClock, configuration: AppConfiguration, openID: OpenIDProvider? = nil) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.openID = openID
    }

    /// Signing in through the identity provider, when it is set up.
    public var singleSignOn: SingleSignOnService? {
        openID.map { SingleSignOnService(provider: $0, store: store, signIn: signInService) }
    }

    public static let minimumPasswordLength = AccountService.minimumPasswordLength

    /// The account use cases with this server's bcrypt cost.
    public var service: AccountService { AccountService(store: store, bcryptCost: configuration.bcryptCost) }

    /// Signing in and sessions with this server's rules.
    public var signInService: SignInService {
        SignInService(
            store: store,
            rules: .init(
                bcryptCost: configuration.bcryptCost, sessionLifetime: configuration.sessionLifetime,
                attemptLimit: configuration.loginAttemptLimit, window: configuration.loginWindow))
    }

    public typealias SignInResult = SignInService.Result

    public func hashPassword(_ password: String) async throws -> String {
        try await service.hashPassword(password)
    }

    /// Checks the password and opens a session (see `SignInService.signIn`).
    public func signIn(email: String, password: String, clientIP: String?) async throws -> SignInResult {
        try await signInService.signIn(email: email, password: password, clientIP: clientIP, now: clock.now())
    }

    public func identity(sessionToken: String) async throws -> Identity? {
        guard let session = try await signInService.session(token: sessionToken, now: clock.now()) else { return nil }
        return Identity(user: session.user, csrfToken: session.csrfToken)
    }

    public func identity(apiToken: String) async throws -> Identity? {
        guard let user = try await signInService.tokenUser(token: apiToken, now: clock.now()) else { return nil }
        return Identity(user: user, csrfToken: nil)
    }

    public func signOut(sessionToken: String) async throws {
        try await signInService.signOut(sessionToken: sessionToken)
    }

    /// Creates a user without a caller: for tests and the first start.
    public func createUser(email: String, name: String, password: String, instanceAdmin: Bool) async throws -> User {
        let hash = try await hashPassword(password)
        return try await store.accounts.createUser(
            email: email, name: name, passwordHash: hash, instanceAdmin: instanceAdmin, now: clock.now())
    }

    /// Creates an API token; the secret is returned once and only its hash is kept.
    public func createAPIToken(userID: String, name: String) async throws -> (token: APIToken, secret: String) {
        try await AccountService.createToken(store, userID: userID, name: name, now: clock.now())
    }

    /// On first start with no users, creates the instance administrator (see
    /// `SignInService.ensureAdministrator`).
    public func ensureAdministrator(
        email: String = "admin@localhost", password: String?
    ) async throws -> (user: User, generatedPassword: String?)? {
        try await signInService.ensureAdministrator(email: email, password: password, now: clock.now())
    }
}
