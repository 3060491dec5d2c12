import DNACore
import DNAStore
import Hummingbird

/// Tenancy in one place: a workspace is visible only to its members. A workspace the caller
/// does not belong to answers exactly like one that does not exist (404), so its existence
/// does not leak either.
struct WorkspaceAccess {
    let store: Store

    func resolve(_ slug: String, identity: Identity?, minimum: Access = .viewer) async throws -> (Workspace, Access) {
        let identity = try Self.signedIn(identity)
        return try Self.check(slug, found: try await store.membership(slug: slug, userID: identity.user.id), minimum: minimum)
    }

    static func signedIn(_ identity: Identity?) throws -> Identity {
        guard let identity else { throw WebError(.unauthorized, "sign in or send an API token") }
        return identity
    }

    /// The rule, for callers that read the membership with more in one query: no membership
    /// is "no such workspace", too little access is 403.
    static func check(_ slug: String, found: (Workspace, Access)?, minimum: Access) throws -> (Workspace, Access) {
        guard let (workspace, access) = found else { throw WebError.notFound("no workspace '\(slug)'") }
        guard access >= minimum else {
            throw WebError(.forbidden, "this needs \(minimum.rawValue) access to '\(slug)'; you have \(access.rawValue)")
        }
        return (workspace, access)
    }
}

extension AppContext {
    func requireIdentity() throws -> Identity { try WorkspaceAccess.signedIn(identity) }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw WebError.badRequest("missing path parameter \(name)") }
        return value
    }
}
