import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The actions page: the list with follow-ups, planning an action, changing its status.
extension PageController {
    func addActionRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .actions(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                var model = try await actionsModel(workspace, access, identity)
                for field in ["source", "tension", "dimension", "unit"] {
                    if let value = request.uri.queryParameters.get(field) { model.prefill[field] = String(value) }
                }
                return ActionsPage.View(model: model).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .actions(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, access, identity in
                let form = try await postedForm(request, context, identity)
                do {
                    _ = try await ActionPlanService(store: store).add(
                        context.caller, workspace: workspace.slug,
                        ActionPlan(
                            campaignID: form.text("campaign"), title: form["title"] ?? "",
                            source: ActionPlan.Source(rawValue: form["source"] ?? "") ?? .gap, tensionID: form.text("tension"),
                            ownerEmail: form.text("owner"),
                            dueOn: form["due"] ?? "", dimension: form["dimension"] ?? "", unit: form.text("unit"),
                            initiative: form.text("initiative")),
                        now: clock.now())
                } catch {
                    guard let refusal = Refusal(error) else { throw error }
                    var model = try await actionsModel(workspace, access, identity)
                    model.error = refusal.message
                    return ActionsPage.View(model: model).refused(
                        form, postedTo: request, identity: identity, fieldErrors: refusal.fieldErrors)
                }
                return Response.redirect(to: SiteURL.actions(workspace.slug).path, type: .found)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .actionStatus(w, id) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, _, identity in
                let form = try await postedForm(request, context, identity)
                guard let status = ActionPlan.Status(rawValue: form["status"] ?? "") else {
                    throw WebError.badRequest("status must be one of \(ActionPlan.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                try await ActionPlanService(store: store).setStatus(
                    context.caller, workspace: workspace.slug, action: try context.parameter("id"), status: status)
                return Response.redirect(to: SiteURL.actions(workspace.slug).path, type: .found)
            }
        }
    }

    private func actionsModel(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> ActionsPage.Model {
        let caller = identity.pageCaller
        let today = Day.string(clock.now())
        let graph = try await LineOfSightService(store: store).graph(caller, workspace: workspace.slug)
        return ActionsPage.Model(
            workspace: workspace, items: try await ActionPlanService(store: store).actions(caller, workspace: workspace.slug, today: today),
            forces: BuiltInFrameworks.framework("os-canvas")!,
            units: try await OrganizationService(store: store).units(caller, workspace: workspace.slug),
            members: try await store.accounts.members(workspaceID: workspace.id).filter(\.active).map(\.user.email),
            campaigns: try await CampaignService(store: store).campaigns(caller, workspace: workspace.slug).sorted {
                $0.opensAt > $1.opensAt
            },
            initiatives: graph.nodes.filter { $0.type == .initiative }.map { ($0.code, $0.title) }, canEdit: access >= .analyst,
            csrfToken: identity.csrfToken, today: today)
    }
}
