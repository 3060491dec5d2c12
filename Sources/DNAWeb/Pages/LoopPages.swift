import DNACore
import DNAStore
import Plot

/// Hypotheses as test cards, by status, with the learning card of the closed ones.
enum HypothesesPage {
    struct Model {
        var workspace: Workspace
        var hypotheses: [Hypothesis]
        var strategies: [(String, String)]
        var initiatives: [(String, String)]
        var metrics: [(String, String)]
        var segments: [(String, String)]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Hypotheses" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Hypotheses</h1>" + LoopNavigation.html(slug, current: "Hypotheses")
            html +=
                "<p>A strategy is a theory. Each card says what we believe, for whom, what customers will get, what it drives for the business and how we will know. Cards move proposed → testing → validated or invalidated; closing one keeps what was learned.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            html += Markup.cards(
                Hypothesis.Status.allCases.map { status in
                    ("\(model.hypotheses.filter { $0.status == status }.count)", status.rawValue)
                })
            if model.hypotheses.isEmpty {
                html += Markup.emptyState(
                    "No hypotheses yet.",
                    start:
                        "A card says what you believe a change will do for a customer segment and for the business, and which metric will tell. Write the first one with the form below; it starts as proposed.",
                    readOnly: "An analyst or admin of this workspace writes the cards; they appear here by status.", canEdit: model.canEdit)
            }
            for status in Hypothesis.Status.allCases {
                let cards = model.hypotheses.filter { $0.status == status }
                guard !cards.isEmpty else { continue }
                html += "<h2>\(Markup.text(status.rawValue.capitalized))</h2><ul class=\"test-cards\">"
                for card in cards {
                    html += "<li class=\"test-card \(status.rawValue)\" id=\"card-\(Markup.text(card.code))\">" + cardHTML(card) + "</li>"
                }
                html += "</ul>"
            }
            if model.canEdit { html += addForm() }
            return .raw(html)
        }

        private func cardHTML(_ card: Hypothesis) -> String {
            var html = "<p><span class=\"code\">\(Markup.text(card.code))</span> \(Markup.text(card.sentence))</p>"
            var links: [String] = []
            if let strategy = card.strategy { links.append("strategy <span class=\"code\">\(Markup.text(strategy))</span>") }
            if let initiative = card.initiative { links.append("initiative <span class=\"code\">\(Markup.text(initiative))</span>") }
            if !links.isEmpty {
                html += "<p class=\"muted\">Tests " + links.joined(separator: ", ") + "; proposed \(Markup.text(card.createdOn)).</p>"
            }
            if let learning = card.learning {
                html +=
                    "<dl class=\"learning\"><dt>We believed</dt><dd>\(Markup.text(learning.believed))</dd><dt>We observed</dt><dd>\(Markup.text(learning.observed))</dd><dt>We learned</dt><dd>\(Markup.text(learning.learned))</dd><dt>Next</dt><dd>\(Markup.text(learning.next))</dd></dl>"
                html += "<p class=\"muted\">Closed \(Markup.text(card.closedOn ?? "")).</p>"
            }
            guard model.canEdit, !card.status.isClosed else { return html }
            let slug = model.workspace.slug, prefix = "h-\(card.code)-"
            if card.status == .proposed {
                html += Markup.form(
                    action: SiteURL.hypothesisStatus(slug, card.code).path, csrf: model.csrfToken, submit: "Start testing",
                    className: "inline",
                    html: "<input type=\"hidden\" name=\"status\" value=\"testing\">")
            } else {
                html += "<details><summary>Close with a learning card</summary>"
                html += Markup.form(
                    action: SiteURL.hypothesisStatus(slug, card.code).path, csrf: model.csrfToken, submit: "Close the card",
                    html: Markup.select(
                        "Result", name: "status", id: prefix + "status",
                        options: [("validated", "validated"), ("invalidated", "invalidated")])
                        + Markup.textarea("What we believed", name: "believed", id: prefix + "believed", value: card.sentence, rows: 2)
                        + Markup.textarea("What we observed", name: "observed", id: prefix + "observed", rows: 2)
                        + Markup.textarea("What we learned", name: "learned", id: prefix + "learned", rows: 2)
                        + Markup.textarea("What we will do next", name: "next", id: prefix + "next", rows: 2)
                        + Markup.input("Closed on", name: "date", id: prefix + "date", type: "date", value: model.today, required: true))
                html += "</details>"
            }
            return html
        }

        private func addForm() -> String {
            "<details><summary>Write a test card</summary>"
                + Markup.form(
                    action: SiteURL.hypotheses(model.workspace.slug).path, csrf: model.csrfToken, submit: "Add the card",
                    html: Markup.input("Code", name: "code", id: "hyp-code", required: true, extra: "placeholder=\"H9\"")
                        + Markup.input("We believe (the change)", name: "change", id: "hyp-change", required: true)
                        + Markup.select(
                            "for (segment)", name: "segment", id: "hyp-segment", options: model.segments, blank: "(all customers)")
                        + Markup.input("will (customer outcome)", name: "outcome", id: "hyp-outcome", required: true)
                        + Markup.input("which drives (business impact)", name: "impact", id: "hyp-impact")
                        + Markup.select(
                            "We will know when (metric)", name: "metric", id: "hyp-metric", options: model.metrics, blank: "(no metric yet)"
                        )
                        + Markup.input("moves from", name: "from", id: "hyp-from", type: "number", extra: "step=\"any\"")
                        + Markup.input("to", name: "to", id: "hyp-to", type: "number", extra: "step=\"any\"")
                        + Markup.input("by", name: "by", id: "hyp-by", type: "date")
                        + Markup.select(
                            "Strategy it tests", name: "strategy", id: "hyp-strategy", options: model.strategies, blank: "(none)")
                        + Markup.select(
                            "Initiative it tests", name: "initiative", id: "hyp-initiative", options: model.initiatives, blank: "(none)"))
                + "</details>"
        }
    }
}

