import DNAApp
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
        var error: AdminText?
        var problems: [FileProblem] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Assessments" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(
                title: "Assessments",
                lead:
                    "Each campaign is one wave of the Customer DNA assessment (or your own instrument) sent to chosen units. Results appear once at least \(model.workspace.minGroupSize) people have answered."
            )
            Notice(message: model.error, problems: model.problems)
            if model.rows.isEmpty {
                EmptyState(
                    what: "No campaigns yet.",
                    start: "Start the first wave below: pick the instrument, the window and how many people in each unit receive it.",
                    readOnly: "An analyst or admin starts assessment waves here.", canEdit: model.canEdit)
            } else {
                DataTable(
                    columns: ["Campaign", "State", "Window", "Answered", "Response rate"],
                    rows: model.rows.map { row in
                        [
                            PageLink(row.campaign.name, .campaign(model.workspace.slug, row.campaign.id)), row.state.wording,
                            Window.text(opens: row.campaign.opensAt, closes: row.campaign.closesAt),
                            "\(row.progress.submitted)", AnalysisOutput.percent(row.progress.rate),
                        ]
                    })
            }
            if model.canEdit { newCampaignForm() }
        }

        @HTMLBuilder private func newCampaignForm() -> ComponentGroup {
            El("h2") { "New campaign" }
            PostForm(action: SiteURL.campaigns(model.workspace.slug).path, csrf: model.csrfToken, submit: "Create campaign") {
                Field.input("Name", name: "name", required: true, .placeholder("Spring pulse"))
                Field.select(
                    "Instrument", name: "instrument",
                    options: BuiltInInstruments.all.map {
                        ($0.instrument.id, "\($0.instrument.title) (\($0.instrument.items.count) questions)" as AdminText)
                    })
                Field.input("Opens on", name: "opens", type: "date", value: model.today, required: true)
                Field.input("Closes after (optional)", name: "closes", type: "date")
                Field.group("Population: how many people in each unit receive it (0 leaves a unit out)") {
                    for unit in model.units {
                        El("div", .class("row")) {
                            Field.input(
                                AdminText(verbatim: unit.name), name: "invited-" + unit.id, id: "invited-" + unit.code, type: "number",
                                value: "0", .min("0"))
                        }
                    }
                }
            }
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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedCSV = ""
        /// Single-use links made by the last request; shown once.
        var newLinks: [String] = []
        var newLinksUnit: String?
        var baseURL: String
        /// For an analyst: the wave's invitations by e-mail and their mail.
        var mail: InvitationMail?
        /// For an admin: the link to delete the wave.
        var canDelete = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: model.campaign.name) }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, id = model.campaign.id
            PageHeader(
                title: model.campaign.name,
                lead:
                    "\(model.instrument.title) · \(model.state.wording) · \(Window.text(opens: model.campaign.opensAt, closes: model.campaign.closesAt))"
            )
            Notice(message: model.notice, problems: model.problems)
            if !model.newLinks.isEmpty {
                IssuedLinks(
                    urls: model.newLinks.map { model.baseURL + SiteURL.respond($0).path },
                    heading: "\(model.newLinks.count) new links for \(model.newLinksUnit ?? "the unit")",
                    advice:
                        "Give one link to each person. Each works once and is stored only as a fingerprint, so it cannot be shown again: download or copy the list now."
                )
            }
            El("p") { PageLink("See the results", .campaignResults(slug, id), className: "button") }
            El("h2") { "Response rate" }
            El("p") {
                "\(model.progress.submitted) handed in of \(model.progress.invited) invited (\(AnalysisOutput.percent(model.progress.rate))); \(model.progress.inProgress) in progress. Units with fewer than \(model.workspace.minGroupSize) invited show no count."
            }
            DataTable(
                columns: ["Unit", "Invited", "Handed in", "Rate"],
                rows: model.progress.units.map { unit in
                    [
                        unit.unitName, "\(unit.invited)", unit.submitted.map { "\($0)" } ?? "hidden",
                        AnalysisOutput.percent(unit.rate),
                    ]
                }, className: "progress")
            // A closed wave nobody was invited to by e-mail has nothing to say here.
            if let mail = model.mail, model.state != .closed || !mail.statuses.isEmpty { CampaignInvitations(page: model, mail: mail) }
            if model.canEdit { editSections() }
        }

        @HTMLBuilder private func editSections() -> ComponentGroup {
            let slug = model.workspace.slug, id = model.campaign.id
            // One form per unit, its count set to the number invited there: the usual request
            // is one link for each person invited, and the page can say so without a script.
            let invited = Dictionary(model.progress.units.map { ($0.unitCode, $0.invited) }, uniquingKeysWith: { first, _ in first })
            El("h2") { "Respondent links" }
            El("p") {
                "One single-use link for each person invited; each unit's count starts at the number invited there. Links already handed out keep working."
            }
            DataTable(
                columns: ["Unit", "Invited", "Single-use links"],
                rows: model.units.filter { model.population.contains($0.id) }.map { unit in
                    let count = min(max(invited[unit.code] ?? 1, 1), CampaignRepository.linksPerRequest)
                    return [
                        unit.name, invited[unit.code].map { "\($0)" } ?? "",
                        PostForm(
                            action: SiteURL.campaignLinks(slug, id).path, csrf: model.csrfToken, submit: "Make links",
                            className: "inline-links"
                        ) {
                            El("input", .type("hidden"), .name("unit"), .value(unit.code))
                            El(
                                "input", .id("links-count-" + unit.code), .label("Links for \(unit.name)"), .name("count"),
                                .type("number"), .min("1"), .max("\(CampaignRepository.linksPerRequest)"), .value("\(count)"))
                        },
                    ]
                }, className: "links-by-unit")
            El("h3") { "Open anonymous link" }
            if let secret = model.campaign.openLink {
                El("p") {
                    "Anyone with this link can answer once per visit: "
                    El("code") { model.baseURL + SiteURL.openLink(secret).path }
                }
                OpenLinkQR(path: SiteURL.campaignOpenLinkQR(slug, id).path)
            }
            PostForm(
                action: SiteURL.campaignOpenLink(slug, id).path, csrf: model.csrfToken,
                submit: model.campaign.openLink == nil ? "Create an open link" : "Remove the open link", className: "inline"
            ) {
                El("input", .type("hidden"), .name("action"), .value(model.campaign.openLink == nil ? "create" : "remove"))
            }
            El("h2") { "Window" }
            PostForm(
                action: SiteURL.campaignWindow(slug, id).path, csrf: model.csrfToken,
                submit: model.state == .closed ? "Reopen without an end date" : "Close now", className: "inline"
            ) {
                El("input", .type("hidden"), .name("action"), .value(model.state == .closed ? "reopen" : "close"))
            }
            El("h2") { "Import responses" }
            El("p") {
                "Paste a CSV as survey tools export it: respondent,unit,role,<item id>... (values 1-5, dk or empty), or the long form respondent,unit,role,item,value. Units and roles are codes. Nothing is saved if any line is wrong."
            }
            PostForm(action: SiteURL.campaignImport(slug, id).path, csrf: model.csrfToken, submit: "Import") {
                Field.textarea("Responses CSV", name: "csv", id: "responses-csv", value: model.submittedCSV)
            }
            if model.canDelete {
                El("h2") { "Delete" }
                El("p") {
                    PageLink("Delete this wave…", .campaignDelete(slug, id))
                    ": its responses and open answers go with it; the next page says how many and asks you to confirm."
                }
            }
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
        var openAnswers: CommentAnalysis.Report
        var drivers: DriverAnalysis.Report?
        /// Actions planned on this wave and those it follows up.
        var actions: [ActionPlanService.Item] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Results: \(model.figures.scorecard.campaign.name)" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, id = model.campaignID
            let figures = model.figures
            let base = SiteURL.campaignResults(slug, id).path
            let by = figures.scorecard.breakdown.rawValue
            El("h1") { "Results: \(figures.scorecard.campaign.name)" }
            El("nav", .class("filters"), .label("Cut the results")) {
                El("span") { "Groups: " }
                for breakdown in AssessmentScoring.Breakdown.allCases {
                    if breakdown.rawValue == by {
                        El("strong") { breakdown.wording }
                    } else {
                        PageLink(
                            breakdown.wording, href: base + SiteURL.query(["by": breakdown.rawValue, "framework": figures.framework.id]))
                    }
                }
                El("span") { " · Framework: " }
                for framework in figures.frameworks {
                    if framework.id == figures.framework.id {
                        El("strong") { framework.name }
                    } else {
                        PageLink(framework.name, href: base + SiteURL.query(["by": by, "framework": framework.id]))
                    }
                }
            }
            ScorecardHTML.sections(
                figures, forceLink: { SiteURL.force(slug, $0).path },
                openLink: { open in
                    guard let open else { return base + SiteURL.query(["by": by, "framework": figures.framework.id]) }
                    return base + SiteURL.query(["by": by, "framework": figures.framework.id, "open": open])
                })
            if figures.overall != nil { KeyDriversSection(report: model.drivers, figures: figures) }
            OpenAnswersSection(report: model.openAnswers, groupColumn: figures.scorecard.breakdown == .role ? "Role" : "Unit")
            if !model.actions.isEmpty { WaveActionsSection(actions: model.actions, figures: figures) }
            El("p") {
                PageLink("Plan an action", .actions(slug))
                " on what these results show; the next wave follows it up."
            }
            El("h2") { "Download" }
            El("ul") {
                for format in LeadershipReport.Format.allCases {
                    El("li") {
                        PageLink(
                            label(format),
                            href: SiteURL.campaignReport(slug, id).path
                                + SiteURL.query(["format": format.rawValue, "by": by, "framework": figures.framework.id]))
                    }
                }
            }
            El("h2") { "Method" }
            El("p") { ScorecardHTML.methodNotes }
        }

        private func label(_ format: LeadershipReport.Format) -> AdminText {
            switch format {
            case .html: "Leadership report (HTML, self-contained)"
            case .pdf: "Leadership report (PDF, with an executive summary)"
            case .md: "Leadership report (Markdown)"
            case .csv: "Scores (CSV)"
            case .json: "Scores (JSON)"
            }
        }
    }
}
