import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// API routes of the assessment: instruments, customer outcomes, campaigns, links,
/// responses, scorecards and reports, tensions and experiments.
extension APIController {
    func addAssessmentRoutes(_ api: RouterGroup<AppContext>) {
        api.get("instruments") { _, context in
            _ = try context.requireIdentity()
            return try jsonResponse(APIResponse.List(items: BuiltInInstruments.all.map(\.instrument)))
        }
        api.get("workspaces/{workspace}/outcomes") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.customerOutcomes(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/outcomes") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewOutcome.self, context: context)
            let outcome = try await store.addCustomerOutcome(
                workspaceID: workspace.id, code: body.code, direction: body.direction, metric: body.metric, object: body.object,
                clarifier: body.clarifier ?? "")
            return try jsonResponse(outcome, status: .created)
        }
        addCampaignRoutes(api)
        addChangeRoutes(api)
    }

    private func addCampaignRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/campaigns") { request, context in
            let (workspace, _) = try await resolve(context)
            let now = accounts.clock.now()
            let items = try await store.campaigns(workspaceID: workspace.id).map { info($0, request, now: now) }
            return try jsonResponse(APIResponse.List(items: items))
        }
        api.post("workspaces/{workspace}/campaigns") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewCampaign.self, context: context)
            let choice: InstrumentChoice =
                body.instrumentYaml.map { .file(name: "instrument_yaml", source: $0) } ?? .builtIn(body.instrument ?? "customer-dna")
            let campaign = try await CampaignService(store: store).createCampaign(
                context.caller, workspace: workspace.slug, name: body.name, instrument: choice, opensAt: body.opensAt,
                closesAt: body.closesAt, population: body.population, now: accounts.clock.now())
            return try jsonResponse(info(campaign, request, now: accounts.clock.now()), status: .created)
        }
        api.get("workspaces/{workspace}/campaigns/{id}") { request, context in
            let (workspace, campaign) = try await campaign(context)
            let progress = try await store.campaignProgress(workspace: workspace, campaignID: campaign.id)
            return try jsonResponse(info(campaign, request, now: accounts.clock.now(), progress: progress))
        }
        api.post("workspaces/{workspace}/campaigns/{id}/close") { request, context in
            let (workspace, campaign) = try await campaign(context, minimum: .analyst)
            let closed = try await CampaignService(store: store).setOpen(
                context.caller, workspace: workspace.slug, campaign: campaign.id, open: false, now: accounts.clock.now())
            return try jsonResponse(info(closed, request, now: accounts.clock.now()))
        }
        api.post("workspaces/{workspace}/campaigns/{id}/reopen") { request, context in
            let (workspace, campaign) = try await campaign(context, minimum: .analyst)
            let reopened = try await CampaignService(store: store).setOpen(
                context.caller, workspace: workspace.slug, campaign: campaign.id, open: true, now: accounts.clock.now())
            return try jsonResponse(info(reopened, request, now: accounts.clock.now()))
        }
        api.post("workspaces/{workspace}/campaigns/{id}/links") { request, context in
            let (workspace, campaign) = try await campaign(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewLinks.self, context: context)
            let tokens = try await LinkService(store: store).respondentLinks(
                context.caller, workspace: workspace.slug, campaign: campaign.id, unitCode: body.unit, count: body.count,
                now: accounts.clock.now())
            let base = publicURL
            return try jsonResponse(APIResponse.Links(links: tokens.map { base + SiteURL.respond($0).path }), status: .created)
        }
        api.post("workspaces/{workspace}/campaigns/{id}/responses") { request, context in
            // The busiest write route: membership, campaign, unit and role come from one
            // query (P3 in BENCHMARKS.md), so the body is read first to know the codes.
            _ = try context.requireIdentity()
            let slug = try context.parameter("workspace"), campaignID = try context.parameter("id")
            let body = try await decodeBody(APIRequest.NewResponse.self, request, context) {
                _ = try await campaign(context, minimum: .analyst)
            }
            let id = try await ResponseService(store: store).submitResponse(
                context.caller, workspace: slug, campaign: campaignID, respondent: body.respondent, unitCode: body.unit,
                roleCode: body.role, answers: body.answers, now: accounts.clock.now())
            return try jsonResponse(APIResponse.Created(id: id), status: .created)
        }
        api.post("workspaces/{workspace}/campaigns/{id}/responses/import") { request, context in
            let (workspace, campaign) = try await campaign(context, minimum: .analyst)
            let text = try await bodyText(request, context)
            let count = try await ResponseService(store: store).importResponses(
                context.caller, workspace: workspace.slug, campaign: campaign.id, file: "request body", text: text,
                now: accounts.clock.now())
            return try jsonResponse(APIResponse.Imported(imported: count))
        }
        api.get("workspaces/{workspace}/campaigns/{id}/scorecard") { request, context in
            let (workspace, campaign) = try await campaign(context)
            return try jsonResponse(try await store.scorecard(workspace: workspace, campaign: campaign, breakdown: breakdown(request)))
        }
        api.get("workspaces/{workspace}/campaigns/{id}/report") { request, context in
            let (workspace, campaign) = try await campaign(context)
            let formatName = request.uri.queryParameters.get("format") ?? "html"
            guard let format = LeadershipReport.Format(rawValue: formatName) else {
                throw WebError.badRequest("format must be one of html, md, csv, json")
            }
            let scorecard = try await store.scorecard(workspace: workspace, campaign: campaign, breakdown: breakdown(request))
            let body = LeadershipReport.render(
                format, scorecard: scorecard, workspaceName: workspace.name,
                frameworks: try await store.frameworks(workspaceID: workspace.id),
                frameworkID: request.uri.queryParameters.get("framework") ?? "os-canvas")
            return PageController.download(body, format: format, name: "customer-dna-\(workspace.slug)-\(campaign.id)")
        }
    }

    private func addChangeRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/tensions") { request, context in
            let (workspace, _) = try await resolve(context)
            let force = try requiredQuery(request, "force")
            return try jsonResponse(
                APIResponse.List(items: try await store.tensions(workspaceID: workspace.id, framework: "os-canvas", dimension: force)))
        }
        api.post("workspaces/{workspace}/tensions") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewTension.self, context: context)
            let tension = try await store.addTension(
                workspaceID: workspace.id, campaignID: body.campaignId, framework: "os-canvas", dimension: body.force, text: body.text,
                source: body.source ?? .manual, now: accounts.clock.now())
            return try jsonResponse(tension, status: .created)
        }
        api.get("workspaces/{workspace}/experiments") { request, context in
            let (workspace, _) = try await resolve(context)
            let force = try requiredQuery(request, "force")
            return try jsonResponse(
                APIResponse.List(items: try await store.experiments(workspaceID: workspace.id, framework: "os-canvas", dimension: force)))
        }
        api.post("workspaces/{workspace}/experiments") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewExperiment.self, context: context)
            let experiment = try await store.addExperiment(
                Experiment(
                    id: "", workspaceID: workspace.id, tensionID: body.tensionId, framework: "os-canvas", dimension: body.force,
                    practice: body.practice, hypothesis: body.hypothesis, participants: body.participants, durationDays: body.durationDays,
                    reviewOn: body.reviewOn, outcome: body.outcome, createdAt: accounts.clock.now()))
            return try jsonResponse(experiment, status: .created)
        }
    }

    private func campaign(_ context: AppContext, minimum: Access = .viewer) async throws -> (Workspace, Campaign) {
        let (workspace, _) = try await resolve(context, minimum: minimum)
        return (workspace, try await store.campaign(workspaceID: workspace.id, id: try context.parameter("id")))
    }

    private func info(_ campaign: Campaign, _ request: Request, now: Int64, progress: CampaignProgress? = nil) -> APIResponse.CampaignInfo {
        let openLink = campaign.openLink.map { publicURL + SiteURL.openLink($0).path }
        return APIResponse.CampaignInfo(campaign, now: now, openLinkURL: openLink, progress: progress)
    }

    private func breakdown(_ request: Request) throws -> AssessmentScoring.Breakdown {
        let name = request.uri.queryParameters.get("by") ?? "unit"
        guard let breakdown = AssessmentScoring.Breakdown(rawValue: name) else {
            throw WebError.badRequest("by must be unit, role or none")
        }
        return breakdown
    }

    private func requiredQuery(_ request: Request, _ name: String) throws -> String {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else {
            throw WebError.badRequest("the query parameter '\(name)' is required")
        }
        return String(value)
    }
}
