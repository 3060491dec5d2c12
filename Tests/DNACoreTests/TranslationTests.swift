import Testing

@testable import DNACore

@Suite("Translations")
struct TranslationTests {
    /// Every phrase of the catalogue, of every kind.
    static var phrases: [(String, Translations)] {
        PublicPhrase.allCases.map { ("public.\($0.rawValue)", $0.texts) }
            + RespondentPhrase.allCases.map { ("respondent.\($0.rawValue)", $0.texts) }
            + CustomerPhrase.allCases.map { ("customer.\($0.rawValue)", $0.texts) }
            + MailPhrase.allCases.map { ("mail.\($0.rawValue)", $0.texts) }
            + ScalePhrase.all.map { ("scale.\($0)", $0.texts) }
    }

    @Test("every phrase is written in all five languages, each filling the same placeholders")
    func catalogueComplete() {
        #expect(Self.phrases.count > 60)
        for (name, texts) in Self.phrases {
            let english = Catalogue.placeholders(texts.en)
            for (language, text) in texts.all {
                #expect(!text.trimmingSpaces().isEmpty, "\(name) is empty in \(language)")
                #expect(Catalogue.placeholders(text) == english, "\(name) in \(language) fills other placeholders than English")
                if language != "en" && text.count > 12 { #expect(text != texts.en, "\(name) in \(language) is the English text") }
            }
        }
        #expect(Set(Catalogue.languageNames.keys) == Set(LanguageTag.translated))
    }

    @Test("placeholders are filled once: a value holding braces is not filled again")
    func fill() {
        #expect(RespondentPhrase.thanks.text(in: "nb", ["k": "5"]).contains("grupper på 5 eller flere"))
        let subject = MailPhrase.invitationSubject.text(in: "de", ["organization": "{organization} & {k}"])
        #expect(subject == "{organization} & {k}: Wie gut dienen wir unseren Kunden?")
        #expect(Catalogue.fill("{a} {missing} {", ["a": "1"]) == "1 {missing} {")
        #expect(PublicPhrase.back.text(in: "sv") == "Back")
    }

    @Test("the bundled assessment is translated completely into all five languages")
    func bundledAssessment() throws {
        let instrument = BuiltInInstruments.customerDNA
        #expect(instrument.languages == LanguageTag.translated)
        #expect(instrument.missingTranslations.isEmpty, "\(instrument.missingTranslations)")
        let english = instrument.localized(to: "en")
        for language in LanguageTag.translated.dropFirst() {
            let translated = instrument.localized(to: language)
            #expect(translated.title != english.title)
            #expect(translated.scale.labels.count == 5 && translated.scale.labels != english.scale.labels)
            for (item, original) in zip(translated.items, english.items) {
                #expect(item.text != original.text, "\(item.id) in \(language) is the English text")
                #expect(item.id == original.id && item.dimensions == original.dimensions && item.reverse == original.reverse)
            }
        }
        #expect(instrument.localized(to: "nb").items[0].text.hasPrefix("Jeg kan forklare"))
    }

    @Test("texts given as maps are read per language; a missing one falls back and is listed")
    func instrumentMaps() throws {
        let yaml = """
            id: t
            languages: [nb, en]
            title: {nb: Kartlegging, en: Assessment}
            items:
              - id: q1
                text: {nb: Ett, en: One}
              - id: q2
                text: Bare norsk
            """
        let instrument = try InstrumentLoader.load(file: "t.yaml", text: yaml)
        #expect(instrument.defaultLanguage == "nb" && instrument.title == "Kartlegging")
        #expect(instrument.scale.labels[0] == "Helt uenig")
        let english = instrument.localized(to: "en")
        #expect(english.title == "Assessment" && english.items.map(\.text) == ["One", "Bare norsk"])
        #expect(english.scale.labels[0] == "Strongly disagree")
        #expect(instrument.localized(to: "de").scale.labels[4] == "Stimme voll und ganz zu")
        #expect(
            instrument.missingTranslations.map(\.description) == [
                "en: item q2 is not translated; the item q2 in the default language is shown"
            ])
    }

