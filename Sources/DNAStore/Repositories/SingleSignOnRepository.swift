import DNACore
import SQLKit

/// A directory group whose members get a role in a workspace when they sign in through the
/// identity provider.
public struct GroupRole: Sendable, Equatable, Codable {
    public var group: String
    public var access: Access

    public init(group: String, access: Access) {
        self.group = group
        self.access = access
    }

    /// Why `name` cannot be a group name: it must be something a directory sends in a claim.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty || name.count > 256 { return "a group name has 1 to 256 characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a group name has no control characters"
        }
        return nil
    }
}

extension SingleSignOnRepository {
    /// A sign-in sent to the provider and not yet back: what the callback needs to finish it.
    public struct PendingSignIn: Sendable, Equatable {
        public var nonce: String
        public var codeVerifier: String
        public var next: String?

        public init(nonce: String, codeVerifier: String, next: String?) {
            self.nonce = nonce
            self.codeVerifier = codeVerifier
            self.next = next
        }
    }

    /// The most sign-ins under way at once: starting one needs no account, so a crowd of
    /// requests must not grow the table without end.
    public static let pendingLimit = 10_000
    /// The most sign-ins under way begun from one client address. A person finishes theirs
    /// within minutes (and a finished one no longer counts), so even an office behind one
    /// address stays far below it, while one machine cannot take the whole `pendingLimit`.
    public static let pendingPerAddress = 50