/// The evidence repository: search, the items with their tags and links, and forms to add
/// evidence and link it.
enum EvidencePage {
    struct Model {
        var workspace: Workspace
        var items: [EvidenceItem]
        var search: String
        var segments: [(String, String)]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Evidence" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Evidence</h1>" + LoopNavigation.html(slug, current: "Evidence")
            html +=
                "<p>Observations, quotes and data points from customers, each linked to the jobs, outcomes, strategies, hypotheses and decisions it supports or contradicts.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            html += "<form class=\"inline\" role=\"search\" action=\"\(Markup.text(SiteURL.evidence(slug).path))\" method=\"get\">"
            html +=
                Markup.input("Search", name: "q", id: "evidence-search", type: "search", value: model.search)
                + "<button type=\"submit\">Search</button></form>"
            if !model.search.isEmpty {
                html +=
                    "<p role=\"status\">\(model.items.count) item\(model.items.count == 1 ? "" : "s") match “\(Markup.text(model.search))”.</p>"
            } else if model.items.isEmpty {
                html += Markup.emptyState(
                    "No evidence yet.",
                    start:
                        "Record what customers said or did (a quote, an observation, a figure) with its source and date, and link it to the strategies, outcomes and hypotheses it supports or contradicts. Decisions then cite it.",
                    readOnly: "An analyst or admin records evidence here; decisions then cite it.", canEdit: model.canEdit)
            }
            html += Markup.table(
                header: ["Code", "Evidence", "Kind", "Source", "Captured", "Segment", "Tags", "Links"],
                rows: model.items.map { item in
                    [
                        "<span class=\"code\">\(Markup.text(item.code))</span>",
                        "<strong>\(Markup.text(item.title))</strong>" + (item.text.isEmpty ? "" : "<br>\(Markup.text(item.text))"),
                        Markup.text(item.kind.rawValue), Markup.text(item.source.rawValue), Markup.text(item.capturedOn),
                        Markup.text(item.segment),
                        Markup.text(item.tags.joined(separator: ", ")),
                        item.links.map {
                            "\($0.stance == .supports ? "supports" : "<strong>contradicts</strong>") \(Markup.text($0.target.rawValue)) <span class=\"code\">\(Markup.text($0.code))</span>"
                        }
                        .joined(separator: "<br>"),
                    ]
                }, className: "evidence")
            if model.canEdit { html += forms() }
            return .raw(html)
        }

