import DNACore
import DNAStore
import Foundation
import Plot

/// Dates as the pages show and read them.
typealias Day = CalendarDay

/// The list of assessment campaigns and the form that starts a new one.
enum CampaignsPage {
    struct Row {
        var campaign: Campaign
        var state: Campaign.State
        var progress: CampaignProgress
    }

    struct Model {
        var workspace: Workspace
        var rows: [Row]
        var units: [OrgUnit]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var error: String?
        var problems: [FileProblem] = []
        var submittedYAML = ""
        /// What a refused form held, by field name, so nothing typed is lost.
        var submitted: [String: String] = [:]
    }

    struct View: PageView {
        let model: Model
        var title: String { "Assessments" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            .group(
                .h1("Assessments"),
                .p(
                    .plain(
                        "Each campaign is one wave of the Customer DNA assessment (or your own instrument) sent to chosen units. Results appear once at least \(model.workspace.minGroupSize) people have answered."
                    )),
                .unwrap(model.error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .plain($0)) },
                .if(!model.problems.isEmpty, .ul(.class("error"), .forEach(model.problems) { .li(.plain($0.description)) })),
                model.rows.isEmpty
                    ? .p(.plain("No campaigns yet."))
                    : .table(
                        .class("stacked"),
                        .thead(.tr(.th("Campaign"), .th("State"), .th("Window"), .th("Answered"), .th("Response rate"))),
                        .tbody(
                            .forEach(model.rows) { row in
                                .tr(
                                    .td(
                                        .dataLabel("Campaign"),
                                        .a(.href(SiteURL.campaign(model.workspace.slug, row.campaign.id).path), .plain(row.campaign.name))),
                                    .td(.dataLabel("State"), .plain(row.state.rawValue)),
                                    .td(
                                        .dataLabel("Window"),
                                        .plain(
                                            Day.string(row.campaign.opensAt) + " – "
                                                + (row.campaign.closesAt.map(Day.string) ?? "open-ended"))),
                                    .td(.dataLabel("Answered"), .plain("\(row.progress.submitted)")),
                                    .td(.dataLabel("Response rate"), .plain(AnalysisOutput.percent(row.progress.rate))))
                            })),
                .if(model.canEdit, newCampaignForm())
            )
        }

        private func newCampaignForm() -> Node<HTML.BodyContext> {
            let e = Charts.escape
            var html =
                "<h2>New campaign</h2><form class=\"stack\" action=\"\(SiteURL.campaigns(model.workspace.slug).path)\" method=\"post\">"
            html += HTMLForm.csrf(model.csrfToken)
            let typed = model.submitted
            html +=
                "<label for=\"name\">Name</label><input id=\"name\" name=\"name\" type=\"text\" required placeholder=\"Spring pulse\" value=\"\(e(typed["name"] ?? ""))\">"
            html += "<label for=\"instrument\">Instrument</label><select id=\"instrument\" name=\"instrument\">"
            for entry in BuiltInInstruments.all {
                let selected = typed["instrument"] == entry.instrument.id ? " selected" : ""
                html +=
                    "<option value=\"\(e(entry.instrument.id))\"\(selected)>\(e(entry.instrument.title)) (\(entry.instrument.items.count) questions)</option>"
            }
            html += "</select>"
            html +=
                "<label for=\"opens\">Opens on</label><input id=\"opens\" name=\"opens\" type=\"date\" required value=\"\(e(typed["opens"] ?? model.today))\">"
            html +=
                "<label for=\"closes\">Closes after (optional)</label><input id=\"closes\" name=\"closes\" type=\"date\" value=\"\(e(typed["closes"] ?? ""))\">"
            html += "<fieldset><legend>Population: how many people in each unit receive it (0 leaves a unit out)</legend>"
            for unit in model.units {
                html +=
                    "<div class=\"row\"><label for=\"invited-\(e(unit.code))\">\(e(unit.name))</label><input id=\"invited-\(e(unit.code))\" name=\"invited-\(e(unit.id))\" type=\"number\" min=\"0\" value=\"\(e(typed["invited-" + unit.id] ?? "0"))\"></div>"
            }
            html += "</fieldset><button type=\"submit\">Create campaign</button></form>"
            return .raw(html)
        }
    }
}

