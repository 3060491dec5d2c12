import DNAApp
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
        /// Outcome sentences in other languages, by outcome code and language.
        var outcomeTranslations: [String: [String: String]] = [:]
        var error: String?
        /// The organization whose survey this is, as it shows itself.
        var face: PublicFace
        var organization: String { face.name }
        /// The smallest group whose results are shown, which the page promises.
        var groupSize: Int
        var language: PageLanguage
        /// Handing in was asked for with nothing answered: ask once whether that is meant.
        var confirmBlank = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { AdminText(verbatim: instrument.title) }
        var language: String { model.language.code }
        var accent: String? { model.face.accent }
        /// The instrument in the page's language, untranslated texts in its default one.
        var instrument: Instrument { model.session.instrument.localized(to: language) }

        func content() -> ComponentGroup {
            let instrument = instrument
            let total = RespondentPage.stepCount(instrument)
            let path = SiteURL.respond(model.token).path
            El("div", .class("respond")) {
                LanguageChooser(language: model.language, action: path, step: model.step)
                OrganizationBanner(face: model.face)
                El("h1") { instrument.title }
                StepProgress(step: model.step + 1, of: total, language: language)
                if let error = model.error { El("p", .class("error"), .role("alert")) { error } }
                if model.confirmBlank {
                    El("p", .class("error"), .role("alert"), .id("confirm-blank")) { RespondentPhrase.confirmBlank.text(in: language) }
                }
                El("form", Attr("method", "post"), Attr("action", model.language.keep(in: path))) {
                    if model.confirmBlank { El("input", .type("hidden"), .name("confirm_blank"), .value("yes")) }
                    El("input", .type("hidden"), .name("step"), .value("\(model.step)"))
                    if model.step == 0 {
                        aboutYou()
                    } else {
                        for item in RespondentPage.items(step: model.step, of: instrument) { question(item) }
                    }
                    StepButtons(
                        canGoBack: model.step > 0, isLast: model.step + 1 >= total,
                        send: (model.confirmBlank ? RespondentPhrase.handInBlank : .handIn).text(in: language), language: language)
                }
            }
        }

        @HTMLBuilder private func aboutYou() -> ComponentGroup {
            El("p") {
                RespondentPhrase.about.text(in: language, ["organization": model.organization, "k": "\(model.groupSize)"])
            }
            if model.session.issuedUnitID == nil {
                Field.select(
                    AdminText(verbatim: RespondentPhrase.whereDoYouWork.text(in: language)), name: "unit",
                    options: model.units.map { ($0.id, $0.name) },
                    selected: model.answers.unitID, blank: AdminText(verbatim: RespondentPhrase.choose.text(in: language)), required: true)
            }
            Field.select(
                AdminText(verbatim: RespondentPhrase.roleOptional.text(in: language)), name: "role",
                options: model.roles.map { ($0.id, $0.name) },
                selected: model.answers.roleID, blank: AdminText(verbatim: PublicPhrase.preferNotToSay.text(in: language)))
        }

        private func question(_ item: Instrument.Item) -> Component {
            let name = "i-\(item.id)"
            func choice(_ value: String, _ label: String, checked: Bool, type: String = "radio") -> Component {
                Field.choice(
                    AdminText(verbatim: label), name: name, value: value, id: "\(name)-\(value)".replacingOccurrences(of: " ", with: "_"),
                    type: type,
                    checked: checked)
            }
            return El("fieldset", .class("question")) {
                El("legend") { item.text }
                switch item.type {
                case .likert:
                    let index = model.session.instrument.likertItems.firstIndex { $0.id == item.id }!
                    let current = model.answers.likert[index]
                    let labels = instrument.scale.labels
                    for point in 1...5 {
                        choice(String(point), "\(point) · \(labels[point - 1])", checked: current == Int8(point))
                    }
                    choice("dk", RespondentPhrase.dontKnow.text(in: language), checked: current == AssessmentResponses.dontKnow)
                case .outcome:
                    for outcome in model.outcomes {
                        choice(
                            outcome.code, model.outcomeTranslations[outcome.code]?[language] ?? outcome.sentence,
                            checked: model.answers.outcome == outcome.code)
                    }
                    choice("cant-say", RespondentPhrase.cantSay.text(in: language), checked: false)
                case .choice:
                    for option in item.options { choice(option, option, checked: model.answers.texts[item.id] == option) }
                case .multi:
                    let picked = Set((model.answers.texts[item.id] ?? "").split(separator: ";").map(String.init))
                    for option in item.options { choice(option, option, checked: picked.contains(option), type: "checkbox") }
                case .text:
                    El("label", .class("visually-hidden"), .for(name)) { RespondentPhrase.yourAnswer.text(in: language) }
                    El("textarea", .id(name), .name(name), Attr("rows", "4")) { model.answers.texts[item.id] ?? "" }
                }
            }
        }
    }

    /// How far a respondent is, as text and as a bar that reads the text as its label.
    struct StepProgress: Component {
        var step: Int
        var of: Int
        var language: String

        var body: Component {
            Group {
                El("p", .class("progress-text"), .id("progress-label")) {
                    PublicPhrase.stepOf.text(in: language, ["step": "\(step)", "total": "\(of)"])
                }
                El("progress", .max("\(of)"), .value("\(step)"), .aria("labelledby", "progress-label"))
            }
        }
    }

    /// Back, continue or hand in, and pause: the buttons at the foot of every step.
    struct StepButtons: Component {
        var canGoBack: Bool
        var isLast: Bool
        var send: String
        var language: String

        var body: Component {
            El("div", .class("actions")) {
                if canGoBack {
                    El("button", .type("submit"), .name("action"), .value("back"), .class("secondary")) {
                        PublicPhrase.back.text(in: language)
                    }
                }
                if isLast {
                    El("button", .type("submit"), .name("action"), .value("submit")) { send }
                } else {
                    El("button", .type("submit"), .name("action"), .value("next")) { PublicPhrase.saveAndContinue.text(in: language) }
                }
                El("button", .type("submit"), .name("action"), .value("pause"), .class("secondary")) {
                    PublicPhrase.saveAndFinishLater.text(in: language)
                }
            }
        }
    }

    /// A short page with one message: thanks, closed, already used, not valid.
    struct Message: PageView {
        /// Taken from the public pages' `Phrase`s, already in the page's language.
        let heading: String
        let message: String
        var language = "en"

        init(title: String, message: String, language: String = "en") {
            (heading, self.message, self.language) = (title, message, language)
        }

        var title: AdminText { AdminText(verbatim: heading) }

        func content() -> ComponentGroup {
            El("div", .class("respond")) {
                El("h1") { heading }
                El("p") { message }
            }
        }
    }
}

/// The organization that asks, above a respondent's or customer's questions: its logo, when
/// it has one, and the name it shows to people outside.
struct OrganizationBanner: Component {
    let face: PublicFace

    var body: Component {
        El("p", .class("organization")) {
            if let digest = face.logoDigest {
                El("img", .class("logo"), Attr("src", SiteURL.logo(digest).path), Attr("alt", ""), Attr("height", "48"))
            }
            face.name
        }
    }
}
