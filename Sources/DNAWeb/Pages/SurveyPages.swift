import DNAApp
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
        var title: AdminText { "Customer studies and votes" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(title: "Customer studies and votes", navigation: CustomerNavigation(slug: slug, current: "Studies & votes"))
            El("p") {
                "An "
                El("strong") { "outcome study" }
                " asks customers how important each desired outcome is and how satisfied they are with it today; the gap is the opportunity. A "
                El("strong") { "top-tasks vote" }
                " asks them to pick, from the whole list, the five tasks that matter most."
            }
            Notice(message: model.error.map { "Not created: \($0)" })
            if model.rows.isEmpty {
                EmptyState(
                    what: "No studies or votes yet.",
                    start: "Create one below: an outcome study of the model's desired outcomes, or a vote over its top-tasks list.",
                    readOnly: "An analyst or admin creates studies and votes here.", canEdit: model.canEdit)
            } else {
                DataTable(
                    columns: ["Name", "Kind", "State", "Window", "Handed in"],
                    rows: model.rows.map { row in
                        [
                            PageLink(row.survey.name, .survey(slug, row.survey.id)), AdminText(wording: row.survey.kind.title),
                            row.state.wording,
                            Window.text(opens: row.survey.opensAt, closes: row.survey.closesAt),
                            "\(row.progress.submitted)",
                        ]
                    })
            }
            if model.canEdit {
                El("h2") { "New study or vote" }
                PostForm(action: SiteURL.surveys(model.workspace.slug).path, csrf: model.csrfToken, submit: "Create") {
                    newSurveyControls()
                }
            }
        }

        /// Built inside `PostForm`, so a refused form gets back its kind, text and outcomes.
        @HTMLBuilder private func newSurveyControls() -> ComponentGroup {
            let chosenKind = Refused.typed("kind") ?? CustomerSurvey.Kind.outcomeStudy.rawValue
            let chosenOutcomes = Set(Refused.typedAll("outcomes"))
            Field.group("Kind") {
                for kind in CustomerSurvey.Kind.allCases {
                    Field.choice(
                        AdminText(wording: kind.title), name: "kind", value: kind.rawValue, id: "kind-" + kind.rawValue, type: "radio",
                        checked: kind.rawValue == chosenKind)
                }
            }
            Field.input("Name (for colleagues)", name: "name", required: true, .placeholder("Claims outcome study"))
            Field.input(
                "Title customers see (optional; the name is never shown to them)", name: "public_title",
                Attr("maxlength", "\(CustomerSurvey.publicTitleLimit)"),
                .placeholder(AdminText(wording: CustomerSurvey.Kind.outcomeStudy.defaultPublicTitle)))
            Field.input("Opens on", name: "opens", type: "date", value: model.today, required: true)
            Field.input("Closes after (optional)", name: "closes", type: "date")
            Field.group("Outcomes to study (outcome study only)") {
                for outcome in model.model.outcomes {
                    Field.choice(
                        AdminText(verbatim: outcome.sentence), name: "outcomes", value: outcome.code, id: "outcome-" + outcome.code,
                        checked: chosenOutcomes.contains(outcome.code))
                }
                if model.model.outcomes.isEmpty { El("p") { "Add desired outcomes to the customer model first." } }
            }
            Field.group("Top-tasks vote") {
                El("p") {
                    "Voters see the whole list of \(model.model.tasks.count) tasks, shuffled for each voter, and pick up to \(TopTasks.maximumPicks)."
                }
                Field.input(
                    "Long neck: tasks taking the first … % of votes", name: "long_neck", type: "number", value: "25", .min("1"), .max("100")
                )
                Field.input(
                    "Top tasks: tasks taking the first … % of votes", name: "top", type: "number", value: "50", .min("1"), .max("100"))
            }
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
        var newLinks: [String] = []
        var baseURL: String
        /// For an analyst: the survey's invitations by e-mail and their mail.
        var mail: InvitationMail?
        /// For an admin: the link to delete the survey.
        var canDelete = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: model.survey.name) }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, survey = model.survey
            PageHeader(title: survey.name, navigation: CustomerNavigation(slug: slug, current: ""))
            El("p") {
                "Customers see it as "
                El("strong") { survey.titleForCustomers }
                "."
            }
            El("p") {
                survey.kind == .outcomeStudy
                    ? "\(AdminText(wording: survey.kind.title)) · \(model.state.wording) · \(Window.text(opens: survey.opensAt, closes: survey.closesAt)) · \(survey.items.count) outcomes"
                    : "\(AdminText(wording: survey.kind.title)) · \(model.state.wording) · \(Window.text(opens: survey.opensAt, closes: survey.closesAt)) · \(survey.items.count) tasks"
            }
            Notice(message: model.notice, problems: model.problems)
            if !model.newLinks.isEmpty {
                IssuedLinks(
                    urls: model.newLinks.map { model.baseURL + SiteURL.customerSurvey($0).path },
                    heading: "\(model.newLinks.count) new single-use links")
            }
            El("p") { PageLink("See the results", .surveyResults(slug, survey.id), className: "button") }
            StatCards([
                ("\(model.progress.submitted)", "handed in"), ("\(model.progress.inProgress)", "in progress"),
                ("\(model.progress.linksIssued)", "links issued"),
            ])
            if let secret = survey.openLink {
                El("p") {
                    "Open link (anyone with it gets a fresh single-use link): "
                    El("code") { model.baseURL + SiteURL.customerOpenLink(secret).path }
                }
                OpenLinkQR(path: SiteURL.surveyOpenLinkQR(slug, survey.id).path)
            }
            if let mail = model.mail, model.state != .closed || !mail.statuses.isEmpty { SurveyInvitations(page: model, mail: mail) }
            if model.canEdit { editSections() }
            El("h2") { "\(survey.kind == .outcomeStudy ? "Outcomes" : "Tasks") as customers see them" }
            El("ol") {
                for item in survey.items {
                    El("li") {
                        item.text + " "
                        El("span", .class("code")) { item.code }
                    }
                }
            }
        }

        @HTMLBuilder private func editSections() -> ComponentGroup {
            let slug = model.workspace.slug, survey = model.survey
            El("h2") { "Links for customers" }
            PostForm(action: SiteURL.surveyLinks(slug, survey.id).path, csrf: model.csrfToken, submit: "Make links") {
                Field.input(
                    "How many", name: "count", type: "number", value: "10", required: true, .min("1"),
                    .max("\(CampaignRepository.linksPerRequest)"))
                Field.select(
                    "Segment (optional; otherwise customers say)", name: "segment", options: model.segments.map { ($0.code, $0.name) },
                    blank: "(customers choose)")
            }
            El("div", .class("actions")) {
                PostForm(
                    action: SiteURL.surveyOpenLink(slug, survey.id).path, csrf: model.csrfToken,
                    submit: survey.openLink == nil ? "Turn on an open link" : "Turn off the open link", className: "inline"
                ) {
                    El("input", .type("hidden"), .name("action"), .value(survey.openLink == nil ? "create" : "remove"))
                }
                PostForm(
                    action: SiteURL.surveyWindow(slug, survey.id).path, csrf: model.csrfToken,
                    submit: model.state == .closed ? "Reopen" : "Close now", className: "inline"
                ) {
                    El("input", .type("hidden"), .name("action"), .value(model.state == .closed ? "reopen" : "close"))
                }
            }
            El("h2") { "Import answers" }
            El("p") {
                "CSV with the header "
                if survey.kind == .outcomeStudy {
                    El("code") { "respondent,segment,outcome,importance,satisfaction" }
                    " (ratings 1–5 or empty). All or nothing."
                } else {
                    El("code") { "voter,task" }
                    ", one row per pick, at most five picks per voter. All or nothing."
                }
            }
            PostForm(action: SiteURL.surveyImport(slug, survey.id).path, csrf: model.csrfToken, submit: "Import") {
                Field.textarea("CSV", name: "csv", value: model.submittedText)
            }
            if model.canDelete {
                El("h2") { "Delete" }
                El("p") {
                    PageLink(survey.kind == .outcomeStudy ? "Delete this study…" : "Delete this vote…", .surveyDelete(slug, survey.id))
                    ": its respondents and answers go with it; the next page says how many and asks you to confirm."
                }
            }
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
        /// Segments found in the answers (all customers only).
        var found: SurveyService.FoundSegments?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "\(model.survey.name) – results" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, survey = model.survey
            PageHeader(title: "\(survey.name): results", navigation: CustomerNavigation(slug: slug, current: ""))
            El("p") {
                PageLink(survey.kind == .outcomeStudy ? "Back to the study" : "Back to the vote", .survey(slug, survey.id))
                " · Download: "
                PageLink("JSON", .apiSurveyResults(slug, survey.id), query: model.segment.map { SiteURL.query(["segment": $0]) } ?? "")
                for format in ["csv", "md"] {
                    " "
                    PageLink(
                        AdminText(wording: format.uppercased()), .surveyResults(slug, survey.id),
                        query: model.segment.map { SiteURL.query(["format": format, "segment": $0]) } ?? SiteURL.query(["format": format]))
                }
            }
            if survey.kind == .outcomeStudy { studyResults() } else { voteResults() }
        }

        @HTMLBuilder private func studyResults() -> ComponentGroup {
            let slug = model.workspace.slug, survey = model.survey
            let base = SiteURL.surveyResults(slug, survey.id).path
            SubNavigation(
                label: "Segment",
                links: [("All customers", base, model.segment == nil)]
                    + model.segments.map {
                        (AdminText(verbatim: $0.name), base + SiteURL.query(["segment": $0.code]), $0.code == model.segment)
                    })
            let scores = model.scores
            StatCards([
                ("\(model.respondents)", "customers answered"),
                ("\(scores.filter { $0.status == .underserved }.count)", "underserved outcomes"),
                ("\(scores.filter(\.isExtreme).count)", "extreme opportunities"),
                ("\(scores.filter { $0.status == .overserved }.count)", "overserved outcomes"),
            ])
            if scores.isEmpty {
                El("p") { "No answers yet." }
            } else {
                if model.respondents < ScorecardHTML.fewAnswers {
                    // A top-2-box share of a dozen people moves by a whole point with one more
                    // answer: say so before anyone ranks outcomes on it.
                    El("p", .class("uncertain"), .role("note")) {
                        "Fewer than \(ScorecardHTML.fewAnswers) customers answered: these figures are uncertain. One more answer can move an importance or satisfaction score by a point or more, and an outcome across the underserved line."
                    }
                }
                let texts = Dictionary(uniqueKeysWithValues: survey.items.map { ($0.code, $0.text) })
                El("div", .class("split")) {
                    El("section") {
                        El("h2") { "Opportunity landscape" }
                        ChartFrame(
                            title: "Importance against satisfaction for \(scores.count) outcomes",
                            svg: Charts.landscape(title: "Importance against satisfaction for \(scores.count) outcomes", scores: scores),
                            caption: "Each dot is an outcome, labelled by its code; the table below has the same figures.")
                    }
                    El("section") {
                        El("h2") { "How to read it" }
                        El("p") {
                            "Importance and satisfaction are the share of customers answering 4 or 5, times 10. Opportunity = importance + max(importance − satisfaction, 0). Above 10 an outcome is underserved, above 15 extremely so; satisfaction above importance means overserved."
                        }
                    }
                }
                El("h2") { "Outcomes by opportunity" }
                El("p") {
                    "n counts the customers who rated the outcome; those who said it does not apply to them are left out of its scores and counted under “Not applicable”."
                }
                DataTable(
                    columns: ["Outcome", "n", "Not applicable", "Importance", "Satisfaction", "Opportunity", "Status"],
                    rows: scores.map { score in
                        [
                            Group {
                                (texts[score.outcome] ?? score.outcome) + " "
                                El("span", .class("code")) { score.outcome }
                            },
                            "\(score.n)", "\(model.notApplicable[score.outcome] ?? 0)", AnalysisOutput.rounded(score.importance, 1),
                            AnalysisOutput.rounded(score.satisfaction, 1), AnalysisOutput.rounded(score.opportunity, 1),
                            score.isExtreme ? ("\(score.status.wording) (extreme)" as AdminText) : score.status.wording,
                        ]
                    }, className: "opportunities")
                if let found = model.found, model.segment == nil {
                    FoundSegmentsSection(
                        found: found, outcomeText: texts,
                        segmentNames: Dictionary(model.segments.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
                }
            }
        }

        @HTMLBuilder private func voteResults() -> ComponentGroup {
            let results = model.tasks
            let votes = results.map(\.votes).reduce(0, +)
            let thresholds = model.survey.thresholds
            StatCards([
                ("\(model.respondents)", "voters"), ("\(votes)", "votes"),
                ("\(results.filter(\.longNeck).count)", "tasks in the long neck"),
                ("\(results.filter(\.top).count)", "top tasks"),
            ])
            if votes == 0 {
                El("p") { "No votes yet." }
            } else {
                if model.respondents < ScorecardHTML.fewAnswers {
                    El("p", .class("uncertain"), .role("note")) {
                        "Fewer than \(ScorecardHTML.fewAnswers) customers voted: the ranking is uncertain, and a few more votes can change which tasks are on top."
                    }
                }
                let texts = Dictionary(uniqueKeysWithValues: model.survey.items.map { ($0.code, $0.text) })
                El("p") {
                    "The long neck is the smallest set of tasks that takes \(AnalysisOutput.percent(thresholds.longNeck)) of the votes; the top tasks take \(AnalysisOutput.percent(thresholds.top)). They are where customers' attention is, whatever the organization would like it to be."
                }
                let shown = results.prefix(30)
                El("section") {
                    El("h2") { "The long neck" }
                    ChartFrame(
                        title: "Share of votes for the \(shown.count) most voted tasks",
                        svg: Charts.bars(
                            title: "Share of votes for the \(shown.count) most voted tasks; the long neck is hatched",
                            rows: shown.map { (texts[$0.task] ?? $0.task, $0.share * 100, $0.longNeck) },
                            format: { AnalysisOutput.rounded($0, 1) + "%" }),
                        caption: "Hatched bars: the long neck. The table below lists every task.")
                }
                El("h2") { "All tasks" }
                DataTable(
                    columns: ["Rank", "Task", "Votes", "Share", "Cumulative", "Long neck", "Top task"],
                    rows: results.map {
                        [
                            "\($0.rank)", texts[$0.task] ?? $0.task, "\($0.votes)", AnalysisOutput.percent($0.share),
                            AnalysisOutput.percent($0.cumulativeShare), $0.longNeck ? "yes" : "", $0.top ? "yes" : "",
                        ]
                    }, className: "top-tasks")
            }
        }
    }
}
