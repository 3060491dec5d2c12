import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The JSON API under `/api/v1`. Every workspace route goes through `WorkspaceAccess`, so a
/// caller outside the workspace gets 404 whatever the route.
struct APIController {
    let store: Store
    let accounts: Accounts
    /// The configured public address that respondent and customer links start with.
    let publicURL: String
    var access: WorkspaceAccess { WorkspaceAccess(store: store) }
    var organization: OrganizationService { OrganizationService(store: store) }
    var workspaces: WorkspaceService { WorkspaceService(store: store) }
    static let prefix = "/api/v1"

    func addRoutes(to router: Router<AppContext>) {
        let api = router.group(RouterPath(stringLiteral: Self.prefix))
        api.get("me") { _, context in
            let identity = try context.requireIdentity()
            let workspaces = try await store.workspaces(of: identity.user.id).map {
                APIResponse.WorkspaceAccess(workspace: $0.workspace, access: $0.access)
            }
            return try jsonResponse(APIResponse.Me(user: identity.user, workspaces: workspaces))
        }
        addFrameworkRoutes(api)
        addWorkspaceRoutes(api)
        addOrganizationRoutes(api)
        addAccountRoutes(api)
        addAssessmentRoutes(api)
        addCustomerModelRoutes(api)
        addLineOfSightRoutes(api)
    }

    private func addFrameworkRoutes(_ api: RouterGroup<AppContext>) {
        api.get("frameworks") { _, context in
            _ = try context.requireIdentity()
            return try jsonResponse(APIResponse.List(items: BuiltInFrameworks.all))
        }
        api.get("frameworks/{id}") { _, context in
            _ = try context.requireIdentity()
            let id = try context.parameter("id")
            guard let framework = BuiltInFrameworks.framework(id) else { throw WebError.notFound("no built-in framework '\(id)'") }
            return try jsonResponse(framework)
        }
        api.get("workspaces/{workspace}/frameworks") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.frameworks(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/frameworks") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let source = try await bodyText(request, context)
            let framework = try await store.addFramework(
                workspaceID: workspace.id, file: "request body", source: source, now: accounts.clock.now())
            return try jsonResponse(framework, status: .created)
        }
        api.get("workspaces/{workspace}/frameworks/{id}") { _, context in
            let (workspace, _) = try await resolve(context)
            let id = try context.parameter("id")
            guard let framework = try await store.frameworks(workspaceID: workspace.id).first(where: { $0.id == id }) else {
                throw WebError.notFound("no framework '\(id)'")
            }
            return try jsonResponse(framework)
        }
    }

