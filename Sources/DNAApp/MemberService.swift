import DNACore
import DNAStore
import Foundation

/// A workspace's members managed by its admins (DESIGN capability 6): invite by e-mail,
/// change access, deactivate, reactivate, remove, and a password link for a member who lost
/// theirs. A person sets their password through the single-use link; nobody else ever sees it.
public struct MemberService: WorkspaceUseCases {
    let store: Store
    let accounts: AccountService
    /// The configured public address the links start with, never the request's.
    let publicURL: String
    /// Whether this server sends the outbox; without it the page shows the link to copy.
    let sendsMail: Bool
    /// False when people sign in only through the identity provider (`CDNA_PASSWORD_SIGNIN=off`):
    /// then nobody is sent a link to choose a password, since it would not let them in.
    let passwordSignIn: Bool

    /// How long an invitation or reset link works.
    public static let linkLifetime: Int64 = 7 * 86_400

    public init(store: Store, accounts: AccountService, publicURL: String, sendsMail: Bool, passwordSignIn: Bool = true) {
        self.store = store
        self.accounts = accounts
        self.publicURL = publicURL
        self.sendsMail = sendsMail
        self.passwordSignIn = passwordSignIn
    }

    /// Why passwords cannot be set here when password sign-in is off.
    public static let passwordsOff = "password sign-in is turned off on this server: people sign in through the identity provider"

    /// What an invitation or a reset did: the link when it was not mailed (shown once).
    public struct LinkOutcome: Equatable, Sendable {
        public var user: User
        public var link: String?
        public var mailed: Bool
        /// The person had an account already: they were given access, no link was needed.
        public var existed: Bool
    }

    public func members(_ caller: Caller?, workspace slug: String) async throws -> [Member] {
        let (workspace, _) = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await store.accounts.members(workspaceID: workspace.id)
    }

