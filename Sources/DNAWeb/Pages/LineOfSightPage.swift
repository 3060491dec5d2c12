import DNACore
import DNAStore
import Plot

/// The sub-navigation of the line of sight and the improvement loop.
enum LoopNavigation {
    static func html(_ slug: String, current: String) -> String {
        let entries: [(String, SiteURL)] = [
            ("Overview", .overview(slug)), ("Line of sight", .lineOfSight(slug)), ("Hypotheses", .hypotheses(slug)),
            ("Evidence", .evidence(slug)), ("Decisions", .decisions(slug)), ("Metrics", .loopMetrics(slug)), ("Agility", .agility(slug)),
        ]
        return Markup.subNavigation(label: "Line of sight", entries, current: current)
    }
}

/// The line-of-sight graph: coverage, findings, the layered drawing (or a table for large
/// graphs), a filter by strategy, and the forms that edit the graph.
enum LineOfSightPage {
    static let tablePageSize = 500

    struct Model {
        var workspace: Workspace
        var graph: LineOfSightGraph
        var report: LineOfSightCheck.Report
        /// Every strategy, for the filter, and the one chosen.
        var strategies: [LineOfSightGraph.Node]
        var strategy: String?
        var table: Bool
        var tablePage: Int
        var outcomes: [CustomerModel.Outcome]
        var canEdit: Bool
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Line of sight" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, report = model.report, graph = model.graph
            var html = "<h1>Line of sight</h1>" + LoopNavigation.html(slug, current: "Line of sight")
            html +=
                "<p>Strategy → capability → initiative → customer outcome → business impact. An initiative has a full line of sight when it reaches a customer outcome from which a business impact follows. One that reaches no customer outcome works inside-out.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            let coverage = report.coverage
            let count: (LineOfSightCheck.Kind) -> Int = { kind in report.findings.filter { $0.kind == kind }.count }
            html += Markup.cards([
                ("\(coverage.withLineOfSight) of \(coverage.initiatives)", "initiatives with a full line of sight"),
                (AnalysisOutput.percent(coverage.effortShare), "of effort has a line of sight"),
                (AnalysisOutput.percent(coverage.budgetShare), "of budget has a line of sight"),
                ("\(count(.insideOut))", "inside-out initiatives"),
            ])
            html += filterForm()
            let shown = model.strategy.map { graph.filtered(byStrategy: $0) } ?? graph
            if shown.nodes.isEmpty {
                html +=
                    "<p>No nodes yet. Add a strategy, then capabilities, initiatives, outcomes and impacts below, or import a model file.</p>"
            } else if model.table || shown.nodes.count > LineOfSightChart.maximumNodes {
                if !model.table {
                    html +=
                        "<p>The graph has \(shown.nodes.count) nodes, more than a drawing can show readably; here it is as a table. Filter by a strategy to draw part of it.</p>"
                }
                html += table(shown)
            } else {
                html += "<div class=\"scroll\">" + LineOfSightChart.graph(shown, report: report) + "</div>"
            }
            html += findings(shown)
            if model.canEdit { html += forms() }
            html += "<p>" + Markup.link("Download the model (YAML)", .lineOfSightExport(slug)) + "</p>"
            return .raw(html)
        }

        private func filterForm() -> String {
            let slug = model.workspace.slug
            var html = "<form class=\"inline\" action=\"\(Markup.text(SiteURL.lineOfSight(slug).path))\" method=\"get\">"
            html += Markup.select(
                "Strategy", name: "strategy", id: "filter-strategy", options: model.strategies.map { ($0.code, $0.title) },
                selected: model.strategy, blank: "(all strategies)")
            html += Markup.select(
                "View", name: "view", id: "filter-view", options: [("graph", "Drawing"), ("table", "Table")],
                selected: model.table ? "table" : "graph")
            return html + "<button type=\"submit\">Show</button></form>"
        }

        private func findings(_ shown: LineOfSightGraph) -> String {
            let codes = Set(shown.nodes.map(\.code))
            let relevant = model.report.findings.filter { codes.contains($0.node) || model.strategy == nil }
            guard !relevant.isEmpty else { return "<h2>Findings</h2><p>No findings.</p>" }
            return "<h2>Findings</h2>"
                + Markup.table(
                    header: ["Kind", "Node", "Finding"],
                    rows: relevant.prefix(2000).map {
                        [
                            "<span class=\"finding \($0.kind.rawValue)\">\(Markup.text($0.kind.rawValue))</span>",
                            "<span class=\"code\">\(Markup.text($0.node))</span>", Markup.text($0.message),
                        ]
                    }, className: "findings")
        }

