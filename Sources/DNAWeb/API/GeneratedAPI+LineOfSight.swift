import DNAAPI
import DNAApp
import DNACore
import DNAStore
import OpenAPIRuntime

/// The line of sight and the improvement loop, through `LineOfSightService` and
/// `ImprovementLoopService`.
extension GeneratedAPI {
    typealias Ops = Operations

    func getWorkspacesLineOfSight(_ input: Ops.GetWorkspacesLineOfSight.Input) async throws -> Ops.GetWorkspacesLineOfSight.Output {
        let slug = input.path.workspace
        guard input.query.format == .yaml else {
            return .ok(.init(body: .json(try documented(try await lineOfSight.graph(caller, workspace: slug)))))
        }
        return .ok(.init(body: .yaml(HTTPBody(try await lineOfSight.exportModel(caller, workspace: slug)))))
    }

    func postWorkspacesLineOfSight(_ input: Ops.PostWorkspacesLineOfSight.Input) async throws -> Ops.PostWorkspacesLineOfSight.Output {
        guard case .yaml(let body) = input.body else { throw WebError.badRequest("the body must be YAML") }
        let summary = try await lineOfSight.importModel(
            caller, workspace: input.path.workspace, file: "request body", text: try await body.text())
        return .ok(.init(body: .json(try documented(summary))))
    }

    func getWorkspacesLineOfSightCheck(
        _ input: Ops.GetWorkspacesLineOfSightCheck.Input
    ) async throws
        -> Ops.GetWorkspacesLineOfSightCheck.Output
    {
        let report = try await lineOfSight.check(caller, workspace: input.path.workspace)
        switch input.query.format {
        case .md: return .ok(.init(body: .textMarkdown(HTTPBody(AnalysisOutput.render(report, as: .md)))))
        case .csv: return .ok(.init(body: .csv(HTTPBody(AnalysisOutput.render(report, as: .csv)))))
        case .json, nil: return .ok(.init(body: .json(try documented(report))))
        }
    }

