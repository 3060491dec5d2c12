import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The inside view: customer outcomes, campaigns, their links, answers and scores, tensions
/// and experiments.
extension GeneratedAPI {
    func getWorkspacesOutcomes(_ input: Operations.GetWorkspacesOutcomes.Input) async throws -> Operations.GetWorkspacesOutcomes.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.customerOutcomes(workspaceID: workspace.id))))))
    }

    func postWorkspacesOutcomes(_ input: Operations.PostWorkspacesOutcomes.Input) async throws -> Operations.PostWorkspacesOutcomes.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewOutcome.self)
        let outcome = try await store.addCustomerOutcome(
            workspaceID: workspace.id, code: body.code, direction: body.direction, metric: body.metric, object: body.object,
            clarifier: body.clarifier ?? "")
        return .created(.init(body: .json(try documented(outcome))))
    }

    func getWorkspacesCampaigns(_ input: Operations.GetWorkspacesCampaigns.Input) async throws -> Operations.GetWorkspacesCampaigns.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        let now = now
        let items = try await store.campaigns(workspaceID: workspace.id).map { info($0, now: now) }
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesCampaigns(
        _ input: Operations.PostWorkspacesCampaigns.Input
    ) async throws -> Operations.PostWorkspacesCampaigns.Output {
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewCampaign.self)
        let choice: InstrumentChoice =
            body.instrumentYaml.map { .file(name: "instrument_yaml", source: $0) } ?? .builtIn(body.instrument ?? "customer-dna")
        let campaign = try await CampaignService(store: store).createCampaign(
            caller, workspace: input.path.workspace, name: body.name, instrument: choice, opensAt: body.opensAt,
            closesAt: body.closesAt, population: body.population, now: now)
        return .created(.init(body: .json(try documented(info(campaign, now: now)))))
    }

    func getWorkspacesCampaignsById(
        _ input: Operations.GetWorkspacesCampaignsById.Input
    ) async throws
        -> Operations.GetWorkspacesCampaignsById.Output
    {
        let (workspace, campaign) = try await campaign(input.path.workspace, input.path.id)
        let progress = try await store.campaignProgress(workspace: workspace, campaignID: campaign.id)
        return .ok(.init(body: .json(try documented(info(campaign, now: now, progress: progress)))))
    }

    func postWorkspacesCampaignsClose(
        _ input: Operations.PostWorkspacesCampaignsClose.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsClose.Output
    {
        let closed = try await CampaignService(store: store).setOpen(
            caller, workspace: input.path.workspace, campaign: input.path.id, open: false, now: now)
        return .ok(.init(body: .json(try documented(info(closed, now: now)))))
    }

    func postWorkspacesCampaignsReopen(
        _ input: Operations.PostWorkspacesCampaignsReopen.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsReopen.Output
    {
        let reopened = try await CampaignService(store: store).setOpen(
            caller, workspace: input.path.workspace, campaign: input.path.id, open: true, now: now)
        return .ok(.init(body: .json(try documented(info(reopened, now: now)))))
    }

    func postWorkspacesCampaignsLinks(
        _ input: Operations.PostWorkspacesCampaignsLinks.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsLinks.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let tokens = try await LinkService(store: store).respondentLinks(
            caller, workspace: input.path.workspace, campaign: input.path.id, unitCode: body.unit, count: body.count, now: now)
        let base = publicURL
        return .created(.init(body: .json(try documented(APIResponse.Links(links: tokens.map { base + SiteURL.respond($0).path })))))
    }

    func postWorkspacesCampaignsResponsesImport(
        _ input: Operations.PostWorkspacesCampaignsResponsesImport.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsResponsesImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await ResponseService(store: store).importResponses(
            caller, workspace: input.path.workspace, campaign: input.path.id, file: "request body", text: try await body.text(), now: now)
        return .ok(.init(body: .json(try documented(APIResponse.Imported(imported: count)))))
    }

    func getWorkspacesCampaignsScorecard(
        _ input: Operations.GetWorkspacesCampaignsScorecard.Input
    ) async throws
        -> Operations.GetWorkspacesCampaignsScorecard.Output
    {
        let (workspace, campaign) = try await campaign(input.path.workspace, input.path.id)
        let breakdown = AssessmentScoring.Breakdown(rawValue: input.query.by?.rawValue ?? "unit") ?? .unit
        let scorecard = try await store.scorecard(workspace: workspace, campaign: campaign, breakdown: breakdown)
        return .ok(.init(body: .json(try documented(scorecard))))
    }

    func getWorkspacesTensions(_ input: Operations.GetWorkspacesTensions.Input) async throws -> Operations.GetWorkspacesTensions.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        let tensions = try await store.tensions(
            workspaceID: workspace.id, framework: "os-canvas", dimension: try required(input.query.force, "force"))
        return .ok(.init(body: .json(try documented(ItemList(items: tensions)))))
    }

    func postWorkspacesTensions(_ input: Operations.PostWorkspacesTensions.Input) async throws -> Operations.PostWorkspacesTensions.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewTension.self)
        let tension = try await store.addTension(
            workspaceID: workspace.id, campaignID: body.campaignId, framework: "os-canvas", dimension: body.force, text: body.text,
            source: body.source ?? .manual, now: now)
        return .created(.init(body: .json(try documented(tension))))
    }

    func getWorkspacesExperiments(
        _ input: Operations.GetWorkspacesExperiments.Input
    ) async throws
        -> Operations.GetWorkspacesExperiments.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let experiments = try await store.experiments(
            workspaceID: workspace.id, framework: "os-canvas", dimension: try required(input.query.force, "force"))
        return .ok(.init(body: .json(try documented(ItemList(items: experiments)))))
    }

    func postWorkspacesExperiments(
        _ input: Operations.PostWorkspacesExperiments.Input
    ) async throws
        -> Operations.PostWorkspacesExperiments.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewExperiment.self)
        let experiment = try await store.addExperiment(
            Experiment(
                id: "", workspaceID: workspace.id, tensionID: body.tensionId, framework: "os-canvas", dimension: body.force,
                practice: body.practice, hypothesis: body.hypothesis, participants: body.participants, durationDays: body.durationDays,
                reviewOn: body.reviewOn, outcome: body.outcome, createdAt: now))
        return .created(.init(body: .json(try documented(experiment))))
    }

    private func required(_ value: String, _ name: String) throws -> String {
        guard !value.isEmpty else { throw WebError.badRequest("the query parameter '\(name)' is required") }
        return value
    }

    private func campaign(_ slug: String, _ id: String, minimum: Access = .viewer) async throws -> (Workspace, Campaign) {
        let (workspace, _) = try await resolve(slug, minimum: minimum)
        return (workspace, try await store.campaign(workspaceID: workspace.id, id: id))
    }

    private func info(_ campaign: Campaign, now: Int64, progress: CampaignProgress? = nil) -> APIResponse.CampaignInfo {
        let openLink = campaign.openLink.map { publicURL + SiteURL.openLink($0).path }
        return APIResponse.CampaignInfo(campaign, now: now, openLinkURL: openLink, progress: progress)
    }
}
