import DNACore
import Plot

/// One force of the OS Canvas: its latest score, the tensions raised in it and the
/// safe-to-try experiments aimed at them, so the assessment turns into change.
enum ForcePage {
    struct Model {
        var workspace: Workspace
        var force: Framework.Dimension
        var latest: (campaign: Campaign, score: AssessmentResult.DimensionScore?)?
        var tensions: [Tension]
        var experiments: [Experiment]
        var openAnswers: [CommentFolding.Folded]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var error: String?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: model.force.name) }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let tensionByID = Dictionary(uniqueKeysWithValues: model.tensions.map { ($0.id, $0) })
            PageHeader(title: model.force.name, lead: AdminText(verbatim: model.force.description))
            if let error = model.error { El("p", .class("error"), .role("alert")) { error } }
            if let latest = model.latest {
                if let score = latest.score {
                    El("p") {
                        "In “\(latest.campaign.name)” the force scores "
                        El("strong") { AnalysisOutput.rounded(score.score, 1) }
                        " of 100 (\(AnalysisOutput.percent(score.favorable)) favorable, \(AnalysisOutput.percent(score.unfavorable)) unfavorable, n = \(score.n))."
                    }
                } else {
                    El("p") { "“\(latest.campaign.name)” has no score for this force yet." }
                }
            }
            El("h2") { "Tensions" }
            if model.tensions.isEmpty {
                EmptyState(
                    what: "No tensions recorded for this force.",
                    start: "Raise one below: something in how the organization works that pulls against serving customers.",
                    readOnly: "An analyst or admin raises tensions here, often from the open answers below.", canEdit: model.canEdit)
            } else {
                El("ul", .class("tensions")) {
                    for tension in model.tensions {
                        El("li") {
                            tension.text + " "
                            El("span", .class("code")) {
                                "\(tension.source == .openAnswer ? "from an open answer" : "by hand") · \(Day.string(tension.createdAt))"
                            }
                            if model.canEdit {
                                " · "
                                PageLink(
                                    "Plan an action on it",
                                    href: SiteURL.actions(model.workspace.slug).path
                                        + SiteURL.query(["source": "tension", "tension": tension.id, "dimension": tension.dimension]))
                            }
                        }
                    }
                }
            }
            El("h2") { "Experiments" }
            if model.experiments.isEmpty {
                EmptyState(
                    what: "No experiments yet.",
                    start: "Plan a safe-to-try experiment below, aimed at a tension, with a date to review what happened.",
                    readOnly: "An analyst or admin plans experiments here.", canEdit: model.canEdit)
            }
            for experiment in model.experiments { experimentCard(experiment, tension: experiment.tensionID.flatMap { tensionByID[$0] }) }
            if !model.openAnswers.isEmpty {
                El("h2") { "What people wrote" }
                El("p") {
                    "Open answers of the latest wave that speak of this force, for raising tensions: near-identical answers are shown once with how many wrote them, the rest in an order that says nothing about who wrote when."
                }
                CommentList(comments: model.openAnswers)
            }
            if model.canEdit { forms() }
        }

        private func experimentCard(_ experiment: Experiment, tension: Tension?) -> Component {
            El("article", .class("experiment")) {
                El("h3") { experiment.practice }
                El("dl") {
                    if let tension {
                        El("dt") { "Tension" }
                        El("dd") { tension.text }
                    }
                    El("dt") { "Hypothesis" }
                    El("dd") { experiment.hypothesis }
                    El("dt") { "Participants" }
                    El("dd") { experiment.participants }
                    El("dt") { "Duration" }
                    El("dd") { "\(experiment.durationDays) days" }
                    El("dt") { "Review on" }
                    El("dd") { experiment.reviewOn }
                    El("dt") { "Outcome" }
                    El("dd") { experiment.outcome.map { AdminText(verbatim: $0) } ?? "not reviewed yet" }
                }
                if model.canEdit && experiment.outcome == nil {
                    PostForm(
                        action: SiteURL.experimentOutcome(model.workspace.slug, experiment.id).path, csrf: model.csrfToken,
                        submit: "Record the outcome"
                    ) {
                        Field.textarea("What happened", name: "outcome", id: "outcome-\(experiment.id)", rows: 4, required: true)
                    }
                }
            }
        }

        @HTMLBuilder private func forms() -> ComponentGroup {
            let slug = model.workspace.slug, force = model.force.id
            El("h2") { "Raise a tension" }
            PostForm(action: SiteURL.forceTensions(slug, force).path, csrf: model.csrfToken, submit: "Add the tension") {
                Field.textarea("What pulls against serving customers here?", name: "text", id: "tension-text", rows: 4)
                Field.select(
                    "Source", name: "source", id: "tension-source",
                    options: [("manual", "Raised by hand"), ("open-answer", "From an open answer")])
            }
            El("h2") { "Plan an experiment" }
            PostForm(action: SiteURL.forceExperiments(slug, force).path, csrf: model.csrfToken, submit: "Add the experiment") {
                Field.select(
                    "Tension", name: "tension", id: "exp-tension", options: model.tensions.map { ($0.id, String($0.text.prefix(80))) },
                    blank: "None")
                Field.input("Practice to try", name: "practice", id: "exp-practice", required: true)
                Field.input("Hypothesis: what we expect for customers", name: "hypothesis", id: "exp-hypothesis", required: true)
                Field.input("Participants", name: "participants", id: "exp-participants", required: true)
                Field.input("Duration in days", name: "days", id: "exp-days", type: "number", value: "30", required: true, .min("1"))
                Field.input("Review on", name: "review", id: "exp-review", type: "date", value: model.today, required: true)
            }
        }
    }
}
