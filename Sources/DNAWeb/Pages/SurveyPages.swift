import DNACore
import DNAStore
import Plot

/// Outcome studies and top-tasks votes: the list and the form that starts one.
enum SurveysPage {
    struct Row {
        var survey: CustomerSurvey
        var state: Campaign.State
        var progress: SurveyProgress
    }

    struct Model {
        var workspace: Workspace
        var rows: [Row]
        var model: CustomerModel
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var error: String?
    }

    struct View: PageView {
        let model: Model
        var title: String { "Customer studies and votes" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            var html = "<h1>Customer studies and votes</h1>" + CustomerNavigation.html(slug, current: "Studies & votes")
            html +=
                "<p>An <strong>outcome study</strong> asks customers how important each desired outcome is and how satisfied they are with it today; the gap is the opportunity. A <strong>top-tasks vote</strong> asks them to pick, from the whole list, the five tasks that matter most.</p>"
            html += Markup.notice(model.error.map { "Not created: " + $0 })
            html +=
                model.rows.isEmpty
                ? "<p>No studies or votes yet.</p>"
                : Markup.table(
                    header: ["Name", "Kind", "State", "Window", "Handed in"],
                    rows: model.rows.map { row in
                        [
                            Markup.link(row.survey.name, .survey(slug, row.survey.id)), Markup.text(row.survey.kind.title),
                            row.state.rawValue,
                            Markup.text(Day.string(row.survey.opensAt) + " – " + (row.survey.closesAt.map(Day.string) ?? "open-ended")),
                            "\(row.progress.submitted)",
                        ]
                    })
            if model.canEdit { html += newSurveyForm() }
            return .raw(html)
        }

        private func newSurveyForm() -> String {
            "<h2>New study or vote</h2>"
                + Markup.form(
                    action: SiteURL.surveys(model.workspace.slug).path, csrf: model.csrfToken, submit: "Create", html: newSurveyControls())
        }

        /// Built inside `Markup.form`, so a refused form gets back its kind, text and outcomes.
        private func newSurveyControls() -> String {
            let chosenKind = Markup.typed("kind") ?? CustomerSurvey.Kind.outcomeStudy.rawValue
            let chosenOutcomes = Set(Markup.typedAll("outcomes"))
            var controls = "<fieldset><legend>Kind</legend>"
            for kind in CustomerSurvey.Kind.allCases {
                controls +=
                    "<div class=\"choice\"><input type=\"radio\" id=\"kind-\(kind.rawValue)\" name=\"kind\" value=\"\(kind.rawValue)\"\(kind.rawValue == chosenKind ? " checked" : "")><label for=\"kind-\(kind.rawValue)\">\(Markup.text(kind.title))</label></div>"
            }
            controls += "</fieldset>"
            controls += Markup.input("Name (for colleagues)", name: "name", required: true, extra: "placeholder=\"Claims outcome study\"")
            controls += Markup.input(
                "Title customers see (optional; the name is never shown to them)", name: "public_title",
                extra:
                    "maxlength=\"\(CustomerSurvey.publicTitleLimit)\" placeholder=\"\(Markup.text(CustomerSurvey.Kind.outcomeStudy.defaultPublicTitle))\""
            )
            controls += Markup.input("Opens on", name: "opens", type: "date", value: model.today, required: true)
            controls += Markup.input("Closes after (optional)", name: "closes", type: "date")
            controls += "<fieldset><legend>Outcomes to study (outcome study only)</legend>"
            for outcome in model.model.outcomes {
                let id = "outcome-" + outcome.code
                controls +=
                    "<div class=\"choice\"><input type=\"checkbox\" id=\"\(Markup.text(id))\" name=\"outcomes\" value=\"\(Markup.text(outcome.code))\"\(chosenOutcomes.contains(outcome.code) ? " checked" : "")><label for=\"\(Markup.text(id))\">\(Markup.text(outcome.sentence))</label></div>"
            }
            if model.model.outcomes.isEmpty { controls += "<p>Add desired outcomes to the customer model first.</p>" }
            controls += "</fieldset>"
            controls +=
                "<fieldset><legend>Top-tasks vote</legend><p>Voters see the whole list of \(model.model.tasks.count) tasks, shuffled for each voter, and pick up to \(TopTasks.maximumPicks).</p>"
            controls += Markup.input(
                "Long neck: tasks taking the first … % of votes", name: "long_neck", type: "number", value: "25",
                extra: "min=\"1\" max=\"100\"")
            controls += Markup.input(
                "Top tasks: tasks taking the first … % of votes", name: "top", type: "number", value: "50", extra: "min=\"1\" max=\"100\"")
            controls += "</fieldset>"
            return controls
        }
    }
}

