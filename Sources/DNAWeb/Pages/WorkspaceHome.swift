import DNAApp
import DNACore
import Plot

/// A workspace's front page: what is in it and where to go next.
enum WorkspaceHome {
    struct Model {
        var home: WorkspaceHomeView
        /// Open actions past their due date.
        var overdue: [ActionPlan] = []
        var summary: WorkspaceSummary { home.summary }
        var workspace: Workspace { summary.workspace }
        var access: Access { summary.access }
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: model.workspace.name) }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, summary = model.summary
            PageHeader(
                title: model.workspace.name,
                lead:
                    "You have \(model.access.wording) access. Groups smaller than \(model.workspace.minGroupSize) people are never shown in results."
            )
            LabelledSection("next-steps", "Next steps") {
                if model.home.steps.isEmpty {
                    El("p") { "Nothing is waiting: no wave is running, no result is unread and no hypothesis is overdue." }
                } else {
                    El("ul", .class("next-steps")) { for next in model.home.steps { step(step: next, slug) } }
                }
            }
            if !model.overdue.isEmpty {
                LabelledSection("overdue-actions", "Overdue actions") {
                    El("ul") {
                        for action in model.overdue {
                            El("li") {
                                action.title
                                " "
                                El("span", .class("overdue")) { "due \(action.dueOn)\(action.ownerEmail.map { ", \($0)" } ?? "")" }
                            }
                        }
                    }
                    El("p") { PageLink("All actions and their follow-up", .actions(slug)) }
                }
            }
            El("h2") { "What is here" }
            El("ul", .class("cards")) {
                card(
                    .campaigns(slug), figure: summary.campaigns, label: "assessment waves",
                    detail: "the inside view: scorecards, balance, trends")
                card(.orgChart(slug), figure: summary.units, label: "units", detail: "\(summary.roles) named roles")
                card(.frameworks(slug), figure: summary.frameworks, label: "frameworks", detail: "lenses to cut every analysis by")
                El("li") {
                    El("span", .class("stat")) { "\(summary.members)" }
                    "members with access"
                }
            }
            El("p") {
                PageLink("Actions", .actions(slug))
                ": what was decided on each wave's results, and whether the next wave shows it working."
            }
            if model.access == .admin {
                El("p") {
                    PageLink("Audit log", .audit(slug))
                    ": who changed what, when, and through what."
                }
                El("p") {
                    PageLink("Members", .members(slug))
                    ": invite people, change their access, deactivate or remove them."
                }
                El("p") {
                    PageLink("Data and privacy", .privacy(slug))
                    ": how long open answers are kept, and erasing a person who asks for it."
                }
                El("p") {
                    PageLink("Branding", .branding(slug))
                    ": the name, logo and colour respondents, customers and mails show."
                }
                El("p") {
                    PageLink("Download the workspace archive", .apiArchive(slug))
                    ": everything the workspace holds as one file, for a backup or a move to another database; "
                    El("code") { "cdna workspace import FILE" }
                    " restores it."
                }
            }
        }

        private func step(step: NextStep, _ slug: String) -> Component {
            let (text, link, action): (AdminText, SiteURL, AdminText) =
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
            return El("li") {
                El("p") { text }
                PageLink(action, link)
            }
        }

        /// "12 of 40 answered (30%)", or the count alone when nobody was counted as invited.
        static func responseRate(_ submitted: Int, of invited: Int) -> AdminText {
            let answered = AnalysisOutput.grouped(Double(submitted))
            guard invited > 0 else { return "\(answered) answered" }
            let share = Double(submitted) / Double(invited)
            return
                "\(answered) of \(AnalysisOutput.grouped(Double(invited))) answered (\(AnalysisOutput.percent(share)))"
        }

        private func card(_ url: SiteURL, figure: Int, label: AdminText, detail: AdminText) -> Component {
            El("li") {
                El("span", .class("stat")) { "\(figure)" }
                PageLink(label, url)
                El("p", .class("code")) { detail }
            }
        }
    }
}
