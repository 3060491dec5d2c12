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

    static let importanceLabels = [
        "Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important",
    ]
    static let satisfactionLabels = [
        "Not at all satisfied", "Slightly satisfied", "Moderately satisfied", "Very satisfied", "Extremely satisfied",
    ]

    struct Model {
        var session: SurveySession
        /// The organization that asks, named above the title.
        var organization: String
        var token: String
        var step: Int
        var segments: [CustomerModel.Segment]
        var error: String?
        /// Sending was asked for with nothing rated or picked: ask once whether that is meant.
        var confirmBlank = false
    }

    struct View: PageView {
        let model: Model
        var title: String { model.session.survey.titleForCustomers }

        func content() -> ComponentGroup {
            let session = model.session, total = CustomerSurveyPage.stepCount(session)
            El("div", .class("respond")) {
                El("p", .class("organization")) { model.organization }
                El("h1") { session.survey.titleForCustomers }
                RespondentPage.StepProgress(step: model.step + 1, of: total)
                if let error = model.error { El("p", .class("error"), .role("alert")) { error } }
                if model.confirmBlank {
                    El("p", .class("error"), .role("alert"), .id("confirm-blank")) {
                        "You have not answered anything yet. What you chose so far is saved. Send without answers anyway, or go back and answer?"
                    }
                }
                El("form", Attr("method", "post"), Attr("action", SiteURL.customerSurvey(model.token).path)) {
                    El("input", .type("hidden"), .name("step"), .value("\(model.step)"))
                    if model.confirmBlank { El("input", .type("hidden"), .name("confirm_blank"), .value("yes")) }
                    switch session.survey.kind {
                    case .outcomeStudy:
                        if model.step == 0 {
                            El("p") {
                                "For each of \(session.order.count) things people want when dealing with us, tell us how important it is to you and how satisfied you are today. It takes about five minutes; you can stop and come back with the same link."
                            }
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
                        send: model.confirmBlank ? "Send without answers" : "Send my answers")
                }
            }
        }

        @HTMLBuilder private func segmentQuestion() -> ComponentGroup {
            if model.session.issuedSegment == nil, !model.segments.isEmpty {
                Field.select(
                    "Which describes you best? (optional)", name: "segment", options: model.segments.map { ($0.code, $0.name) },
                    selected: model.session.segment, blank: "Prefer not to say")
            }
        }

        private func outcomeQuestion(_ code: String) -> Component {
            let text = model.session.survey.items.first { $0.code == code }?.text ?? code
            let rating = model.session.ratings[code]
            return El("fieldset", .class("question")) {
                El("legend") { text }
                for (part, labels, current) in [
                    ("importance", CustomerSurveyPage.importanceLabels, rating?.importance),
                    ("satisfaction", CustomerSurveyPage.satisfactionLabels, rating?.satisfaction),
                ] {
                    Field.group(part == "importance" ? "How important is this to you?" : "How satisfied are you with it today?") {
                        for point in 1...5 {
                            Field.choice(
                                "\(point) · \(labels[point - 1])", name: "\(part)-\(code)", value: "\(point)",
                                id: "\(part)-\(code)-\(point)",
                                type: "radio", checked: current == point)
                        }
                    }
                }
                Field.choice(
                    "This does not apply to me", name: "na-\(code)", value: "yes", id: "na-\(code)", checked: rating?.notApplicable == true,
                    className: "choice not-applicable")
            }
        }

        private func taskList() -> Component {
            let texts = Dictionary(uniqueKeysWithValues: model.session.survey.items.map { ($0.code, $0.text) })
            return El("fieldset", .class("question")) {
                El("legend") { "Which of these matter most to you? Pick up to \(TopTasks.maximumPicks)." }
                El("p") {
                    "The list is long on purpose, and in a different order for everyone. Pick only the tasks that are most important to you."
                }
                for code in model.session.order {
                    Field.choice(
                        texts[code] ?? code, name: "task", value: code, id: "task-\(code)", checked: model.session.picks.contains(code))
                }
            }
        }
    }
}
