import DNAApp
import DNACore
import Plot

/// A workspace's front page: what is in it and where to go next.
enum WorkspaceHome {
    struct Model {
        var home: WorkspaceHomeView
        var summary: WorkspaceSummary { home.summary }
        var workspace: Workspace { summary.workspace }
        var access: Access { summary.access }
    }

    struct View: PageView {
        let model: Model
        var title: String { model.workspace.name }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            return .group(
                .h1(.plain(model.workspace.name)),
                .p(
                    .plain(
                        "You have \(model.access.rawValue) access. Groups smaller than \(model.workspace.minGroupSize) people are never shown in results."
                    )),
                nextSteps(slug),
                .h2("What is here"),
                .ul(
                    .class("cards"),
                    card(
                        SiteURL.campaigns(slug), figure: model.summary.campaigns, label: "assessment waves",
                        detail: "the inside view: scorecards, balance, trends"),
                    card(SiteURL.orgChart(slug), figure: model.summary.units, label: "units", detail: "\(model.summary.roles) named roles"),
                    card(
                        SiteURL.frameworks(slug), figure: model.summary.frameworks, label: "frameworks",
                        detail: "lenses to cut every analysis by"),
                    .li(.span(.class("stat"), .plain("\(model.summary.members)")), .plain("members with access"))
                ),
                .if(
                    model.access == .admin,
                    .p(.a(.href(SiteURL.audit(slug).path), .plain("Audit log")), .plain(": who changed what, when, and through what."))
                )
            )
        }

        /// The next steps, each a sentence and a link to where the work is done; a workspace
        /// with nothing pressing says so.
        private func nextSteps(_ slug: String) -> Node<HTML.BodyContext> {
            .section(
                .attribute(named: "aria-labelledby", value: "next-steps"),
                .h2(.id("next-steps"), .plain("Next steps")),
                model.home.steps.isEmpty
                    ? .p(.plain("Nothing is waiting: no wave is running, no result is unread and no hypothesis is overdue."))
                    : .ul(.class("next-steps"), .forEach(model.home.steps) { step(step: $0, slug) })
            )
        }

        private func step(step: NextStep, _ slug: String) -> Node<HTML.ListContext> {
            let (text, link, action): (String, SiteURL, String) =
                switch step {
                case .start(.orgChart):
                    ("The workspace has no units yet; every result is cut by them.", .orgChart(slug), "Import the org chart")
                case .start(.firstWave):
                    ("No assessment wave has been started yet.", .campaigns(slug), "Start the first wave")
                case .start(.customerModel):
                    (
                        "The customer model has no desired outcomes yet, so nothing can be tied to what customers need.",
                        .customerModel(slug), "Describe jobs and outcomes"
                    )
                case .waveRunning(let id, let name, let submitted, let invited):
                    ("“\(name)” is taking answers: \(Self.responseRate(submitted, of: invited)).", .campaign(slug, id), "Follow the wave")
                case .resultsReady(let id, let name, let submitted):
                    (
                        "“\(name)” has closed with \(AnalysisOutput.grouped(Double(submitted))) answers.", .campaignResults(slug, id),
                        "Read the results"
                    )
                case .underservedWithoutInitiative(_, let text, let opportunity):
                    (
                        "Underserved (opportunity \(AnalysisOutput.rounded(opportunity, 1))) and no initiative works on it: \(text).",
                        .lineOfSight(slug), "Connect an initiative"
                    )
                case .hypothesisOverdue(let code, let change, let by):
                    ("Hypothesis \(code) (“\(change)”) was to be settled by \(by).", .hypotheses(slug), "Record what was learned")
                }
            return .li(.p(.plain(text)), .a(.escaped("href", link.path), .plain(action)))
        }

        /// "12 of 40 answered (30%)", or the count alone when nobody was counted as invited.
        static func responseRate(_ submitted: Int, of invited: Int) -> String {
            let answered = AnalysisOutput.grouped(Double(submitted))
            guard invited > 0 else { return "\(answered) answered" }
            let share = Double(submitted) / Double(invited)
            return
                "\(answered) of \(AnalysisOutput.grouped(Double(invited))) answered (\(AnalysisOutput.percent(share)))"
        }

        private func card(_ url: SiteURL, figure: Int, label: String, detail: String) -> Node<HTML.ListContext> {
            .li(
                .span(.class("stat"), .plain("\(figure)")),
                .a(.escaped("href", url.path), .plain(label)),
                .p(.class("code"), .plain(detail))
            )
        }
    }
}