/// One study or vote: its window, links, open link, import and progress.
enum SurveyPage {
    struct Model {
        var workspace: Workspace
        var survey: CustomerSurvey
        var state: Campaign.State
        var progress: SurveyProgress
        var segments: [CustomerModel.Segment]
        var canEdit: Bool
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedText = ""
        var newLinks: [String] = []
        var baseURL: String
    }

    struct View: PageView {
        let model: Model
        var title: String { model.survey.name }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, survey = model.survey
            var html = "<h1>\(Markup.text(survey.name))</h1>" + CustomerNavigation.html(slug, current: "")
            html += "<p>Customers see it as <strong>\(Markup.text(survey.titleForCustomers))</strong>.</p>"
            html +=
                "<p>\(Markup.text(survey.kind.title)) · \(model.state.rawValue) · \(Markup.text(Day.string(survey.opensAt))) – \(Markup.text(survey.closesAt.map(Day.string) ?? "open-ended")) · \(survey.items.count) \(survey.kind == .outcomeStudy ? "outcomes" : "tasks")</p>"
            html += Markup.notice(model.notice, problems: model.problems)
            if !model.newLinks.isEmpty {
                html +=
                    "<section class=\"notice\" data-unsaved-links=\"true\"><h2>\(model.newLinks.count) new single-use links</h2><p>Copy them now: they are not stored in readable form and cannot be shown again.</p>"
                html +=
                    "<p><a href=\"\(Markup.text(Markup.linksCSVHref(model.newLinks.map { model.baseURL + SiteURL.customerSurvey($0).path })))\" download=\"links.csv\">Download the links as CSV</a></p><ol class=\"links\">"
                html += model.newLinks.map { "<li><code>\(Markup.text(model.baseURL + SiteURL.customerSurvey($0).path))</code></li>" }
                    .joined()
                html += "</ol></section>" + UnsavedLinksScript.tag
            }
            html += "<p><a class=\"button\" href=\"\(SiteURL.surveyResults(slug, survey.id).path)\">See the results</a></p>"
            html += Markup.cards([
                ("\(model.progress.submitted)", "handed in"), ("\(model.progress.inProgress)", "in progress"),
                ("\(model.progress.linksIssued)", "links issued"),
            ])
            if let secret = survey.openLink {
                html +=
                    "<p>Open link (anyone with it gets a fresh single-use link): <code>\(Markup.text(model.baseURL + SiteURL.customerOpenLink(secret).path))</code></p>"
            }
            if model.canEdit {
                html += "<h2>Links for customers</h2>"
                html += Markup.form(
                    action: SiteURL.surveyLinks(slug, survey.id).path, csrf: model.csrfToken, submit: "Make links",
                    html: Markup.input(
                        "How many", name: "count", type: "number", value: "10", required: true,
                        extra: "min=\"1\" max=\"\(CampaignRepository.linksPerRequest)\"")
                        + Markup.select(
                            "Segment (optional; otherwise customers say)", name: "segment",
                            options: model.segments.map { ($0.code, $0.name) },
                            blank: "(customers choose)"))
                html += "<div class=\"actions\">"
                html += Markup.form(
                    action: SiteURL.surveyOpenLink(slug, survey.id).path, csrf: model.csrfToken,
                    submit: survey.openLink == nil ? "Turn on an open link" : "Turn off the open link", className: "inline",
                    html: "<input type=\"hidden\" name=\"action\" value=\"\(survey.openLink == nil ? "create" : "remove")\">")
                html += Markup.form(
                    action: SiteURL.surveyWindow(slug, survey.id).path, csrf: model.csrfToken,
                    submit: model.state == .closed ? "Reopen" : "Close now", className: "inline",
                    html: "<input type=\"hidden\" name=\"action\" value=\"\(model.state == .closed ? "reopen" : "close")\">")
                html += "</div><h2>Import answers</h2>"
                html +=
                    survey.kind == .outcomeStudy
                    ? "<p>CSV with the header <code>respondent,segment,outcome,importance,satisfaction</code> (ratings 1–5 or empty). All or nothing.</p>"
                    : "<p>CSV with the header <code>voter,task</code>, one row per pick, at most five picks per voter. All or nothing.</p>"
                html += Markup.form(
                    action: SiteURL.surveyImport(slug, survey.id).path, csrf: model.csrfToken, submit: "Import",
                    html: Markup.textarea("CSV", name: "csv", value: model.submittedText))
            }
            html += "<h2>\(survey.kind == .outcomeStudy ? "Outcomes" : "Tasks") as customers see them</h2><ol>"
            html +=
                survey.items.map { "<li>\(Markup.text($0.text)) <span class=\"code\">\(Markup.text($0.code))</span></li>" }.joined()
                + "</ol>"
            return .raw(html)
        }
    }
}

