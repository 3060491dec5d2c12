import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Respondent and customer pages in five languages")
struct LanguageWebTests {
    static let formHeaders = AssessmentWebTests.formHeaders
    static func form(_ pairs: [(String, String)]) -> ByteBuffer { AssessmentWebTests.form(pairs) }

    /// A personal respondent link of a new wave of the bundled assessment.
    static func respondentPath(_ client: any TestClientProtocol, _ fixture: WebFixture) async throws -> String {
        let campaignID = try await AssessmentWebTests.createCampaign(client, fixture)
        let links = try await client.execute(
            uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: .bearer(fixture.adminToken),
            body: ByteBuffer(string: #"{"unit":"claims","count":1}"#))
        let url = try #require(try links.json()["links"] as? [String]).first!
        return String(try #require(url.firstRange(of: "/r/").map { url[$0.lowerBound...] }))
    }

    /// A customer link of a new outcome study of o1 and o2, made on the pages by the admin.
    static func studyPath(_ client: any TestClientProtocol) async throws -> String {
        let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
        let created = try await CustomerModelWebTests.post(
            client, session, "/w/acme/surveys",
            [("kind", "outcome-study"), ("name", "Study"), ("opens", "2020-01-01"), ("outcomes", "o1"), ("outcomes", "o2")])
        let links = try await CustomerModelWebTests.post(
            client, session, try #require(created.headers[.location]) + "/links", [("count", "1"), ("segment", "")])
        return try #require(links.text.matches(of: /\/c\/([A-Za-z0-9_-]+)/).first.map { String($0.0) })
    }

    @Test("a link with lang=nb shows every word in bokmål, and every step and redirect keeps it", arguments: TestDatabase.available)
    func norwegian(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let path = try await Self.respondentPath(client, fixture)
            let intro = try await client.execute(uri: path + "?lang=nb", method: .get)
            #expect(intro.status == .ok)
            #expect(intro.text.contains(#"<html lang="nb">"#))
            #expect(intro.text.contains("<h1>Kunde-DNA-kartlegging</h1>") && intro.text.contains("Steg 1 av 7"))
            #expect(intro.text.contains("resultater vises bare for grupper på minst 5 personer"))
            #expect(intro.text.contains("Lagre og fortsett") && intro.text.contains("Hopp til innholdet"))
            #expect(intro.text.contains(#"action="\#(path)?lang=nb""#))
            #expect(intro.text.contains(#"<option value="nb" lang="nb" selected>Norsk bokmål</option>"#))
            for english in ["Save and continue", "Step 1", "Your role", "Skip to content", "anonymous"] {
                #expect(!intro.text.contains(english), "'\(english)' is English on the Norwegian page")
            }
            let next = try await client.execute(
                uri: path + "?lang=nb", method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "0"), ("role", ""), ("action", "next")]))
            #expect(next.status == .seeOther && next.headers[.location] == "\(path)?step=1&lang=nb")
            let step = try await client.execute(uri: "\(path)?step=1&lang=nb", method: .get)
            let norwegian = BuiltInInstruments.customerDNA.localized(to: "nb")
            for item in RespondentPage.items(step: 1, of: norwegian) {
                #expect(step.text.contains(HTMLEscape.text(item.text)), "\(item.id)")
            }
            #expect(step.text.contains("1 · Helt uenig") && step.text.contains("Vet ikke") && step.text.contains("Tilbake"))
            let paused = try await client.execute(
                uri: path + "?lang=nb", method: .post, headers: Self.formHeaders, body: Self.form([("step", "1"), ("action", "pause")]))
            #expect(paused.text.contains("<h1>Lagret</h1>") && paused.text.contains(#"<html lang="nb">"#))
        }
    }

