import DNAApp
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
/// graphs), filters by strategy and by finding, a chosen node's paths and details, and the
/// forms that edit the graph. Everything works without JavaScript: choosing a node, filtering
/// and zooming are links and GET forms, so each view has an address that can be shared.
enum LineOfSightPage {
    static let tablePageSize = 500
    /// The drawing's scales in percent of actual size (100 keeps its 12-pixel text).
    static let zoomLevels = [50, 75, 100, 150, 200]
    /// The units of an initiative's effort and budget (README "Line of sight").
    static let effortUnit = "person-months", budgetUnit = "thousands"

    struct Model {
        var workspace: Workspace
        var view: LineOfSightService.GraphView
        var strategy: String?
        var finding: LineOfSightCheck.Kind?
        /// Percent of actual size; nil fits the drawing to the page.
        var zoom: Int? = 100
        var table: Bool
        var tablePage: Int
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""

        var graph: LineOfSightGraph { view.graph }
        var report: LineOfSightCheck.Report { view.report }
        var outcomes: [CustomerModel.Outcome] { view.outcomes }
        var canEdit: Bool { view.access >= .analyst }
        var selected: String? { view.details?.node.code }
        var strategies: [LineOfSightGraph.Node] { graph.nodes.filter { $0.type == .strategy } }

        /// This page with the current filters and scale, and `node` chosen (none when nil),
        /// scrolled to `fragment`; by default to the node in the drawing, which brings it into
        /// view inside the drawing's own scroll box too, so a click keeps the reader on the node
        /// and its lit paths. The details are one link away, and are the target after a choice
        /// made among them.
        func address(node: String?, zoom: Int?? = nil, fragment: String? = nil) -> String {
            let scale = zoom ?? self.zoom
            let query = SiteURL.query([
                ("strategy", strategy), ("finding", finding?.rawValue), ("zoom", scale.map(String.init) ?? "fit"), ("node", node),
            ])
            return SiteURL.lineOfSight(workspace.slug).path + query + (node.map { "#" + (fragment ?? "node-" + $0) } ?? "")
        }
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
            var shown = model.strategy.map { graph.filtered(byStrategy: $0) } ?? graph
            if let finding = model.finding { shown = shown.filtered(byFinding: finding, in: report) }
            if shown.nodes.isEmpty {
                html +=
                    graph.nodes.isEmpty
                    ? "<p>No nodes yet. Add a strategy, then capabilities, initiatives, outcomes and impacts below, or import a model file.</p>"
                    : "<p>No node matches these filters. "
                        + "<a href=\"\(Markup.text(SiteURL.lineOfSight(slug).path))\">Show the whole graph</a>.</p>"
            } else if model.table || shown.nodes.count > LineOfSightChart.maximumNodes {
                if !model.table {
                    html +=
                        "<p>The graph has \(shown.nodes.count) nodes, more than a drawing can show readably; here it is as a table. Filter by a strategy or a finding to draw part of it.</p>"
                }
                html += table(shown)
            } else {
                html += zoomLinks()
                html +=
                    "<figure class=\"los-figure\" id=\"los-figure\"><div class=\"los-scroll\">"
                    + LineOfSightChart.graph(
                        shown, report: report,
                        options: .init(selected: model.selected, zoom: model.zoom, href: { model.address(node: $0) }))
                    + "</div><figcaption>\(caption())</figcaption></figure>"
            }
            if let details = model.view.details { html += NodeDetailsSection(model: model, details: details).html() }
            html += findings(shown)
            if model.canEdit { html += forms() }
            html += "<p>" + Markup.link("Download the model (YAML)", .lineOfSightExport(slug)) + "</p>"
            return .raw(html)
        }

        private func caption() -> String {
            guard let node = model.view.details?.node else {
                return "Choose a node to light every path through it and open its details below; the table view lists the same graph."
            }
            return
                "Every path through <strong>\(Markup.text(node.type.title)): \(Markup.text(node.title.isEmpty ? node.code : node.title))</strong> is lit. <a href=\"#details\">Its details</a> · <a href=\"\(Markup.text(model.address(node: nil)))\">Clear the choice</a>"
        }

