import DNACore
import DNAStore
import Plot

/// The respondent's questionnaire: one step per page, plain forms (no JavaScript), large
/// touch targets, a label for every control and progress shown as text and a progress bar.
/// Answers are saved on every step, so the same link resumes where the person stopped.
enum RespondentPage {
    static let itemsPerStep = 8

    /// Steps: 0 is "about you", then the items in instrument order, eight at a time.
    static func stepCount(_ instrument: Instrument) -> Int { 1 + (instrument.items.count + itemsPerStep - 1) / itemsPerStep }

    static func items(step: Int, of instrument: Instrument) -> ArraySlice<Instrument.Item> {
        let start = (step - 1) * itemsPerStep
        return instrument.items[start..<min(start + itemsPerStep, instrument.items.count)]
    }

    struct Model {
        var session: RespondentSession
        var token: String
        var step: Int
        var answers: RespondentAnswers
        /// Units to choose from when the link was not issued for one (open link).
        var units: [OrgUnit]
        var roles: [Role]
        var outcomes: [CustomerOutcome]
        var error: String?
        /// The organization whose survey this is.
        var organization: String
        /// Handing in was asked for with nothing answered: ask once whether that is meant.
        var confirmBlank = false
    }

    struct View: PageView {
        let model: Model
        var title: String { model.session.instrument.title }

        func content() -> Node<HTML.BodyContext> {
            let instrument = model.session.instrument
            let total = RespondentPage.stepCount(instrument)
            let e = Charts.escape
            var html = "<div class=\"respond\"><p class=\"organization\">\(e(model.organization))</p><h1>\(e(instrument.title))</h1>"
            html +=
                "<p class=\"progress-text\" id=\"progress-label\">Step \(model.step + 1) of \(total)</p><progress max=\"\(total)\" value=\"\(model.step + 1)\" aria-labelledby=\"progress-label\"></progress>"
            if let error = model.error { html += "<p class=\"error\" role=\"alert\">\(e(error))</p>" }
            if model.confirmBlank {
                html +=
                    "<p class=\"error\" role=\"alert\" id=\"confirm-blank\">You have not answered any question. Your answers so far are saved. Hand in a blank survey anyway, or go back and answer?</p>"
            }
            html += "<form method=\"post\" action=\"\(SiteURL.respond(model.token).path)\">"
            if model.confirmBlank { html += "<input type=\"hidden\" name=\"confirm_blank\" value=\"yes\">" }
            html += "<input type=\"hidden\" name=\"step\" value=\"\(model.step)\">"
            if model.step == 0 {
                html += aboutYou()
            } else {
                for item in RespondentPage.items(step: model.step, of: instrument) { html += question(item) }
            }
            html += "<div class=\"actions\">"
            if model.step > 0 { html += "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">Back</button>" }
            html +=
                model.step + 1 < total
                ? "<button type=\"submit\" name=\"action\" value=\"next\">Save and continue</button>"
                : "<button type=\"submit\" name=\"action\" value=\"submit\">\(model.confirmBlank ? "Hand in without answers" : "Hand in my answers")</button>"
            html += "<button type=\"submit\" name=\"action\" value=\"pause\" class=\"secondary\">Save and finish later</button>"
            html += "</div></form></div>"
            return .raw(html)
        }

        private func aboutYou() -> String {
            let e = Charts.escape
            var html =
                "<p>This survey asks how well the way we work at \(e(model.organization)) serves our customers. It takes about ten minutes. Your answers are anonymous: results are only shown for groups of at least five people, and once you hand in, your link is no longer connected to your answers.</p>"
            if model.session.issuedUnitID == nil {
                html +=
                    "<label for=\"unit\">Where do you work?</label><select id=\"unit\" name=\"unit\" required><option value=\"\">Choose…</option>"
                for unit in model.units {
                    html += "<option value=\"\(e(unit.id))\"\(model.answers.unitID == unit.id ? " selected" : "")>\(e(unit.name))</option>"
                }
                html += "</select>"
            }
            html +=
                "<label for=\"role\">Your role (optional)</label><select id=\"role\" name=\"role\"><option value=\"\">Prefer not to say</option>"
            for role in model.roles {
                html += "<option value=\"\(e(role.id))\"\(model.answers.roleID == role.id ? " selected" : "")>\(e(role.name))</option>"
            }
            return html + "</select>"
        }

        private func question(_ item: Instrument.Item) -> String {
            let e = Charts.escape
            let name = "i-\(item.id)"
            var html = "<fieldset class=\"question\"><legend>\(e(item.text))</legend>"
            func choice(_ value: String, _ label: String, checked: Bool, type: String = "radio") -> String {
                let id = "\(name)-\(value)".replacingOccurrences(of: " ", with: "_")
                return
                    "<div class=\"choice\"><input type=\"\(type)\" id=\"\(e(id))\" name=\"\(e(name))\" value=\"\(e(value))\"\(checked ? " checked" : "")><label for=\"\(e(id))\">\(e(label))</label></div>"
            }
            switch item.type {
            case .likert:
                let index = model.session.instrument.likertItems.firstIndex { $0.id == item.id }!
                let current = model.answers.likert[index]
                for point in 1...5 {
                    html += choice(
                        String(point), "\(point) · \(model.session.instrument.scale.labels[point - 1])", checked: current == Int8(point))
                }
                html += choice("dk", "Don't know", checked: current == AssessmentResponses.dontKnow)
            case .outcome:
                for outcome in model.outcomes {
                    html += choice(outcome.code, outcome.sentence, checked: model.answers.outcome == outcome.code)
                }
                html += choice("cant-say", "I can't say", checked: false)
            case .choice:
                for option in item.options { html += choice(option, option, checked: model.answers.texts[item.id] == option) }
            case .multi:
                let picked = Set((model.answers.texts[item.id] ?? "").split(separator: ";").map(String.init))
                for option in item.options { html += choice(option, option, checked: picked.contains(option), type: "checkbox") }
            case .text:
                html +=
                    "<label class=\"visually-hidden\" for=\"\(e(name))\">Your answer</label><textarea id=\"\(e(name))\" name=\"\(e(name))\" rows=\"4\">\(e(model.answers.texts[item.id] ?? ""))</textarea>"
            }
            return html + "</fieldset>"
        }
    }

    /// A short page with one message: thanks, closed, already used, not valid.
    struct Message: PageView {
        let title: String
        let message: String

        func content() -> Node<HTML.BodyContext> {
            .div(.class("respond"), .h1(.plain(title)), .p(.plain(message)))
        }
    }
}
