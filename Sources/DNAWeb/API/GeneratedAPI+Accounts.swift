import DNAAPI
import DNAApp
import DNACore
import DNAStore

/// People, their tokens and the workspaces they belong to.
extension GeneratedAPI {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let identity = try identity()
        let workspaces = try await workspaces.workspaces(caller).map {
            Components.Schemas.Me.WorkspacesPayloadPayload(access: try domain($0.access), workspace: try documented($0.workspace))
        }
        return .ok(.init(body: .json(.init(user: try documented(identity.user), workspaces: workspaces))))
    }

    func getTokens(_ input: Operations.GetTokens.Input) async throws -> Operations.GetTokens.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await accounts.service.tokens(caller))))))
    }

    func postTokens(_ input: Operations.PostTokens.Input) async throws -> Operations.PostTokens.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let created = try await accounts.service.createToken(caller, name: body.name, now: now)
        return .created(.init(body: .json(Components.Schemas.CreatedToken(secret: created.secret, token: try documented(created.token)))))
    }

    func deleteTokensById(_ input: Operations.DeleteTokensById.Input) async throws -> Operations.DeleteTokensById.Output {
        try await accounts.service.deleteToken(caller, id: input.path.id)
        return .noContent(.init())
    }

    func getUsers(_ input: Operations.GetUsers.Input) async throws -> Operations.GetUsers.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await accounts.service.users(caller))))))
    }

    func postUsers(_ input: Operations.PostUsers.Input) async throws -> Operations.PostUsers.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let user = try await accounts.service.createUser(
            caller, email: body.email, name: body.name, password: body.password, instanceAdmin: body.instanceAdmin ?? false, now: now)
        return .created(.init(body: .json(try documented(user))))
    }

    func getWorkspaces(_ input: Operations.GetWorkspaces.Input) async throws -> Operations.GetWorkspaces.Output {
        let list = try await workspaces.workspaces(caller).map(\.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: list)))))
    }

    func postWorkspaces(_ input: Operations.PostWorkspaces.Input) async throws -> Operations.PostWorkspaces.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let workspace = try await workspaces.createWorkspace(
            caller, slug: body.slug, name: body.name, minGroupSize: body.minGroupSize ?? 5, now: now)
        return .created(.init(body: .json(try documented(workspace))))
    }

    func getWorkspacesById(_ input: Operations.GetWorkspacesById.Input) async throws -> Operations.GetWorkspacesById.Output {
        .ok(.init(body: .json(try documented(try await resolve(input.path.workspace).0))))
    }

    func getWorkspacesMembers(_ input: Operations.GetWorkspacesMembers.Input) async throws -> Operations.GetWorkspacesMembers.Output {
        let members = try await workspaces.members(caller, workspace: input.path.workspace).map {
            Components.Schemas.Member(access: try domain($0.access), user: try documented($0.user))
        }
        return .ok(.init(body: .json(.init(items: members))))
    }

    func putWorkspacesMembers(_ input: Operations.PutWorkspacesMembers.Input) async throws -> Operations.PutWorkspacesMembers.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let access: Access = try domain(body.access)
        let user = try await workspaces.setMember(caller, workspace: input.path.workspace, email: body.email, access: access)
        return .ok(.init(body: .json(.init(access: try domain(access), user: try documented(user)))))
    }

    func getWorkspacesAudit(_ input: Operations.GetWorkspacesAudit.Input) async throws -> Operations.GetWorkspacesAudit.Output {
        let query = try AuditQuery(sinceText: input.query.since, limitText: input.query.limit)
        let entries = try await workspaces.auditLog(caller, workspace: input.path.workspace, since: query.since, limit: query.limit)
        return .ok(.init(body: .json(try documented(ItemList(items: entries)))))
    }

    func getWorkspacesSsoGroups(_ input: Operations.GetWorkspacesSsoGroups.Input) async throws -> Operations.GetWorkspacesSsoGroups.Output {
        let roles = try await GroupRoleService(store: store).roles(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: roles)))))
    }

    func putWorkspacesSsoGroups(_ input: Operations.PutWorkspacesSsoGroups.Input) async throws -> Operations.PutWorkspacesSsoGroups.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let wanted = try body.items.map { GroupRole(group: $0.group, access: try domain($0.access)) }
        let roles = try await GroupRoleService(store: store).replace(caller, workspace: input.path.workspace, with: wanted)
        return .ok(.init(body: .json(try documented(ItemList(items: roles)))))
    }
}