        private func filterForm() -> String {
            let slug = model.workspace.slug
            let kinds = LineOfSightCheck.Kind.allCases.filter { kind in model.report.findings.contains { $0.kind == kind } }
            var html =
                "<form class=\"filters\" action=\"\(Markup.text(SiteURL.lineOfSight(slug).path))\" method=\"get\"><div>"
            html += Markup.select(
                "Strategy", name: "strategy", id: "filter-strategy", options: model.strategies.map { ($0.code, $0.title) },
                selected: model.strategy, blank: "(all strategies)")
            html += "</div><div>"
            html += Markup.select(
                "Finding", name: "finding", id: "filter-finding", options: kinds.map { ($0.rawValue, $0.rawValue) },
                selected: model.finding?.rawValue, blank: "(any or none)")
            html += "</div><div>"
            html += Markup.select(
                "View", name: "view", id: "filter-view", options: [("graph", "Drawing"), ("table", "Table")],
                selected: model.table ? "table" : "graph")
            html += "</div>"
            // The scale goes along, "fit" included, so filtering keeps the drawing's size.
            html += "<input type=\"hidden\" name=\"zoom\" value=\"\(model.zoom.map(String.init) ?? "fit")\">"
            if let selected = model.selected { html += "<input type=\"hidden\" name=\"node\" value=\"\(Markup.text(selected))\">" }
            return html + "<div><button type=\"submit\">Show</button></div></form>"
        }

        /// Links to the drawing's scales, the current one named instead of linked.
        private func zoomLinks() -> String {
            let levels: [(String, Int?)] = [("Fit", nil)] + LineOfSightPage.zoomLevels.map { ("\($0)%", $0) }
            return "<nav class=\"filters zoom\" aria-label=\"Drawing size\">Size: "
                + levels.map { title, level in
                    level == model.zoom
                        ? "<strong aria-current=\"true\">\(title)</strong>"
                        : "<a href=\"\(Markup.text(model.address(node: model.selected, zoom: .some(level))))\">\(title)</a>"
                }.joined(separator: " · ") + "</nav>"
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
                        "Effort (initiatives, \(LineOfSightPage.effortUnit))", name: "effort", id: "node-effort", type: "number",
                        extra: "min=\"0\" step=\"any\"")
                    + Markup.input(
                        "Budget (initiatives, \(LineOfSightPage.budgetUnit) of your currency)", name: "budget", id: "node-budget",
                        type: "number", extra: "min=\"0\" step=\"any\"")
                    + Markup.select(
                        "Status (initiatives)", name: "status", id: "node-status",
                        options: LineOfSightGraph.Status.allCases.map { ($0.rawValue, $0.rawValue) }, blank: "(none)")
                    + Markup.input("Shipped on (initiatives)", name: "shipped_on", id: "node-shipped", type: "date"))
            html += "<div>"
            // A GET form: choosing the start opens its details, whose connect form offers only
            // the targets the model allows from it.
            html +=
                "<form class=\"stack\" action=\"\(Markup.text(SiteURL.lineOfSight(slug).path))#details\" method=\"get\"><h3>Connect two nodes</h3><p>Choose the node the edge starts at; its details then offer only the nodes it may lead to, and the customer model's outcomes not in the graph yet. Value flows strategy → capability or initiative; capability → initiative; initiative → outcome or impact; outcome → impact.</p>"
                + Markup.select("Start at", name: "node", id: "edge-from", options: nodes, selected: model.selected)
                + "<button type=\"submit\">Choose</button></form>"
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

/// A chosen node's details: what it is, what leads to it and from it, what the check found,
/// what measures it, what supports or contradicts it and which hypotheses test it; for an
/// analyst, a form to connect it to the nodes it may lead to.
struct NodeDetailsSection {
    let model: LineOfSightPage.Model
    let details: LineOfSightService.NodeDetails

    func html() -> String {
        let node = details.node, slug = model.workspace.slug
        var html =
            "<section id=\"details\" class=\"node-details\" aria-labelledby=\"details-title\"><h2 id=\"details-title\">\(Markup.text(node.type.title)): \(Markup.text(node.title.isEmpty ? node.code : node.title)) <span class=\"code\">\(Markup.text(node.code))</span></h2>"
        html +=
            "<p>Every path through this node is lit in the drawing. <a href=\"\(Markup.text(model.address(node: nil)))\">Clear the choice</a></p>"
        if !node.description.isEmpty { html += "<p>\(Markup.text(node.description))</p>" }
        var facts: [(String, String)] = []
        if let effort = node.effort { facts.append(("Effort", "\(AnalysisOutput.grouped(effort)) \(LineOfSightPage.effortUnit)")) }
        if let budget = node.budget { facts.append(("Budget", "\(AnalysisOutput.grouped(budget)) \(LineOfSightPage.budgetUnit)")) }
        if let status = node.status { facts.append(("Status", status.rawValue)) }
        if let shipped = node.shippedOn { facts.append(("Shipped on", shipped)) }
        if !facts.isEmpty {
            html += "<dl class=\"facts\">" + facts.map { "<dt>\(Markup.text($0.0))</dt><dd>\(Markup.text($0.1))</dd>" }.joined() + "</dl>"
        }
        html += "<div class=\"split\"><div><h3>Comes from</h3>" + nodeList(details.from, none: "Nothing leads to this node.")
        html += "</div><div><h3>Leads to</h3>" + nodeList(details.to, none: "This node leads nowhere yet.") + "</div></div>"
        html += "<h3>Findings</h3>"
        html +=
            details.findings.isEmpty
            ? "<p>The check found nothing here.</p>"
            : "<ul>"
                + details.findings.map {
                    "<li><span class=\"finding \($0.kind.rawValue)\">\(Markup.text($0.kind.rawValue))</span>: \(Markup.text($0.message))</li>"
                }.joined() + "</ul>"
        html += "<h3>Metrics</h3>"
        html +=
            details.metrics.isEmpty
            ? "<p>No metric measures this node. " + Markup.link("Add one on the metrics page", .loopMetrics(slug)) + ".</p>"
            : Markup.table(
                header: ["Metric", "Value to", "Unit", "Target"],
                rows: details.metrics.map {
                    [
                        "\(Markup.text($0.name)) <span class=\"code\">\(Markup.text($0.code))</span>", Markup.text($0.kind.title),
                        Markup.text($0.unit), $0.target.map { Markup.text(AnalysisOutput.grouped($0)) } ?? "",
                    ]
                })
        html += "<h3>Evidence</h3>" + evidenceList()
        html += "<h3>Hypotheses</h3>" + hypothesisList()
        if model.canEdit { html += connectForm() }
        return html + "</section>"
    }