    /// Keeps a sign-in under way by the hash of its state (the state itself stays in the
    /// browser's cookie), and clears those that ran out. Refused (busy) past `pendingLimit`,
    /// or past `pendingPerAddress` for `address`.
    public func begin(stateHash: String, _ pending: PendingSignIn, address: String?, expiresAt: Int64, now: Int64) async throws {
        try await write(changingCachedReads: false) { db in
            try await db.delete(from: "oidc_sign_ins").where("expires_at", .lessThan, SQLBind(now)).run()
            let open = try await db.raw("SELECT COUNT(*) AS n FROM oidc_sign_ins").first()?.decode(column: "n", as: Int.self) ?? 0
            guard open < Self.pendingLimit else {
                throw StoreError.busy("too many sign-ins are under way on this server; try again in a few minutes")
            }
            if let address {
                let fromAddress =
                    try await db.raw("SELECT COUNT(*) AS n FROM oidc_sign_ins WHERE client_address = \(bind: address)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
                guard fromAddress < Self.pendingPerAddress else {
                    throw StoreError.busy(
                        "too many sign-ins begun from your address are still under way; finish one, or wait ten minutes and try again")
                }
            }
            try await db.insert(into: "oidc_sign_ins")
                .columns("state_hash", "nonce", "code_verifier", "next_path", "expires_at", "client_address")
                .values(
                    SQLBind(stateHash), SQLBind(pending.nonce), SQLBind(pending.codeVerifier), SQLBind(pending.next), SQLBind(expiresAt),
                    SQLBind(address)
                ).run()
        }
    }

    /// Takes the sign-in out: each can be finished once, so a callback sent again (a replay)
    /// finds nothing. Nil when there is none or it ran out.
    public func take(stateHash: String, now: Int64) async throws -> PendingSignIn? {
        try await write(changingCachedReads: false) { db in
            guard
                let row = try await db.delete(from: "oidc_sign_ins").where("state_hash", .equal, SQLBind(stateHash))
                    .returning("nonce", "code_verifier", "next_path", "expires_at").first(),
                try row.decode(column: "expires_at", as: Int64.self) >= now
            else { return nil }
            return PendingSignIn(
                nonce: try row.decode(column: "nonce", as: String.self),
                codeVerifier: try row.decode(column: "code_verifier", as: String.self),
                next: try row.decode(column: "next_path", as: String?.self))
        }
    }

    /// The user this provider identity signed in as before, if any.
    public func linkedUser(issuer: String, subject: String) async throws -> User? {
        try await read { db in try await Self.linked(db, issuer: issuer, subject: subject) }
    }

    /// What the provider said of the person signing in.
    public struct ProviderIdentity: Sendable {
        public var issuer: String
        public var subject: String
        public var email: String
        public var name: String
        /// Whether the provider vouches for the address: only then is an existing account
        /// with that address taken over.
        public var emailVerified: Bool
        public var groups: [String]

        public init(issuer: String, subject: String, email: String, name: String, emailVerified: Bool, groups: [String]) {
            self.issuer = issuer
            self.subject = subject
            self.email = email
            self.name = name
            self.emailVerified = emailVerified
            self.groups = groups
        }
    }

    /// The user behind a provider identity, in one transaction: the linked one; else the
    /// account with the same address when the provider vouches for it; else a new user with
    /// `newPasswordHash` (a hash of a secret nobody knows). Then every workspace whose group
    /// roles name one of the person's groups gives the highest such role, unless the person
    /// already has at least that or an admin deactivated them there.
    public func signIn(_ identity: ProviderIdentity, newPasswordHash: String, now: Int64) async throws -> User {
        let email = EmailAddress.normalized(identity.email)
        if let problem = EmailAddress.problem(email) { throw StoreError.invalid("the provider's e-mail address: \(problem)") }
        let makeID = self.makeID
        return try await write { db in
            let user: User
            if let known = try await Self.linked(db, issuer: identity.issuer, subject: identity.subject) {
                user = known
                try await db.update("oidc_identities").set("signed_in_at", to: SQLBind(now))
                    .where("issuer", .equal, SQLBind(identity.issuer)).where("subject", .equal, SQLBind(identity.subject)).run()
            } else {
                let existing = try await db.select().columns(AccountRepository.userColumns).from("users")
                    .where("email", .equal, SQLBind(email)).first().map(AccountRepository.user)
                if existing != nil, !identity.emailVerified {
                    throw StoreError.conflict(
                        "an account with the address \(email) exists, and the identity provider does not say the address is verified")
                }
                let name = String(identity.name.trimmingSpaces().prefix(200))
                let linked =
                    existing ?? User(id: makeID(), email: email, name: name.isEmpty ? email : name, instanceAdmin: false, createdAt: now)
                if existing == nil {
                    try await AccountRepository.insert(
                        db, linked, passwordHash: newPasswordHash, summary: "created a user at single sign-on")
                }
                try await db.insert(into: "oidc_identities").columns("issuer", "subject", "user_id", "created_at", "signed_in_at")
                    .values(SQLBind(identity.issuer), SQLBind(identity.subject), SQLBind(linked.id), SQLBind(now), SQLBind(now)).run()
                user = linked
            }
            try await Self.grant(db, userID: user.id, groups: identity.groups)
            return user
        }
    }

    static func linked(_ db: any SQLDatabase, issuer: String, subject: String) async throws -> User? {
        try await db.raw(
            """
            SELECT \(unsafeRaw: AccountRepository.userColumns.map { "u." + $0 }.joined(separator: ", "))
            FROM oidc_identities i JOIN users u ON u.id = i.user_id
            WHERE i.issuer = \(bind: issuer) AND i.subject = \(bind: subject)
            """
        ).first().map(AccountRepository.user)
    }

    /// Raises the user's access where one of `groups` is mapped.
    static func grant(_ db: any SQLDatabase, userID: String, groups: [String]) async throws {
        guard !groups.isEmpty else { return }
        let rows = try await db.select().columns("workspace_id", "group_name", "access").from("sso_group_roles")
            .where("group_name", .in, SQLBind.group(Array(Set(groups.prefix(1000))))).all()
        var best: [String: (access: Access, group: String)] = [:]
        for row in rows {
            let access = try storedValue(Access.self, try row.decode(column: "access", as: String.self), column: "access")
            let workspace = try row.decode(column: "workspace_id", as: String.self)
            if best[workspace].map({ $0.access < access }) ?? true {
                best[workspace] = (access, try row.decode(column: "group_name", as: String.self))
            }
        }
        for (workspace, wanted) in best.sorted(by: { $0.key < $1.key }) {
            let current = try await db.select().columns("access", "deactivated_at").from("memberships")
                .where("workspace_id", .equal, SQLBind(workspace)).where("user_id", .equal, SQLBind(userID)).first()
            if let current {
                // An admin's deactivation outlasts the directory's groups.
                if try current.decode(column: "deactivated_at", as: Int64?.self) != nil { continue }
                let had = try storedValue(Access.self, try current.decode(column: "access", as: String.self), column: "access")
                if had >= wanted.access { continue }
                try await db.update("memberships").set("access", to: SQLBind(wanted.access.rawValue))
                    .where("workspace_id", .equal, SQLBind(workspace)).where("user_id", .equal, SQLBind(userID)).run()
            } else {
                try await db.insert(into: "memberships").columns("workspace_id", "user_id", "access")
                    .values(SQLBind(workspace), SQLBind(userID), SQLBind(wanted.access.rawValue)).run()
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspace, action: "membership.set", record: "user:\(userID)",
                summary: "gave \(wanted.access.rawValue) access through the directory group \(wanted.group)")
        }
    }

    public func groupRoles(workspaceID: String) async throws -> [GroupRole] {
        try await read { db in
            try await db.select().columns("group_name", "access").from("sso_group_roles").where(
                "workspace_id", .equal, SQLBind(workspaceID)
            )
            .orderBy("group_name").all()
            .map { row in
                GroupRole(
                    group: try row.decode(column: "group_name", as: String.self),
                    access: try storedValue(Access.self, try row.decode(column: "access", as: String.self), column: "access"))
            }
        }
    }

    /// Maps a group to a role in the workspace, or (`access` nil) removes the mapping. Who has
    /// access already keeps it: the mapping grants at sign-in, it does not take away.
    public func setGroupRole(workspaceID: String, group: String, access: Access?) async throws {
        let group = group.trimmingSpaces()
        if let problem = GroupRole.problem(group) { throw StoreError.invalid(problem) }
        try await write { db in try await Self.setGroupRole(db, workspaceID: workspaceID, group: group, access: access) }
    }

    /// Makes `roles` the workspace's whole mapping, all or nothing.
    public func replaceGroupRoles(workspaceID: String, _ roles: [GroupRole]) async throws {
        var seen: Set<String> = []
        for (index, role) in roles.enumerated() {
            let group = role.group.trimmingSpaces()
            if let problem = GroupRole.problem(group) { throw StoreError.invalid("groups[\(index)].group: \(problem)") }
            guard seen.insert(group).inserted else { throw StoreError.invalid("groups[\(index)].group: '\(group)' is listed twice") }
        }
        let kept = seen
        try await write { db in
            let current = try await db.select().column("group_name").from("sso_group_roles")
                .where("workspace_id", .equal, SQLBind(workspaceID)).all().map { try $0.decode(column: "group_name", as: String.self) }
            for group in current where !kept.contains(group) {
                try await Self.setGroupRole(db, workspaceID: workspaceID, group: group, access: nil)
            }
            for role in roles {
                try await Self.setGroupRole(db, workspaceID: workspaceID, group: role.group.trimmingSpaces(), access: role.access)
            }
        }
    }

    static func setGroupRole(_ db: any SQLDatabase, workspaceID: String, group: String, access: Access?) async throws {
        try await AuditLogRepository.audit(
            db, workspaceID: workspaceID, action: access == nil ? "sso-group.remove" : "sso-group.set", record: "group:\(group)",
            summary: access.map { "members of directory group \(group) get \($0.rawValue) access at sign-in" }
                ?? "directory group \(group) no longer grants access")
        try await db.delete(from: "sso_group_roles").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("group_name", .equal, SQLBind(group)).run()
        if let access {
            try await db.insert(into: "sso_group_roles").columns("workspace_id", "group_name", "access")
                .values(SQLBind(workspaceID), SQLBind(group), SQLBind(access.rawValue)).run()
        }
    }
}