/// The results of a study (opportunity scores and landscape) or a vote (ranked tasks, long
/// neck, top tasks).
enum SurveyResultsPage {
    struct Model {
        var workspace: Workspace
        var survey: CustomerSurvey
        var respondents: Int
        var segments: [CustomerModel.Segment]
        /// The segment shown, or nil for all customers.
        var segment: String?
        var scores: [OutcomeStudy.Score] = []
        /// Customers who said an outcome does not apply to them, by outcome code.
        var notApplicable: [String: Int] = [:]
        var tasks: [TopTasks.Result] = []
    }

    struct View: PageView {
        let model: Model
        var title: String { model.survey.name + " – results" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, survey = model.survey
            var html = "<h1>\(Markup.text(survey.name)): results</h1>" + CustomerNavigation.html(slug, current: "")
            html += "<p>" + Markup.link("Back to the \(survey.kind == .outcomeStudy ? "study" : "vote")", .survey(slug, survey.id))
            html +=
                " · Download: "
                + Markup.link(
                    "JSON", .apiSurveyResults(slug, survey.id), query: model.segment.map { SiteURL.query(["segment": $0]) } ?? "") + " "
                + ["csv", "md"].map { format in
                    Markup.link(
                        format.uppercased(), .surveyResults(slug, survey.id),
                        query: model.segment.map { SiteURL.query(["format": format, "segment": $0]) } ?? SiteURL.query(["format": format]))
                }.joined(separator: " ")
            html += "</p>"
            html += survey.kind == .outcomeStudy ? studyResults() : voteResults()
            return .raw(html)
        }

