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
        var title: AdminText { "Customer DNA overview" }
        var workspace: Workspace? { workspaceRecord }

        func content() -> ComponentGroup {
            let slug = workspaceRecord.slug
            PageHeader(
                title: "Customer DNA overview", navigation: LoopNavigation(slug: slug, current: "Overview"),
                lead:
                    "How well \(workspaceRecord.name) is aligned with its customers: what its people say, what its customers show, and whether the work in between connects the two."
            )
            LabelledSection("o-inside", "Inside view", className: "overview-inside") { insideView(slug) }
            LabelledSection("o-outside", "Outside view", className: "overview-outside") { outsideView(slug) }
            LabelledSection("o-sight", "Line of sight", className: "overview-sight") { lineOfSight(slug) }
        }

        @HTMLBuilder private func insideView(_ slug: String) -> ComponentGroup {
            if let inside = overview.inside {
                El("p") {
                    "\(inside.campaign), \(inside.respondents) respondents · "
                    PageLink("results", .campaigns(slug))
                }
                let balance = inside.balance.map { balance -> [(value: String, label: AdminText)] in
                    [
                        (AnalysisOutput.rounded(balance.index, 0), "layer balance index (0-100)"),
                        (AnalysisOutput.rounded(balance.spread, 0), "points between the strongest and weakest layer"),
                        (balance.weakest, "weakest layer"),
                    ]
                }
                StatCards(
                    (balance ?? [])
                        + [(AnalysisOutput.percent(inside.lineOfSightCoverage), "of people name the customer outcome their work serves")])
                let forces = inside.forces.sorted { $0.score > $1.score }
                if !forces.isEmpty {
                    ChartFrame(
                        title: "The 12 forces, strongest first (score 0–100)",
                        svg: Charts.bars(
                            title: "The 12 forces, strongest first (score 0-100)", rows: forces.map { ($0.name, $0.score, false) },
                            maximum: 100, format: { AnalysisOutput.rounded($0, 0) }),
                        table: DataTable(columns: ["Force", "Score"], rows: forces.map { [$0.name, AnalysisOutput.rounded($0.score, 1)] }))
                }
            } else {
                El("p") {
                    "No assessment with enough answers yet. "
                    PageLink("Run one", .campaigns(slug))
                    "."
                }
            }
        }

        @HTMLBuilder private func outsideView(_ slug: String) -> ComponentGroup {
            let outside = overview.outside
            StatCards([
                (AnalysisOutput.rounded(outside.annualCustomerHours, 0), "customer hours a year in the mapped journeys"),
                (
                    (outside.customerHoursSaved >= 0 ? "" : "−") + AnalysisOutput.rounded(abs(outside.customerHoursSaved), 0),
                    "customer hours a year saved by recorded changes"
                ),
            ])
            if !outside.opportunities.isEmpty {
                El("h3") { "Top opportunities (\(outside.study ?? ""))" }
                DataTable(
                    columns: ["Outcome", "Opportunity", "Status"],
                    rows: outside.opportunities.map { [$0.text, AnalysisOutput.rounded($0.opportunity, 1), $0.status.wording] },
                    className: "overview-opportunities")
            }
            if !outside.tasks.isEmpty {
                El("h3") { "Top tasks' performance" }
                DataTable(
                    columns: ["Task", "Score", "Success", "Change"],
                    rows: outside.tasks.map {
                        [
                            $0.text, AnalysisOutput.rounded($0.score, 1), AnalysisOutput.percent($0.successRate),
                            $0.scoreChange.map { ($0 >= 0 ? "+" : "") + AnalysisOutput.rounded($0, 1) } ?? "–",
                        ]
                    }, className: "overview-tasks")
            }
            El("p") { PageLink("The customer model", .customerModel(slug)) }
        }

        @HTMLBuilder private func lineOfSight(_ slug: String) -> ComponentGroup {
            let sight = overview.lineOfSight, coverage = sight.coverage
            StatCards([
                ("\(coverage.withLineOfSight) of \(coverage.initiatives)", "initiatives with a full line of sight"),
                (AnalysisOutput.percent(coverage.budgetShare), "of budget has a line of sight"),
                (AnalysisOutput.percent(sight.humility?.share), "of decisions cite customer evidence"),
                (sight.signalToShipMedianDays.map { AnalysisOutput.rounded($0, 0) + " days" } ?? "–", "median from signal to shipped"),
                ("\(sight.shippedLast12Months)", "initiatives shipped in the last 12 months"),
            ])
            if let latest = sight.humilityLatestQuarter {
                El("p") {
                    "Humility in \(latest.group ?? ""): \(AnalysisOutput.percent(latest.share)) of \(latest.decisions) decisions cite customer evidence. "
                    PageLink("Decision log", .decisions(slug))
                }
            }
            if !sight.insideOut.isEmpty {
                El("h3") { "Inside-out initiatives" }
                El("ul", .class("inside-out")) {
                    for code in sight.insideOut { El("li") { CodedName(overview.nodeTitles[code] ?? code, code: code) } }
                }
                El("p") { PageLink("See them in the graph", .lineOfSight(slug)) }
            }
            if !sight.objectives.isEmpty {
                El("h3") { "Objectives: value to the customer beside value to the business" }
                DataTable(
                    columns: ["Objective", "Value to the customer", "Value to the business"],
                    rows: sight.objectives.map { [$0.title, side($0.customer), side($0.business)] }, className: "overview-pairs")
            }
            El("p") {
                let counts = Hypothesis.Status.allCases.map { AdminText("\(sight.hypotheses[$0.rawValue] ?? 0) \($0.wording)") }
                "Hypotheses: \(AdminText.joined(counts, separator: ", ")). "
                PageLink("Test cards", .hypotheses(slug))
            }
        }

        private func side(_ s: CustomerDNAOverview.Pair.Side) -> Component {
            let value = s.latest.map { AnalysisOutput.rounded($0, 1) + " " + s.unit } ?? "–"
            let from: AdminText = s.first.map { " (from \(AnalysisOutput.rounded($0, 1)))" } ?? AdminText(verbatim: "")
            let target: AdminText =
                s.target.map {
                    s.meetsTarget == true
                        ? "; target \(AnalysisOutput.rounded($0, 1)), met" : "; target \(AnalysisOutput.rounded($0, 1)), not met"
                }
                ?? AdminText(verbatim: "")
            return Group {
                s.name + ": "
                El("strong") { value }
                from
                target
            }
        }
    }
}