    private func evidenceList() -> String {
        guard !details.evidence.isEmpty else {
            return "<p>No evidence is linked to this node. " + Markup.link("Record evidence", .evidence(model.workspace.slug)) + ".</p>"
        }
        var html = "<ul>"
        for item in details.evidence {
            let stance = item.links.first { $0.target == .node && $0.code == details.node.code }?.stance ?? .supports
            html +=
                "<li><strong>\(Markup.text(stance.rawValue))</strong>: \(Markup.text(item.title)) <span class=\"code\">\(Markup.text(item.code)), \(Markup.text(item.capturedOn))</span></li>"
        }
        return html + "</ul>"
    }

    private func hypothesisList() -> String {
        guard !details.hypotheses.isEmpty else {
            return "<p>No hypothesis names this node. " + Markup.link("Write one", .hypotheses(model.workspace.slug)) + ".</p>"
        }
        var html = "<ul>"
        for card in details.hypotheses {
            let by = card.by.map { ", by " + Markup.text($0) } ?? ""
            html +=
                "<li><span class=\"code\">\(Markup.text(card.code))</span> \(Markup.text(card.change)) (\(Markup.text(card.status.rawValue))\(by))</li>"
        }
        return html + "</ul>"
    }

    private func nodeList(_ nodes: [LineOfSightGraph.Node], none: String) -> String {
        guard !nodes.isEmpty else { return "<p>\(Markup.text(none))</p>" }
        return "<ul>"
            + nodes.map {
                "<li><a href=\"\(Markup.text(model.address(node: $0.code, fragment: "details")))\">\(Markup.text($0.type.title)): \(Markup.text($0.title))</a></li>"
            }.joined() + "</ul>"
    }

    /// Only the targets the model allows from this node, grouped by type; the customer
    /// model's outcomes not in the graph yet join it when connected.
    private func connectForm() -> String {
        let node = details.node
        var groups: [(String, [(String, String)])] = LineOfSightModel.NodeType.allCases.compactMap { type in
            let nodes = details.allowedTargets.filter { $0.type == type }
            return nodes.isEmpty ? nil : (type.title, nodes.map { ($0.code, "\($0.title) [\($0.code)]") })
        }
        if !details.outcomesToAdd.isEmpty {
            groups.append(
                (
                    "Customer outcomes not in the graph yet (added when connected)",
                    details.outcomesToAdd.map { ($0.code, "\($0.sentence) [\($0.code)]") }
                ))
        }
        guard !groups.isEmpty else {
            return "<p>No edge may start at this node, or it leads to every node it may already.</p>"
        }
        var select =
            "<label for=\"edge-to\">To</label><select id=\"edge-to\" name=\"to\" required><option value=\"\">(choose)</option>"
        for (label, options) in groups {
            select +=
                "<optgroup label=\"\(Markup.text(label))\">"
                + options.map { "<option value=\"\(Markup.text($0.0))\">\(Markup.text($0.1))</option>" }.joined() + "</optgroup>"
        }
        select += "</select>"
        return Markup.form(
            action: SiteURL.lineOfSightEdges(model.workspace.slug).path, csrf: model.csrfToken, submit: "Connect",
            html: "<h3>Connect \(Markup.text(node.code)) to</h3><input type=\"hidden\" name=\"from\" value=\"\(Markup.text(node.code))\">"
                + select)
    }
}
