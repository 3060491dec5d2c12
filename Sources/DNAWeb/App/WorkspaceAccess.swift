import DNACore
import DNAStore
import Hummingbird

/// Tenancy in one place: a workspace is visible only to its members. A workspace the caller
/// does not belong to answers exactly like one that does not exist (404), so its existence
/// does not leak either.
struct WorkspaceAccess {
    let store: Store

    func resolve(_ slug: String, identity: Identity?, minimum: Access = .viewer) async throws -> (Workspace, Access) {
        guard let identity else { throw WebError(.unauthorized, "sign in or send an API token") }
        let notFound = WebError.notFound("no workspace '\(slug)'")
        guard let (workspace, access) = try await store.membership(slug: slug, userID: identity.user.id) else { throw notFound }
        guard access >= minimum else {
            throw WebError(.forbidden, "this needs \(minimum.rawValue) access to '\(slug)'; you have \(access.rawValue)")
        }
        return (workspace, access)
    }
}

extension AppContext {
    func requireIdentity() throws -> Identity {
        guard let identity else { throw WebError(.unauthorized, "sign in or send an API token") }
        return identity
    }

    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw WebError.badRequest("missing path parameter \(name)") }
        return value
    }
}
