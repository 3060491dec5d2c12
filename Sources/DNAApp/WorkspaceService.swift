import DNACore
import DNAStore

/// Workspaces, their members and their audit log. Creating a workspace is for instance
/// administrators (and the machine's operator); members and the log are for the workspace's
/// admins.
public struct WorkspaceService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The workspaces `caller` may open, with the access it has to each.
    public func workspaces(_ caller: Caller?) async throws -> [(workspace: Workspace, access: Access)] {
        switch try Self.signedIn(caller).kind {
        case .machineOperator: try await store.workspaces.all().map { ($0, .admin) }
        case .person(let user): try await store.workspaces.all(of: user.id)
        }
    }

    public func workspace(_ caller: Caller?, slug: String) async throws -> (Workspace, Access) {
        try await access.resolve(slug, caller: caller)
    }

    /// What the workspace holds, counted, for its home page.
    public func summary(_ caller: Caller?, slug: String) async throws -> WorkspaceSummary {
        try await summaryAndWaves(caller, slug: slug).summary
    }

    /// The summary and the waves it counted, for a use case that goes on to read the waves.
    func summaryAndWaves(_ caller: Caller?, slug: String) async throws -> (summary: WorkspaceSummary, waves: [Campaign]) {
        let (workspace, level) = try await access.resolve(slug, caller: caller)
        let waves = try await store.campaigns.all(workspaceID: workspace.id)
        let summary = WorkspaceSummary(
            workspace: workspace, access: level, units: try await store.organization.units(workspaceID: workspace.id).count,
            roles: try await store.organization.roles(workspaceID: workspace.id).count,
            frameworks: try await store.frameworks.all(workspaceID: workspace.id).count,
            members: try await store.accounts.memberships(workspaceID: workspace.id).count, campaigns: waves.count)
        return (summary, waves)
    }

    /// Creates a workspace. Its first admin is the person creating it, or, from the command
    /// line, the user `admin` names; with neither, every instance administrator (the rule
    /// `WorkspaceRepository.create` keeps).
    public func createWorkspace(
        _ caller: Caller?, slug: String, name: String, minGroupSize: Int = 5, admin email: String? = nil, now: Int64
    ) async throws -> Workspace {
        let caller = try Self.signedIn(caller)
        var creator: String?
        switch caller.kind {
        case .person(let user):
            guard user.instanceAdmin else { throw AccessError.forbidden("only an instance administrator can create workspaces") }
            creator = user.id
        case .machineOperator:
            if let email {
                guard let found = try await store.accounts.userWithPasswordHash(email: email) else {
                    throw StoreError.notFound("no user '\(email)'")
                }
                creator = found.user.id
            }
        }
        return try await caller.acting {
            try await store.workspaces.create(slug: slug, name: name, minGroupSize: minGroupSize, creator: creator, now: now)
        }
    }

    public func members(_ caller: Caller?, workspace slug: String) async throws -> [(user: User, access: Access)] {
        let (workspace, _) = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await store.accounts.memberships(workspaceID: workspace.id)
    }

    /// Grants or changes the access of the user with `email`.
    public func setMember(_ caller: Caller?, workspace slug: String, email: String, access level: Access) async throws -> User {
        let (workspace, caller) = try await access.enter(slug, caller: caller, minimum: .admin)
        guard let found = try await store.accounts.userWithPasswordHash(email: email) else {
            throw StoreError.notFound("no user '\(email)'")
        }
        try await caller.acting {
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: found.user.id, access: level))
        }
        return found.user
    }

    /// The workspace's audit log, newest first.
    public func auditLog(_ caller: Caller?, workspace slug: String, since: Int64? = nil, limit: Int = 100) async throws -> [AuditEntry] {
        let (workspace, _) = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await store.auditLog.entries(workspaceID: workspace.id, since: since, limit: limit)
    }

    static func signedIn(_ caller: Caller?) throws -> Caller {
        guard let caller else { throw AccessError.signInNeeded }
        return caller
    }
}

/// A workspace, the caller's access to it and how many of each record it holds.
public struct WorkspaceSummary: Sendable {
    public var workspace: Workspace
    public var access: Access
    public var units, roles, frameworks, members, campaigns: Int
}
