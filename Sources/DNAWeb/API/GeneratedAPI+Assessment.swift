import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The inside view: customer outcomes, campaigns, their links, answers and scores, tensions
/// and experiments.
extension GeneratedAPI {
    var campaigns: CampaignService { CampaignService(store: store) }
    var forces: ForceService { ForceService(store: store) }

    func getWorkspacesOutcomes(_ input: Ops.GetWorkspacesOutcomes.Input) async throws -> Ops.GetWorkspacesOutcomes.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await customers.outcomes(caller, workspace: input.path.workspace))))))
    }

    func postWorkspacesOutcomes(_ input: Ops.PostWorkspacesOutcomes.Input) async throws -> Ops.PostWorkspacesOutcomes.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let outcome = try await customers.addOutcome(
            caller, workspace: input.path.workspace, code: body.code, direction: try domain(body.direction), metric: body.metric,
            object: body.object,
            clarifier: body.clarifier ?? "")
        return .created(.init(body: .json(try documented(outcome))))
    }

    func getWorkspacesCampaigns(_ input: Ops.GetWorkspacesCampaigns.Input) async throws -> Ops.GetWorkspacesCampaigns.Output {
        let now = now
        let items = try await campaigns.campaigns(caller, workspace: input.path.workspace).map { info($0, now: now) }
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesCampaigns(
        _ input: Operations.PostWorkspacesCampaigns.Input
    ) async throws -> Operations.PostWorkspacesCampaigns.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let choice: InstrumentChoice =
            body.instrumentYaml.map { .file(name: "instrument_yaml", source: $0) } ?? .builtIn(body.instrument ?? "customer-dna")
        let campaign = try await campaigns.createCampaign(
            caller, workspace: input.path.workspace, name: body.name, instrument: choice, opensAt: Int64(body.opensAt),
            closesAt: body.closesAt.map(Int64.init), population: body.population.additionalProperties, now: now)
        return .created(.init(body: .json(try documented(info(campaign, now: now)))))
    }

    func getWorkspacesCampaignsById(_ input: Ops.GetWorkspacesCampaignsById.Input) async throws -> Ops.GetWorkspacesCampaignsById.Output {
        let found = try await campaigns.campaign(caller, workspace: input.path.workspace, id: input.path.id)
        return .ok(.init(body: .json(try documented(info(found.campaign, now: now, progress: found.progress)))))
    }

    func postWorkspacesCampaignsClose(
        _ input: Operations.PostWorkspacesCampaignsClose.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsClose.Output
    {
        let closed = try await campaigns.setOpen(
            caller, workspace: input.path.workspace, campaign: input.path.id, open: false, now: now)
        return .ok(.init(body: .json(try documented(info(closed, now: now)))))
    }

    func postWorkspacesCampaignsReopen(
        _ input: Operations.PostWorkspacesCampaignsReopen.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsReopen.Output
    {
        let reopened = try await campaigns.setOpen(
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
        return .created(.init(body: .json(Components.Schemas.Links(links: tokens.map { base + SiteURL.respond($0).path }))))
    }

    func postWorkspacesCampaignsResponsesImport(
        _ input: Operations.PostWorkspacesCampaignsResponsesImport.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsResponsesImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await ResponseService(store: store).importResponses(
            caller, workspace: input.path.workspace, campaign: input.path.id, file: "request body", text: try await body.text(), now: now)
        return .ok(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func getWorkspacesCampaignsScorecard(
        _ input: Ops.GetWorkspacesCampaignsScorecard.Input
    ) async throws
        -> Ops.GetWorkspacesCampaignsScorecard.Output
    {
        let breakdown = AssessmentScoring.Breakdown(rawValue: input.query.by?.rawValue ?? "unit") ?? .unit
        let scorecard = try await campaigns.scorecard(
            caller, workspace: input.path.workspace, campaign: input.path.id, breakdown: breakdown)
        return .ok(.init(body: .json(try documented(scorecard))))
    }

    func getWorkspacesCampaignsComments(
        _ input: Ops.GetWorkspacesCampaignsComments.Input
    ) async throws -> Ops.GetWorkspacesCampaignsComments.Output {
        let breakdown = AssessmentScoring.Breakdown(rawValue: input.query.by?.rawValue ?? "unit") ?? .unit
        let report = try await campaigns.openAnswers(caller, workspace: input.path.workspace, campaign: input.path.id, breakdown: breakdown)
        return .ok(.init(body: .json(try documented(report))))
    }

    func getWorkspacesCampaignsDrivers(
        _ input: Ops.GetWorkspacesCampaignsDrivers.Input
    ) async throws -> Ops.GetWorkspacesCampaignsDrivers.Output {
        guard let seed = UInt64(exactly: input.query.seed ?? 1) else { throw WebError.badRequest("seed: expected a whole number from 0") }
        let options = DriverAnalysis.Options(
            target: input.query.target ?? "line-of-sight", framework: input.query.framework ?? "os-canvas",
            breakdown: AssessmentScoring.Breakdown(rawValue: input.query.by?.rawValue ?? "unit") ?? .unit, seed: seed)
        let report = try await campaigns.drivers(caller, workspace: input.path.workspace, campaign: input.path.id, options: options)
        return .ok(.init(body: .json(try documented(report))))
    }

    var actions: ActionPlanService { ActionPlanService(store: store) }

    func getWorkspacesActions(_ input: Ops.GetWorkspacesActions.Input) async throws -> Ops.GetWorkspacesActions.Output {
        let items = try await actions.actions(caller, workspace: input.path.workspace, today: CalendarDay.string(now))
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesActions(_ input: Ops.PostWorkspacesActions.Input) async throws -> Ops.PostWorkspacesActions.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let draft = ActionPlan(
            campaignID: body.campaignId, title: body.title, source: ActionPlan.Source(rawValue: body.source.rawValue) ?? .gap,
            tensionID: body.tensionId, ownerEmail: body.ownerEmail, dueOn: body.dueOn, framework: body.framework ?? "os-canvas",
            dimension: body.dimension, unit: body.unit, initiative: body.initiative)
        let added = try await actions.add(caller, workspace: input.path.workspace, draft, now: now)
        return .created(.init(body: .json(try documented(try await item(added.id, workspace: input.path.workspace)))))
    }

    func putWorkspacesActionsStatus(_ input: Ops.PutWorkspacesActionsStatus.Input) async throws -> Ops.PutWorkspacesActionsStatus.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        try await actions.setStatus(
            caller, workspace: input.path.workspace, action: input.path.id,
            status: ActionPlan.Status(rawValue: body.status.rawValue) ?? .planned)
        return .ok(.init(body: .json(try documented(try await item(input.path.id, workspace: input.path.workspace)))))
    }

    /// One action as the list gives it, with its follow-up.
    private func item(_ id: String, workspace: String) async throws -> ActionPlanService.Item {
        guard let item = try await actions.actions(caller, workspace: workspace, today: CalendarDay.string(now), id: id).first
        else { throw StoreError.notFound("no action '\(id)'") }
        return item
    }

    func getWorkspacesTensions(_ input: Ops.GetWorkspacesTensions.Input) async throws -> Ops.GetWorkspacesTensions.Output {
        let tensions = try await forces.tensions(caller, workspace: input.path.workspace, force: input.query.force)
        return .ok(.init(body: .json(try documented(ItemList(items: tensions)))))
    }

    func postWorkspacesTensions(_ input: Ops.PostWorkspacesTensions.Input) async throws -> Ops.PostWorkspacesTensions.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let tension = try await forces.addTension(
            caller, workspace: input.path.workspace, force: body.force, text: body.text,
            source: try body.source.map { try domain($0) } ?? .manual,
            campaignID: body.campaignId, now: now)
        return .created(.init(body: .json(try documented(tension))))
    }

    func getWorkspacesExperiments(_ input: Ops.GetWorkspacesExperiments.Input) async throws -> Ops.GetWorkspacesExperiments.Output {
        let experiments = try await forces.experiments(
            caller, workspace: input.path.workspace, force: input.query.force)
        return .ok(.init(body: .json(try documented(ItemList(items: experiments)))))
    }

    func postWorkspacesExperiments(_ input: Ops.PostWorkspacesExperiments.Input) async throws -> Ops.PostWorkspacesExperiments.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let draft = Experiment(
            id: "", workspaceID: "", tensionID: body.tensionId, framework: "", dimension: body.force, practice: body.practice,
            hypothesis: body.hypothesis, participants: body.participants, durationDays: body.durationDays, reviewOn: body.reviewOn,
            outcome: body.outcome, createdAt: now)
        let experiment = try await forces.addExperiment(caller, workspace: input.path.workspace, force: body.force, draft)
        return .created(.init(body: .json(try documented(experiment))))
    }

    private func info(_ campaign: Campaign, now: Int64, progress: CampaignProgress? = nil) -> APIResponse.CampaignInfo {
        let openLink = campaign.openLink.map { publicURL + SiteURL.openLink($0).path }
        return APIResponse.CampaignInfo(campaign, now: now, openLinkURL: openLink, progress: progress)
    }
}

// MARK: Reminder days
extension GeneratedAPI {
    func getWorkspacesCampaignsReminderDays(
        _ input: Operations.GetWorkspacesCampaignsReminderDays.Input
    ) async throws -> Operations.GetWorkspacesCampaignsReminderDays.Output {
        let days = try await campaigns.reminderDays(caller, workspace: input.path.workspace, campaign: input.path.id)
        return .ok(.init(body: .json(try documented(ReminderDayList(days: days)))))
    }

    func putWorkspacesCampaignsReminderDays(
        _ input: Operations.PutWorkspacesCampaignsReminderDays.Input
    ) async throws -> Operations.PutWorkspacesCampaignsReminderDays.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let days = try await campaigns.setReminderDays(
            caller, workspace: input.path.workspace, campaign: input.path.id, days: body.days, now: now)
        return .ok(.init(body: .json(try documented(ReminderDayList(days: days)))))
    }
}

/// The reminder days as the API shows them.
private struct ReminderDayList: Encodable {
    var days: [ReminderDay]
}
