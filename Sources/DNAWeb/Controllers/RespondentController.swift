import DNAApp
import DNACore
import DNAStore
import Foundation
import Hummingbird

/// The public respondent pages: a person's single-use link, and the open anonymous link that
/// hands out such links. No account, no cookie, no JavaScript: the token in the address is
/// the only credential, and it stops working once the answers are handed in.
struct RespondentController {
    let store: Store
    let clock: any AppClock
    var links: AnswerLinkService { AnswerLinkService(store: store) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { _, id in .respond(id) })) { request, context in
            let token = try context.parameter("id")
            return try await withSession(token, request) { session, language in
                // Until a first step is saved, a visit may be an invited person opening their link.
                if session.answers == nil { try await links.markOpened(token: token, now: clock.now()) }
                let step = request.uri.queryParameters.get("step").flatMap(Int.init) ?? resumeStep(session)
                return try await render(
                    session, token: token, step: step, answers: session.answers ?? blank(session), error: nil, language: language)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { _, id in .respond(id) })) { request, context in
            let token = try context.parameter("id")
            let form = try await FormBody.read(request, limit: .publicForm)
            return try await withSession(token, request) { session, language in
                try await save(form, session: session, token: token, language: language)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.pattern { _, id in .openLink(id) })) { request, context in
            let now = clock.now()
            let language = PageLanguage.resolve(request)
            if let refused = try await PublicLinks.limitVisit(links, kind: "open-link", context: context, now: now, language) {
                return refused
            }
            guard let token = try await links.startAssessment(openLink: try context.parameter("id"), now: now) else {
                return PublicLinks.notValid(language)
            }
            return Response.redirect(to: PublicLinks.keepAsked(request, in: SiteURL.respond(token).path), type: .normal)
        }
    }

    /// Loads the session and answers for the states in which no questions can be shown. The
    /// page's language falls back to the instrument's default.
    private func withSession(
        _ token: String, _ request: Request, _ body: (RespondentSession, PageLanguage) async throws -> Response
    ) async throws -> Response {
        guard let session = try await links.respondentSession(token: token) else {
            return PublicLinks.notValid(PageLanguage.resolve(request))
        }
        let language = PageLanguage.resolve(request, default: session.instrument.defaultLanguage)
        if let closed = PublicLinks.closedWindow(session.campaign.state(at: clock.now()), opensAt: session.campaign.opensAt, language) {
            return closed
        }
        return try await body(session, language)
    }

    private func blank(_ session: RespondentSession) -> RespondentAnswers {
        RespondentAnswers(
            unitID: session.issuedUnitID, roleID: nil,
            likert: [Int8](repeating: AssessmentResponses.missing, count: session.instrument.likertItems.count), outcome: nil, texts: [:])
    }

    /// Where a returning respondent continues: the first step with an unanswered likert item.
    private func resumeStep(_ session: RespondentSession) -> Int {
        guard let answers = session.answers else { return 0 }
        let instrument = session.instrument
        let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
        let total = RespondentPage.stepCount(instrument)
        for step in 1..<total {
            let open = RespondentPage.items(step: step, of: instrument).contains { item in
                likertIndex[item.id].map { answers.likert[$0] == AssessmentResponses.missing } ?? false
            }
            if open { return step }
        }
        return total - 1
    }

    private func render(
        _ session: RespondentSession, token: String, step: Int, answers: RespondentAnswers, error: String?, language: PageLanguage,
        confirmBlank: Bool = false
    ) async throws
        -> Response
    {
        let choices = try await links.respondentChoices(session)
        let model = RespondentPage.Model(
            session: session, token: token, step: max(0, min(step, RespondentPage.stepCount(session.instrument) - 1)), answers: answers,
            units: choices.units, roles: choices.roles, outcomes: choices.outcomes, outcomeTranslations: choices.outcomeTranslations,
            error: error, face: choices.face, groupSize: choices.groupSize, language: language, confirmBlank: confirmBlank)
        return RespondentPage.View(model: model).response(status: error == nil ? .ok : .badRequest, identity: nil)
    }

    private func save(_ form: FormBody, session: RespondentSession, token: String, language: PageLanguage) async throws -> Response {
        let instrument = session.instrument
        let total = RespondentPage.stepCount(instrument)
        let step = max(0, min(form["step"].flatMap(Int.init) ?? 0, total - 1))
        var answers = session.answers ?? blank(session)
        if step == 0 {
            if session.issuedUnitID == nil { answers.unitID = form.text("unit") }
            answers.roleID = form.text("role")
        } else {
            merge(form, step: step, instrument: instrument, into: &answers)
        }
        let action = form["action"] ?? "next"
        if step == 0, session.issuedUnitID == nil, answers.unitID == nil, action != "back" {
            return try await render(
                session, token: token, step: 0, answers: answers, error: RespondentPhrase.chooseUnitToContinue.text(in: language.code),
                language: language)
        }
        // Handing in nothing at all is asked about once: the answers so far are kept and the
        // last step comes back with the question.
        let handsInNothing = action == "submit" && form["confirm_blank"] != "yes" && AnswerLinkService.isBlank(answers)
        do {
            try await links.saveRespondentAnswers(
                token: token, answers: answers, submit: action == "submit" && !handsInNothing, now: clock.now())
        } catch StoreError.invalid(let message) {
            return try await render(session, token: token, step: step, answers: answers, error: message, language: language)
        } catch StoreError.conflict {
            return PublicLinks.notSaved(language)
        }
        if handsInNothing {
            return try await render(session, token: token, step: step, answers: answers, error: nil, language: language, confirmBlank: true)
        }
        let groupSize = action == "submit" ? try await links.groupSize(workspaceID: session.campaign.workspaceID) : 0
        return PublicLinks.afterSave(
            action: action, link: SiteURL.respond(token).path, step: step, steps: total,
            thanks: RespondentPhrase.thanks.text(in: language.code, ["k": "\(groupSize)"]), language)
    }

    /// Takes the answers to one step's items from the form; an item left blank is cleared.
    private func merge(_ form: FormBody, step: Int, instrument: Instrument, into answers: inout RespondentAnswers) {
        let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
        for item in RespondentPage.items(step: step, of: instrument) {
            let name = "i-\(item.id)"
            let value = form[name]?.trimmingSpaces() ?? ""
            switch item.type {
            case .likert:
                let code: Int8 =
                    switch value {
                    case "1", "2", "3", "4", "5": Int8(value)!
                    case "dk": AssessmentResponses.dontKnow
                    default: AssessmentResponses.missing
                    }
                answers.likert[likertIndex[item.id]!] = code
            case .outcome:
                answers.outcome = value.isEmpty || AssessmentResponseReader.notNamed.contains(value.lowercased()) ? nil : value
            case .text:
                answers.texts[item.id] = value.isEmpty ? nil : String(value.prefix(4000))
            case .choice:
                answers.texts[item.id] = item.options.contains(value) ? value : nil
            case .multi:
                let picks = form.all(name).filter { item.options.contains($0) }
                answers.texts[item.id] = picks.isEmpty ? nil : picks.joined(separator: ";")
            }
        }
    }
}