        private func forms() -> String {
            let slug = model.workspace.slug
            var html = "<h2>Add evidence</h2><div class=\"split\">"
            html += Markup.form(
                action: SiteURL.evidence(slug).path, csrf: model.csrfToken, submit: "Add evidence",
                html: Markup.input("What it shows, in a line", name: "title", id: "ev-title", required: true)
                    + Markup.textarea("Detail or the quote in full", name: "text", id: "ev-text", rows: 3)
                    + Markup.select(
                        "Kind", name: "kind", id: "ev-kind", options: EvidenceItem.Kind.allCases.map { ($0.rawValue, $0.rawValue) })
                    + Markup.select(
                        "Source", name: "source", id: "ev-source", options: EvidenceItem.Source.allCases.map { ($0.rawValue, $0.rawValue) })
                    + Markup.input("Captured on", name: "captured_on", id: "ev-date", type: "date", value: model.today, required: true)
                    + Markup.select("Segment", name: "segment", id: "ev-segment", options: model.segments, blank: "(any)")
                    + Markup.input(
                        "Tags (framework/dimension, comma-separated)", name: "tags", id: "ev-tags",
                        extra: "placeholder=\"os-canvas/workflow, obsession/humility\"")
                    + Markup.input("Code (empty: the next E-number)", name: "code", id: "ev-code"))
            html += Markup.form(
                action: SiteURL.evidenceLinks(slug).path, csrf: model.csrfToken, submit: "Link evidence",
                html: "<h3>Link evidence</h3>" + Markup.input("Evidence code", name: "evidence", id: "link-evidence", required: true)
                    + Markup.select(
                        "Links to a", name: "target", id: "link-target",
                        options: EvidenceLink.Target.allCases.map {
                            ($0.rawValue, $0.rawValue == "node" ? "line-of-sight node (strategy, initiative …)" : $0.rawValue)
                        })
                    + Markup.input("Its code", name: "code", id: "link-code", required: true)
                    + Markup.select(
                        "Stance", name: "stance", id: "link-stance",
                        options: EvidenceLink.Stance.allCases.map { ($0.rawValue, $0.rawValue) }))
            return html + "</div>"
        }
    }
}

