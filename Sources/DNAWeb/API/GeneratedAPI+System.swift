import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime
import Prometheus

/// Operators' endpoints, the one-response route (P3) and the leadership report as a file.
extension GeneratedAPI {
    func getHealthz(_ input: Operations.GetHealthz.Input) async throws -> Operations.GetHealthz.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func getReadyz(_ input: Operations.GetReadyz.Input) async throws -> Operations.GetReadyz.Output {
        // A database that does not answer within two seconds is not ready, whatever the
        // reason: the probe itself must never hang with it.
        let store = store
        let answered = await FirstAnswer.within(.seconds(2), default: false) { (try? await store.ping()) != nil }
        guard answered else { throw WebError(.serviceUnavailable, "the database is not reachable", retryAfter: 1) }
        return .ok(.init(body: .json(.init(database: store.kind.rawValue, status: "ready"))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(registry.emitToBuffer()))))
    }

    func postWorkspacesCampaignsResponses(
        _ input: Operations.PostWorkspacesCampaignsResponses.Input
    ) async throws
        -> Operations.PostWorkspacesCampaignsResponses.Output
    {
        // The busiest write route: membership, campaign, unit and role come from one query
        // (P3 in BENCHMARKS.md), so the use case checks access itself.
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let id = try await ResponseService(store: store).submitResponse(
            caller, workspace: input.path.workspace, campaign: input.path.id, respondent: body.respondent, unitCode: body.unit,
            roleCode: body.role, answers: body.answers.additionalProperties, now: now)
        return .created(.init(body: .json(.init(id: id))))
    }

    func getWorkspacesCampaignsReport(
        _ input: Operations.GetWorkspacesCampaignsReport.Input
    ) async throws
        -> Operations.GetWorkspacesCampaignsReport.Output
    {
        let format = LeadershipReport.Format(rawValue: input.query.format?.rawValue ?? "html") ?? .html
        let breakdown = AssessmentScoring.Breakdown(rawValue: input.query.by?.rawValue ?? "unit") ?? .unit
        let (workspace, scorecard, frameworks) = try await campaigns.report(
            caller, workspace: input.path.workspace, campaign: input.path.id, breakdown: breakdown)
        let campaign = scorecard.campaign
        let disposition =
            "attachment; filename=\"\(SecurityHeaders.fileName("customer-dna-\(workspace.slug)-\(campaign.id).\(format.rawValue)"))\""
        let headers = Operations.GetWorkspacesCampaignsReport.Output.Ok.Headers(contentDisposition: disposition)
        if format == .json { return .ok(.init(headers: headers, body: .json(try documented(scorecard)))) }
        let planned = try await actions.actions(caller, workspace: workspace.slug, today: CalendarDay.string(now), wave: campaign.id)
        if format == .pdf {
            let bytes = try await Self.pdf(
                scorecard: scorecard, workspaceName: workspace.name, frameworks: frameworks,
                frameworkID: input.query.framework ?? "os-canvas", actions: planned)
            return .ok(.init(headers: headers, body: .pdf(HTTPBody(bytes))))
        }
        let text = LeadershipReport.render(
            format, scorecard: scorecard, workspaceName: workspace.name, frameworks: frameworks,
            frameworkID: input.query.framework ?? "os-canvas", actions: planned)
        let body: Operations.GetWorkspacesCampaignsReport.Output.Ok.Body =
            switch format {
            case .html: .html(HTTPBody(text))
            case .md: .textMarkdown(HTTPBody(text))
            case .csv, .json, .pdf: .csv(HTTPBody(text))
            }
        return .ok(.init(headers: headers, body: body))
    }
}
