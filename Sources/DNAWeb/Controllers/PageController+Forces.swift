import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The page of one OS Canvas force: latest score, tensions and experiments.
extension PageController {
    func addForceRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .force(w, id) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                ForcePage.View(model: try await forceModel(workspace, access, identity, try context.parameter("id"))).response(
                    identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .forceTensions(w, id) })) { request, context in
            try await forceAction(request, context) { form, workspace, force in
                _ = try await ForceService(store: store).addTension(
                    context.caller, workspace: workspace.slug, force: force, text: form["text"] ?? "",
                    source: form["source"] == "open-answer" ? .openAnswer : .manual, campaignID: nil, now: clock.now())
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .forceExperiments(w, id) })) { request, context in
            try await forceAction(request, context) { form, workspace, force in
                guard let days = form["days"].flatMap(Int.init) else {
                    throw FieldProblem("days", "the duration must be a whole number of days")
                }
                _ = try await ForceService(store: store).addExperiment(
                    context.caller, workspace: workspace.slug, force: force,
                    Experiment(
                        id: "", workspaceID: workspace.id, tensionID: form.text("tension"), framework: "os-canvas", dimension: force,
                        practice: form["practice"] ?? "", hypothesis: form["hypothesis"] ?? "", participants: form["participants"] ?? "",
                        durationDays: days, reviewOn: form["review"] ?? "", outcome: nil, createdAt: clock.now()))
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .experimentOutcome(w, id) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, _, identity in
                let form = try await postedForm(request, context, identity)
                let id = try context.parameter("id")
                let experiment = try await ForceService(store: store).recordOutcome(
                    context.caller, workspace: workspace.slug, experiment: id, outcome: form["outcome"] ?? "")
                return Response.redirect(to: SiteURL.force(workspace.slug, experiment.dimension).path, type: .found)
            }
        }
    }

    private func forceModel(_ workspace: Workspace, _ access: Access, _ identity: Identity, _ id: String) async throws -> ForcePage.Model {
        guard let force = BuiltInFrameworks.framework("os-canvas")?.dimension(id) else { throw WebError.notFound("no force '\(id)'") }
        let now = clock.now()
        let view = try await ForceService(store: store).forceView(identity.pageCaller, workspace: workspace.slug, force: id, now: now)
        return ForcePage.Model(
            workspace: workspace, force: force, latest: view.campaign.map { ($0, view.score) }, tensions: view.tensions,
            experiments: view.experiments, openAnswers: view.openAnswers, canEdit: view.access >= .analyst, csrfToken: identity.csrfToken,
            today: Day.string(now))
    }

    private func forceAction(
        _ request: Request, _ context: AppContext, _ action: (FormBody, Workspace, String) async throws -> Void
    ) async throws -> Response {
        try await page(request, context, minimum: .analyst) { workspace, access, identity in
            let form = try await postedForm(request, context, identity)
            let force = try context.parameter("id")
            do {
                try await action(form, workspace, force)
            } catch {
                guard let refusal = Refusal(error) else { throw error }
                var model = try await forceModel(workspace, access, identity, force)
                model.error = refusal.message
                return ForcePage.View(model: model).refused(
                    form, postedTo: request, identity: identity, fieldErrors: refusal.fieldErrors)
            }
            return Response.redirect(to: SiteURL.force(workspace.slug, force).path, type: .found)
        }
    }
}
