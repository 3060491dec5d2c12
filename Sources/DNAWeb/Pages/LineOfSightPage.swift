import DNAApp
import DNACore
import DNAStore
import Plot

/// The sub-navigation of the line of sight and the improvement loop.
struct LoopNavigation: Component {
    var slug: String
    var current: AdminText

    var body: Component {
        let entries: [(AdminText, SiteURL)] = [
            ("Overview", .overview(slug)), ("Where to act", .whereToAct(slug)), ("Line of sight", .lineOfSight(slug)),
            ("Hypotheses", .hypotheses(slug)),
            ("Evidence", .evidence(slug)), ("Decisions", .decisions(slug)), ("Metrics", .loopMetrics(slug)), ("Agility", .agility(slug)),
        ]
        return SubNavigation(label: "Line of sight", entries, current: current)
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
    static let effortUnit: AdminText = "person-months", budgetUnit: AdminText = "thousands"

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
        var notice: AdminText?
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
        var title: AdminText { "Line of sight" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, report = model.report, graph = model.graph
            PageHeader(
                title: "Line of sight", navigation: LoopNavigation(slug: slug, current: "Line of sight"),
                lead:
                    "Strategy → capability → initiative → customer outcome → business impact. An initiative has a full line of sight when it reaches a customer outcome from which a business impact follows. One that reaches no customer outcome works inside-out."
            )
            Notice(message: model.notice, problems: model.problems)
            let coverage = report.coverage
            StatCards([
                (words("\(coverage.withLineOfSight) of \(coverage.initiatives)"), "initiatives with a full line of sight"),
                (AnalysisOutput.percent(coverage.effortShare), "of effort has a line of sight"),
                (AnalysisOutput.percent(coverage.budgetShare), "of budget has a line of sight"),
                ("\(report.findings.filter { $0.kind == .insideOut }.count)", "inside-out initiatives"),
            ])
            filterForm()
            let shown = shownGraph()
            if shown.nodes.isEmpty {
                if graph.nodes.isEmpty {
                    EmptyState(
                        what: "No nodes yet.",
                        start: "Add a strategy, then capabilities, initiatives, outcomes and impacts below, or import a model file.",
                        readOnly: "An analyst or admin draws the line of sight here.", canEdit: model.canEdit)
                } else {
                    El("p") {
                        "No node matches these filters. "
                        PageLink("Show the whole graph", .lineOfSight(slug))
                        "."
                    }
                }
            } else if model.table || shown.nodes.count > LineOfSightChart.maximumNodes {
                if !model.table {
                    El("p") {
                        "The graph has \(shown.nodes.count) nodes, more than a drawing can show readably; here it is as a table. Filter by a strategy or a finding to draw part of it."
                    }
                }
                table(shown)
            } else {
                zoomLinks()
                El("figure", .class("los-figure"), .id("los-figure")) {
                    El("div", .class("los-scroll")) {
                        ChartMarkup(
                            svg: LineOfSightChart.graph(
                                shown, report: report,
                                options: .init(selected: model.selected, zoom: model.zoom, href: { model.address(node: $0) })))
                    }
                    El("figcaption") { caption() }
                }
            }
            if let details = model.view.details { NodeDetailsSection(model: model, details: details) }
            findings(shown)
            if model.canEdit { forms() }
            El("p") { PageLink("Download the model (YAML)", .lineOfSightExport(slug)) }
        }

        private func shownGraph() -> LineOfSightGraph {
            var shown = model.strategy.map { model.graph.filtered(byStrategy: $0) } ?? model.graph
            if let finding = model.finding { shown = shown.filtered(byFinding: finding, in: model.report) }
            return shown
        }

        @HTMLBuilder private func caption() -> ComponentGroup {
            if let node = model.view.details?.node {
                "Every path through "
                El("strong") { "\(node.type.title): \(node.title.isEmpty ? node.code : node.title)" }
                " is lit. "
                PageLink("Its details", href: "#details")
                " · "
                PageLink("Clear the choice", href: model.address(node: nil))
            } else {
                "Choose a node to light every path through it and open its details below; the table view lists the same graph."
            }
        }

        private func filterForm() -> Component {
            let kinds = LineOfSightCheck.Kind.allCases.filter { kind in model.report.findings.contains { $0.kind == kind } }
            return El("form", .class("filters"), Attr("action", SiteURL.lineOfSight(model.workspace.slug).path), Attr("method", "get")) {
                El("div") {
                    Field.select(
                        "Strategy", name: "strategy", id: "filter-strategy", options: model.strategies.map { ($0.code, $0.title) },
                        selected: model.strategy, blank: "(all strategies)")
                }
                El("div") {
                    Field.select(
                        "Finding", name: "finding", id: "filter-finding", options: kinds.map { ($0.rawValue, $0.wording) },
                        selected: model.finding?.rawValue, blank: "(any or none)")
                }
                El("div") {
                    Field.select(
                        "View", name: "view", id: "filter-view", options: [("graph", "Drawing"), ("table", "Table")],
                        selected: model.table ? "table" : "graph")
                }
                // The scale goes along, "fit" included, so filtering keeps the drawing's size.
                El("input", .type("hidden"), .name("zoom"), .value(model.zoom.map(String.init) ?? "fit"))
                if let selected = model.selected { El("input", .type("hidden"), .name("node"), .value(selected)) }
                El("div") { El("button", .type("submit")) { "Show" } }
            }
        }

        /// Links to the drawing's scales, the current one named instead of linked.
        private func zoomLinks() -> Component {
            let levels: [(AdminText, Int?)] = [("Fit", nil)] + LineOfSightPage.zoomLevels.map { ("\($0)%", $0) }
            return El("nav", .class("filters zoom"), .label("Drawing size")) {
                "Size: "
                for (index, (title, level)) in levels.enumerated() {
                    if index > 0 { " · " }
                    if level == model.zoom {
                        El("strong", .aria("current", "true")) { title }
                    } else {
                        PageLink(title, href: model.address(node: model.selected, zoom: .some(level)))
                    }
                }
            }
        }

        @HTMLBuilder private func findings(_ shown: LineOfSightGraph) -> ComponentGroup {
            let codes = Set(shown.nodes.map(\.code))
            let relevant = model.report.findings.filter { codes.contains($0.node) || model.strategy == nil }
            El("h2") { "Findings" }
            if relevant.isEmpty {
                El("p") { "No findings." }
            } else {
                DataTable(
                    columns: ["Kind", "Node", "Finding"],
                    rows: relevant.prefix(2000).map { finding in
                        [
                            El("span", .class("finding \(finding.kind.rawValue)")) { finding.kind.wording },
                            El("span", .class("code")) { finding.node }, finding.wording,
                        ]
                    }, className: "findings")
            }
        }

        @HTMLBuilder private func table(_ shown: LineOfSightGraph) -> ComponentGroup {
            let findings = Dictionary(grouping: model.report.findings, by: \.node).mapValues { $0.map(\.kind.rawValue) }
            let covered = Set(model.report.initiativesWithLineOfSight)
            let into = Dictionary(grouping: shown.edges, by: \.to).mapValues { $0.map(\.from) }
            let out = Dictionary(grouping: shown.edges, by: \.from).mapValues { $0.map(\.to) }
            let ordered = shown.nodes.sorted { ($0.type.rank, $0.code) < ($1.type.rank, $1.code) }
            let pages = max(1, (ordered.count + tablePageSize - 1) / tablePageSize)
            let page = min(max(model.tablePage, 1), pages)
            DataTable(
                columns: ["Type", "Code", "Title", "From", "To", "Line of sight", "Findings"],
                rows: ordered.dropFirst((page - 1) * tablePageSize).prefix(tablePageSize).map { node in
                    [
                        node.type.rawValue, El("span", .class("code")) { node.code }, node.title,
                        (into[node.code] ?? []).joined(separator: ", "), (out[node.code] ?? []).joined(separator: ", "),
                        node.type == .initiative ? (covered.contains(node.code) ? "yes" as Component : El("strong") { "no" }) : "",
                        (findings[node.code] ?? []).joined(separator: ", "),
                    ]
                }, className: "los-table")
            if pages > 1 {
                // Codes may hold '&' or '#': every value goes through SiteURL.query.
                let pageQuery = { (number: Int) in
                    model.strategy.map { SiteURL.query(["view": "table", "page": String(number), "strategy": $0]) }
                        ?? SiteURL.query(["view": "table", "page": String(number)])
                }
                El("p") {
                    "Page \(page) of \(pages)"
                    if page > 1 {
                        " · "
                        PageLink("previous", .lineOfSight(model.workspace.slug), query: pageQuery(page - 1))
                    }
                    if page < pages {
                        " · "
                        PageLink("next", .lineOfSight(model.workspace.slug), query: pageQuery(page + 1))
                    }
                }
            }
        }

        @HTMLBuilder private func forms() -> ComponentGroup {
            let slug = model.workspace.slug, csrf = model.csrfToken
            let nodes = model.graph.nodes.sorted { ($0.type.rank, $0.code) < ($1.type.rank, $1.code) }
                .map { ($0.code, "\($0.type.rawValue): \($0.title) [\($0.code)]") }
            El("h2") { "Edit the graph" }
            El("div", .class("split")) {
                PostForm(action: SiteURL.lineOfSightNodes(slug).path, csrf: csrf, submit: "Save node") {
                    El("h3") { "Add or update a node" }
                    Field.select(
                        "Type", name: "type", id: "node-type",
                        options: LineOfSightModel.NodeType.allCases.map { ($0.rawValue, AdminText(wording: $0.title)) })
                    Field.input("Code (not for outcomes: pick one below)", name: "code", id: "node-code", .placeholder("claims-first"))
                    Field.input("Title", name: "title", id: "node-title", .placeholder("Win on claims"))
                    Field.select(
                        "Customer outcome (for an outcome node)", name: "outcome", id: "node-outcome",
                        options: model.outcomes.map { ($0.code, $0.sentence) }, blank: "(not an outcome)")
                    Field.input("Theory or note", name: "description", id: "node-description")
                    Field.input(
                        "Effort (initiatives, \(LineOfSightPage.effortUnit))", name: "effort", id: "node-effort", type: "number",
                        .min("0"), Attr("step", "any"))
                    Field.input(
                        "Budget (initiatives, \(LineOfSightPage.budgetUnit) of your currency)", name: "budget", id: "node-budget",
                        type: "number", .min("0"), Attr("step", "any"))
                    Field.select(
                        "Status (initiatives)", name: "status", id: "node-status",
                        options: LineOfSightGraph.Status.allCases.map { ($0.rawValue, $0.wording) }, blank: "(none)")
                    Field.input("Shipped on (initiatives)", name: "shipped_on", id: "node-shipped", type: "date")
                }
                El("div") {
                    // A GET form: choosing the start opens its details, whose connect form offers
                    // only the targets the model allows from it.
                    El("form", .class("stack"), Attr("action", SiteURL.lineOfSight(slug).path + "#details"), Attr("method", "get")) {
                        El("h3") { "Connect two nodes" }
                        El("p") {
                            "Choose the node the edge starts at; its details then offer only the nodes it may lead to, and the customer model's outcomes not in the graph yet. Value flows strategy → capability or initiative; capability → initiative; initiative → outcome or impact; outcome → impact."
                        }
                        Field.select("Start at", name: "node", id: "edge-from", options: nodes, selected: model.selected)
                        El("button", .type("submit")) { "Choose" }
                    }
                    PostForm(action: SiteURL.lineOfSightRemove(slug).path, csrf: csrf, submit: "Remove") {
                        El("h3") { "Remove a node or an edge" }
                        Field.select("Node, or the start of the edge", name: "from", id: "remove-from", options: nodes)
                        Field.select(
                            "End of the edge (leave empty to remove the node)", name: "to", id: "remove-to", options: nodes,
                            blank: "(remove the node)")
                    }
                }
            }
            PostForm(action: SiteURL.lineOfSightImport(slug).path, csrf: csrf, submit: "Import model") {
                El("h3") { "Import a model file" }
                El("p") {
                    "The YAML of "
                    El("code") { "cdna analyze line-of-sight" }
                    ": "
                    El("code") { "nodes" }
                    ", "
                    El("code") { "edges" }
                    ", "
                    El("code") { "metrics" }
                    ", "
                    El("code") { "evidence" }
                    ". Merged by code, all or nothing."
                }
                Field.textarea("Model YAML", name: "yaml", id: "los-yaml", value: model.submittedText, rows: 10)
            }
        }
    }
}
