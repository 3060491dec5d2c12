import Crypto
import DNACore
import DNAIdentity
import DNAStore
import Foundation

/// Signing in through the organization's identity provider (DESIGN.md capability 6): the
/// sign-in under way kept in the database by the hash of its state, the browser bound to it by
/// a cookie holding the state, and at the callback the provider's person turned into a user of
/// this instance with the workspace roles their directory groups grant.
public struct SingleSignOnService: Sendable {
    public let provider: OpenIDProvider
    let store: Store
    let signIn: SignInService
    /// How long a person may take at the provider before the sign-in must start again.
    public static let pendingLifetime: Int64 = 600

    public init(provider: OpenIDProvider, store: Store, signIn: SignInService) {
        self.provider = provider
        self.store = store
        self.signIn = signIn
    }

    /// A sign-in begun: send the browser to `url`, and keep `state` in its cookie.
    public struct Start: Sendable {
        public var url: String
        public var state: String
    }

    /// Keeps the sign-in first, so a client over its share of sign-ins under way is refused
    /// (`StoreError.busy`) before this server calls the provider for it; a provider that
    /// cannot be asked leaves no sign-in behind.
    public func start(next: String?, address: String?, now: Int64) async throws -> Start {
        let state = Secrets.make(), nonce = Secrets.make(), verifier = Secrets.make()
        let stateHash = Secrets.hash(state)
        try await store.singleSignOn.begin(
            stateHash: stateHash, .init(nonce: nonce, codeVerifier: verifier, next: next), address: address,
            expiresAt: now + Self.pendingLifetime, now: now)
        do {
            let url = try await provider.authorizationURL(state: state, nonce: nonce, codeVerifier: verifier)
            return Start(url: url, state: state)
        } catch {
            _ = try? await store.singleSignOn.take(stateHash: stateHash, now: now)
            throw error
        }
    }

    public struct SignedIn: Sendable {
        public var user: User
        public var sessionToken: String
        public var next: String?
    }

    /// Finishes a sign-in at the callback. `browserState` is the state from the browser's
    /// cookie: it must be the one the provider sent back, so nobody can finish a sign-in in
    /// someone else's browser. Each sign-in finishes at most once. Throws `OpenIDError`.
    public func finish(code: String, state: String, browserState: String?, now: Int64) async throws -> SignedIn {
        guard let browserState, !state.isEmpty, Secrets.constantTimeEqual(state, browserState) else {
            throw OpenIDError.refused("this sign-in was not started in this browser, or its cookie is gone; start again")
        }
        guard let pending = try await store.singleSignOn.take(stateHash: Secrets.hash(state), now: now) else {
            throw OpenIDError.refused("this sign-in has run out or was already used; start again")
        }
        let person = try await provider.signIn(code: code, codeVerifier: pending.codeVerifier, nonce: pending.nonce)
        guard let email = person.email else {
            throw OpenIDError.refused("the identity provider sent no e-mail address; it must release the email claim to this application")
        }
        if person.emailVerified == false { throw OpenIDError.refused("the identity provider says the address \(email) is not verified") }
        // A bcrypt hash of a secret nobody is told, only for an account made now: such an
        // account signs in through the provider until someone sets it a password.
        let hash: String? =
            if try await store.singleSignOn.linkedUser(issuer: person.issuer, subject: person.subject) == nil {
                try await AccountService(store: store, bcryptCost: signIn.rules.bcryptCost).hashPassword(Secrets.make())
            } else { nil }
        let identity = SingleSignOnRepository.ProviderIdentity(
            issuer: person.issuer, subject: person.subject, email: email, name: person.name ?? "",
            emailVerified: person.emailVerified == true,
            groups: person.groups)
        let user: User
        do {
            user = try await AuditActor.$current.withValue(AuditActor(name: EmailAddress.normalized(email), via: .page)) {
                try await store.singleSignOn.signIn(identity, newPasswordHash: hash ?? "", now: now)
            }
        } catch StoreError.conflict(let message), StoreError.invalid(let message) {
            throw OpenIDError.refused(message)
        }
        let session = try await signIn.openSession(userID: user.id, now: now)
        return SignedIn(user: user, sessionToken: session.token, next: pending.next)
    }
}

/// Which directory groups grant which role in a workspace at single sign-on: read and
/// changed by the workspace's admins (and the machine's operator).
public struct GroupRoleService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func roles(_ caller: Caller?, workspace slug: String) async throws -> [GroupRole] {
        let (workspace, _) = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await store.singleSignOn.groupRoles(workspaceID: workspace.id)
    }

    /// Maps `group` to `access`, or (nil) removes its mapping.
    public func set(_ caller: Caller?, workspace slug: String, group: String, access role: Access?) async throws {
        try await access.changing(slug, caller, minimum: .admin) {
            try await store.singleSignOn.setGroupRole(workspaceID: $0.id, group: group, access: role)
        }
    }

    /// Replaces every mapping of the workspace at once, returning them as stored.
    public func replace(_ caller: Caller?, workspace slug: String, with roles: [GroupRole]) async throws -> [GroupRole] {
        try await access.changing(slug, caller, minimum: .admin) { workspace in
            try await store.singleSignOn.replaceGroupRoles(workspaceID: workspace.id, roles)
            return try await store.singleSignOn.groupRoles(workspaceID: workspace.id)
        }
    }
}
