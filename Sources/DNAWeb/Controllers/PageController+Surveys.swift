import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// Outcome studies and top-tasks votes: create, links, open link, window, import, results.
extension PageController {
    func addSurveyRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .surveys(w) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                SurveysPage.View(model: try await surveysPage(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .surveys(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, access, identity in
                let form = try await postedForm(request, context, identity)
                do {
                    guard let kind = CustomerSurvey.Kind(rawValue: form["kind"] ?? "") else {
                        throw FieldProblem("kind", "choose a study or a vote")
                    }
                    let (opens, closes) = try Self.window(from: form)
                    let share = { (name: String, fallback: Double) in form.text(name).flatMap(Double.init).map { $0 / 100 } ?? fallback }
                    let survey = try await SurveyService(store: store).createSurvey(
                        context.caller, workspace: workspace.slug, kind: kind, name: form.text("name") ?? "", opensAt: opens,
                        closesAt: closes,
                        itemCodes: kind == .outcomeStudy ? form.all("outcomes") : [],
                        thresholds: TopTasks.Thresholds(longNeck: share("long_neck", 0.25), top: share("top", 0.5)),
                        publicTitle: form.text("public_title") ?? "", now: clock.now())
                    return Response.redirect(to: SiteURL.survey(workspace.slug, survey.id).path, type: .found)
                } catch {
                    guard let refusal = Refusal(error) else { throw error }
                    var model = try await surveysPage(workspace, access, identity)
                    model.error = refusal.message
                    return SurveysPage.View(model: model).refused(
                        form, postedTo: request, identity: identity, fieldErrors: refusal.fieldErrors)
                }
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .survey(w, id) })) { request, context in
            try await page(request, context) { workspace, access, identity in
                SurveyPage.View(model: try await surveyPage(request, context)(workspace, access, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyLinks(w, id) })) { request, context in
            var links: [String] = []
            return try await postAction(
                request, context,
                load: { workspace, access, identity in
                    var model = try await surveyPage(request, context)(workspace, access, identity)
                    model.newLinks = links
                    return model
                }, view: SurveyPage.View.init
            ) { form, workspace in
                links = try await LinkService(store: store).customerLinks(
                    context.caller, workspace: workspace.slug, survey: try context.parameter("id"), segment: form.text("segment"),
                    count: form["count"].flatMap(Int.init) ?? 0, now: clock.now())
                return "Made \(links.count) links."
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyInvite(w, id) })) { request, context in
            try await postAction(request, context, load: surveyPage(request, context), view: SurveyPage.View.init) { form, workspace in
                let count = try await customerInvitations().invite(
                    context.caller, workspace: workspace.slug, survey: try context.parameter("id"), file: "addresses.csv",
                    text: form["addresses"] ?? "", contact: context.identity?.user.email ?? "", now: clock.now())
                return AdminText.plural(
                    count, one: "Invited 1 customer; the mails are in the outbox.",
                    other: "Invited \(count) customers; the mails are in the outbox.")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyRemind(w, id) })) { request, context in
            try await postAction(request, context, load: surveyPage(request, context), view: SurveyPage.View.init) { _, workspace in
                let count = try await customerInvitations().remind(
                    context.caller, workspace: workspace.slug, survey: try context.parameter("id"),
                    contact: context.identity?.user.email ?? "", now: clock.now())
                return AdminText.plural(
                    count, one: "Reminded 1 customer who has not answered.", other: "Reminded \(count) customers who have not answered.")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyOpenLink(w, id) })) { request, context in
            try await surveyAction(request, context) { form, workspace, survey in
                try await SurveyService(store: store).setOpenLink(
                    context.caller, workspace: workspace.slug, survey: survey.id, on: form["action"] != "remove")
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyWindow(w, id) })) { request, context in
            try await surveyAction(request, context) { form, workspace, survey in
                _ = try await SurveyService(store: store).setOpen(
                    context.caller, workspace: workspace.slug, survey: survey.id, open: form["action"] == "reopen", now: clock.now())
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyImport(w, id) })) { request, context in
            try await postAction(request, context, load: surveyPage(request, context), view: SurveyPage.View.init) { form, workspace in
                let count = try await SurveyService(store: store).importAnswers(
                    context.caller, workspace: workspace.slug, survey: try context.parameter("id"), file: "answers.csv",
                    bytes: Array((form["csv"] ?? "").utf8),
                    now: clock.now())
                return "Imported the answers of \(count) customers."
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, id in .surveyResults(w, id) })) { request, context in
            try await page(request, context) { workspace, _, identity in
                let survey = try await SurveyService(store: store).survey(
                    context.caller, workspace: workspace.slug, id: try context.parameter("id")
                ).survey
                if request.uri.queryParameters.get("format") == "json" {
                    // Results have one JSON address, the API's; this one only points there.
                    let segment = request.uri.queryParameters.get("segment").map { SiteURL.query(["segment": String($0)]) } ?? ""
                    return Response.redirect(to: SiteURL.apiSurveyResults(workspace.slug, survey.id).path + segment, type: .permanent)
                }
                let results = try await SurveyService(store: store).results(
                    context.caller, workspace: workspace.slug, survey: survey.id,
                    segment: request.uri.queryParameters.get("segment").map { String($0) })
                if let formatName = request.uri.queryParameters.get("format") {
                    guard let format = OutputFormat(rawValue: String(formatName)) else {
                        throw WebError.badRequest("format must be json, csv or md")
                    }
                    return Self.download(results.render(format), format: format, name: "\(survey.kind.rawValue)-\(survey.id)")
                }
                let model = SurveyResultsPage.Model(
                    workspace: workspace, survey: survey, respondents: results.respondents,
                    segments: try await CustomerModelService(store: store).model(context.caller, workspace: workspace.slug).segments,
                    segment: results.segment,
                    scores: results.scores,
                    notApplicable: Dictionary(results.notApplicable.map { ($0.outcome, $0.count) }, uniquingKeysWith: +),
                    tasks: results.tasks,
                    found: results.segment == nil
                        ? try await SurveyService(store: store).foundSegments(context.caller, workspace: workspace.slug, survey: survey.id)
                        : nil)
                return SurveyResultsPage.View(model: model).response(identity: identity)
            }
        }
    }

    func surveysPage(_ workspace: Workspace, _ access: Access, _ identity: Identity) async throws -> SurveysPage.Model {
        let now = clock.now()
        let rows = try await SurveyService(store: store).surveys(identity.pageCaller, workspace: workspace.slug).map {
            SurveysPage.Row(survey: $0.survey, state: $0.survey.state(at: now), progress: $0.progress)
        }
        return SurveysPage.Model(
            workspace: workspace, rows: rows,
            model: try await CustomerModelService(store: store).model(identity.pageCaller, workspace: workspace.slug),
            canEdit: access >= .analyst,
            csrfToken: identity.csrfToken, today: Day.string(clock.now()))
    }

    func surveyPage(_ request: Request, _ context: AppContext) -> (Workspace, Access, Identity) async throws -> SurveyPage.Model {
        { workspace, access, identity in
            let (survey, progress) = try await SurveyService(store: store).survey(
                context.caller, workspace: workspace.slug, id: try context.parameter("id"))
            var mail: SurveyPage.InvitationMail?
            if access >= .analyst {
                mail = SurveyPage.InvitationMail(
                    statuses: try await store.invitations.surveyInvitationStatuses(workspaceID: workspace.id, surveyID: survey.id),
                    mails: try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "survey-invitation:" + survey.id)
                        + store.mailOutbox.mails(workspaceID: workspace.id, purpose: "survey-reminder:" + survey.id),
                    canInvite: linkKey != nil, sendsMail: sendsMail)
            }
            return SurveyPage.Model(
                workspace: workspace, survey: survey, state: survey.state(at: clock.now()), progress: progress,
                segments: try await CustomerModelService(store: store).model(context.caller, workspace: workspace.slug).segments,
                canEdit: access >= .analyst,
                csrfToken: identity.csrfToken,
                baseURL: publicURL, mail: mail, canDelete: access == .admin)
        }
    }

    /// Customer invitations need the link key; without one the page says how to set it.
    private func customerInvitations() throws -> CustomerInvitationService {
        guard let linkKey else { throw StoreError.invalid("this server has no link key; set CDNA_LINK_KEY to invite by e-mail") }
        return CustomerInvitationService(store: store, linkKey: linkKey, publicURL: publicURL)
    }

    private func surveyAction(
        _ request: Request, _ context: AppContext, _ action: (FormBody, Workspace, CustomerSurvey) async throws -> Void
    ) async throws -> Response {
        try await page(request, context, minimum: .analyst) { workspace, _, identity in
            let form = try await postedForm(request, context, identity)
            let survey = try await SurveyService(store: store).survey(
                context.caller, workspace: workspace.slug, id: try context.parameter("id")
            ).survey
            try await action(form, workspace, survey)
            return Response.redirect(to: SiteURL.survey(workspace.slug, survey.id).path, type: .found)
        }
    }

    static func download(_ body: String, format: OutputFormat, name: String) -> Response {
        let type =
            switch format {
            case .json: "application/json"
            case .csv: "text/csv; charset=utf-8"
            case .md: "text/markdown; charset=utf-8"
            }
        return attachment(body, contentType: type, filename: "\(name).\(format.rawValue)")
    }
}

extension SurveyPage.Model: ActionPageModel {}
