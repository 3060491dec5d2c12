import DNAApp
import DNACore
import DNAStore
import Plot

/// Customer DNA at a glance: the inside view, the outside view and the line of sight side by
/// side, each figure linking to the page it comes from.
enum OverviewPage {
    struct View: PageView {
        let workspaceRecord: Workspace
        let overview: CustomerDNAOverview
        var title: String { "Customer DNA overview" }
        var workspace: Workspace? { workspaceRecord }

        func content() -> Node<HTML.BodyContext> {
            let slug = workspaceRecord.slug, o = overview, sight = o.lineOfSight
            var html = "<h1>Customer DNA overview</h1>" + LoopNavigation.html(slug, current: "Overview")
            html +=
                "<p>How well \(Markup.text(workspaceRecord.name)) is aligned with its customers: what its people say, what its customers show, and whether the work in between connects the two.</p>"

            html += "<section class=\"overview-inside\" aria-labelledby=\"o-inside\"><h2 id=\"o-inside\">Inside view</h2>"
            if let inside = o.inside {
                html +=
                    "<p>\(Markup.text(inside.campaign)), \(inside.respondents) respondents · " + Markup.link("results", .campaigns(slug))
                    + "</p>"
                var cards: [(String, String)] = []
                if let balance = inside.balance {
                    cards += [
                        (AnalysisOutput.rounded(balance.index, 0), "layer balance index (0-100)"),
                        (AnalysisOutput.rounded(balance.spread, 0), "points between the strongest and weakest layer"),
                        (balance.weakest, "weakest layer"),
                    ]
                }
                cards.append((AnalysisOutput.percent(inside.lineOfSightCoverage), "of people name the customer outcome their work serves"))
                html += Markup.cards(cards)
                let forces = inside.forces.sorted { $0.score > $1.score }
                if !forces.isEmpty {
                    html += Charts.bars(
                        title: "The 12 forces, strongest first (score 0-100)", rows: forces.map { ($0.name, $0.score, false) },
                        maximum: 100,
                        format: { AnalysisOutput.rounded($0, 0) })
                }
            } else {
                html += "<p>No assessment with enough answers yet. " + Markup.link("Run one", .campaigns(slug)) + ".</p>"
            }
            html += "</section>"

            html += "<section class=\"overview-outside\" aria-labelledby=\"o-outside\"><h2 id=\"o-outside\">Outside view</h2>"
            html += Markup.cards([
                (AnalysisOutput.rounded(o.outside.annualCustomerHours, 0), "customer hours a year in the mapped journeys"),
                (
                    (o.outside.customerHoursSaved >= 0 ? "" : "−") + AnalysisOutput.rounded(abs(o.outside.customerHoursSaved), 0),
                    "customer hours a year saved by recorded changes"
                ),
            ])
            if !o.outside.opportunities.isEmpty {
                html += "<h3>Top opportunities (\(Markup.text(o.outside.study ?? "")))</h3>"
                html += Markup.table(
                    header: ["Outcome", "Opportunity", "Status"],
                    rows: o.outside.opportunities.map {
                        [Markup.text($0.text), AnalysisOutput.rounded($0.opportunity, 1), Markup.text($0.status.rawValue)]
                    },
                    className: "overview-opportunities")
            }
            if !o.outside.tasks.isEmpty {
                html += "<h3>Top tasks' performance</h3>"
                html += Markup.table(
                    header: ["Task", "Score", "Success", "Change"],
                    rows: o.outside.tasks.map {
                        [
                            Markup.text($0.text), AnalysisOutput.rounded($0.score, 1), AnalysisOutput.percent($0.successRate),
                            $0.scoreChange.map { ($0 >= 0 ? "+" : "") + AnalysisOutput.rounded($0, 1) } ?? "–",
                        ]
                    }, className: "overview-tasks")
            }
            html += "<p>" + Markup.link("The customer model", .customerModel(slug)) + "</p></section>"

            html += "<section class=\"overview-sight\" aria-labelledby=\"o-sight\"><h2 id=\"o-sight\">Line of sight</h2>"
            let coverage = sight.coverage
            html += Markup.cards([
                ("\(coverage.withLineOfSight) of \(coverage.initiatives)", "initiatives with a full line of sight"),
                (AnalysisOutput.percent(coverage.budgetShare), "of budget has a line of sight"),
                (AnalysisOutput.percent(sight.humility?.share), "of decisions cite customer evidence"),
                (sight.signalToShipMedianDays.map { AnalysisOutput.rounded($0, 0) + " days" } ?? "–", "median from signal to shipped"),
                ("\(sight.shippedLast12Months)", "initiatives shipped in the last 12 months"),
            ])
            if let latest = sight.humilityLatestQuarter {
                html +=
                    "<p>Humility in \(Markup.text(latest.group ?? "")): \(AnalysisOutput.percent(latest.share)) of \(latest.decisions) decisions cite customer evidence. "
                    + Markup.link("Decision log", .decisions(slug)) + "</p>"
            }
            if !sight.insideOut.isEmpty {
                html += "<h3>Inside-out initiatives</h3><ul class=\"inside-out\">"
                html += sight.insideOut.map {
                    "<li>\(Markup.text(o.nodeTitles[$0] ?? $0)) <span class=\"code\">\(Markup.text($0))</span></li>"
                }.joined()
                html += "</ul><p>" + Markup.link("See them in the graph", .lineOfSight(slug)) + "</p>"
            }
            if !sight.objectives.isEmpty {
                html += "<h3>Objectives: value to the customer beside value to the business</h3>"
                func side(_ s: CustomerDNAOverview.Pair.Side) -> String {
                    let value = s.latest.map { AnalysisOutput.rounded($0, 1) + " " + s.unit } ?? "–"
                    let from = s.first.map { " (from \(AnalysisOutput.rounded($0, 1)))" } ?? ""
                    let target =
                        s.target.map { "; target \(AnalysisOutput.rounded($0, 1))" + (s.meetsTarget == true ? ", met" : ", not met") } ?? ""
                    return "\(Markup.text(s.name)): <strong>\(Markup.text(value))</strong>\(Markup.text(from + target))"
                }
                html += Markup.table(
                    header: ["Objective", "Value to the customer", "Value to the business"],
                    rows: sight.objectives.map { [Markup.text($0.title), side($0.customer), side($0.business)] },
                    className: "overview-pairs")
            }
            let statuses = Hypothesis.Status.allCases.map { "\(sight.hypotheses[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            html += "<p>Hypotheses: \(Markup.text(statuses)). " + Markup.link("Test cards", .hypotheses(slug)) + "</p></section>"
            return .raw(html)
        }
    }
}
