import DNACore
import DNAStore
import Foundation
import Hummingbird

/// API routes of the line of sight and the improvement loop.
extension APIController {
    func addLineOfSightRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/line-of-sight") { request, context in
            let (workspace, _) = try await resolve(context)
            guard request.uri.queryParameters.get("format") == "yaml" else {
                return try jsonResponse(try await store.lineOfSight(workspaceID: workspace.id))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: try await store.exportLineOfSight(workspaceID: workspace.id))))
        }
        api.post("workspaces/{workspace}/line-of-sight") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            return try jsonResponse(
                try await store.importLineOfSight(
                    workspaceID: workspace.id, file: "request body", text: try await bodyText(request, context)))
        }
        api.get("workspaces/{workspace}/line-of-sight/check") { request, context in
            let (workspace, _) = try await resolve(context)
            let report = try await store.lineOfSightReport(workspaceID: workspace.id)
            guard let format = request.uri.queryParameters.get("format").flatMap({ OutputFormat(rawValue: String($0)) }), format != .json
            else {
                return try jsonResponse(report)
            }
            return Response(
                status: .ok, headers: [.contentType: format == .csv ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: AnalysisOutput.render(report, as: format))))
        }
        api.post("workspaces/{workspace}/line-of-sight/nodes") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewNode.self, context: context)
            let node = LineOfSightGraph.Node(
                code: body.code, type: body.type, title: body.title ?? "", description: body.description ?? "", effort: body.effort,
                budget: body.budget, status: body.status, shippedOn: body.shippedOn)
            try await store.saveNode(workspaceID: workspace.id, node)
            let saved = try await store.lineOfSight(workspaceID: workspace.id).nodes.first { $0.code == body.code }
            return try jsonResponse(saved, status: .created)
        }
        api.delete("workspaces/{workspace}/line-of-sight/nodes/{code}") { _, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            try await store.deleteNode(workspaceID: workspace.id, code: try context.parameter("code"))
            return Response(status: .noContent)
        }
        api.post("workspaces/{workspace}/line-of-sight/edges") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let body = try await request.decodeStrict(APIRequest.NewEdge.self, context: context)
            try await store.addEdge(workspaceID: workspace.id, from: body.from, to: body.to)
            return try jsonResponse(LineOfSightModel.Edge(from: body.from, to: body.to), status: .created)
        }
        api.delete("workspaces/{workspace}/line-of-sight/edges/{from}/{to}") { _, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            try await store.deleteEdge(workspaceID: workspace.id, from: try context.parameter("from"), to: try context.parameter("to"))
            return Response(status: .noContent)
        }
        api.get("workspaces/{workspace}/overview") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(try await CustomerDNAOverview.load(store: store, workspace: workspace))
        }
        addLoopRoutes(api)
    }

    private func addLoopRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/hypotheses") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.hypotheses(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/hypotheses") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewHypothesis.self, context: context)
            try await store.addHypothesis(
                workspaceID: workspace.id,
                Hypothesis(
                    code: b.code, change: b.change, segment: b.segment ?? "", outcome: b.outcome, impact: b.impact ?? "", metric: b.metric,
                    from: b.from, to: b.to, by: b.by, strategy: b.strategy, initiative: b.initiative,
                    createdOn: Day.string(accounts.clock.now())))
            return try jsonResponse(try await hypothesis(workspace, b.code), status: .created)
        }
        api.post("workspaces/{workspace}/hypotheses/{code}/status") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.HypothesisStatus.self, context: context)
            let code = try context.parameter("code")
            let learning =
                b.status.isClosed
                ? Hypothesis.Learning(believed: b.believed ?? "", observed: b.observed ?? "", learned: b.learned ?? "", next: b.next ?? "")
                : nil
            try await store.moveHypothesis(
                workspaceID: workspace.id, code: code, to: b.status, learning: learning, on: b.date ?? Day.string(accounts.clock.now()))
            return try jsonResponse(try await hypothesis(workspace, code))
        }
        api.get("workspaces/{workspace}/evidence") { request, context in
            let (workspace, _) = try await resolve(context)
            let search = request.uri.queryParameters.get("q").map { String($0) }
            return try jsonResponse(APIResponse.List(items: try await store.evidence(workspaceID: workspace.id, search: search)))
        }
        api.post("workspaces/{workspace}/evidence") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewEvidence.self, context: context)
            let code = try await store.addEvidence(
                workspaceID: workspace.id,
                EvidenceItem(
                    code: b.code ?? "", kind: b.kind, source: b.source, title: b.title, text: b.text ?? "", capturedOn: b.capturedOn,
                    segment: b.segment ?? "", tags: b.tags ?? [], links: b.links ?? []))
            let item = try await store.evidence(workspaceID: workspace.id).first { $0.code == code }
            return try jsonResponse(item, status: .created)
        }
        api.post("workspaces/{workspace}/evidence/{code}/links") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let link = try await request.decodeStrict(EvidenceLink.self, context: context)
            let code = try context.parameter("code")
            try await store.linkEvidence(workspaceID: workspace.id, evidence: code, link)
            return try jsonResponse(try await store.evidence(workspaceID: workspace.id).first { $0.code == code })
        }
        api.get("workspaces/{workspace}/decisions") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.decisions(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/decisions") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewDecision.self, context: context)
            let code = try await store.logDecision(
                workspaceID: workspace.id,
                DecisionRecord(
                    code: b.code ?? "", title: b.title, context: b.context ?? "", options: b.options ?? [], chosen: b.chosen ?? "",
                    involvement: b.involvement, decidedBy: b.decidedBy ?? "", unit: b.unit, decidedOn: b.decidedOn,
                    initiative: b.initiative,
                    evidence: b.evidence ?? []))
            return try jsonResponse(try await store.decisions(workspaceID: workspace.id).first { $0.code == code }, status: .created)
        }
        api.get("workspaces/{workspace}/humility") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(try await store.loopFigures(workspaceID: workspace.id).humility)
        }
        api.get("workspaces/{workspace}/agility") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(try await store.loopFigures(workspaceID: workspace.id).agility)
        }
        addMetricRoutes(api)
    }

    private func addMetricRoutes(_ api: RouterGroup<AppContext>) {
        api.get("workspaces/{workspace}/metrics") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.metricDefinitions(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/metrics") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewMetric.self, context: context)
            let metric = MetricDefinition(
                code: b.code, name: b.name, kind: b.kind, unit: b.unit ?? "", direction: b.direction ?? .up, target: b.target, node: b.node)
            try await store.saveMetric(workspaceID: workspace.id, metric)
            return try jsonResponse(
                try await store.metricDefinitions(workspaceID: workspace.id).first { $0.code == b.code }, status: .created)
        }
        api.get("workspaces/{workspace}/measurements") { request, context in
            let (workspace, _) = try await resolve(context)
            let values = try await store.measurements(
                workspaceID: workspace.id, metric: request.uri.queryParameters.get("metric").map { String($0) })
            guard request.uri.queryParameters.get("format") == "csv" else { return try jsonResponse(APIResponse.List(items: values)) }
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: MeasurementsCSV.render(values))))
        }
        api.post("workspaces/{workspace}/measurements") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewValues.self, context: context)
            try await store.addMeasurements(workspaceID: workspace.id, b.values)
            return try jsonResponse(APIResponse.Imported(imported: b.values.count), status: .created)
        }
        api.post("workspaces/{workspace}/measurements/import") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let count = try await store.importMeasurements(
                workspaceID: workspace.id, file: "request body", bytes: Array(try await bodyText(request, context).utf8))
            return try jsonResponse(APIResponse.Imported(imported: count))
        }
        api.get("workspaces/{workspace}/objectives") { _, context in
            let (workspace, _) = try await resolve(context)
            return try jsonResponse(APIResponse.List(items: try await store.objectives(workspaceID: workspace.id)))
        }
        api.post("workspaces/{workspace}/objectives") { request, context in
            let (workspace, _) = try await resolve(context, minimum: .analyst)
            let b = try await request.decodeStrict(APIRequest.NewObjective.self, context: context)
            let objective = Objective(
                code: b.code, title: b.title, customerMetric: b.customerMetric, businessMetric: b.businessMetric, strategy: b.strategy)
            try await store.saveObjective(workspaceID: workspace.id, objective)
            return try jsonResponse(objective, status: .created)
        }
    }

    private func hypothesis(_ workspace: Workspace, _ code: String) async throws -> Hypothesis? {
        try await store.hypotheses(workspaceID: workspace.id).first { $0.code == code }
    }
}

extension EvidenceLink: StrictDecodable {
    public static let fields: Set<String> = ["target", "code", "stance"]
}