    /// Gives `email` access to the workspace. Someone without an account gets one with no
    /// usable password and a link to set it, mailed when the server sends mail; with password
    /// sign-in off, no link: the mail (if any) asks them to sign in through the identity
    /// provider with that address, which finds this account.
    public func invite(
        _ caller: Caller?, workspace slug: String, email rawEmail: String, name: String, access level: Access, now: Int64
    ) async throws -> LinkOutcome {
        let email = EmailAddress.normalized(rawEmail)
        if let problem = EmailAddress.problem(email) { throw StoreError.invalid("email: the address \(problem)") }
        return try await access.changing(slug, caller, minimum: .admin) { workspace in
            if let existing = try await store.accounts.userWithPasswordHash(email: email)?.user {
                try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: existing.id, access: level))
                return LinkOutcome(user: existing, link: nil, mailed: false, existed: true)
            }
            // A bcrypt hash of a secret nobody keeps: the account exists but cannot sign in yet.
            let unusable = try await accounts.hashPassword(Secrets.make())
            let user = try await store.accounts.createUser(
                email: email, name: name.trimmingSpaces(), passwordHash: unusable, instanceAdmin: false, now: now)
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: user.id, access: level))
            guard passwordSignIn else {
                guard sendsMail else { return LinkOutcome(user: user, link: nil, mailed: false, existed: false) }
                try await store.mailOutbox.enqueue([
                    Self.mail(
                        to: user, link: publicURL + "/login", purpose: "invitation", singleSignOn: true, workspace: workspace, now: now)
                ])
                return LinkOutcome(user: user, link: nil, mailed: true, existed: false)
            }
            return try await sendLink(to: user, purpose: "invitation", workspace: workspace, now: now, existed: false)
        }
    }

    /// Changes a member's access level (which also reactivates a deactivated membership).
    public func setAccess(_ caller: Caller?, workspace slug: String, userID: String, access level: Access) async throws {
        try await changingOther(caller, slug, userID) { workspace in
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: userID, access: level))
        }
    }

    public func setActive(_ caller: Caller?, workspace slug: String, userID: String, active: Bool, now: Int64) async throws {
        try await changingOther(caller, slug, userID) { workspace in
            try await store.accounts.setMembershipActive(workspaceID: workspace.id, userID: userID, deactivatedAt: active ? nil : now)
        }
    }

    public func remove(_ caller: Caller?, workspace slug: String, userID: String) async throws {
        try await changingOther(caller, slug, userID) { workspace in
            try await store.accounts.removeMembership(workspaceID: workspace.id, userID: userID)
        }
    }

    /// A new password link for a member, ending their sessions. Only for a person this admin
    /// administers everywhere they have access: an admin of one workspace must not take over
    /// an account that reaches others, nor an instance administrator's.
    public func resetPassword(_ caller: Caller?, workspace slug: String, userID: String, now: Int64) async throws -> LinkOutcome {
        guard passwordSignIn else { throw StoreError.invalid(Self.passwordsOff) }
        return try await changingOther(caller, slug, userID) { workspace in
            let user = try await store.accounts.user(id: userID)
            if case .person(let admin) = caller?.kind, !admin.instanceAdmin {
                let theirs = try await store.workspaces.all(of: userID).map(\.workspace.id)
                let mine = Set(try await store.workspaces.all(of: admin.id).filter { $0.access == .admin }.map(\.workspace.id))
                guard !user.instanceAdmin, theirs.allSatisfy(mine.contains) else {
                    throw AccessError.forbidden("this person has access elsewhere; an instance administrator resets their password")
                }
            }
            return try await sendLink(to: user, purpose: "reset", workspace: workspace, now: now, existed: true)
        }
    }

    /// Runs a change to another member: admins only, never on oneself (an admin who demoted
    /// or removed themselves by a slip could not undo it).
    private func changingOther<T>(
        _ caller: Caller?, _ slug: String, _ userID: String, _ body: (Workspace) async throws -> T
    ) async throws -> T {
        if case .person(let user) = caller?.kind, user.id == userID {
            throw AccessError.forbidden("you cannot change your own membership; another admin can")
        }
        return try await access.changing(slug, caller, minimum: .admin) { workspace in
            guard try await store.accounts.members(workspaceID: workspace.id).contains(where: { $0.user.id == userID }) else {
                throw StoreError.notFound("no member '\(userID)'")
            }
            return try await body(workspace)
        }
    }

    private func sendLink(to user: User, purpose: String, workspace: Workspace, now: Int64, existed: Bool) async throws -> LinkOutcome {
        let secret = Secrets.make()
        try await store.accounts.createAccountLink(
            userID: user.id, purpose: purpose, tokenHash: Secrets.hash(secret), now: now, expiresAt: now + Self.linkLifetime)
        let link = publicURL + "/welcome/" + secret
        guard sendsMail else { return LinkOutcome(user: user, link: link, mailed: false, existed: existed) }
        try await store.mailOutbox.enqueue([Self.mail(to: user, link: link, purpose: purpose, workspace: workspace, now: now)])
        return LinkOutcome(user: user, link: nil, mailed: true, existed: existed)
    }

    /// The member mail for an account link's `purpose` ("invitation" or "reset"), or, with
    /// `singleSignOn`, the invitation that asks the person to sign in through the identity
    /// provider instead of choosing a password. Kept in the outbox as "member-" + purpose.
    static func mail(
        to user: User, link: String, purpose: String, singleSignOn: Bool = false, workspace: Workspace, now: Int64
    ) -> OutboxMail {
        let invited = "You have been given access to \(workspace.name) on CustomerDNA."
        let wording: (subject: String, opening: String, button: String, assurance: String) =
            switch (purpose, singleSignOn) {
            case ("invitation", true):
                (
                    "You are invited to \(workspace.name) on CustomerDNA",
                    invited + " Sign in with your organization's account, using the address this mail was sent to.", "Sign in",
                    "You need no new password."
                )
            case ("invitation", false):
                (
                    "You are invited to \(workspace.name) on CustomerDNA", invited + " Choose your password to sign in.",
                    "Choose my password", "The link works once, for 7 days."
                )
            default:
                (
                    "Set a new CustomerDNA password",
                    "An admin of \(workspace.name) asked for a new password for your account. Choose it here; your old one no longer works.",
                    "Set my password", "The link works once, for 7 days."
                )
            }
        let letter = InvitationLetter(
            language: "en", organization: workspace.name, name: user.name, subject: wording.subject, opening: wording.opening,
            link: link, button: wording.button, assurance: wording.assurance,
            why: "You get this mail because an admin of \(workspace.name) entered your address. If that is a mistake, ignore it.")
        return letter.mail(workspaceID: workspace.id, purpose: "member-" + purpose, recipient: user.email, now: now)
    }

    /// Who a link belongs to, for the page where they choose their password; nil once used
    /// or expired.
    public func linkHolder(secret: String, now: Int64) async throws -> (user: User, purpose: String)? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        return try await store.accounts.accountLink(tokenHash: Secrets.hash(secret), now: now)
    }

    /// Spends the link: sets the password (and the name, when given).
    public func useLink(secret: String, password: String, name: String?, now: Int64) async throws -> User {
        guard passwordSignIn else { throw StoreError.invalid(Self.passwordsOff) }
        let hash = try await accounts.hashPassword(password)
        return try await AuditActor.$current.withValue(AuditActor(name: "link", via: .page)) {
            try await store.accounts.useAccountLink(tokenHash: Secrets.hash(secret), passwordHash: hash, name: name, now: now)
        }
    }
}