    @Test("a language the instrument does not list, a missing default text or a bad tag is refused with its line")
    func instrumentProblems() {
        let cases: [(String, String)] = [
            ("id: t\ntitle: {en: A, de: B}\nitems:\n  - {id: q, text: Q}\n", "t.yaml:2:16: 'de' is not one of the instrument's languages"),
            (
                "id: t\nlanguages: [en, nb]\ntitle: {nb: B}\nitems:\n  - {id: q, text: Q}\n",
                "t.yaml:3:8: title needs a text in the default language 'en'"
            ),
            ("id: t\nlanguages: [en, xx]\ntitle: A\nitems:\n  - {id: q, text: Q}\n", "t.yaml:2:17: language 'xx' is not an ISO 639-1"),
            (
                "id: t\nlanguages: [en, sv]\ntitle: A\nitems:\n  - {id: q, text: Q}\n",
                "t.yaml:2:17: 'sv' is not a language the respondent pages"
            ),
            ("id: t\nlanguages: [en, en]\ntitle: A\nitems:\n  - {id: q, text: Q}\n", "t.yaml:2:17: 'en' is listed twice"),
            (
                "id: t\nlanguages: [en, nb]\ntitle: A\nitems:\n  - {id: q, text: {en: Q, nb: [x]}}\n",
                "t.yaml:5:31: text in nb must be text"
            ),
        ]
        for (yaml, expected) in cases {
            let problems = #expect(throws: FileProblems.self) { _ = try InstrumentLoader.load(file: "t.yaml", text: yaml) }
            #expect(problems?.description.contains(expected) == true, "\(problems?.description ?? "") should contain \(expected)")
        }
    }
}

@Suite("Translated outcome and task wording")
struct WordingTranslationTests {
    @Test("outcomes and tasks carry whole sentences per language; the file round-trips; bad languages are located")
    func modelFile() throws {
        let yaml = """
            jobs: [{code: j, statement: Get paid}]
            outcomes:
              - {code: o1, job: j, direction: minimize, metric: the time it takes, object: to get paid, translations: {nb: "Redusere tiden det tar å få betalt", de: Die Zeit verkürzen}}
            tasks:
              - {code: t1, title: Pay a bill, translations: {es: Pagar una factura}}
              - {code: t2, title: Renew}
            """
        let model = try CustomerModelDocument.read(file: "m.yaml", text: yaml)
        #expect(model.outcomes[0].sentence(in: "nb") == "Redusere tiden det tar å få betalt")
        #expect(model.outcomes[0].sentence(in: "fr") == "Minimize the time it takes to get paid")
        #expect(model.tasks[0].translations == ["es": "Pagar una factura"] && model.tasks[1].translations == nil)
        #expect(try CustomerModelDocument.read(file: "m.yaml", text: CustomerModelDocument.yaml(model)) == model)
        let bad = """
            tasks:
              - {code: t1, title: Pay, translations: {sv: Betala, en: Pay, nb: ""}}
            """
        let problems = #expect(throws: FileProblems.self) { _ = try CustomerModelDocument.read(file: "m.yaml", text: bad) }
        let lines = problems?.description.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 3, "\(lines)")
        #expect(lines[0].hasPrefix("m.yaml:2:43: translations: 'sv' is not one of the languages"))
        #expect(lines.contains { $0.hasPrefix("m.yaml:2:55: translations: 'en' is not one of") })
        #expect(lines.contains { $0.hasPrefix("m.yaml:2:68: translations: the nb text is empty") })
    }

    @Test("every outcome of the demo reads in bokmål")
    func demo() {
        for outcome in DemoCustomerModel.model.outcomes {
            #expect(outcome.translations?["nb"]?.isEmpty == false, "\(outcome.code)")
        }
    }
}
