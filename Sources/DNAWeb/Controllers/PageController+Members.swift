import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

extension PageController {
    var accountService: AccountService { accounts?.service ?? AccountService(store: store, bcryptCost: AccountService.defaultBcryptCost) }

    var members: MemberService {
        MemberService(
            store: store, accounts: accountService, publicURL: publicURL, sendsMail: sendsMail, passwordSignIn: passwordSignIn)
    }

    /// The members page and its changes, one's own account, the page where a link's holder
    /// chooses a password, and creating a workspace from the workspace list.
    func addMemberRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .members(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                MembersPage.View(model: try await membersModel(workspace, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .membersInvite(w) })) { request, context in
            try await memberChange(request, context) { form, workspace, identity, model in
                let outcome = try await members.invite(
                    context.caller, workspace: workspace.slug, email: form["email"] ?? "", name: form["name"] ?? "",
                    access: try access(form), now: clock.now())
                if let link = outcome.link { model.link = (outcome.user.email, link) }
                if outcome.existed { return "\(outcome.user.email) has access now." }
                if outcome.mailed { return "Invited \(outcome.user.email): the mail is on its way." }
                return passwordSignIn
                    ? "Invited \(outcome.user.email)."
                    : "Invited \(outcome.user.email): they sign in with single sign-on, using that address."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .member(w, id) })) { request, context in
            try await memberChange(request, context) { form, workspace, identity, model in
                let id = try context.parameter("id"), now = clock.now()
                switch form["action"] ?? "" {
                case "access":
                    try await members.setAccess(context.caller, workspace: workspace.slug, userID: id, access: try access(form))
                    return "Access changed."
                case "deactivate", "reactivate":
                    let active = form["action"] == "reactivate"
                    try await members.setActive(context.caller, workspace: workspace.slug, userID: id, active: active, now: now)
                    return active ? "Reactivated." : "Deactivated: they keep their access level but cannot open the workspace."
                case "remove":
                    try await members.remove(context.caller, workspace: workspace.slug, userID: id)
                    return "Removed from the workspace."
                case "reset":
                    let outcome = try await members.resetPassword(context.caller, workspace: workspace.slug, userID: id, now: now)
                    if let link = outcome.link { model.link = (outcome.user.email, link) }
                    return outcome.mailed
                        ? "A password link is on its way to \(outcome.user.email); their sessions ended." : "Their sessions ended."
                default: throw StoreError.invalid("action: expected access, deactivate, reactivate, remove or reset")
                }
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .membersGroups(w) })) { request, context in
            try await memberChange(request, context) { form, workspace, _, _ in
                let group = (form["group"] ?? "").trimmingSpaces()
                let service = GroupRoleService(store: store)
                switch form["action"] ?? "" {
                case "set":
                    let access = try access(form)
                    try await service.set(context.caller, workspace: workspace.slug, group: group, access: access)
                    return "Members of \(group) get \(access.wording) access when they sign in."
                case "remove":
                    try await service.set(context.caller, workspace: workspace.slug, group: group, access: nil)
                    return "\(group) no longer grants access; who has access keeps it."
                default: throw StoreError.invalid("action: expected set or remove")
                }
            }
        }
        addAccountRoutes(to: router)
    }

    private func access(_ form: FormBody) throws -> Access {
        guard let access = Access(rawValue: form["access"] ?? "") else {
            throw StoreError.invalid("access: expected admin, analyst or viewer")
        }
        return access
    }

    private func membersModel(_ workspace: Workspace, _ identity: Identity) async throws -> MembersPage.Model {
        MembersPage.Model(
            workspace: workspace, members: try await members.members(identity.pageCaller, workspace: workspace.slug), me: identity.user.id,
            csrfToken: identity.csrfToken, sendsMail: sendsMail, passwordSignIn: passwordSignIn,
            groupRoles: accounts?.openID == nil
                ? nil : try await GroupRoleService(store: store).roles(identity.pageCaller, workspace: workspace.slug))
    }

    /// Runs a change from the members page and shows the page again with what came of it;
    /// a refused change shows why, and changes nothing.
    private func memberChange(
        _ request: Request, _ context: AppContext,
        _ change: (FormBody, Workspace, Identity, inout MembersPage.Model) async throws -> AdminText
    ) async throws -> Response {
        try await page(request, context, minimum: .admin) { workspace, _, identity in
            let form = try await postedForm(request, context, identity)
            var outcome = try await membersModel(workspace, identity)
            do {
                let notice = try await change(form, workspace, identity, &outcome)
                var model = try await membersModel(workspace, identity)
                model.notice = notice
                model.link = outcome.link
                return MembersPage.View(model: model).response(identity: identity)
            } catch let error as AccessError {
                outcome.notice = "Not changed: \(error.message)"
                return MembersPage.View(model: outcome).refused(form, postedTo: request, identity: identity)
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                outcome.notice = "Not changed: \(refusal.message)"
                return MembersPage.View(model: outcome).refused(
                    form, postedTo: request, identity: identity, fieldErrors: refusal.fieldErrors)
            }
        }
    }

    private func addAccountRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.account.path)) { request, context in
            guard let identity = context.identity else {
                return Response.redirect(to: SiteURL.login.path + "?next=%2Faccount", type: .found)
            }
            return AccountPage.View(
                model: AccountPage.Model(user: identity.user, csrfToken: identity.csrfToken, passwordSignIn: passwordSignIn)
            ).response(identity: identity)
        }
        router.post(RouterPath(stringLiteral: SiteURL.accountPassword.path)) { request, context in
            guard let identity = context.identity else { throw AccessError.signInNeeded }
            let form = try await postedForm(request, context, identity)
            let view = AccountPage.View(
                model: AccountPage.Model(user: identity.user, csrfToken: identity.csrfToken, passwordSignIn: passwordSignIn))
            guard passwordSignIn else {
                return view.refused(
                    form, postedTo: request, identity: identity, fieldErrors: ["current": MemberService.passwordsOff], status: .forbidden)
            }
            guard form["password"] == form["repeat"] else {
                return view.refused(form, postedTo: request, identity: identity, fieldErrors: ["repeat": "the two new passwords differ"])
            }
            do {
                try await accountService.changeOwnPassword(
                    context.caller, current: form["current"] ?? "", new: form["password"] ?? "", now: clock.now())
            } catch let tooMany as AccountService.TooManyAttempts {
                return view.refused(
                    form, postedTo: request, identity: identity,
                    fieldErrors: ["current": "too many wrong current passwords; wait \(tooMany.retryAfter) seconds and try again"],
                    status: .tooManyRequests)
            } catch StoreError.invalid(let message) {
                let field = message.hasPrefix("current:") ? "current" : "password"
                return view.refused(form, postedTo: request, identity: identity, fieldErrors: [field: message])
            }
            return WelcomePage.View(model: WelcomePage.Model(user: identity.user, invitation: false, action: "", done: true)).response(
                identity: nil)
        }
        router.get(RouterPath(stringLiteral: SiteURL.welcome("{token}").path)) { request, context in
            let token = try context.parameter("token")
            guard let holder = try await members.linkHolder(secret: token, now: clock.now()) else {
                throw WebError.notFound("this link has been used or has expired; ask an admin for a new one")
            }
            let model = WelcomePage.Model(
                user: holder.user, invitation: holder.purpose == "invitation", action: SiteURL.welcome(token).path,
                passwordSignIn: passwordSignIn)
            return WelcomePage.View(model: model).response(identity: nil)
        }
        router.post(RouterPath(stringLiteral: SiteURL.welcome("{token}").path)) { request, context in
            let token = try context.parameter("token")
            guard let holder = try await members.linkHolder(secret: token, now: clock.now()) else {
                throw WebError.notFound("this link has been used or has expired; ask an admin for a new one")
            }
            let form = try await FormBody.read(request)
            let view = WelcomePage.View(
                model: WelcomePage.Model(
                    user: holder.user, invitation: holder.purpose == "invitation", action: SiteURL.welcome(token).path,
                    passwordSignIn: passwordSignIn)
            )
            guard passwordSignIn else { return view.response(status: .forbidden, identity: nil) }
            guard form["password"] == form["repeat"] else {
                return view.refused(form, postedTo: request, identity: nil, fieldErrors: ["repeat": "the two passwords differ"])
            }
            let name = holder.purpose == "invitation" ? form["name"].map { String($0.trimmingSpaces().prefix(200)) } : nil
            do {
                let user = try await members.useLink(secret: token, password: form["password"] ?? "", name: name, now: clock.now())
                return WelcomePage.View(model: WelcomePage.Model(user: user, invitation: false, action: "", done: true)).response(
                    identity: nil)
            } catch StoreError.invalid(let message) {
                return view.refused(form, postedTo: request, identity: nil, fieldErrors: ["password": message])
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.workspaceCreate.path)) { request, context in
            guard let identity = context.identity else { throw AccessError.signInNeeded }
            let form = try await postedForm(request, context, identity)
            do {
                let workspace = try await WorkspaceService(store: store).createWorkspace(
                    context.caller, slug: (form["slug"] ?? "").trimmingSpaces(), name: (form["name"] ?? "").trimmingSpaces(),
                    minGroupSize: Int(form["min_group"] ?? "") ?? 5, now: clock.now())
                return Response.redirect(to: SiteURL.workspace(workspace.slug).path, type: .normal)
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                return try await workspaceIndex(identity, notice: "Not created: \(refusal.message)").refused(
                    form, postedTo: request, identity: identity)
            }
        }
    }

    /// The workspace list as its owner sees it, with the forms instance administrators get.
    func workspaceIndex(_ identity: Identity, notice: AdminText? = nil) async throws -> WorkspaceIndex.View {
        var model = WorkspaceIndex.Model(
            workspaces: try await WorkspaceService(store: store).workspaces(identity.pageCaller),
            managed: try await ManagerViewService(store: store).managedWorkspaces(identity.pageCaller))
        model.canCreate = identity.user.instanceAdmin
        model.csrfToken = identity.csrfToken
        model.notice = notice
        return WorkspaceIndex.View(model: model)
    }
}