/// One campaign: its window, response rate by unit, respondent links, imports, results.
enum CampaignPage {
    struct Model {
        var workspace: Workspace
        var campaign: Campaign
        var state: Campaign.State
        var progress: CampaignProgress
        var units: [OrgUnit]
        var population: [String]
        var instrument: Instrument
        var canEdit: Bool
        var csrfToken: String?
        var notice: String?
        var problems: [FileProblem] = []
        var submittedCSV = ""
        /// Single-use links made by the last request; shown once.
        var newLinks: [String] = []
        var newLinksUnit: String?
        var baseURL: String
    }

    struct View: PageView {
        let model: Model
        var title: String { model.campaign.name }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, id = model.campaign.id
            return .group(
                .h1(.plain(model.campaign.name)),
                .p(
                    .plain(
                        "\(model.instrument.title) · \(model.state.rawValue) · \(Day.string(model.campaign.opensAt)) – \(model.campaign.closesAt.map(Day.string) ?? "open-ended")"
                    )),
                .unwrap(model.notice) {
                    .p(.class(model.problems.isEmpty ? "notice" : "error"), .attribute(named: "role", value: "status"), .plain($0))
                },
                .if(!model.problems.isEmpty, .ul(.class("error"), .forEach(model.problems) { .li(.plain($0.description)) })),
                .if(!model.newLinks.isEmpty, newLinksSection()),
                .p(.a(.class("button"), .href(SiteURL.campaignResults(slug, id).path), .plain("See the results"))),
                .h2("Response rate"),
                .p(
                    .plain(
                        "\(model.progress.submitted) handed in of \(model.progress.invited) invited (\(AnalysisOutput.percent(model.progress.rate))); \(model.progress.inProgress) in progress. Units with fewer than \(model.workspace.minGroupSize) invited show no count."
                    )),
                .table(
                    .class("progress"),
                    .thead(.tr(.th("Unit"), .th("Invited"), .th("Handed in"), .th("Rate"))),
                    .tbody(
                        .forEach(model.progress.units) { unit in
                            .tr(
                                .td(.plain(unit.unitName)), .td(.plain("\(unit.invited)")),
                                .td(.plain(unit.submitted.map { "\($0)" } ?? "hidden")), .td(.plain(AnalysisOutput.percent(unit.rate))))
                        })),
                .if(model.canEdit, editSections())
            )
        }

        private func newLinksSection() -> Node<HTML.BodyContext> {
            let dataURL = Markup.linksCSVHref(model.newLinks.map { model.baseURL + SiteURL.respond($0).path })
            return .section(
                .class("notice"), .attribute(named: "aria-labelledby", value: "new-links"),
                .attribute(named: "data-unsaved-links", value: "true"),
                .h2(.id("new-links"), .plain("\(model.newLinks.count) new links for \(model.newLinksUnit ?? "the unit")")),
                .p(
                    .plain(
                        "Give one link to each person. Each works once and is stored only as a fingerprint, so it cannot be shown again: download or copy the list now."
                    )),
                .p(.a(.escaped("href", dataURL), .attribute(named: "download", value: "links.csv"), .plain("Download the links as CSV"))),
                .ol(.class("links"), .forEach(model.newLinks) { token in .li(.code(.plain(model.baseURL + SiteURL.respond(token).path))) }),
                .raw(UnsavedLinksScript.tag)
            )
        }