        private func table(_ shown: LineOfSightGraph) -> String {
            var findings: [String: [String]] = [:]
            for finding in model.report.findings { findings[finding.node, default: []].append(finding.kind.rawValue) }
            let covered = Set(model.report.initiativesWithLineOfSight)
            var into: [String: [String]] = [:], out: [String: [String]] = [:]
            for edge in shown.edges {
                out[edge.from, default: []].append(edge.to)
                into[edge.to, default: []].append(edge.from)
            }
            let ordered = shown.nodes.sorted { ($0.type.rank, $0.code) < ($1.type.rank, $1.code) }
            let pages = max(1, (ordered.count + tablePageSize - 1) / tablePageSize)
            let page = min(max(model.tablePage, 1), pages)
            let rows = ordered.dropFirst((page - 1) * tablePageSize).prefix(tablePageSize).map { node -> [String] in
                [
                    Markup.text(node.type.rawValue), "<span class=\"code\">\(Markup.text(node.code))</span>", Markup.text(node.title),
                    Markup.text((into[node.code] ?? []).joined(separator: ", ")),
                    Markup.text((out[node.code] ?? []).joined(separator: ", ")),
                    node.type == .initiative ? (covered.contains(node.code) ? "yes" : "<strong>no</strong>") : "",
                    Markup.text((findings[node.code] ?? []).joined(separator: ", ")),
                ]
            }
            var html = Markup.table(
                header: ["Type", "Code", "Title", "From", "To", "Line of sight", "Findings"], rows: Array(rows), className: "los-table")
            if pages > 1 {
                let slug = model.workspace.slug
                // Codes may hold '&' or '#': every value goes through SiteURL.query.
                func pageQuery(_ number: Int) -> String {
                    model.strategy.map { SiteURL.query(["view": "table", "page": String(number), "strategy": $0]) }
                        ?? SiteURL.query(["view": "table", "page": String(number)])
                }
                html += "<p>Page \(page) of \(pages)"
                if page > 1 {
                    html += " · " + Markup.link("previous", .lineOfSight(slug), query: pageQuery(page - 1))
                }
                if page < pages {
                    html += " · " + Markup.link("next", .lineOfSight(slug), query: pageQuery(page + 1))
                }
                html += "</p>"
            }
            return html
        }

        private func forms() -> String {
            let slug = model.workspace.slug, csrf = model.csrfToken
            let nodes = model.graph.nodes.sorted { ($0.type.rank, $0.code) < ($1.type.rank, $1.code) }
                .map { ($0.code, "\($0.type.rawValue): \($0.title) [\($0.code)]") }
            var html = "<h2>Edit the graph</h2><div class=\"split\">"
            html += Markup.form(
                action: SiteURL.lineOfSightNodes(slug).path, csrf: csrf, submit: "Save node",
                html: "<h3>Add or update a node</h3>"
                    + Markup.select(
                        "Type", name: "type", id: "node-type", options: LineOfSightModel.NodeType.allCases.map { ($0.rawValue, $0.title) })
                    + Markup.input(
                        "Code (not for outcomes: pick one below)", name: "code", id: "node-code", extra: "placeholder=\"claims-first\"")
                    + Markup.input("Title", name: "title", id: "node-title", extra: "placeholder=\"Win on claims\"")
                    + Markup.select(
                        "Customer outcome (for an outcome node)", name: "outcome", id: "node-outcome",
                        options: model.outcomes.map { ($0.code, $0.sentence) }, blank: "(not an outcome)")
                    + Markup.input("Theory or note", name: "description", id: "node-description")
                    + Markup.input(
                        "Effort (initiatives)", name: "effort", id: "node-effort", type: "number", extra: "min=\"0\" step=\"any\"")
                    + Markup.input(
                        "Budget (initiatives)", name: "budget", id: "node-budget", type: "number", extra: "min=\"0\" step=\"any\"")
                    + Markup.select(
                        "Status (initiatives)", name: "status", id: "node-status",
                        options: LineOfSightGraph.Status.allCases.map { ($0.rawValue, $0.rawValue) }, blank: "(none)")
                    + Markup.input("Shipped on (initiatives)", name: "shipped_on", id: "node-shipped", type: "date"))
            html += "<div>"
            html += Markup.form(
                action: SiteURL.lineOfSightEdges(slug).path, csrf: csrf, submit: "Add edge",
                html:
                    "<h3>Connect two nodes</h3><p>In the direction of value: strategy → capability or initiative; capability → initiative; initiative → outcome or impact; outcome → impact.</p>"
                    + Markup.select("From", name: "from", id: "edge-from", options: nodes)
                    + Markup.select("To", name: "to", id: "edge-to", options: nodes))
            html += Markup.form(
                action: SiteURL.lineOfSightRemove(slug).path, csrf: csrf, submit: "Remove",
                html: "<h3>Remove a node or an edge</h3>"
                    + Markup.select("Node, or the start of the edge", name: "from", id: "remove-from", options: nodes)
                    + Markup.select(
                        "End of the edge (leave empty to remove the node)", name: "to", id: "remove-to", options: nodes,
                        blank: "(remove the node)"))
            html += "</div></div>"
            html += Markup.form(
                action: SiteURL.lineOfSightImport(slug).path, csrf: csrf, submit: "Import model",
                html:
                    "<h3>Import a model file</h3><p>The YAML of <code>cdna analyze line-of-sight</code>: <code>nodes</code>, <code>edges</code>, <code>metrics</code>, <code>evidence</code>. Merged by code, all or nothing.</p>"
                    + Markup.textarea("Model YAML", name: "yaml", id: "los-yaml", value: model.submittedText, rows: 10))
            return html
        }
    }
}