/// The decision log with the humility figure: the share of decisions that cite customer
/// evidence, by unit and by quarter.
enum DecisionsPage {
    struct Model {
        var workspace: Workspace
        var decisions: [DecisionRecord]
        var humility: Humility.Report
        var units: [(String, String)]
        var initiatives: [(String, String)]
        var evidence: [EvidenceItem]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Decisions" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Decisions</h1>" + LoopNavigation.html(slug, current: "Decisions")
            html +=
                "<p>Humility is deciding from evidence of customer behaviour. The humility figure is the share of decisions that cite at least one piece of customer evidence.</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            let unitNames = Dictionary(model.units, uniquingKeysWith: { a, _ in a })
            if let overall = model.humility.overall {
                html += Markup.cards([
                    (AnalysisOutput.percent(overall.share), "of decisions cite customer evidence"),
                    ("\(overall.citingEvidence) of \(overall.decisions)", "decisions"),
                    ("\(model.decisions.filter { $0.involvement != .none }.count)", "with the customer as partner or counterweight"),
                ])
                html += "<div class=\"split\"><div><h2>By unit</h2>"
                html += Charts.shareBars(
                    title: "Humility by unit",
                    bars: model.humility.byUnit.map { ("\(unitNames[$0.group ?? ""] ?? $0.group ?? "") (\($0.decisions))", $0.share) })
                html += "</div><div><h2>Over time</h2>"
                html += Charts.shareBars(
                    title: "Humility by quarter", bars: model.humility.byQuarter.map { ("\($0.group ?? "") (\($0.decisions))", $0.share) })
                html += "</div></div>"
            }
            html += "<h2>Log</h2>"
            if model.decisions.isEmpty {
                html += Markup.emptyState(
                    "No decisions logged yet.",
                    start:
                        "Log a decision with the options weighed, the one chosen, how customers took part and the evidence it rests on; the humility figure counts the share that cite customer evidence.",
                    readOnly: "An analyst or admin logs decisions here; the humility figure then appears above.", canEdit: model.canEdit)
            }
            html += Markup.table(
                header: ["Code", "Decided", "Decision", "Chosen", "Customer", "Evidence cited", "Unit", "By"],
                rows: model.decisions.reversed().map { d in
                    [
                        "<span class=\"code\">\(Markup.text(d.code))</span>", Markup.text(d.decidedOn),
                        Markup.text(d.title) + (d.context.isEmpty ? "" : "<br><span class=\"muted\">\(Markup.text(d.context))</span>"),
                        Markup.text(d.chosen)
                            + (d.options.isEmpty
                                ? "" : "<br><span class=\"muted\">of \(Markup.text(d.options.joined(separator: " / ")))</span>"),
                        Markup.text(d.involvement.rawValue),
                        d.evidence.isEmpty ? "<strong>none</strong>" : Markup.text(d.evidence.joined(separator: ", ")),
                        Markup.text(d.unit.map { unitNames[$0] ?? $0 } ?? ""), Markup.text(d.decidedBy),
                    ]
                }, className: "decisions")
            if model.canEdit { html += form() }
            return .raw(html)
        }

        private func form() -> String {
            var evidence = "<fieldset><legend>Evidence cited</legend><div class=\"checks\">"
            for item in model.evidence.prefix(300) {
                let id = "cite-\(item.code)"
                evidence +=
                    "<label class=\"check\" for=\"\(Markup.text(id))\"><input type=\"checkbox\" id=\"\(Markup.text(id))\" name=\"evidence\" value=\"\(Markup.text(item.code))\"><span><span class=\"code\">\(Markup.text(item.code))</span> \(Markup.text(item.title))</span></label>"
            }
            evidence += "</div></fieldset>"
            return "<h2>Log a decision</h2>"
                + Markup.form(
                    action: SiteURL.decisions(model.workspace.slug).path, csrf: model.csrfToken, submit: "Log the decision",
                    html: Markup.input("Decision", name: "title", id: "dec-title", required: true)
                        + Markup.textarea("Context", name: "context", id: "dec-context", rows: 2)
                        + Markup.textarea("Options, one per line", name: "options", id: "dec-options", rows: 3)
                        + Markup.input("Chosen option", name: "chosen", id: "dec-chosen")
                        + Markup.select(
                            "Customer involvement", name: "involvement", id: "dec-involvement",
                            options: [
                                ("partner", "partner: customers shaped it"),
                                ("counterweight", "counterweight: customer evidence weighed against the inside view"), ("none", "none"),
                            ],
                            selected: "none")
                        + Markup.input("Decided by", name: "decided_by", id: "dec-by")
                        + Markup.select("Unit", name: "unit", id: "dec-unit", options: model.units, blank: "(none)")
                        + Markup.input("Decided on", name: "decided_on", id: "dec-date", type: "date", value: model.today, required: true)
                        + Markup.select(
                            "Initiative it starts or changes", name: "initiative", id: "dec-initiative", options: model.initiatives,
                            blank: "(none)")
                        + evidence + Markup.input("Code (empty: the next D-number)", name: "code", id: "dec-code"))
        }
    }
}
