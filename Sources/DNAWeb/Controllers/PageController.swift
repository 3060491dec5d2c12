import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The pages for signed-in admins, analysts and viewers. Each handler loads a typed model and
/// renders its view; the rules live in the store and in DNACore.
struct PageController {
    let store: Store
    let clock: any AppClock
    /// The configured public address that respondent and customer links start with.
    let publicURL: String
    /// For invitations by e-mail from the pages (see `AppConfiguration`).
    var linkKey: Data? = nil
    var sendsMail = false
    /// The account use cases with this server's bcrypt cost, for the members and account pages.
    var accounts: Accounts? = nil
    var access: WorkspaceAccess { WorkspaceAccess(store: store) }
    /// False with `CDNA_PASSWORD_SIGNIN=off`: no page then sets or asks for a password.
    var passwordSignIn: Bool { accounts?.configuration.passwordSignIn ?? true }

    struct ImportForm: Decodable {
        var csv: String
        var csrf_token: String?
    }

    func addRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.home.path)) { request, context in
            guard let identity = context.identity else { return Response.redirect(to: SiteURL.login.path, type: .found) }
            return try await workspaceIndex(identity).response(identity: identity)
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .workspace(w) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let now = clock.now()
                let home = try await WorkspaceService(store: store).home(identity.pageCaller, slug: workspace.slug, now: now)
                let overdue = try await ActionPlanService(store: store).overdue(
                    identity.pageCaller, workspace: workspace.slug, today: Day.string(now))
                return WorkspaceHome.View(model: WorkspaceHome.Model(home: home, overdue: overdue)).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .orgChart(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                OrgChartPage.View(model: try await orgChartModel(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .orgChartImport(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, access, identity in
                let form = try await FormBody.decode(ImportForm.self, request, limit: .form)
                try FormCSRF.check(form.csrf_token, identity: identity)
                do {
                    let result = try await OrganizationService(store: store).importOrgChart(
                        context.caller, workspace: workspace.slug, file: "org-chart.csv", text: form.csv)
                    var model = try await orgChartModel(workspace, access, identity)
                    model.notice = "Imported: \(result.added) units added, \(result.updated) updated."
                    return OrgChartPage.View(model: model).response(identity: identity)
                } catch let problems as FileProblems {
                    var model = try await orgChartModel(workspace, access, identity)
                    model.notice = AdminText.plural(
                        problems.total, one: "Nothing was imported: 1 problem in the file.",
                        other: "Nothing was imported: \(problems.total) problems in the file.")
                    model.problems = problems.problems
                    model.submittedCSV = form.csv
                    return OrgChartPage.View(model: model).response(status: .badRequest, identity: identity)
                }
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .frameworks(w) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let frameworks = try await OrganizationService(store: store).frameworks(identity.pageCaller, workspace: workspace.slug)
                let model = FrameworksPage.Model(workspace: workspace, frameworks: frameworks)
                return FrameworksPage.View(model: model).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .framework(w, id) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let id = try context.parameter("id")
                let frameworks = try await OrganizationService(store: store).frameworks(identity.pageCaller, workspace: workspace.slug)
                guard frameworks.contains(where: { $0.id == id }) else { throw WebError.notFound("no framework '\(id)'") }
                let model = FrameworksPage.Model(workspace: workspace, frameworks: frameworks, selected: id)
                return FrameworksPage.View(model: model).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .audit(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let query = try AuditQuery(request)
                let entries = try await WorkspaceService(store: store).auditLog(
                    context.caller, workspace: workspace.slug, since: query.since, limit: query.limit)
                return AuditPage.View(model: AuditPage.Model(workspace: workspace, entries: entries)).response(identity: identity)
            }
        }
        addParticipantRoutes(to: router)
        addCampaignRoutes(to: router)
        addOpenLinkQRRoutes(to: router)
        addBrandingRoutes(to: router)
        addMyTeamsRoutes(to: router)
        addForceRoutes(to: router)
        addActionRoutes(to: router)
        addCustomerModelRoutes(to: router)
        addLineOfSightRoutes(to: router)
        addLifecycleRoutes(to: router)
        addMemberRoutes(to: router)
        addRestoreRoute(to: router)
    }

    /// Resolves the signed-in user and their access to the workspace in the path, then
    /// renders. Anonymous visitors are sent to sign in and brought back afterwards.
    func page(
        _ request: Request, _ context: AppContext, minimum: Access = .viewer,
        _ render: (Workspace, Access, Identity) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity else {
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response.redirect(to: SiteURL.login.path + "?next=" + next, type: .found)
        }
        let (workspace, access) = try await access.resolve(try context.parameter("workspace"), caller: context.caller, minimum: minimum)
        return try await render(workspace, access, identity)
    }

    /// Reads a posted form and checks its CSRF token.
    func postedForm(_ request: Request, _ context: AppContext, _ identity: Identity) async throws -> FormBody {
        let form = try await FormBody.read(request)
        try FormCSRF.check(form[AuthMiddleware.csrfField], identity: identity)
        return form
    }

    private func orgChartModel(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> OrgChartPage.Model {
        let organization = OrganizationService(store: store)
        return OrgChartPage.Model(
            workspace: workspace, units: try await organization.units(identity.pageCaller, workspace: workspace.slug),
            roles: try await organization.roles(identity.pageCaller, workspace: workspace.slug), canEdit: access >= .analyst,
            csrfToken: identity.csrfToken)
    }
}
