import DNAApp
import DNACore
import DNAStore
import Plot

/// The customer's side of an outcome study or a top-tasks vote. Like the assessment's
/// respondent pages: plain forms without JavaScript, a label for every control, large touch
/// targets, progress as text and bar, answers saved at every step and resumed from the link.
enum CustomerSurveyPage {
    /// Steps of an outcome study: 0 asks the segment, then five outcomes per step. A vote is
    /// one step (0 also asks the segment when the link has none).
    static func stepCount(_ session: SurveySession) -> Int {
        switch session.survey.kind {
        case .outcomeStudy:
            1 + (session.order.count + CustomerSurvey.outcomesPerStep - 1) / CustomerSurvey.outcomesPerStep
        case .topTasks: 1
        }
    }

    static func items(step: Int, of session: SurveySession) -> ArraySlice<String> {
        let start = (step - 1) * CustomerSurvey.outcomesPerStep
        guard step >= 1, start < session.order.count else { return [] }
        return session.order[start..<min(start + CustomerSurvey.outcomesPerStep, session.order.count)]
    }

    struct Model {
        var session: SurveySession
        /// The organization that asks, shown above the title.
        var face: PublicFace
        var token: String
        var step: Int
        var segments: [CustomerModel.Segment]
        var error: String?
        var language: PageLanguage
        /// Sending was asked for with nothing rated or picked: ask once whether that is meant.
        var confirmBlank = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: model.session.survey.titleForCustomers(in: language)) }
        var language: String { model.language.code }
        var accent: String? { model.face.accent }

        func content() -> ComponentGroup {
            let session = model.session, total = CustomerSurveyPage.stepCount(session)
            let path = SiteURL.customerSurvey(model.token).path
            El("div", .class("respond")) {
                LanguageChooser(language: model.language, action: path, step: model.step)
                OrganizationBanner(face: model.face)
                El("h1") { title }
                RespondentPage.StepProgress(step: model.step + 1, of: total, language: language)
                if let error = model.error { El("p", .class("error"), .role("alert")) { error } }
                if model.confirmBlank {
                    El("p", .class("error"), .role("alert"), .id("confirm-blank")) { CustomerPhrase.confirmBlank.text(in: language) }
                }
                El("form", Attr("method", "post"), Attr("action", model.language.keep(in: path))) {
                    El("input", .type("hidden"), .name("step"), .value("\(model.step)"))
                    if model.confirmBlank { El("input", .type("hidden"), .name("confirm_blank"), .value("yes")) }
                    switch session.survey.kind {
                    case .outcomeStudy:
                        if model.step == 0 {
                            El("p") { CustomerPhrase.aboutStudy.text(in: language, ["count": "\(session.order.count)"]) }
                            segmentQuestion()
                        } else {
                            for code in CustomerSurveyPage.items(step: model.step, of: session) { outcomeQuestion(code) }
                        }
                    case .topTasks:
                        segmentQuestion()
                        taskList()
                    }
                    RespondentPage.StepButtons(
                        canGoBack: model.step > 0, isLast: model.step + 1 >= total,
                        send: (model.confirmBlank ? CustomerPhrase.sendBlank : .send).text(in: language), language: language)
                }
            }
        }

        @HTMLBuilder private func segmentQuestion() -> ComponentGroup {
            if model.session.issuedSegment == nil, !model.segments.isEmpty {
                Field.select(
                    AdminText(verbatim: CustomerPhrase.segmentQuestion.text(in: language)), name: "segment",
                    options: model.segments.map { ($0.code, $0.name) },
                    selected: model.session.segment, blank: AdminText(verbatim: PublicPhrase.preferNotToSay.text(in: language)))
            }
        }

        private func outcomeQuestion(_ code: String) -> Component {
            let text = model.session.survey.items.first { $0.code == code }?.text(in: language) ?? code
            let rating = model.session.ratings[code]
            return El("fieldset", .class("question")) {
                El("legend") { text }
                for (part, question, label, current) in [
                    ("importance", CustomerPhrase.importanceQuestion, ScalePhrase.importance, rating?.importance),
                    ("satisfaction", CustomerPhrase.satisfactionQuestion, ScalePhrase.satisfaction, rating?.satisfaction),
                ] {
                    Field.group(AdminText(verbatim: question.text(in: language))) {
                        for point in 1...5 {
                            Field.choice(
                                "\(point) · \(label(point).text(in: language))", name: "\(part)-\(code)", value: "\(point)",
                                id: "\(part)-\(code)-\(point)",
                                type: "radio", checked: current == point)
                        }
                    }
                }
                Field.choice(
                    AdminText(verbatim: CustomerPhrase.notApplicable.text(in: language)), name: "na-\(code)", value: "yes",
                    id: "na-\(code)",
                    checked: rating?.notApplicable == true,
                    className: "choice not-applicable")
            }
        }

        private func taskList() -> Component {
            let texts = Dictionary(uniqueKeysWithValues: model.session.survey.items.map { ($0.code, $0.text(in: language)) })
            return El("fieldset", .class("question")) {
                El("legend") { CustomerPhrase.tasksQuestion.text(in: language, ["max": "\(TopTasks.maximumPicks)"]) }
                El("p") { CustomerPhrase.tasksHelp.text(in: language) }
                for code in model.session.order {
                    Field.choice(
                        AdminText(verbatim: texts[code] ?? code), name: "task", value: code, id: "task-\(code)",
                        checked: model.session.picks.contains(code))
                }
            }
        }
    }
}
