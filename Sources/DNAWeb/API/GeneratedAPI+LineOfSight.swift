import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The line of sight and the improvement loop: nodes and edges, hypotheses, evidence,
/// decisions, metrics and objectives.
extension GeneratedAPI {
    func getWorkspacesLineOfSight(
        _ input: Operations.GetWorkspacesLineOfSight.Input
    ) async throws
        -> Operations.GetWorkspacesLineOfSight.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        guard input.query.format == .yaml else {
            return .ok(.init(body: .json(try documented(try await store.lineOfSight(workspaceID: workspace.id)))))
        }
        return .ok(.init(body: .yaml(HTTPBody(try await store.exportLineOfSight(workspaceID: workspace.id)))))
    }

    func postWorkspacesLineOfSight(
        _ input: Operations.PostWorkspacesLineOfSight.Input
    ) async throws
        -> Operations.PostWorkspacesLineOfSight.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .yaml(let body) = input.body else { throw WebError.badRequest("the body must be YAML") }
        let summary = try await store.importLineOfSight(workspaceID: workspace.id, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(try documented(summary))))
    }

    func getWorkspacesLineOfSightCheck(
        _ input: Operations.GetWorkspacesLineOfSightCheck.Input
    ) async throws
        -> Operations.GetWorkspacesLineOfSightCheck.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let report = try await store.lineOfSightReport(workspaceID: workspace.id)
        switch input.query.format {
        case .md: return .ok(.init(body: .textMarkdown(HTTPBody(AnalysisOutput.render(report, as: .md)))))
        case .csv: return .ok(.init(body: .csv(HTTPBody(AnalysisOutput.render(report, as: .csv)))))
        case .json, nil: return .ok(.init(body: .json(try documented(report))))
        }
    }

    func postWorkspacesLineOfSightNodes(
        _ input: Operations.PostWorkspacesLineOfSightNodes.Input
    ) async throws
        -> Operations.PostWorkspacesLineOfSightNodes.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let body = try self.input(json, as: APIRequest.NewNode.self)
        let node = LineOfSightGraph.Node(
            code: body.code, type: body.type, title: body.title ?? "", description: body.description ?? "", effort: body.effort,
            budget: body.budget, status: body.status, shippedOn: body.shippedOn)
        try await store.saveNode(workspaceID: workspace.id, node)
        let saved = try await store.lineOfSight(workspaceID: workspace.id).nodes.first { $0.code == body.code }
        return .created(.init(body: .json(try documented(saved))))
    }

    func deleteWorkspacesLineOfSightNodesById(
        _ input: Operations.DeleteWorkspacesLineOfSightNodesById.Input
    ) async throws
        -> Operations.DeleteWorkspacesLineOfSightNodesById.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        try await store.deleteNode(workspaceID: workspace.id, code: input.path.code)
        return .noContent(.init())
    }

    func postWorkspacesLineOfSightEdges(
        _ input: Operations.PostWorkspacesLineOfSightEdges.Input
    ) async throws
        -> Operations.PostWorkspacesLineOfSightEdges.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        try await store.addEdge(workspaceID: workspace.id, from: body.from, to: body.to)
        return .created(.init(body: .json(try documented(LineOfSightModel.Edge(from: body.from, to: body.to)))))
    }

    func deleteWorkspacesLineOfSightEdgesById(
        _ input: Operations.DeleteWorkspacesLineOfSightEdgesById.Input
    ) async throws
        -> Operations.DeleteWorkspacesLineOfSightEdgesById.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        try await store.deleteEdge(workspaceID: workspace.id, from: input.path.from, to: input.path.to)
        return .noContent(.init())
    }

    func getWorkspacesOverview(_ input: Operations.GetWorkspacesOverview.Input) async throws -> Operations.GetWorkspacesOverview.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(try await CustomerDNAOverview.load(store: store, workspace: workspace)))))
    }

    func getWorkspacesHypotheses(
        _ input: Operations.GetWorkspacesHypotheses.Input
    ) async throws -> Operations.GetWorkspacesHypotheses.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.hypotheses(workspaceID: workspace.id))))))
    }

    func postWorkspacesHypotheses(
        _ input: Operations.PostWorkspacesHypotheses.Input
    ) async throws
        -> Operations.PostWorkspacesHypotheses.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewHypothesis.self)
        try await store.addHypothesis(
            workspaceID: workspace.id,
            Hypothesis(
                code: b.code, change: b.change, segment: b.segment ?? "", outcome: b.outcome, impact: b.impact ?? "", metric: b.metric,
                from: b.from, to: b.to, by: b.by, strategy: b.strategy, initiative: b.initiative, createdOn: Day.string(now)))
        return .created(.init(body: .json(try documented(try await hypothesis(workspace, b.code)))))
    }

    func postWorkspacesHypothesesStatus(
        _ input: Operations.PostWorkspacesHypothesesStatus.Input
    ) async throws
        -> Operations.PostWorkspacesHypothesesStatus.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.HypothesisStatus.self)
        let code = input.path.code
        let learning =
            b.status.isClosed
            ? Hypothesis.Learning(believed: b.believed ?? "", observed: b.observed ?? "", learned: b.learned ?? "", next: b.next ?? "")
            : nil
        try await store.moveHypothesis(
            workspaceID: workspace.id, code: code, to: b.status, learning: learning, on: b.date ?? Day.string(now))
        return .ok(.init(body: .json(try documented(try await hypothesis(workspace, code)))))
    }

    func getWorkspacesEvidence(_ input: Operations.GetWorkspacesEvidence.Input) async throws -> Operations.GetWorkspacesEvidence.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        let items = try await store.evidence(workspaceID: workspace.id, search: input.query.q)
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesEvidence(_ input: Operations.PostWorkspacesEvidence.Input) async throws -> Operations.PostWorkspacesEvidence.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewEvidence.self)
        let code = try await store.addEvidence(
            workspaceID: workspace.id,
            EvidenceItem(
                code: b.code ?? "", kind: b.kind, source: b.source, title: b.title, text: b.text ?? "", capturedOn: b.capturedOn,
                segment: b.segment ?? "", tags: b.tags ?? [], links: b.links ?? []))
        let item = try await store.evidence(workspaceID: workspace.id).first { $0.code == code }
        return .created(.init(body: .json(try documented(item))))
    }

    func postWorkspacesEvidenceLinks(
        _ input: Operations.PostWorkspacesEvidenceLinks.Input
    ) async throws
        -> Operations.PostWorkspacesEvidenceLinks.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let link = try self.input(json, as: EvidenceLink.self)
        let code = input.path.code
        try await store.linkEvidence(workspaceID: workspace.id, evidence: code, link)
        let item = try await store.evidence(workspaceID: workspace.id).first { $0.code == code }
        return .ok(.init(body: .json(try documented(item))))
    }

    func getWorkspacesDecisions(_ input: Operations.GetWorkspacesDecisions.Input) async throws -> Operations.GetWorkspacesDecisions.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.decisions(workspaceID: workspace.id))))))
    }

    func postWorkspacesDecisions(
        _ input: Operations.PostWorkspacesDecisions.Input
    ) async throws -> Operations.PostWorkspacesDecisions.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewDecision.self)
        let code = try await store.logDecision(
            workspaceID: workspace.id,
            DecisionRecord(
                code: b.code ?? "", title: b.title, context: b.context ?? "", options: b.options ?? [], chosen: b.chosen ?? "",
                involvement: b.involvement, decidedBy: b.decidedBy ?? "", unit: b.unit, decidedOn: b.decidedOn, initiative: b.initiative,
                evidence: b.evidence ?? []))
        let decision = try await store.decisions(workspaceID: workspace.id).first { $0.code == code }
        return .created(.init(body: .json(try documented(decision))))
    }

    func getWorkspacesHumility(_ input: Operations.GetWorkspacesHumility.Input) async throws -> Operations.GetWorkspacesHumility.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(try await store.loopFigures(workspaceID: workspace.id).humility))))
    }

    func getWorkspacesAgility(_ input: Operations.GetWorkspacesAgility.Input) async throws -> Operations.GetWorkspacesAgility.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(try await store.loopFigures(workspaceID: workspace.id).agility))))
    }

    func getWorkspacesMetrics(_ input: Operations.GetWorkspacesMetrics.Input) async throws -> Operations.GetWorkspacesMetrics.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.metricDefinitions(workspaceID: workspace.id))))))
    }

    func postWorkspacesMetrics(_ input: Operations.PostWorkspacesMetrics.Input) async throws -> Operations.PostWorkspacesMetrics.Output {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewMetric.self)
        let metric = MetricDefinition(
            code: b.code, name: b.name, kind: b.kind, unit: b.unit ?? "", direction: b.direction ?? .up, target: b.target, node: b.node)
        try await store.saveMetric(workspaceID: workspace.id, metric)
        let saved = try await store.metricDefinitions(workspaceID: workspace.id).first { $0.code == b.code }
        return .created(.init(body: .json(try documented(saved))))
    }

    func getWorkspacesMeasurements(
        _ input: Operations.GetWorkspacesMeasurements.Input
    ) async throws
        -> Operations.GetWorkspacesMeasurements.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace)
        let values = try await store.measurements(workspaceID: workspace.id, metric: input.query.metric)
        guard input.query.format == .csv else { return .ok(.init(body: .json(try documented(ItemList(items: values))))) }
        return .ok(.init(body: .csv(HTTPBody(MeasurementsCSV.render(values)))))
    }

    func postWorkspacesMeasurements(
        _ input: Operations.PostWorkspacesMeasurements.Input
    ) async throws
        -> Operations.PostWorkspacesMeasurements.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewValues.self)
        try await store.addMeasurements(workspaceID: workspace.id, b.values)
        return .created(.init(body: .json(try documented(APIResponse.Imported(imported: b.values.count)))))
    }

    func postWorkspacesMeasurementsImport(
        _ input: Operations.PostWorkspacesMeasurementsImport.Input
    ) async throws
        -> Operations.PostWorkspacesMeasurementsImport.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await store.importMeasurements(
            workspaceID: workspace.id, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(try documented(APIResponse.Imported(imported: count)))))
    }

    func getWorkspacesObjectives(
        _ input: Operations.GetWorkspacesObjectives.Input
    ) async throws -> Operations.GetWorkspacesObjectives.Output {
        let (workspace, _) = try await resolve(input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: try await store.objectives(workspaceID: workspace.id))))))
    }

    func postWorkspacesObjectives(
        _ input: Operations.PostWorkspacesObjectives.Input
    ) async throws
        -> Operations.PostWorkspacesObjectives.Output
    {
        let (workspace, _) = try await resolve(input.path.workspace, minimum: .analyst)
        guard case .json(let json) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let b = try self.input(json, as: APIRequest.NewObjective.self)
        let objective = Objective(
            code: b.code, title: b.title, customerMetric: b.customerMetric, businessMetric: b.businessMetric, strategy: b.strategy)
        try await store.saveObjective(workspaceID: workspace.id, objective)
        return .created(.init(body: .json(try documented(objective))))
    }

    private func hypothesis(_ workspace: Workspace, _ code: String) async throws -> Hypothesis? {
        try await store.hypotheses(workspaceID: workspace.id).first { $0.code == code }
    }
}