    @Test("without lang the browser's Accept-Language decides by weight, else the instrument's default", arguments: TestDatabase.available)
    func acceptLanguage(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let path = try await Self.respondentPath(client, fixture)
            func page(_ header: String?, query: String = "") async throws -> TestResponse {
                var headers = HTTPFields()
                if let header { headers[.acceptLanguage] = header }
                return try await client.execute(uri: path + query, method: .get, headers: headers)
            }
            #expect(try await page("de-CH,de;q=0.9,en;q=0.5").text.contains(#"<html lang="de">"#))
            #expect(try await page("sv,fr;q=0,es;q=0.4,en;q=0.3").text.contains(#"<html lang="es">"#))
            #expect(try await page("no").text.contains("Steg 1 av 7"))
            #expect(try await page("sv, ja;q=0.8").text.contains(#"<html lang="en">"#))
            #expect(try await page(nil).text.contains(#"<html lang="en">"#))
            // A language read from the browser is not written into the form's address.
            #expect(try await page("fr").text.contains(#"action="\#(path)""#))
            // The page's own choice wins over the browser.
            #expect(try await page("de", query: "?lang=fr").text.contains("Étape 1 sur 7"))
        }
    }

    @Test("a language nobody translated falls back and says so; hostile values are never echoed raw", arguments: TestDatabase.available)
    func fallback(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let path = try await Self.respondentPath(client, fixture)
            let swedish = try await client.execute(uri: path + "?lang=sv", method: .get)
            #expect(swedish.status == .ok && swedish.text.contains(#"<html lang="en">"#))
            #expect(swedish.text.contains("This page is not available in “sv”, so it is shown in English."))
            #expect(swedish.text.contains(#"action="\#(path)""#), "an unknown language is not carried on")
            let hostile = try await client.execute(uri: path + "?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", method: .get)
            #expect(hostile.status == .ok && !hostile.text.contains("<script>") && hostile.text.contains("&lt;script&gt;"))
            let german = try await client.execute(uri: "/r/not-a-token?lang=de", method: .get)
            #expect(german.status == .notFound && german.text.contains("Dieser Link kann nicht verwendet werden"))
            #expect(german.text.contains(#"<html lang="de">"#))
        }
    }

    @Test("a customer study's pages follow the chosen language too", arguments: TestDatabase.available)
    func customerStudy(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            let path = try await Self.studyPath(client)
            let intro = try await client.execute(uri: path + "?lang=fr", method: .get)
            #expect(intro.text.contains(#"<html lang="fr">"#) && intro.text.contains("Étape 1 sur 2"))
            #expect(intro.text.contains("Pour chacune des 2 choses"))
            let next = try await client.execute(
                uri: path + "?lang=fr", method: .post, headers: Self.formHeaders, body: Self.form([("step", "0"), ("action", "next")]))
            #expect(next.headers[.location] == "\(path)?step=1&lang=fr")
            let step = try await client.execute(uri: "\(path)?step=1&lang=fr", method: .get)
            #expect(step.text.contains("Quelle importance cela a-t-il pour vous ?") && step.text.contains("5 · Extrêmement important"))
            #expect(step.text.contains("1 · Pas du tout satisfait") && step.text.contains("Cela ne me concerne pas"))
            let sent = try await client.execute(
                uri: path + "?lang=fr", method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "1"), ("importance-o1", "5"), ("satisfaction-o1", "2"), ("action", "submit")]))
            #expect(sent.text.contains("<h1>Merci</h1>") && sent.text.contains("Vos réponses ont été envoyées."))
        }
    }

    @Test(
        "translated outcome and task wording reaches the study and the line-of-sight question; a merge keeps it unless told",
        arguments: TestDatabase.available)
    func wording(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let store = fixture.store, workspace = fixture.acme.id
            _ = try await store.customerModels.importCustomerModel(
                workspaceID: workspace, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            _ = try await store.customerModels.importCustomerModel(
                workspaceID: workspace, file: "t.yaml",
                text: """
                    outcomes:
                      - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage, translations: {nb: "Redusere tiden det tar å melde skade", de: "Die Zeit verkürzen, einen Schaden zu melden"}}
                    """)
            // Merging o1 again without translations keeps them; the model shows them.
            _ = try await store.customerModels.importCustomerModel(
                workspaceID: workspace, file: "u.yaml",
                text: "outcomes:\n  - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage}\n")
            #expect(
                try await store.customerModels.model(workspaceID: workspace).outcomes.first { $0.code == "o1" }?.translations?["nb"] != nil)
            let path = try await Self.studyPath(client)
            let step = try await client.execute(uri: "\(path)?step=1&lang=nb", method: .get)
            #expect(step.text.contains("Redusere tiden det tar å melde skade"), "the frozen item reads in bokmål")
            #expect(step.text.contains("Minimize the likelihood of not knowing"), "an untranslated item keeps the model's wording")
            #expect(try await client.execute(uri: "\(path)?step=1&lang=de", method: .get).text.contains("Die Zeit verkürzen"))

            // The respondent's line-of-sight question reads the outcome in bokmål too.
            let respondent = try await Self.respondentPath(client, fixture)
            let last = try await client.execute(uri: respondent + "?step=6&lang=nb", method: .get)
            #expect(last.text.contains("Redusere tiden det tar å melde skade") && last.text.contains("Jeg kan ikke si"))

            // An empty map clears the translations.
            _ = try await store.customerModels.importCustomerModel(
                workspaceID: workspace, file: "v.yaml",
                text:
                    "outcomes:\n  - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage, translations: {}}\n"
            )
            #expect(try await store.customerModels.model(workspaceID: workspace).outcomes.first { $0.code == "o1" }?.translations == nil)
        }
    }
}
