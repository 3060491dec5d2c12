import DNACore
import Plot

/// Where to act: for each underserved outcome, the units whose people say their work serves
/// it, with those units' weakest forces and what drives line of sight there, and the
/// initiatives that lead to the outcome, so the inside and the outside view meet on one screen.
enum WhereToActPage {
    struct View: PageView {
        let workspaceRecord: Workspace
        let report: WhereToAct.Report
        var title: AdminText { "Where to act" }
        var workspace: Workspace? { workspaceRecord }

        func content() -> ComponentGroup {
            let slug = workspaceRecord.slug
            PageHeader(
                title: "Where to act", navigation: LoopNavigation(slug: slug, current: "Where to act"),
                lead:
                    "Each outcome customers find underserved, beside the units whose people say their work serves it, those units' weakest forces and the forces that drive line of sight there, and the initiatives that lead to it."
            )
            El("p") {
                if let study = report.study {
                    "Outcomes from \(AdminText(verbatim: study))"
                } else {
                    "No outcome study has answers yet."
                }
                if let campaign = report.campaign {
                    "; units from \(AdminText(verbatim: campaign)). A unit shows only when it has at least \(workspaceRecord.minGroupSize) respondents and no smaller unit could be worked out from it."
                } else {
                    "; no assessment wave has answers yet."
                }
            }
            if report.study != nil && report.outcomes.isEmpty {
                El("p", .class("empty")) { "No outcome is underserved in the newest study." }
            }
            for (index, outcome) in report.outcomes.enumerated() { outcomeSection(outcome, index: index, slug: slug) }
        }

        @HTMLBuilder private func outcomeSection(_ outcome: WhereToAct.OutcomeView, index: Int, slug: String) -> ComponentGroup {
            LabelledSection("a-\(index)", AdminText(verbatim: outcome.text), className: "where-to-act") {
                El("p") {
                    "Opportunity \(AnalysisOutput.rounded(outcome.opportunity, 1)) "
                    El("span", .class("code")) { outcome.outcome }
                }
                if outcome.units.isEmpty {
                    El("p", .class("empty")) { "No unit shown names this outcome as the customer result of its work." }
                } else {
                    DataTable(
                        caption: "Units whose people say their work serves it",
                        columns: ["Unit", "Name it", "Weakest forces", "What drives line of sight there"],
                        rows: outcome.units.map { unit -> [Component] in
                            [
                                unit.name, "\(unit.naming) of \(unit.respondents) (\(AnalysisOutput.percent(unit.share)))",
                                AdminText(
                                    verbatim: unit.weakestForces.map { "\($0.name) \(AnalysisOutput.rounded($0.value, 0))" }.joined(
                                        separator: ", ")),
                                Group {
                                    AdminText(
                                        verbatim: unit.topDrivers.map { "\($0.name) \(AnalysisOutput.percent($0.value))" }.joined(
                                            separator: ", "))
                                    if unit.driversFrom != "unit" {
                                        " "
                                        AdminText("(everyone's: the unit is too small for its own)")
                                    }
                                },
                            ]
                        })
                }
                if outcome.initiatives.isEmpty {
                    El("p", .class("empty")) {
                        "No initiative leads to this outcome: a gap in the line of sight. "
                        PageLink("Open the line of sight", .lineOfSight(slug))
                    }
                } else {
                    El("p") { "Initiatives that lead to it:" }
                    El("ul") {
                        for initiative in outcome.initiatives {
                            El("li") {
                                PageLink(
                                    AdminText(verbatim: initiative.title),
                                    href: SiteURL.lineOfSight(slug).path + SiteURL.query(["node": initiative.initiative]))
                                if let status = initiative.status { " · \(AdminText(wording: status.rawValue))" }
                            }
                        }
                    }
                }
            }
        }
    }
}
