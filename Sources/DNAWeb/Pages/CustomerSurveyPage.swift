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

        func content() -> Node<HTML.BodyContext> {
            let session = model.session, total = CustomerSurveyPage.stepCount(session)
            var html =
                "<div class=\"respond\"><p class=\"organization\">\(Markup.text(model.organization))</p><h1>\(Markup.text(session.survey.titleForCustomers))</h1>"
            html +=
                "<p class=\"progress-text\" id=\"progress-label\">Step \(model.step + 1) of \(total)</p><progress max=\"\(total)\" value=\"\(model.step + 1)\" aria-labelledby=\"progress-label\"></progress>"
            if let error = model.error { html += "<p class=\"error\" role=\"alert\">\(Markup.text(error))</p>" }
            if model.confirmBlank {
                html +=
                    "<p class=\"error\" role=\"alert\" id=\"confirm-blank\">You have not answered anything yet. What you chose so far is saved. Send without answers anyway, or go back and answer?</p>"
            }
            html +=
                "<form method=\"post\" action=\"\(SiteURL.customerSurvey(model.token).path)\"><input type=\"hidden\" name=\"step\" value=\"\(model.step)\">"
            if model.confirmBlank { html += "<input type=\"hidden\" name=\"confirm_blank\" value=\"yes\">" }
            switch session.survey.kind {
            case .outcomeStudy:
                html +=
                    model.step == 0 ? introduction() : CustomerSurveyPage.items(step: model.step, of: session).map(outcomeQuestion).joined()
            case .topTasks:
                html += segmentQuestion() + taskList()
            }
            html += "<div class=\"actions\">"
            if model.step > 0 { html += "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">Back</button>" }
            html +=
                model.step + 1 < total
                ? "<button type=\"submit\" name=\"action\" value=\"next\">Save and continue</button>"
                : "<button type=\"submit\" name=\"action\" value=\"submit\">\(model.confirmBlank ? "Send without answers" : "Send my answers")</button>"
            html +=
                "<button type=\"submit\" name=\"action\" value=\"pause\" class=\"secondary\">Save and finish later</button></div></form></div>"
            return .raw(html)
        }

        private func introduction() -> String {
            "<p>For each of \(model.session.order.count) things people want when dealing with us, tell us how important it is to you and how satisfied you are today. It takes about five minutes; you can stop and come back with the same link.</p>"
                + segmentQuestion()
        }

        private func segmentQuestion() -> String {
            guard model.session.issuedSegment == nil, !model.segments.isEmpty else { return "" }
            return Markup.select(
                "Which describes you best? (optional)", name: "segment", options: model.segments.map { ($0.code, $0.name) },
                selected: model.session.segment, blank: "Prefer not to say")
        }

        private func outcomeQuestion(_ code: String) -> String {
            let text = model.session.survey.items.first { $0.code == code }?.text ?? code
            let rating = model.session.ratings[code]
            var html = "<fieldset class=\"question\"><legend>\(Markup.text(text))</legend>"
            for (part, labels, current) in [
                ("importance", CustomerSurveyPage.importanceLabels, rating?.importance),
                ("satisfaction", CustomerSurveyPage.satisfactionLabels, rating?.satisfaction),
            ] {
                html +=
                    "<fieldset><legend>\(part == "importance" ? "How important is this to you?" : "How satisfied are you with it today?")</legend>"
                for point in 1...5 {
                    let id = Markup.text("\(part)-\(code)-\(point)")
                    html +=
                        "<div class=\"choice\"><input type=\"radio\" id=\"\(id)\" name=\"\(part)-\(Markup.text(code))\" value=\"\(point)\"\(current == point ? " checked" : "")><label for=\"\(id)\">\(point) · \(labels[point - 1])</label></div>"
                }
                html += "</fieldset>"
            }
            let id = Markup.text("na-\(code)")
            html +=
                "<div class=\"choice not-applicable\"><input type=\"checkbox\" id=\"\(id)\" name=\"\(id)\" value=\"yes\"\(rating?.notApplicable == true ? " checked" : "")><label for=\"\(id)\">This does not apply to me</label></div>"
            return html + "</fieldset>"
        }

        private func taskList() -> String {
            let texts = Dictionary(uniqueKeysWithValues: model.session.survey.items.map { ($0.code, $0.text) })
            var html =
                "<fieldset class=\"question\"><legend>Which of these matter most to you? Pick up to \(TopTasks.maximumPicks).</legend><p>The list is long on purpose, and in a different order for everyone. Pick only the tasks that are most important to you.</p>"
            for code in model.session.order {
                let id = Markup.text("task-\(code)")
                html +=
                    "<div class=\"choice\"><input type=\"checkbox\" id=\"\(id)\" name=\"task\" value=\"\(Markup.text(code))\"\(model.session.picks.contains(code) ? " checked" : "")><label for=\"\(id)\">\(Markup.text(texts[code] ?? code))</label></div>"
            }
            return html + "</fieldset>"
        }
    }
}
