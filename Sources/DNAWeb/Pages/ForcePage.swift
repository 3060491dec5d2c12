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
        var openAnswers: [String]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var error: String?
    }

    struct View: PageView {
        let model: Model
        var title: String { model.force.name }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let e = Charts.escape
            let tensionByID = Dictionary(uniqueKeysWithValues: model.tensions.map { ($0.id, $0) })
            var html = "<h1>\(e(model.force.name))</h1><p>\(e(model.force.description))</p>"
            if let error = model.error { html += "<p class=\"error\" role=\"alert\">\(e(error))</p>" }
            if let latest = model.latest {
                if let score = latest.score {
                    html +=
                        "<p>In “\(e(latest.campaign.name))” the force scores <strong>\(AnalysisOutput.rounded(score.score, 1))</strong> of 100 (\(AnalysisOutput.percent(score.favorable)) favorable, \(AnalysisOutput.percent(score.unfavorable)) unfavorable, n = \(score.n)).</p>"
                } else {
                    html += "<p>“\(e(latest.campaign.name))” has no score for this force yet.</p>"
                }
            }
            html += "<h2>Tensions</h2>"
            html +=
                model.tensions.isEmpty
                ? "<p>No tensions recorded.</p>"
                : "<ul class=\"tensions\">"
                    + model.tensions.map {
                        "<li>\(e($0.text)) <span class=\"code\">\($0.source == .openAnswer ? "from an open answer" : "by hand") · \(Day.string($0.createdAt))</span></li>"
                    }
                    .joined() + "</ul>"
            html += "<h2>Experiments</h2>"
            if model.experiments.isEmpty { html += "<p>No experiments yet.</p>" }
            for experiment in model.experiments {
                html += "<article class=\"experiment\"><h3>\(e(experiment.practice))</h3><dl>"
                if let tension = experiment.tensionID.flatMap({ tensionByID[$0] }) { html += "<dt>Tension</dt><dd>\(e(tension.text))</dd>" }
                html += "<dt>Hypothesis</dt><dd>\(e(experiment.hypothesis))</dd><dt>Participants</dt><dd>\(e(experiment.participants))</dd>"
                html += "<dt>Duration</dt><dd>\(experiment.durationDays) days</dd><dt>Review on</dt><dd>\(e(experiment.reviewOn))</dd>"
                html += "<dt>Outcome</dt><dd>\(e(experiment.outcome ?? "not reviewed yet"))</dd></dl>"
                if model.canEdit && experiment.outcome == nil {
                    html +=
                        "<form class=\"stack\" method=\"post\" action=\"\(SiteURL.experimentOutcome(model.workspace.slug, experiment.id).path)\">\(HTMLForm.csrf(model.csrfToken))<label for=\"outcome-\(experiment.id)\">What happened</label><textarea id=\"outcome-\(experiment.id)\" name=\"outcome\" required></textarea><button type=\"submit\">Record the outcome</button></form>"
                }
                html += "</article>"
            }
            if !model.openAnswers.isEmpty {
                html +=
                    "<h2>What people wrote</h2><p>Open answers of the latest wave, in no particular order, for raising tensions.</p><ul>"
                html += model.openAnswers.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            }
            if model.canEdit { html += forms() }
            return .raw(html)
        }

        private func forms() -> String {
            let slug = model.workspace.slug, force = model.force.id
            var html = "<h2>Raise a tension</h2>"
            html += Markup.form(
                action: SiteURL.forceTensions(slug, force).path, csrf: model.csrfToken, submit: "Add the tension",
                html: Markup.textarea("What pulls against serving customers here?", name: "text", id: "tension-text", rows: 4)
                    + Markup.select(
                        "Source", name: "source", id: "tension-source",
                        options: [("manual", "Raised by hand"), ("open-answer", "From an open answer")]))
            html += "<h2>Plan an experiment</h2>"
            html += Markup.form(
                action: SiteURL.forceExperiments(slug, force).path, csrf: model.csrfToken, submit: "Add the experiment",
                html: Markup.select(
                    "Tension", name: "tension", id: "exp-tension", options: model.tensions.map { ($0.id, String($0.text.prefix(80))) },
                    blank: "None")
                    + Markup.input("Practice to try", name: "practice", id: "exp-practice", required: true)
                    + Markup.input("Hypothesis: what we expect for customers", name: "hypothesis", id: "exp-hypothesis", required: true)
                    + Markup.input("Participants", name: "participants", id: "exp-participants", required: true)
                    + Markup.input(
                        "Duration in days", name: "days", id: "exp-days", type: "number", value: "30", required: true, extra: "min=\"1\"")
                    + Markup.input("Review on", name: "review", id: "exp-review", type: "date", value: model.today, required: true))
            return html
        }
    }
}
