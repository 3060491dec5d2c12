import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// Pages of the line of sight and the improvement loop: the graph, hypotheses, evidence,
/// decisions, metrics, agility and the Customer DNA overview.
extension PageController {
    func addLineOfSightRoutes(to router: Router<AppContext>) {
        func get(
            _ url: @escaping (String, String) -> SiteURL,
            _ body: @escaping @Sendable (Request, Workspace, Access, Identity) async throws -> Response
        ) {
            router.get(RouterPath(stringLiteral: SiteURL.pattern(url))) { request, context in
                try await page(request, context) { workspace, access, identity in try await body(request, workspace, access, identity) }
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .whereToAct(w) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let report = try await WhereToActService(store: store).report(context.caller, workspace: workspace.slug)
                return WhereToActPage.View(workspaceRecord: workspace, report: report).response(identity: identity)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .overview(w) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let overview = try await LineOfSightService(store: store).overview(context.caller, workspace: workspace.slug)
                return OverviewPage.View(workspaceRecord: workspace, overview: overview).response(identity: identity)
            }
        }
        get({ w, _ in .lineOfSight(w) }) { request, workspace, access, identity in
            LineOfSightPage.View(
                model: try await lineOfSightPage(
                    workspace, access, identity,
                    query: Dictionary(
                        request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { a, _ in a }))
            )
            .response(identity: identity)
        }
        get({ w, _ in .lineOfSightExport(w) }) { _, workspace, _, identity in
            Self.attachment(
                try await LineOfSightService(store: store).exportModel(identity.pageCaller, workspace: workspace.slug),
                contentType: "application/yaml; charset=utf-8",
                filename: "line-of-sight-\(workspace.slug).yaml")
        }
        get({ w, _ in .hypotheses(w) }) { _, workspace, access, identity in
            HypothesesPage.View(model: try await hypothesesPage(workspace, access, identity)).response(identity: identity)
        }
        get({ w, _ in .evidence(w) }) { request, workspace, access, identity in
            EvidencePage.View(
                model: try await evidencePage(workspace, access, identity, search: request.uri.queryParameters.get("q") ?? "")
            )
            .response(identity: identity)
        }
        get({ w, _ in .decisions(w) }) { _, workspace, access, identity in
            DecisionsPage.View(model: try await decisionsPage(workspace, access, identity)).response(identity: identity)
        }
        get({ w, _ in .loopMetrics(w) }) { _, workspace, access, identity in
            LoopMetricsPage.View(model: try await loopMetricsPage(workspace, access, identity)).response(identity: identity)
        }
        get({ w, _ in .loopMeasurementsCSV(w) }) { _, workspace, _, identity in
            Self.attachment(
                MeasurementsCSV.render(
                    try await ImprovementLoopService(store: store).measurements(identity.pageCaller, workspace: workspace.slug)),
                contentType: "text/csv; charset=utf-8",
                filename: "measurements-\(workspace.slug).csv")
        }
        get({ w, _ in .agility(w) }) { _, workspace, _, identity in
            let (agility, titles) = try await ImprovementLoopService(store: store).agilityView(
                identity.pageCaller, workspace: workspace.slug)
            return AgilityPage.View(model: .init(workspace: workspace, agility: agility, titles: titles)).response(identity: identity)
        }
        addGraphEditRoutes(to: router)
        addLoopEditRoutes(to: router)
    }

