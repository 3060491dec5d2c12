import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The public pages where customers answer an outcome study or vote on top tasks: a
/// single-use link, and an open link that hands out such links. The token in the address is
/// the only credential; it stops working once the answers are sent.
struct CustomerSurveyController {
    let store: Store
    let clock: any AppClock
    var links: AnswerLinkService { AnswerLinkService(store: store) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { _, id in .customerSurvey(id) })) { request, context in
            let token = try context.parameter("id")
            let language = PageLanguage.resolve(request)
            return try await withSession(token, language) { session in
                // Until something is answered, a visit may be a mailed customer opening their link.
                if AnswerLinkService.isBlank(session) { try await links.markSurveyOpened(token: token, now: clock.now()) }
                let step = request.uri.queryParameters.get("step").flatMap(Int.init) ?? resumeStep(session)
                return try await render(session, token: token, step: step, error: nil, language: language)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { _, id in .customerSurvey(id) })) { request, context in
            let token = try context.parameter("id")
            let form = try await FormBody.read(request, limit: .publicForm)
            let language = PageLanguage.resolve(request)
            return try await withSession(token, language) { session in
                try await save(form, session: session, token: token, language: language)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { _, id in .customerOpenLink(id) })) { request, context in
            let now = clock.now()
            let language = PageLanguage.resolve(request)
            if let refused = try await PublicLinks.limitVisit(links, kind: "survey-open-link", context: context, now: now, language) {
                return refused
            }
            guard let token = try await links.startSurvey(openLink: try context.parameter("id"), now: now) else {
                return PublicLinks.notValid(language)
            }
            return Response.redirect(to: PublicLinks.keepAsked(request, in: SiteURL.customerSurvey(token).path), type: .normal)
        }
    }

    private func withSession(
        _ token: String, _ language: PageLanguage, _ body: (SurveySession) async throws -> Response
    ) async throws -> Response {
        let now = clock.now()
        guard let session = try await links.surveySession(token: token, now: now) else { return PublicLinks.notValid(language) }
        if let closed = PublicLinks.closedWindow(session.survey.state(at: now), opensAt: session.survey.opensAt, language) {
            return closed
        }
        return try await body(session)
    }

    /// Where a returning customer continues: the first step with an outcome not fully rated,
    /// once they have rated something or said which segment they are in.
    private func resumeStep(_ session: SurveySession) -> Int {
        let started = !session.ratings.isEmpty || (session.issuedSegment == nil && !session.segment.isEmpty)
        guard session.survey.kind == .outcomeStudy, started else { return 0 }
        let total = CustomerSurveyPage.stepCount(session)
        for step in 1..<total {
            let open = CustomerSurveyPage.items(step: step, of: session).contains { code in
                !(session.ratings[code]?.isComplete ?? false)
            }
            if open { return step }
        }
        return total - 1
    }

    private func render(
        _ session: SurveySession, token: String, step: Int, error: String?, language: PageLanguage, confirmBlank: Bool = false
    ) async throws
        -> Response
    {
        let page = try await links.customerPage(session)
        let model = CustomerSurveyPage.Model(
            session: session, face: page.face, token: token,
            step: max(0, min(step, CustomerSurveyPage.stepCount(session) - 1)), segments: page.segments, error: error,
            language: language, confirmBlank: confirmBlank)
        return CustomerSurveyPage.View(model: model).response(status: error == nil ? .ok : .badRequest, identity: nil)
    }

    private func save(_ form: FormBody, session: SurveySession, token: String, language: PageLanguage) async throws -> Response {
        let total = CustomerSurveyPage.stepCount(session)
        let step = max(0, min(form["step"].flatMap(Int.init) ?? 0, total - 1))
        var session = session
        if session.issuedSegment == nil, let segment = form["segment"], step == 0 { session.segment = segment }
        switch session.survey.kind {
        case .outcomeStudy:
            for code in CustomerSurveyPage.items(step: step, of: session) {
                // A ticked "does not apply to me" wins over any rating left on the same outcome.
                let rating =
                    form["na-\(code)"] == "yes"
                    ? SurveyRating(importance: nil, satisfaction: nil, notApplicable: true)
                    : SurveyRating(
                        importance: form["importance-\(code)"].flatMap(Int.init),
                        satisfaction: form["satisfaction-\(code)"].flatMap(Int.init))
                session.ratings[code] = rating.isEmpty ? nil : rating
            }
        case .topTasks:
            session.picks = Set(form.all("task"))
            if session.picks.count > TopTasks.maximumPicks {
                let error = CustomerPhrase.tooManyPicks.text(
                    in: language.code, ["max": "\(TopTasks.maximumPicks)", "count": "\(session.picks.count)"])
                return try await render(session, token: token, step: step, error: error, language: language)
            }
        }
        let action = form["action"] ?? "next"
        // Sending nothing at all is asked about once; what was chosen so far is kept.
        let sendsNothing = action == "submit" && form["confirm_blank"] != "yes" && AnswerLinkService.isBlank(session)
        do {
            try await links.saveSurveyAnswers(
                token: token, segment: session.segment, ratings: session.ratings, picks: session.picks,
                submit: action == "submit" && !sendsNothing, now: clock.now())
        } catch StoreError.invalid(let message) {
            let error = message.prefix(1).uppercased() + message.dropFirst() + "."
            return try await render(session, token: token, step: step, error: error, language: language)
        } catch StoreError.conflict {
            return PublicLinks.notSaved(language)
        }
        if sendsNothing { return try await render(session, token: token, step: step, error: nil, language: language, confirmBlank: true) }
        return PublicLinks.afterSave(
            action: action, link: SiteURL.customerSurvey(token).path, step: step, steps: total,
            thanks: CustomerPhrase.thanks.text(in: language.code), language)
    }
}