        private func editSections() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, id = model.campaign.id
            // One form per unit, its count set to the number invited there: the usual request
            // is one link for each person invited, and the page can say so without a script.
            let invited = Dictionary(model.progress.units.map { ($0.unitCode, $0.invited) }, uniquingKeysWith: { first, _ in first })
            let rows = model.units.filter { model.population.contains($0.id) }.map { unit -> [String] in
                let count = min(max(invited[unit.code] ?? 1, 1), CampaignRepository.linksPerRequest)
                let field = "links-count-" + unit.code
                let form =
                    "<form class=\"inline-links\" action=\"\(SiteURL.campaignLinks(slug, id).path)\" method=\"post\">\(HTMLForm.csrf(model.csrfToken))<input type=\"hidden\" name=\"unit\" value=\"\(Charts.escape(unit.code))\"><input id=\"\(Charts.escape(field))\" aria-label=\"Links for \(Charts.escape(unit.name))\" name=\"count\" type=\"number\" min=\"1\" max=\"\(CampaignRepository.linksPerRequest)\" value=\"\(count)\"><button type=\"submit\">Make links</button></form>"
                return [Charts.escape(unit.name), invited[unit.code].map { "\($0)" } ?? "", form]
            }
            return .group(
                .h2("Respondent links"),
                .p(
                    .plain(
                        "One single-use link for each person invited; each unit's count starts at the number invited there. Links already handed out keep working."
                    )),
                .raw(Markup.table(header: ["Unit", "Invited", "Single-use links"], rows: rows, className: "links-by-unit")),
                .h3("Open anonymous link"),
                .unwrap(model.campaign.openLink) { secret in
                    .p(
                        .plain("Anyone with this link can answer once per visit: "),
                        .code(.plain(model.baseURL + SiteURL.openLink(secret).path)))
                },
                .form(
                    .action(SiteURL.campaignOpenLink(slug, id).path), .method(.post), HTMLForm.csrfNode(model.csrfToken),
                    .input(.type(.hidden), .name("action"), .escaped("value", model.campaign.openLink == nil ? "create" : "remove")),
                    .button(.type(.submit), .plain(model.campaign.openLink == nil ? "Create an open link" : "Remove the open link"))
                ),
                .h2("Window"),
                .form(
                    .action(SiteURL.campaignWindow(slug, id).path), .method(.post), HTMLForm.csrfNode(model.csrfToken),
                    .input(.type(.hidden), .name("action"), .escaped("value", model.state == .closed ? "reopen" : "close")),
                    .button(.type(.submit), .plain(model.state == .closed ? "Reopen without an end date" : "Close now"))
                ),
                .h2("Import responses"),
                .p(
                    .plain(
                        "Paste a CSV as survey tools export it: respondent,unit,role,<item id>... (values 1-5, dk or empty), or the long form respondent,unit,role,item,value. Units and roles are codes. Nothing is saved if any line is wrong."
                    )),
                .form(
                    .class("stack"), .action(SiteURL.campaignImport(slug, id).path), .method(.post), HTMLForm.csrfNode(model.csrfToken),
                    .label(.for("responses-csv"), .plain("Responses CSV")),
                    .textarea(.id("responses-csv"), .name("csv"), .plain(model.submittedCSV)),
                    .button(.type(.submit), .plain("Import"))
                )
            )
        }
    }
}

/// The results of a campaign: scorecard, radar, layer stack, heatmap, strengths and gaps,
/// line of sight and trend, with downloads of the report.
enum ResultsPage {
    struct Model {
        var workspace: Workspace
        var figures: ScorecardFigures
        var campaignID: String
    }

    struct View: PageView {
        let model: Model
        var title: String { "Results: \(model.figures.scorecard.campaign.name)" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug, id = model.campaignID
            let figures = model.figures
            let base = SiteURL.campaignResults(slug, id).path
            let by = figures.scorecard.breakdown.rawValue
            return .group(
                .h1(.plain("Results: \(figures.scorecard.campaign.name)")),
                .nav(
                    .class("filters"), .attribute(named: "aria-label", value: "Cut the results"),
                    .span("Groups: "),
                    .forEach(AssessmentScoring.Breakdown.allCases) { breakdown in
                        breakdown.rawValue == by
                            ? .strong(.plain(breakdown.rawValue))
                            : .a(
                                .escaped("href", base + SiteURL.query(["by": breakdown.rawValue, "framework": figures.framework.id])),
                                .plain(breakdown.rawValue))
                    },
                    .span(" · Framework: "),
                    .forEach(figures.frameworks) { framework in
                        framework.id == figures.framework.id
                            ? .strong(.plain(framework.name))
                            : .a(.escaped("href", base + SiteURL.query(["by": by, "framework": framework.id])), .plain(framework.name))
                    }
                ),
                .raw(
                    ScorecardHTML.sections(
                        figures, forceLink: { SiteURL.force(slug, $0).path },
                        openLink: { open in
                            guard let open else { return base + SiteURL.query(["by": by, "framework": figures.framework.id]) }
                            return base + SiteURL.query(["by": by, "framework": figures.framework.id, "open": open])
                        })),
                .h2("Download"),
                .ul(
                    .forEach(LeadershipReport.Format.allCases) { format in
                        .li(
                            .a(
                                .escaped(
                                    "href",
                                    SiteURL.campaignReport(slug, id).path
                                        + SiteURL.query(["format": format.rawValue, "by": by, "framework": figures.framework.id])),
                                .plain(label(format))))
                    }),
                .h2("Method"),
                .p(.plain(ScorecardHTML.methodNotes))
            )
        }

        private func label(_ format: LeadershipReport.Format) -> String {
            switch format {
            case .html: "Leadership report (HTML, self-contained)"
            case .md: "Leadership report (Markdown)"
            case .csv: "Scores (CSV)"
            case .json: "Scores (JSON)"
            }
        }
    }
}