    private func addGraphEditRoutes(to router: Router<AppContext>) {
        let load: @Sendable (Workspace, Access, Identity) async throws -> LineOfSightPage.Model = {
            try await lineOfSightPage($0, $1, $2, query: [:])
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .lineOfSightNodes(w) })) { request, context in
            try await postAction(request, context, load: load, view: LineOfSightPage.View.init) { form, workspace in
                guard let type = LineOfSightModel.NodeType(rawValue: form["type"] ?? "") else {
                    throw FieldProblem("type", "choose the node type")
                }
                let code = type == .outcome ? (form.text("outcome") ?? form.text("code") ?? "") : (form.text("code") ?? "")
                let node = LineOfSightGraph.Node(
                    code: code, type: type, title: form.text("title") ?? "", description: form.text("description") ?? "",
                    effort: try Self.number(form, "effort"), budget: try Self.number(form, "budget"),
                    status: form.text("status").flatMap(LineOfSightGraph.Status.init), shippedOn: form.text("shipped_on"))
                _ = try await LineOfSightService(store: store).saveNode(context.caller, workspace: workspace.slug, node)
                return "Saved \(type.rawValue) '\(code)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .lineOfSightEdges(w) })) { request, context in
            try await postAction(
                request, context,
                loadAfter: { form, workspace, access, identity in
                    try await lineOfSightPage(workspace, access, identity, query: ["node": form.text("from") ?? ""])
                }, view: LineOfSightPage.View.init
            ) { form, workspace in
                let from = form.text("from") ?? "", to = form.text("to") ?? ""
                _ = try await LineOfSightService(store: store).addEdge(context.caller, workspace: workspace.slug, from: from, to: to)
                return "Connected \(from) -> \(to)."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .lineOfSightRemove(w) })) { request, context in
            try await postAction(request, context, load: load, view: LineOfSightPage.View.init) { form, workspace in
                let from = form.text("from") ?? ""
                if let to = form.text("to") {
                    try await LineOfSightService(store: store).deleteEdge(context.caller, workspace: workspace.slug, from: from, to: to)
                    return "Removed the edge \(from) -> \(to)."
                }
                try await LineOfSightService(store: store).deleteNode(context.caller, workspace: workspace.slug, code: from)
                return "Removed '\(from)' and its edges."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .lineOfSightImport(w) })) { request, context in
            try await postAction(request, context, load: load, view: LineOfSightPage.View.init, submitted: "yaml") { form, workspace in
                let summary = try await LineOfSightService(store: store).importModel(
                    context.caller, workspace: workspace.slug, file: "model.yaml", text: form["yaml"] ?? "")
                let imported: AdminText =
                    "Imported: \(summary.nodesAdded) nodes added, \(summary.nodesUpdated) updated, \(summary.edgesAdded) edges added."
                guard !summary.metricsCreated.isEmpty else { return imported }
                return "\(imported) New metrics to complete on the metrics page: \(summary.metricsCreated.joined(separator: ", "))."
            }
        }
    }

    private func addLoopEditRoutes(to router: Router<AppContext>) {
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .hypotheses(w) })) { request, context in
            try await postAction(request, context, load: hypothesesPage, view: HypothesesPage.View.init) { form, workspace in
                let card = Hypothesis(
                    code: form.text("code") ?? "", change: form.text("change") ?? "", segment: form.text("segment") ?? "",
                    outcome: form.text("outcome") ?? "", impact: form.text("impact") ?? "", metric: form.text("metric"),
                    from: try Self.number(form, "from"), to: try Self.number(form, "to"), by: form.text("by"),
                    strategy: form.text("strategy"),
                    initiative: form.text("initiative"), createdOn: Day.string(clock.now()))
                _ = try await ImprovementLoopService(store: store).addHypothesis(context.caller, workspace: workspace.slug, card)
                return "Added hypothesis '\(card.code)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, code in .hypothesisStatus(w, code) })) { request, context in
            try await postAction(request, context, load: hypothesesPage, view: HypothesesPage.View.init) { form, workspace in
                guard let status = Hypothesis.Status(rawValue: form["status"] ?? "") else {
                    throw FieldProblem("status", "choose the new status")
                }
                let learning =
                    status.isClosed
                    ? Hypothesis.Learning(
                        believed: form.text("believed") ?? "", observed: form.text("observed") ?? "", learned: form.text("learned") ?? "",
                        next: form.text("next") ?? "") : nil
                let code = try context.parameter("id")
                _ = try await ImprovementLoopService(store: store).moveHypothesis(
                    context.caller, workspace: workspace.slug, code: code, to: status, learning: learning,
                    on: form.text("date") ?? Day.string(clock.now()))
                return "Hypothesis '\(code)' is now \(status.rawValue)."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .evidence(w) })) { request, context in
            try await postAction(request, context, load: { try await evidencePage($0, $1, $2, search: "") }, view: EvidencePage.View.init) {
                form, workspace in
                guard let kind = EvidenceItem.Kind(rawValue: form["kind"] ?? ""),
                    let source = EvidenceItem.Source(rawValue: form["source"] ?? "")
                else { throw StoreError.invalid("choose the kind and the source") }
                let tags = (form.text("tags") ?? "").split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                let code = try await ImprovementLoopService(store: store).addEvidence(
                    context.caller, workspace: workspace.slug,
                    EvidenceItem(
                        code: form.text("code") ?? "", kind: kind, source: source, title: form.text("title") ?? "",
                        text: form.text("text") ?? "",
                        capturedOn: form.text("captured_on") ?? "", segment: form.text("segment") ?? "", tags: tags)
                ).code
                return "Added evidence \(code)."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .evidenceLinks(w) })) { request, context in
            try await postAction(request, context, load: { try await evidencePage($0, $1, $2, search: "") }, view: EvidencePage.View.init) {
                form, workspace in
                guard let target = EvidenceLink.Target(rawValue: form["target"] ?? ""),
                    let stance = EvidenceLink.Stance(rawValue: form["stance"] ?? "")
                else { throw StoreError.invalid("choose what the evidence links to and whether it supports or contradicts it") }
                let evidence = form.text("evidence") ?? "", code = form.text("code") ?? ""
                _ = try await ImprovementLoopService(store: store).linkEvidence(
                    context.caller, workspace: workspace.slug, evidence: evidence, EvidenceLink(target: target, code: code, stance: stance))
                return "Evidence \(evidence) \(stance.rawValue) \(target.rawValue) '\(code)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .decisions(w) })) { request, context in
            try await postAction(request, context, load: decisionsPage, view: DecisionsPage.View.init) { form, workspace in
                guard let involvement = DecisionRecord.Involvement(rawValue: form["involvement"] ?? "") else {
                    throw FieldProblem("involvement", "choose how customers were involved")
                }
                let options = (form["options"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                let code = try await ImprovementLoopService(store: store).logDecision(
                    context.caller, workspace: workspace.slug,
                    DecisionRecord(
                        code: form.text("code") ?? "", title: form.text("title") ?? "", context: form.text("context") ?? "",
                        options: options,
                        chosen: form.text("chosen") ?? "", involvement: involvement, decidedBy: form.text("decided_by") ?? "",
                        unit: form.text("unit"), decidedOn: form.text("decided_on") ?? "", initiative: form.text("initiative"),
                        evidence: form.all("evidence"))
                ).code
                return "Logged decision \(code)."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .loopMetrics(w) })) { request, context in
            try await postAction(request, context, load: loopMetricsPage, view: LoopMetricsPage.View.init) { form, workspace in
                guard let kind = MetricDefinition.ValueKind(rawValue: form["kind"] ?? ""),
                    let direction = MetricDefinition.Direction(rawValue: form["direction"] ?? "")
                else { throw StoreError.invalid("choose the kind of value and which way is better") }
                let metric = MetricDefinition(
                    code: form.text("code") ?? "", name: form.text("name") ?? "", kind: kind, unit: form.text("unit") ?? "",
                    direction: direction,
                    target: try Self.number(form, "target"), node: form.text("node"))
                _ = try await ImprovementLoopService(store: store).saveMetric(context.caller, workspace: workspace.slug, metric)
                return "Saved metric '\(metric.code)'."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .loopMeasurements(w) })) { request, context in
            try await postAction(request, context, load: loopMetricsPage, view: LoopMetricsPage.View.init) { form, workspace in
                guard let value = try Self.number(form, "value") else { throw FieldProblem("value", "give the value as a number") }
                let measurement = MetricValue(metric: form.text("metric") ?? "", date: form.text("date") ?? "", value: value)
                _ = try await ImprovementLoopService(store: store).addMeasurements(context.caller, workspace: workspace.slug, [measurement])
                return "Recorded \(measurement.metric) = \(AnalysisOutput.rounded(value, 2)) on \(measurement.date)."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .loopMeasurementsImport(w) })) { request, context in
            try await postAction(request, context, load: loopMetricsPage, view: LoopMetricsPage.View.init) { form, workspace in
                let count = try await ImprovementLoopService(store: store).importMeasurements(
                    context.caller, workspace: workspace.slug, file: "values.csv", bytes: Array((form["csv"] ?? "").utf8))
                return "Imported \(count) values."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .objectives(w) })) { request, context in
            try await postAction(request, context, load: loopMetricsPage, view: LoopMetricsPage.View.init) { form, workspace in
                let objective = Objective(
                    code: form.text("code") ?? "", title: form.text("title") ?? "", customerMetric: form.text("customer_metric") ?? "",
                    businessMetric: form.text("business_metric") ?? "", strategy: form.text("strategy"))
                _ = try await ImprovementLoopService(store: store).saveObjective(context.caller, workspace: workspace.slug, objective)
                return "Saved objective '\(objective.code)'."
            }
        }
    }

    /// An optional number field: empty is nil, anything else must be a finite number.
    static func number(_ form: FormBody, _ name: String) throws -> Double? {
        guard let text = form.text(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw FieldProblem(name, "\(name.replacingOccurrences(of: "_", with: " ")) must be a number")
        }
        return value
    }

    /// The graph page for a query: `strategy` and `finding` filter, `node` chooses a node,
    /// `zoom` scales the drawing (`fit`, or a percent of `LineOfSightPage.zoomLevels`), `view`
    /// and `page` show the table. A value the page does not know is ignored, not an error: the
    /// addresses are bookmarks, and a node since removed should still open the page.
    func lineOfSightPage(
        _ workspace: Workspace, _ access: Access, _ identity: Identity, query: [String: String]
    ) async throws -> LineOfSightPage.Model {
        let view = try await LineOfSightService(store: store).graphView(
            identity.pageCaller, workspace: workspace.slug, node: query["node"])
        let strategy = query["strategy"].flatMap { code in
            view.graph.nodes.contains { $0.code == code && $0.type == .strategy } ? code : nil
        }
        let zoom: Int? =
            query["zoom"] == "fit"
            ? nil : query["zoom"].flatMap(Int.init).flatMap { LineOfSightPage.zoomLevels.contains($0) ? $0 : nil } ?? 100
        return LineOfSightPage.Model(
            workspace: workspace, view: view, strategy: strategy, finding: query["finding"].flatMap(LineOfSightCheck.Kind.init),
            zoom: zoom, table: query["view"] == "table", tablePage: query["page"].flatMap { Int($0) } ?? 1, csrfToken: identity.csrfToken)
    }

    func nodeOptions(_ graph: LineOfSightGraph, _ type: LineOfSightModel.NodeType) -> [(String, String)] {
        graph.nodes.filter { $0.type == type }.map { ($0.code, "\($0.title) [\($0.code)]") }
    }

    func hypothesesPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> HypothesesPage.Model {
        let view = try await ImprovementLoopService(store: store).hypothesesView(identity.pageCaller, workspace: workspace.slug)
        return HypothesesPage.Model(
            workspace: workspace, hypotheses: view.hypotheses, strategies: nodeOptions(view.graph, .strategy),
            initiatives: nodeOptions(view.graph, .initiative), metrics: view.metrics.map { ($0.code, "\($0.name) [\($0.code)]") },
            segments: view.segments.map { ($0.code, $0.name) }, canEdit: view.access >= .analyst, csrfToken: identity.csrfToken,
            today: Day.string(clock.now()))
    }

    func evidencePage(_ workspace: Workspace, _ access: Access, _ identity: Identity, search: String) async throws -> EvidencePage.Model {
        EvidencePage.Model(
            workspace: workspace,
            items: try await ImprovementLoopService(store: store).evidence(
                identity.pageCaller, workspace: workspace.slug, search: search),
            search: search,
            segments: try await CustomerModelService(store: store).model(identity.pageCaller, workspace: workspace.slug)
                .segments.map { ($0.code, $0.name) },
            canEdit: access >= .analyst, csrfToken: identity.csrfToken, today: Day.string(clock.now()))
    }

    func decisionsPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> DecisionsPage.Model {
        let view = try await ImprovementLoopService(store: store).decisionsView(identity.pageCaller, workspace: workspace.slug)
        return DecisionsPage.Model(
            workspace: workspace, decisions: view.decisions, humility: view.humility, units: view.units.map { ($0.code, $0.name) },
            initiatives: nodeOptions(view.graph, .initiative), evidence: view.evidence, canEdit: view.access >= .analyst,
            csrfToken: identity.csrfToken, today: Day.string(clock.now()))
    }

    func loopMetricsPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> LoopMetricsPage.Model {
        let view = try await ImprovementLoopService(store: store).metricsView(identity.pageCaller, workspace: workspace.slug)
        return LoopMetricsPage.Model(
            workspace: workspace, metrics: view.metrics, measurements: view.measurements, objectives: view.objectives,
            nodes: view.graph.nodes.map { ($0.code, "\($0.type.rawValue): \($0.title) [\($0.code)]") },
            strategies: nodeOptions(view.graph, .strategy), canEdit: view.access >= .analyst, csrfToken: identity.csrfToken,
            today: Day.string(clock.now()))
    }
}

/// Measurements as CSV in the import's own format, so a download can be edited and imported back.
enum MeasurementsCSV {
    static func render(_ values: [MetricValue]) -> String {
        AnalysisOutput.csv(header: Measurements.header, rows: values.map { [$0.metric, $0.date, LineOfSightDocument.number($0.value)] })
    }
}

extension LineOfSightPage.Model: ActionPageModel {}
extension HypothesesPage.Model: ActionPageModel {}
extension EvidencePage.Model: ActionPageModel {}
extension DecisionsPage.Model: ActionPageModel {}
extension LoopMetricsPage.Model: ActionPageModel {}