        private func studyResults() -> String {
            let slug = model.workspace.slug, survey = model.survey
            var html = "<nav class=\"filters\" aria-label=\"Segment\">"
            html +=
                (model.segment == nil ? "<strong>All customers</strong>" : Markup.link("All customers", .surveyResults(slug, survey.id)))
            for segment in model.segments {
                html +=
                    " · "
                    + (model.segment == segment.code
                        ? "<strong>\(Markup.text(segment.name))</strong>"
                        : Markup.link(segment.name, .surveyResults(slug, survey.id), query: SiteURL.query(["segment": segment.code])))
            }
            html += "</nav>"
            let scores = model.scores
            html += Markup.cards([
                ("\(model.respondents)", "customers answered"),
                ("\(scores.filter { $0.status == .underserved }.count)", "underserved outcomes"),
                ("\(scores.filter(\.isExtreme).count)", "extreme opportunities"),
                ("\(scores.filter { $0.status == .overserved }.count)", "overserved outcomes"),
            ])
            guard !scores.isEmpty else { return html + "<p>No answers yet.</p>" }
            if model.respondents < ScorecardHTML.fewAnswers {
                // A top-2-box share of a dozen people moves by a whole point with one more
                // answer: say so before anyone ranks outcomes on it.
                html +=
                    "<p class=\"uncertain\" role=\"note\">Fewer than \(ScorecardHTML.fewAnswers) customers answered: these figures are uncertain. One more answer can move an importance or satisfaction score by a point or more, and an outcome across the underserved line.</p>"
            }
            let texts = Dictionary(uniqueKeysWithValues: survey.items.map { ($0.code, $0.text) })
            html +=
                "<div class=\"split\"><section><h2>Opportunity landscape</h2>"
                + Charts.landscape(title: "Importance against satisfaction for \(scores.count) outcomes", scores: scores) + "</section>"
            html +=
                "<section><h2>How to read it</h2><p>Importance and satisfaction are the share of customers answering 4 or 5, times 10. Opportunity = importance + max(importance − satisfaction, 0). Above 10 an outcome is underserved, above 15 extremely so; satisfaction above importance means overserved.</p></section></div>"
            html += "<h2>Outcomes by opportunity</h2>"
            html +=
                "<p>n counts the customers who rated the outcome; those who said it does not apply to them are left out of its scores and counted under “Not applicable”.</p>"
            html += Markup.table(
                header: ["Outcome", "n", "Not applicable", "Importance", "Satisfaction", "Opportunity", "Status"],
                rows: scores.map {
                    [
                        Markup.text(texts[$0.outcome] ?? $0.outcome) + " <span class=\"code\">\(Markup.text($0.outcome))</span>", "\($0.n)",
                        "\(model.notApplicable[$0.outcome] ?? 0)",
                        AnalysisOutput.rounded($0.importance, 1), AnalysisOutput.rounded($0.satisfaction, 1),
                        AnalysisOutput.rounded($0.opportunity, 1),
                        $0.status.rawValue + ($0.isExtreme ? " (extreme)" : ""),
                    ]
                }, className: "opportunities")
            return html
        }

        private func voteResults() -> String {
            let results = model.tasks
            let votes = results.map(\.votes).reduce(0, +)
            let thresholds = model.survey.thresholds
            var html = Markup.cards([
                ("\(model.respondents)", "voters"), ("\(votes)", "votes"),
                ("\(results.filter(\.longNeck).count)", "tasks in the long neck"),
                ("\(results.filter(\.top).count)", "top tasks"),
            ])
            guard votes > 0 else { return html + "<p>No votes yet.</p>" }
            if model.respondents < ScorecardHTML.fewAnswers {
                html +=
                    "<p class=\"uncertain\" role=\"note\">Fewer than \(ScorecardHTML.fewAnswers) customers voted: the ranking is uncertain, and a few more votes can change which tasks are on top.</p>"
            }
            let texts = Dictionary(uniqueKeysWithValues: model.survey.items.map { ($0.code, $0.text) })
            html +=
                "<p>The long neck is the smallest set of tasks that takes \(AnalysisOutput.percent(thresholds.longNeck)) of the votes; the top tasks take \(AnalysisOutput.percent(thresholds.top)). They are where customers' attention is, whatever the organization would like it to be.</p>"
            let shown = results.prefix(30)
            html += "<section><h2>The long neck</h2>"
            html += Charts.bars(
                title: "Share of votes for the \(shown.count) most voted tasks; the long neck is hatched",
                rows: shown.map { (texts[$0.task] ?? $0.task, $0.share * 100, $0.longNeck) },
                format: { AnalysisOutput.rounded($0, 1) + "%" })
            html += "</section><h2>All tasks</h2>"
            html += Markup.table(
                header: ["Rank", "Task", "Votes", "Share", "Cumulative", "Long neck", "Top task"],
                rows: results.map {
                    [
                        "\($0.rank)", Markup.text(texts[$0.task] ?? $0.task), "\($0.votes)", AnalysisOutput.percent($0.share),
                        AnalysisOutput.percent($0.cumulativeShare), $0.longNeck ? "yes" : "", $0.top ? "yes" : "",
                    ]
                }, className: "top-tasks")
            return html
        }
    }
}
