import DNACore
import DNAStore

/// Tenancy in one place: a workspace is visible only to its members (and to the operator of
/// the machine). A workspace the caller does not belong to answers exactly like one that does
/// not exist, so its existence does not leak either.
public struct WorkspaceAccess: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The workspace with `slug` and the access `caller` has to it, refused below `minimum`.
    public func resolve(_ slug: String, caller: Caller?, minimum: Access = .viewer) async throws -> (Workspace, Access) {
        guard let caller else { throw AccessError.signInNeeded }
        switch caller.kind {
        case .machineOperator:
            return (try await store.workspaces.workspace(slug: slug), .admin)
        case .person(let user):
            return try Self.check(slug, found: try await store.workspaces.membership(slug: slug, userID: user.id), minimum: minimum)
        }
    }

    /// The same for a use case: the workspace, and the caller, known to be signed in.
    func enter(_ slug: String, caller: Caller?, minimum: Access = .viewer) async throws -> (Workspace, Caller) {
        let (workspace, _) = try await resolve(slug, caller: caller, minimum: minimum)
        guard let caller else { throw AccessError.signInNeeded }
        return (workspace, caller)
    }

    /// The rule, for callers that read the membership with more in one query: no membership
    /// is "no such workspace", too little access is forbidden.
    public static func check(_ slug: String, found: (Workspace, Access)?, minimum: Access) throws -> (Workspace, Access) {
        guard let (workspace, access) = found else { throw StoreError.notFound("no workspace '\(slug)'") }
        guard access >= minimum else {
            throw AccessError.forbidden("this needs \(minimum.rawValue) access to '\(slug)'; you have \(access.rawValue)")
        }
        return (workspace, access)
    }
}

extension WorkspaceAccess {
    /// Runs a read of the workspace `slug` for a caller with at least viewer access.
    func reading<T>(_ slug: String, _ caller: Caller?, _ body: (Workspace) async throws -> T) async throws -> T {
        let (workspace, _) = try await enter(slug, caller: caller)
        return try await body(workspace)
    }

    /// Runs a change to the workspace `slug` for a caller with at least `minimum` access, as
    /// that caller, so the audit log names them.
    func changing<T>(
        _ slug: String, _ caller: Caller?, minimum: Access = .analyst, _ body: (Workspace) async throws -> T
    ) async throws -> T {
        let (workspace, caller) = try await enter(slug, caller: caller, minimum: minimum)
        return try await caller.acting { try await body(workspace) }
    }
}

/// A service whose use cases act inside one workspace: each reaches it through `access`, the
/// one tenancy rule.
protocol WorkspaceUseCases: Sendable {
    var store: Store { get }
}

extension WorkspaceUseCases {
    var access: WorkspaceAccess { WorkspaceAccess(store: store) }
}