    func postWorkspacesLineOfSightNodes(
        _ input: Ops.PostWorkspacesLineOfSightNodes.Input
    ) async throws
        -> Ops.PostWorkspacesLineOfSightNodes.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let node = LineOfSightGraph.Node(
            code: body.code, type: try domain(body._type), title: body.title ?? "", description: body.description ?? "",
            effort: body.effort,
            budget: body.budget, status: try body.status.map { try domain($0) }, shippedOn: body.shippedOn)
        let saved = try await lineOfSight.saveNode(caller, workspace: input.path.workspace, node)
        return .created(.init(body: .json(try documented(saved))))
    }

    func deleteWorkspacesLineOfSightNodesById(
        _ input: Ops.DeleteWorkspacesLineOfSightNodesById.Input
    ) async throws
        -> Ops.DeleteWorkspacesLineOfSightNodesById.Output
    {
        try await lineOfSight.deleteNode(caller, workspace: input.path.workspace, code: input.path.code)
        return .noContent(.init())
    }

    func postWorkspacesLineOfSightEdges(
        _ input: Ops.PostWorkspacesLineOfSightEdges.Input
    ) async throws
        -> Ops.PostWorkspacesLineOfSightEdges.Output
    {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let edge = try await lineOfSight.addEdge(caller, workspace: input.path.workspace, from: body.from, to: body.to)
        return .created(.init(body: .json(try documented(edge))))
    }

    func deleteWorkspacesLineOfSightEdgesById(
        _ input: Ops.DeleteWorkspacesLineOfSightEdgesById.Input
    ) async throws
        -> Ops.DeleteWorkspacesLineOfSightEdgesById.Output
    {
        try await lineOfSight.deleteEdge(caller, workspace: input.path.workspace, from: input.path.from, to: input.path.to)
        return .noContent(.init())
    }

    func getWorkspacesOverview(_ input: Ops.GetWorkspacesOverview.Input) async throws -> Ops.GetWorkspacesOverview.Output {
        .ok(.init(body: .json(try documented(try await lineOfSight.overview(caller, workspace: input.path.workspace)))))
    }

    func getWorkspacesWhereToAct(_ input: Ops.GetWorkspacesWhereToAct.Input) async throws -> Ops.GetWorkspacesWhereToAct.Output {
        let report = try await WhereToActService(store: store).report(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(report))))
    }

    func getWorkspacesHypotheses(_ input: Ops.GetWorkspacesHypotheses.Input) async throws -> Ops.GetWorkspacesHypotheses.Output {
        let cards = try await loop.hypotheses(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: cards)))))
    }

    func postWorkspacesHypotheses(_ input: Ops.PostWorkspacesHypotheses.Input) async throws -> Ops.PostWorkspacesHypotheses.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let card = Hypothesis(
            code: b.code, change: b.change, segment: b.segment ?? "", outcome: b.outcome, impact: b.impact ?? "", metric: b.metric,
            from: b.from, to: b.to, by: b.by, strategy: b.strategy, initiative: b.initiative, createdOn: Day.string(now))
        return .created(.init(body: .json(try documented(try await loop.addHypothesis(caller, workspace: input.path.workspace, card)))))
    }

    func postWorkspacesHypothesesStatus(
        _ input: Ops.PostWorkspacesHypothesesStatus.Input
    ) async throws
        -> Ops.PostWorkspacesHypothesesStatus.Output
    {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let status: Hypothesis.Status = try domain(b.status)
        let learning =
            status.isClosed
            ? Hypothesis.Learning(believed: b.believed ?? "", observed: b.observed ?? "", learned: b.learned ?? "", next: b.next ?? "")
            : nil
        let card = try await loop.moveHypothesis(
            caller, workspace: input.path.workspace, code: input.path.code, to: status, learning: learning, on: b.date ?? Day.string(now))
        return .ok(.init(body: .json(try documented(card))))
    }

    func getWorkspacesEvidence(_ input: Ops.GetWorkspacesEvidence.Input) async throws -> Ops.GetWorkspacesEvidence.Output {
        let items = try await loop.evidence(caller, workspace: input.path.workspace, search: input.query.q)
        return .ok(.init(body: .json(try documented(ItemList(items: items)))))
    }

    func postWorkspacesEvidence(_ input: Ops.PostWorkspacesEvidence.Input) async throws -> Ops.PostWorkspacesEvidence.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let item = EvidenceItem(
            code: b.code ?? "", kind: try domain(b.kind), source: try domain(b.source), title: b.title, text: b.text ?? "",
            capturedOn: b.capturedOn,
            segment: b.segment ?? "", tags: b.tags ?? [],
            links: try (b.links ?? []).map { EvidenceLink(target: try domain($0.target), code: $0.code, stance: try domain($0.stance)) })
        return .created(.init(body: .json(try documented(try await loop.addEvidence(caller, workspace: input.path.workspace, item)))))
    }

    func postWorkspacesEvidenceLinks(_ input: Ops.PostWorkspacesEvidenceLinks.Input) async throws -> Ops.PostWorkspacesEvidenceLinks.Output
    {
        guard case .json(let link) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let item = try await loop.linkEvidence(
            caller, workspace: input.path.workspace, evidence: input.path.code,
            EvidenceLink(target: try domain(link.target), code: link.code, stance: try domain(link.stance)))
        return .ok(.init(body: .json(try documented(item))))
    }

    func getWorkspacesDecisions(_ input: Ops.GetWorkspacesDecisions.Input) async throws -> Ops.GetWorkspacesDecisions.Output {
        let decisions = try await loop.decisions(caller, workspace: input.path.workspace)
        return .ok(.init(body: .json(try documented(ItemList(items: decisions)))))
    }

    func postWorkspacesDecisions(_ input: Ops.PostWorkspacesDecisions.Input) async throws -> Ops.PostWorkspacesDecisions.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let record = DecisionRecord(
            code: b.code ?? "", title: b.title, context: b.context ?? "", options: b.options ?? [], chosen: b.chosen ?? "",
            involvement: try domain(b.involvement), decidedBy: b.decidedBy ?? "", unit: b.unit, decidedOn: b.decidedOn,
            initiative: b.initiative,
            evidence: b.evidence ?? [])
        return .created(.init(body: .json(try documented(try await loop.logDecision(caller, workspace: input.path.workspace, record)))))
    }

    func getWorkspacesHumility(_ input: Ops.GetWorkspacesHumility.Input) async throws -> Ops.GetWorkspacesHumility.Output {
        .ok(.init(body: .json(try documented(try await loop.loopFigures(caller, workspace: input.path.workspace).humility))))
    }

    func getWorkspacesAgility(_ input: Ops.GetWorkspacesAgility.Input) async throws -> Ops.GetWorkspacesAgility.Output {
        .ok(.init(body: .json(try documented(try await loop.loopFigures(caller, workspace: input.path.workspace).agility))))
    }

    func getWorkspacesMetrics(_ input: Ops.GetWorkspacesMetrics.Input) async throws -> Ops.GetWorkspacesMetrics.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await loop.metrics(caller, workspace: input.path.workspace))))))
    }

    func postWorkspacesMetrics(_ input: Ops.PostWorkspacesMetrics.Input) async throws -> Ops.PostWorkspacesMetrics.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let metric = MetricDefinition(
            code: b.code, name: b.name, kind: try domain(b.kind), unit: b.unit ?? "",
            direction: try b.direction.map { try domain($0) } ?? .up, target: b.target, node: b.node)
        return .created(.init(body: .json(try documented(try await loop.saveMetric(caller, workspace: input.path.workspace, metric)))))
    }

    func getWorkspacesMeasurements(_ input: Ops.GetWorkspacesMeasurements.Input) async throws -> Ops.GetWorkspacesMeasurements.Output {
        let values = try await loop.measurements(caller, workspace: input.path.workspace, metric: input.query.metric)
        guard input.query.format == .csv else { return .ok(.init(body: .json(try documented(ItemList(items: values))))) }
        return .ok(.init(body: .csv(HTTPBody(MeasurementsCSV.render(values)))))
    }

    func postWorkspacesMeasurements(_ input: Ops.PostWorkspacesMeasurements.Input) async throws -> Ops.PostWorkspacesMeasurements.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let count = try await loop.addMeasurements(
            caller, workspace: input.path.workspace, b.values.map { MetricValue(metric: $0.metric, date: $0.date, value: $0.value) })
        return .created(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func postWorkspacesMeasurementsImport(
        _ input: Ops.PostWorkspacesMeasurementsImport.Input
    ) async throws
        -> Ops.PostWorkspacesMeasurementsImport.Output
    {
        guard case .csv(let body) = input.body else { throw WebError.badRequest("the body must be CSV") }
        let count = try await loop.importMeasurements(
            caller, workspace: input.path.workspace, file: "request body", bytes: Array(try await body.text().utf8))
        return .ok(.init(body: .json(Components.Schemas.Imported(imported: count))))
    }

    func getWorkspacesObjectives(_ input: Ops.GetWorkspacesObjectives.Input) async throws -> Ops.GetWorkspacesObjectives.Output {
        .ok(.init(body: .json(try documented(ItemList(items: try await loop.objectives(caller, workspace: input.path.workspace))))))
    }

    func postWorkspacesObjectives(_ input: Ops.PostWorkspacesObjectives.Input) async throws -> Ops.PostWorkspacesObjectives.Output {
        guard case .json(let b) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let objective = Objective(
            code: b.code, title: b.title, customerMetric: b.customerMetric, businessMetric: b.businessMetric, strategy: b.strategy)
        return .created(
            .init(body: .json(try documented(try await loop.saveObjective(caller, workspace: input.path.workspace, objective)))))
    }
}
