import DNACore
import DNAStore

/// SCIM provisioning (RFC 7643/7644) of a workspace's participants and units from the
/// organization's directory. A directory signs in with its workspace's token and reaches
/// that workspace only: every use case takes the `Directory` its token resolved to, never a
/// workspace name.
public struct ScimService: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// A signed-in directory: its workspace, and the caller the audit log names (`scim:NAME`).
    public struct Directory: Sendable {
        public let workspace: Workspace
        let caller: Caller
    }

    /// Makes a token for the workspace's directory; the secret is returned once. For the
    /// workspace's admins and the machine's operator.
    public func createToken(_ caller: Caller?, workspace slug: String, name: String, now: Int64) async throws -> String {
        let name = name.trimmingSpaces()
        guard !name.isEmpty, name.count <= 100 else { throw StoreError.invalid("the token's name must be 1 to 100 characters") }
        let (workspace, _) = try await WorkspaceAccess(store: store).resolve(slug, caller: caller, minimum: .admin)
        let secret = "scim_" + Secrets.make()
        try await WorkspaceService.signedIn(caller).acting {
            try await store.scim.createToken(workspaceID: workspace.id, name: name, tokenHash: Secrets.hash(secret), now: now)
        }
        return secret
    }

    /// The workspace's SCIM tokens (names and dates, never secrets); for its admins.
    public func tokens(_ caller: Caller?, workspace slug: String) async throws -> [(name: String, createdAt: Int64, lastUsedAt: Int64?)] {
        let (workspace, _) = try await WorkspaceAccess(store: store).resolve(slug, caller: caller, minimum: .admin)
        return try await store.scim.tokens(workspaceID: workspace.id)
    }

    public func revokeToken(_ caller: Caller?, workspace slug: String, name: String) async throws {
        let (workspace, _) = try await WorkspaceAccess(store: store).resolve(slug, caller: caller, minimum: .admin)
        try await WorkspaceService.signedIn(caller).acting { try await store.scim.revokeToken(workspaceID: workspace.id, name: name) }
    }

    /// The directory a bearer token belongs to, or nil.
    public func directory(token: String, now: Int64) async throws -> Directory? {
        guard !token.isEmpty, token.count <= 200, let found = try await store.scim.workspace(tokenHash: Secrets.hash(token), now: now)
        else {
            return nil
        }
        return Directory(
            workspace: found.workspace,
            caller: Caller(kind: .machineOperator, actor: AuditActor(name: "scim:" + found.tokenName, via: .scim)))
    }

    public func users(
        _ directory: Directory, where filter: (ScimRepository.UserAttribute, String)?, startIndex: Int, count: Int
    ) async throws -> (total: Int, users: [DirectoryUser]) {
        try await store.scim.users(workspaceID: directory.workspace.id, where: filter, startIndex: startIndex, count: count)
    }

    public func user(_ directory: Directory, id: String) async throws -> DirectoryUser {
        try await store.scim.user(workspaceID: directory.workspace.id, id: id)
    }

    /// Creates the person (`id` nil) or replaces what the directory says of them.
    public func save(_ directory: Directory, id: String?, _ input: DirectoryUserInput, now: Int64) async throws -> DirectoryUser {
        try await directory.caller.acting { try await store.scim.save(workspaceID: directory.workspace.id, id: id, input, now: now) }
    }

    /// Deletes the participant with their invitations and mail (see `LifecycleRepository`).
    public func deleteUser(_ directory: Directory, id: String) async throws {
        _ = try await directory.caller.acting { try await store.lifecycle.delete(workspaceID: directory.workspace.id, .participant(id)) }
    }

    public func groups(_ directory: Directory, displayName: String?) async throws -> [DirectoryGroup] {
        try await store.scim.groups(workspaceID: directory.workspace.id, displayName: displayName)
    }

    public func group(_ directory: Directory, id: String) async throws -> DirectoryGroup {
        try await store.scim.group(workspaceID: directory.workspace.id, id: id)
    }

    public func createGroup(_ directory: Directory, name: String, memberIDs: [String]) async throws -> DirectoryGroup {
        try await directory.caller.acting {
            try await store.scim.createGroup(workspaceID: directory.workspace.id, name: name, memberIDs: memberIDs)
        }
    }

    /// Renames the group (when `name` is given) and places `memberIDs` in it.
    public func updateGroup(_ directory: Directory, id: String, name: String?, add memberIDs: [String]) async throws -> DirectoryGroup {
        try await directory.caller.acting {
            try await store.scim.setGroup(workspaceID: directory.workspace.id, id: id, renaming: name, add: memberIDs)
        }
    }

    /// Deletes the group's unit; refused while people or units are in it.
    public func deleteGroup(_ directory: Directory, id: String) async throws {
        try await directory.caller.acting { try await store.organization.deleteUnit(workspaceID: directory.workspace.id, id: id) }
    }
}
