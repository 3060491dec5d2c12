import DNAApp
import DNACore
import DNAStore
import Plot

/// A manager's own teams: per unit of the people under them, the wave's answers and scores
/// on the twelve forces, hidden where the workspace's results hide them.
enum MyTeamsPage {
    struct Model {
        var teams: ManagerViewService.Teams
        var email: String
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "My teams" }
        /// The workspace's navigation only for members: a manager without a membership has
        /// this page and no other.
        var workspace: Workspace? { model.teams.isMember ? model.teams.workspace : nil }

        func content() -> ComponentGroup {
            let teams = model.teams, slug = teams.workspace.slug, k = teams.workspace.minGroupSize
            PageHeader(
                title: "My teams",
                lead:
                    "\(teams.workspace.name): the units of the people who list you (\(model.email)) as their manager in the participants, directly or through others."
            )
            if teams.units.isEmpty {
                El("p", .class("notice"), .role("status")) {
                    "Nobody in this workspace's participants lists \(model.email) as their manager, so there are no teams to show."
                }
            } else {
                El("p") {
                    "\(teams.people) \(teams.people == 1 ? "person reports" : "people report") to you in \(teams.units.count) \(teams.units.count == 1 ? "unit" : "units"). Units with fewer than \(k) answers, or whose scores could be worked out from the others, are hidden, as everywhere in the workspace."
                }
                if teams.waves.count > 1, let selected = teams.selected {
                    SubNavigation(
                        label: "Waves",
                        links: teams.waves.map {
                            (AdminText(verbatim: $0.name), SiteURL.myTeams(slug).path + "?campaign=" + $0.id, $0.id == selected.id)
                        })
                }
                if let selected = teams.selected {
                    DataTable(
                        caption: "\(selected.name): your units on the twelve forces (0-100)",
                        columns: [
                            "Unit", "Answers", "Forces on average", "Weakest force", "Strongest force", "Can name the customer value",
                        ],
                        rows: teams.units.map { row($0, k: k) }, className: "my-teams")
                } else {
                    El("p") { "No assessment wave has been run in this workspace yet." }
                }
            }
        }

        private func row(_ unit: OrgUnit, k: Int) -> [Component] {
            guard let result = model.teams.results.first(where: { $0.group == unit.code || $0.group == unit.id }) else {
                return [unit.name, "none", "", "", "", ""]
            }
            guard let scores = result.scores else { return [unit.name, "fewer than \(k) or derivable: hidden", "", "", "", ""] }
            let forces = scores.dimensions.filter { $0.framework == "os-canvas" && !$0.dimension.contains("/") }
            let names = Dictionary(
                uniqueKeysWithValues: (BuiltInFrameworks.all.first { $0.id == "os-canvas" }?.dimensions ?? []).map { ($0.id, $0.name) })
            let weakest = forces.min { $0.score < $1.score }, strongest = forces.max { $0.score < $1.score }
            let average = forces.isEmpty ? nil : forces.map(\.score).reduce(0, +) / Double(forces.count)
            func force(_ score: AssessmentResult.DimensionScore?) -> String {
                score.map { "\(names[$0.dimension] ?? $0.dimension) (\(AnalysisOutput.rounded($0.score, 0)))" } ?? ""
            }
            return [
                unit.name, "\(scores.n)", AnalysisOutput.rounded(average, 0), force(weakest), force(strongest),
                AnalysisOutput.percent(scores.lineOfSightCoverage),
            ]
        }
    }
}
