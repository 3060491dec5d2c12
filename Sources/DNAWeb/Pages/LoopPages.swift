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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Hypotheses" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Hypotheses", navigation: LoopNavigation(slug: slug, current: "Hypotheses"),
                lead:
                    "A strategy is a theory. Each card says what we believe, for whom, what customers will get, what it drives for the business and how we will know. Cards move proposed → testing → validated or invalidated; closing one keeps what was learned."
            )
            Notice(message: model.notice, problems: model.problems)
            StatCards(
                Hypothesis.Status.allCases.map { status in
                    ("\(model.hypotheses.filter { $0.status == status }.count)", status.rawValue)
                })
            if model.hypotheses.isEmpty {
                EmptyState(
                    what: "No hypotheses yet.",
                    start:
                        "A card says what you believe a change will do for a customer segment and for the business, and which metric will tell. Write the first one with the form below; it starts as proposed.",
                    readOnly: "An analyst or admin of this workspace writes the cards; they appear here by status.", canEdit: model.canEdit)
            }
            for status in Hypothesis.Status.allCases {
                let cards = model.hypotheses.filter { $0.status == status }
                if !cards.isEmpty {
                    El("h2") { AdminText(wording: status.rawValue.capitalized) }
                    El("ul", .class("test-cards")) {
                        for card in cards { El("li", .class("test-card \(status.rawValue)"), .id("card-\(card.code)")) { testCard(card) } }
                    }
                }
            }
            if model.canEdit { addForm() }
        }

        @HTMLBuilder private func testCard(_ card: Hypothesis) -> ComponentGroup {
            El("p") {
                El("span", .class("code")) { card.code }
                " "
                card.wording
            }
            if card.strategy != nil || card.initiative != nil {
                El("p", .class("muted")) {
                    "Tests "
                    if let strategy = card.strategy {
                        "strategy "
                        El("span", .class("code")) { strategy }
                    }
                    if card.strategy != nil && card.initiative != nil { ", " }
                    if let initiative = card.initiative {
                        "initiative "
                        El("span", .class("code")) { initiative }
                    }
                    "; proposed \(card.createdOn)."
                }
            }
            if let learning = card.learning {
                El("dl", .class("learning")) {
                    for (term, text): (AdminText, String) in [
                        ("We believed", learning.believed), ("We observed", learning.observed), ("We learned", learning.learned),
                        ("Next", learning.next),
                    ] {
                        El("dt") { term }
                        El("dd") { text }
                    }
                }
                El("p", .class("muted")) { "Closed \(card.closedOn ?? "")." }
            }
            if model.canEdit, !card.status.isClosed { cardForm(card) }
        }

        private func cardForm(_ card: Hypothesis) -> Component {
            let action = SiteURL.hypothesisStatus(model.workspace.slug, card.code).path, prefix = "h-\(card.code)-"
            guard card.status != .proposed else {
                return PostForm(action: action, csrf: model.csrfToken, submit: "Start testing", className: "inline") {
                    El("input", .type("hidden"), .name("status"), .value("testing"))
                }
            }
            return El("details") {
                El("summary") { "Close with a learning card" }
                PostForm(action: action, csrf: model.csrfToken, submit: "Close the card") {
                    Field.select(
                        "Result", name: "status", id: prefix + "status",
                        options: [("validated", "validated"), ("invalidated", "invalidated")])
                    Field.textarea("What we believed", name: "believed", id: prefix + "believed", value: card.sentence, rows: 2)
                    Field.textarea("What we observed", name: "observed", id: prefix + "observed", rows: 2)
                    Field.textarea("What we learned", name: "learned", id: prefix + "learned", rows: 2)
                    Field.textarea("What we will do next", name: "next", id: prefix + "next", rows: 2)
                    Field.input("Closed on", name: "date", id: prefix + "date", type: "date", value: model.today, required: true)
                }
            }
        }

        private func addForm() -> Component {
            El("details") {
                El("summary") { "Write a test card" }
                PostForm(action: SiteURL.hypotheses(model.workspace.slug).path, csrf: model.csrfToken, submit: "Add the card") {
                    Field.input("Code", name: "code", id: "hyp-code", required: true, .placeholder("H9"))
                    Field.input("We believe (the change)", name: "change", id: "hyp-change", required: true)
                    Field.select("for (segment)", name: "segment", id: "hyp-segment", options: model.segments, blank: "(all customers)")
                    Field.input("will (customer outcome)", name: "outcome", id: "hyp-outcome", required: true)
                    Field.input("which drives (business impact)", name: "impact", id: "hyp-impact")
                    Field.select(
                        "We will know when (metric)", name: "metric", id: "hyp-metric", options: model.metrics, blank: "(no metric yet)")
                    Field.input("moves from", name: "from", id: "hyp-from", type: "number", Attr("step", "any"))
                    Field.input("to", name: "to", id: "hyp-to", type: "number", Attr("step", "any"))
                    Field.input("by", name: "by", id: "hyp-by", type: "date")
                    Field.select("Strategy it tests", name: "strategy", id: "hyp-strategy", options: model.strategies, blank: "(none)")
                    Field.select(
                        "Initiative it tests", name: "initiative", id: "hyp-initiative", options: model.initiatives, blank: "(none)")
                }
            }
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Evidence" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Evidence", navigation: LoopNavigation(slug: slug, current: "Evidence"),
                lead:
                    "Observations, quotes and data points from customers, each linked to the jobs, outcomes, strategies, hypotheses and decisions it supports or contradicts."
            )
            Notice(message: model.notice, problems: model.problems)
            El("form", .class("inline"), .role("search"), Attr("action", SiteURL.evidence(slug).path), Attr("method", "get")) {
                Field.input("Search", name: "q", id: "evidence-search", type: "search", value: model.search)
                El("button", .type("submit")) { "Search" }
            }
            if !model.search.isEmpty {
                El("p", .role("status")) {
                    AdminText.plural(
                        model.items.count, one: "1 item matches “\(model.search)”.",
                        other: "\(model.items.count) items match “\(model.search)”.")
                }
            } else if model.items.isEmpty {
                EmptyState(
                    what: "No evidence yet.",
                    start:
                        "Record what customers said or did (a quote, an observation, a figure) with its source and date, and link it to the strategies, outcomes and hypotheses it supports or contradicts. Decisions then cite it.",
                    readOnly: "An analyst or admin records evidence here; decisions then cite it.", canEdit: model.canEdit)
            }
            if !model.items.isEmpty {
                DataTable(
                    columns: ["Code", "Evidence", "Kind", "Source", "Captured", "Segment", "Tags", "Links"],
                    rows: model.items.map { item in
                        [
                            El("span", .class("code")) { item.code },
                            Group {
                                El("strong") { item.title }
                                if !item.text.isEmpty {
                                    El("br")
                                    item.text
                                }
                            },
                            item.kind.wording, item.source.wording, item.capturedOn, item.segment, item.tags.joined(separator: ", "),
                            Group {
                                for (index, link) in item.links.enumerated() {
                                    if index > 0 { El("br") }
                                    if link.stance == .supports { "supports" } else { El("strong") { "contradicts" } }
                                    " \(link.target.wording) "
                                    El("span", .class("code")) { link.code }
                                }
                            },
                        ]
                    }, className: "evidence")
            }
            if model.canEdit { forms() }
        }

        @HTMLBuilder private func forms() -> ComponentGroup {
            let slug = model.workspace.slug
            El("h2") { "Add evidence" }
            El("div", .class("split")) {
                PostForm(action: SiteURL.evidence(slug).path, csrf: model.csrfToken, submit: "Add evidence") {
                    Field.input("What it shows, in a line", name: "title", id: "ev-title", required: true)
                    Field.textarea("Detail or the quote in full", name: "text", id: "ev-text", rows: 3)
                    Field.select(
                        "Kind", name: "kind", id: "ev-kind", options: EvidenceItem.Kind.allCases.map { ($0.rawValue, $0.wording) })
                    Field.select(
                        "Source", name: "source", id: "ev-source", options: EvidenceItem.Source.allCases.map { ($0.rawValue, $0.wording) })
                    Field.input("Captured on", name: "captured_on", id: "ev-date", type: "date", value: model.today, required: true)
                    Field.select("Segment", name: "segment", id: "ev-segment", options: model.segments, blank: "(any)")
                    Field.input(
                        "Tags (framework/dimension, comma-separated)", name: "tags", id: "ev-tags",
                        .placeholder("os-canvas/workflow, obsession/humility"))
                    Field.input("Code (empty: the next E-number)", name: "code", id: "ev-code")
                }
                PostForm(action: SiteURL.evidenceLinks(slug).path, csrf: model.csrfToken, submit: "Link evidence") {
                    El("h3") { "Link evidence" }
                    Field.input("Evidence code", name: "evidence", id: "link-evidence", required: true)
                    Field.select(
                        "Links to a", name: "target", id: "link-target",
                        options: EvidenceLink.Target.allCases.map {
                            ($0.rawValue, $0.rawValue == "node" ? "line-of-sight node (strategy, initiative …)" : $0.wording)
                        })
                    Field.input("Its code", name: "code", id: "link-code", required: true)
                    Field.select(
                        "Stance", name: "stance", id: "link-stance",
                        options: EvidenceLink.Stance.allCases.map { ($0.rawValue, $0.wording) })
                }
            }
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Decisions" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Decisions", navigation: LoopNavigation(slug: slug, current: "Decisions"),
                lead:
                    "Humility is deciding from evidence of customer behaviour. The humility figure is the share of decisions that cite at least one piece of customer evidence."
            )
            Notice(message: model.notice, problems: model.problems)
            let unitNames = Dictionary(model.units, uniquingKeysWith: { a, _ in a })
            if let overall = model.humility.overall {
                StatCards([
                    (AnalysisOutput.percent(overall.share), "of decisions cite customer evidence"),
                    (words("\(overall.citingEvidence) of \(overall.decisions)"), "decisions"),
                    ("\(model.decisions.filter { $0.involvement != .none }.count)", "with the customer as partner or counterweight"),
                ])
                El("div", .class("split")) {
                    El("div") {
                        El("h2") { "By unit" }
                        humilityChart(
                            "Humility by unit", model.humility.byUnit.map { (unitNames[$0.group ?? ""] ?? $0.group ?? "", $0) })
                    }
                    El("div") {
                        El("h2") { "Over time" }
                        humilityChart("Humility by quarter", model.humility.byQuarter.map { ($0.group ?? "", $0) })
                    }
                }
            }
            El("h2") { "Log" }
            if model.decisions.isEmpty {
                EmptyState(
                    what: "No decisions logged yet.",
                    start:
                        "Log a decision with the options weighed, the one chosen, how customers took part and the evidence it rests on; the humility figure counts the share that cite customer evidence.",
                    readOnly: "An analyst or admin logs decisions here; the humility figure then appears above.", canEdit: model.canEdit)
            } else {
                DataTable(
                    columns: ["Code", "Decided", "Decision", "Chosen", "Customer", "Evidence cited", "Unit", "By"],
                    rows: model.decisions.reversed().map { d in
                        [
                            El("span", .class("code")) { d.code }, d.decidedOn, withNote(d.title, AdminText(verbatim: d.context)),
                            withNote(d.chosen, d.options.isEmpty ? AdminText(verbatim: "") : "of \(d.options.joined(separator: " / "))"),
                            d.involvement.wording,
                            d.evidence.isEmpty ? El("strong") { "none" } as Component : d.evidence.joined(separator: ", "),
                            d.unit.map { unitNames[$0] ?? $0 } ?? "", d.decidedBy,
                        ]
                    }, className: "decisions")
            }
            if model.canEdit { form() }
        }

        /// The share of decisions citing evidence per group, with the number of decisions.
        private func humilityChart(_ title: AdminText, _ groups: [(label: String, figure: Humility.Figure)]) -> Component {
            ChartFrame(
                title: title,
                svg: Charts.shareBars(title: title, bars: groups.map { ("\($0.label) (\($0.figure.decisions))", $0.figure.share) }),
                caption: "In brackets: the number of decisions.",
                table: DataTable(
                    columns: ["Group", "Decisions", "Citing evidence", "Share"],
                    rows: groups.map {
                        [$0.label, "\($0.figure.decisions)", "\($0.figure.citingEvidence)", AnalysisOutput.percent($0.figure.share)]
                    }))
        }

        /// A value with a muted note on the line below it, when there is one.
        private func withNote(_ text: String, _ note: AdminText) -> Component {
            Group {
                text
                if !note.key.isEmpty {
                    El("br")
                    El("span", .class("muted")) { note }
                }
            }
        }

        @HTMLBuilder private func form() -> ComponentGroup {
            El("h2") { "Log a decision" }
            PostForm(action: SiteURL.decisions(model.workspace.slug).path, csrf: model.csrfToken, submit: "Log the decision") {
                Field.input("Decision", name: "title", id: "dec-title", required: true)
                Field.textarea("Context", name: "context", id: "dec-context", rows: 2)
                Field.textarea("Options, one per line", name: "options", id: "dec-options", rows: 3)
                Field.input("Chosen option", name: "chosen", id: "dec-chosen")
                Field.select(
                    "Customer involvement", name: "involvement", id: "dec-involvement",
                    options: [
                        ("partner", "partner: customers shaped it"),
                        ("counterweight", "counterweight: customer evidence weighed against the inside view"), ("none", "none"),
                    ],
                    selected: "none")
                Field.input("Decided by", name: "decided_by", id: "dec-by")
                Field.select("Unit", name: "unit", id: "dec-unit", options: model.units, blank: "(none)")
                Field.input("Decided on", name: "decided_on", id: "dec-date", type: "date", value: model.today, required: true)
                Field.select(
                    "Initiative it starts or changes", name: "initiative", id: "dec-initiative", options: model.initiatives, blank: "(none)"
                )
                let cited = Set(Refused.typedAll("evidence"))
                Field.group("Evidence cited") {
                    El("div", .class("checks")) {
                        for item in model.evidence.prefix(300) {
                            El("label", .class("check"), .for("cite-\(item.code)")) {
                                El(
                                    "input", .type("checkbox"), .id("cite-\(item.code)"), .name("evidence"), .value(item.code),
                                    .flag("checked", cited.contains(item.code)))
                                El("span") {
                                    El("span", .class("code")) { item.code }
                                    " " + item.title
                                }
                            }
                        }
                    }
                }
                Field.input("Code (empty: the next D-number)", name: "code", id: "dec-code")
            }
        }
    }
}