    private func addWorkspaceRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces") { _, context in
            try jsonResponse(APIResponse.List(items: try await workspaces.workspaces(context.caller).map(\.workspace)))
        }
        api.post("workspaces") { request, context in
            let identity = try context.requireIdentity()
            guard identity.user.instanceAdmin else { throw WebError(.forbidden, "only an instance administrator can create workspaces") }
            let body = try await request.decodeStrict(APIRequest.NewWorkspace.self, context: context)
            let workspace = try await workspaces.createWorkspace(
                context.caller, slug: body.slug, name: body.name, minGroupSize: body.minGroupSize ?? 5, now: accounts.clock.now())
            return try jsonResponse(workspace, status: .created)
        }
        api.get("workspaces/{workspace}") { _, context in
            try jsonResponse(try await resolve(context).0)
        }
        api.get("workspaces/{workspace}/members") { _, context in
            let members = try await workspaces.members(context.caller, workspace: try context.parameter("workspace")).map {
                APIResponse.Member(user: $0.user, access: $0.access)
            }
            return try jsonResponse(APIResponse.List(items: members))
        }
        api.put("workspaces/{workspace}/members") { request, context in
            let slug = try context.parameter("workspace")
            let body = try await decodeBody(APIRequest.SetMember.self, request, context) { _ = try await resolve(context, minimum: .admin) }
            let user = try await workspaces.setMember(context.caller, workspace: slug, email: body.email, access: body.access)
            return try jsonResponse(APIResponse.Member(user: user, access: body.access))
        }
        api.get("workspaces/{workspace}/audit") { request, context in
            let query = try AuditQuery(request)
            let entries = try await workspaces.auditLog(
                context.caller, workspace: try context.parameter("workspace"), since: query.since, limit: query.limit)
            return try jsonResponse(APIResponse.List(items: entries))
        }
    }

    /// Thin adapters of `OrganizationService`: parse, call one use case, render.
    private func addOrganizationRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/units") { _, context in
            try jsonResponse(
                APIResponse.List(items: try await organization.units(context.caller, workspace: try context.parameter("workspace"))))
        }
        api.post("workspaces/{workspace}/units") { request, context in
            let slug = try context.parameter("workspace")
            let body = try await decodeBody(APIRequest.NewUnit.self, request, context) { _ = try await resolve(context, minimum: .analyst) }
            let unit = try await organization.addUnit(
                context.caller, workspace: slug, code: body.code, name: body.name, parentID: body.parentId)
            return try jsonResponse(unit, status: .created)
        }
        api.post("workspaces/{workspace}/units/import") { request, context in
            let slug = try context.parameter("workspace")
            // A file may be 32 MiB: the caller's access is checked before it is read.
            _ = try await resolve(context, minimum: .analyst)
            let text = try await bodyText(request, context)
            let result = try await organization.importOrgChart(context.caller, workspace: slug, file: "request body", text: text)
            return try jsonResponse(APIResponse.ImportResult(added: result.added, updated: result.updated))
        }
        api.get("workspaces/{workspace}/units/{id}") { _, context in
            try jsonResponse(
                try await organization.unit(context.caller, workspace: try context.parameter("workspace"), id: try context.parameter("id")))
        }
        api.delete("workspaces/{workspace}/units/{id}") { _, context in
            try await organization.deleteUnit(
                context.caller, workspace: try context.parameter("workspace"), id: try context.parameter("id"))
            return Response(status: .noContent)
        }
        api.get("workspaces/{workspace}/roles") { _, context in
            try jsonResponse(
                APIResponse.List(items: try await organization.roles(context.caller, workspace: try context.parameter("workspace"))))
        }
        api.post("workspaces/{workspace}/roles") { request, context in
            let slug = try context.parameter("workspace")
            let body = try await decodeBody(APIRequest.NewRole.self, request, context) { _ = try await resolve(context, minimum: .analyst) }
            let role = try await organization.addRole(
                context.caller, workspace: slug, code: body.code, name: body.name, unitID: body.unitId)
            return try jsonResponse(role, status: .created)
        }
        api.delete("workspaces/{workspace}/roles/{id}") { _, context in
            try await organization.deleteRole(
                context.caller, workspace: try context.parameter("workspace"), id: try context.parameter("id"))
            return Response(status: .noContent)
        }
    }

    private func addAccountRoutes(_ api: RouterGroup<AppContext>) {
        api.get("users") { _, context in
            try requireInstanceAdmin(context)
            return try jsonResponse(APIResponse.List(items: try await store.users()))
        }
        api.post("users") { request, context in
            try requireInstanceAdmin(context)
            let body = try await request.decodeStrict(APIRequest.NewUser.self, context: context)
            let user = try await accounts.createUser(
                email: body.email, name: body.name, password: body.password, instanceAdmin: body.instanceAdmin ?? false)
            return try jsonResponse(user, status: .created)
        }
        api.get("tokens") { _, context in
            let identity = try context.requireIdentity()
            return try jsonResponse(APIResponse.List(items: try await store.apiTokens(userID: identity.user.id)))
        }
        api.post("tokens") { request, context in
            let identity = try context.requireIdentity()
            let body = try await request.decodeStrict(APIRequest.NewToken.self, context: context)
            let created = try await accounts.createAPIToken(userID: identity.user.id, name: body.name)
            return try jsonResponse(APIResponse.CreatedToken(token: created.token, secret: created.secret), status: .created)
        }
        api.delete("tokens/{id}") { _, context in
            let identity = try context.requireIdentity()
            try await store.deleteAPIToken(userID: identity.user.id, id: try context.parameter("id"))
            return Response(status: .noContent)
        }
    }

    /// Decodes a JSON body for a use case that checks access itself. When the body is refused,
    /// `accessFirst` runs before the refusal is reported, so a caller who may not act here
    /// learns that (404 or 403) rather than what was wrong with what they sent.
    func decodeBody<T: StrictDecodable>(
        _ type: T.Type, _ request: Request, _ context: AppContext, accessFirst: () async throws -> Void
    ) async throws -> T {
        do {
            return try await request.decodeStrict(type, context: context)
        } catch {
            try await accessFirst()
            throw error
        }
    }

    func resolve(_ context: AppContext, minimum: Access = .viewer) async throws -> (Workspace, Access) {
        try await access.resolve(try context.parameter("workspace"), caller: context.caller, minimum: minimum)
    }

    private func requireInstanceAdmin(_ context: AppContext) throws {
        guard try context.requireIdentity().user.instanceAdmin else {
            throw WebError(.forbidden, "only an instance administrator can manage users")
        }
    }

    func bodyText(_ request: Request, _ context: AppContext) async throws -> String {
        let buffer = try await request.collectBody(.file)
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw WebError.badRequest("the body must be UTF-8 text")
        }
        return text
    }
}
