import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// What customers see of a study and what it asks of them: the public title, "not applicable",
/// and a refused new study kept as typed. Part of the customer-model suite.
extension CustomerModelWebTests {
    @Test(
        "an outcome marked not applicable is left out of its scores and counted apart, on the page, by link and through the API",
        arguments: TestDatabase.available)
    func notApplicable(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let created = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"kind":"outcome-study","name":"Study","opens_at":1700000000,"items":["o1","o2"]}"#))
            let surveyID = try #require(try created.json()["id"] as? String)
            let api = "/api/v1/workspaces/acme/surveys/\(surveyID)"
            // Through the API: a, b rate o1; c says o1 does not apply and rates o2.
            for body in [
                #"{"respondent":"a","segment":"home","ratings":[{"outcome":"o1","importance":5,"satisfaction":1}]}"#,
                #"{"respondent":"b","segment":"smb","ratings":[{"outcome":"o1","importance":4,"satisfaction":4}]}"#,
                #"{"respondent":"c","segment":"home","ratings":[{"outcome":"o1","not_applicable":true},{"outcome":"o2","importance":2,"satisfaction":2}]}"#,
            ] {
                let response = try await client.execute(
                    uri: api + "/responses", method: .post, headers: .bearer(fixture.adminToken), body: ByteBuffer(string: body))
                #expect(response.status == .created, "\(response.text)")
            }
            let both = try await client.execute(
                uri: api + "/responses", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"respondent":"d","ratings":[{"outcome":"o1","importance":3,"not_applicable":true}]}"#))
            #expect(both.status == .badRequest && both.text.contains("'o1' is both rated and marked not applicable"))

            // By link: the customer ticks "does not apply" on o2, and it stays ticked on return.
            let links = try await client.execute(
                uri: api + "/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"count":1,"segment":"home"}"#))
            let url = try #require((try links.json()["links"] as? [String])?.first)
            let path = String(url[try #require(url.firstRange(of: "/c/")).lowerBound...])
            let saved = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("step", "1"), ("importance-o1", "5"), ("satisfaction-o1", "5"), ("na-o2", "yes"), ("satisfaction-o2", "3"),
                    ("action", "pause"),
                ]))
            #expect(saved.status == .ok)
            let again = try await client.execute(uri: path, method: .get)
            #expect(
                again.text.contains(
                    "<input type=\"checkbox\" id=\"na-o1\" name=\"na-o1\" value=\"yes\"/><label for=\"na-o1\">This does not apply to me</label>"
                ))
            #expect(again.text.contains("id=\"na-o2\" name=\"na-o2\" value=\"yes\" checked"))
            #expect(!again.text.contains("name=\"satisfaction-o2\" value=\"3\" checked"))
            let sent = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "1"), ("importance-o1", "5"), ("satisfaction-o1", "5"), ("na-o2", "yes"), ("action", "submit")]))
            #expect(sent.status == .ok && sent.text.contains("Thank you"))

            // o1: a, b and the link customer rated it (c did not): importance 3 of 3 in the top
            // two boxes = 10, satisfaction 2 of 3 = 6.667. o2: only c rated it.
            let results = try await client.execute(uri: api + "/results", method: .get, headers: .bearer(fixture.adminToken)).json()
            #expect(results["respondents"] as? Int == 4)
            let scores = try #require(results["scores"] as? [[String: Any]])
            let o1 = try #require(scores.first { $0["outcome"] as? String == "o1" })
            #expect(o1["n"] as? Int == 3)
            #expect(abs((o1["importance"] as! Double) - 10) < 1e-9 && abs((o1["satisfaction"] as! Double) - 20.0 / 3) < 1e-9)
            #expect(scores.first { $0["outcome"] as? String == "o2" }?["n"] as? Int == 1)
            let marked = try #require(results["not_applicable"] as? [[String: Any]])
            #expect(marked.map { "\($0["outcome"] as? String ?? "")=\($0["count"] as? Int ?? 0)" } == ["o1=1", "o2=1"])
            let smb = try await client.execute(uri: api + "/results?segment=smb", method: .get, headers: .bearer(fixture.adminToken))
                .json()
            #expect((smb["not_applicable"] as? [Any])?.isEmpty == true)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let resultsPage = try await client.execute(
                uri: "/w/acme/surveys/\(surveyID)/results", method: .get, headers: session.headers)
            #expect(resultsPage.text.contains("<th scope=\"col\" role=\"columnheader\">Not applicable</th>"))
            #expect(
                resultsPage.text.contains("<td role=\"cell\" data-label=\"n\">3</td><td role=\"cell\" data-label=\"Not applicable\">1</td>")
            )
        }
    }

    @Test(
        "customers read the public title, colleagues the internal name; a title over the limit is refused",
        arguments: TestDatabase.available)
    func publicTitle(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let created = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(
                    string:
                        #"{"kind":"outcome-study","name":"Q3 churn-risk study (internal)","public_title":"Help us make claims <easier>","opens_at":1700000000,"items":["o1"]}"#
                ))
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["public_title"] as? String == "Help us make claims <easier>")
            let surveyID = try #require(try created.json()["id"] as? String)
            let links = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"count":1}"#))
            let url = try #require((try links.json()["links"] as? [String])?.first)
            let page = try await client.execute(uri: String(url[try #require(url.firstRange(of: "/c/")).lowerBound...]), method: .get)
            #expect(page.text.contains("<title>Help us make claims &lt;easier&gt;"))
            #expect(page.text.contains("<h1>Help us make claims &lt;easier&gt;</h1>"))
            #expect(!page.text.contains("churn-risk") && !page.text.contains("<easier>"))
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let admin = try await client.execute(uri: "/w/acme/surveys/\(surveyID)", method: .get, headers: session.headers)
            #expect(
                admin.text.contains("Q3 churn-risk study (internal)")
                    && admin.text.contains("Customers see it as <strong>Help us make claims &lt;easier&gt;</strong>"))
            let long = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(
                    string:
                        #"{"kind":"outcome-study","name":"Long","public_title":"\#(String(repeating: "x", count: 201))","opens_at":1700000000}"#
                ))
            #expect(long.status == .badRequest && long.text.contains("public_title"))
        }
    }

    @Test("a refused new study comes back with its kind, title and chosen outcomes", arguments: TestDatabase.available)
    func refusedSurveyKeepsValues(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let refused = try await Self.post(
                client, session, "/w/acme/surveys",
                [
                    ("kind", "top-tasks"), ("name", " "), ("public_title", "Tell us <more>"), ("opens", "2026-01-01"),
                    ("outcomes", "o2"), ("long_neck", "30"),
                ])
            #expect(refused.status == .badRequest && refused.text.contains("name is empty"))
            #expect(refused.text.contains(#"name="public_title" type="text" value="Tell us &lt;more&gt;""#))
            #expect(refused.text.contains(#"id="kind-top-tasks" name="kind" value="top-tasks" checked"#))
            #expect(!refused.text.contains(#"value="outcome-study" checked"#))
            #expect(refused.text.contains(#"name="outcomes" value="o2" checked"#) && !refused.text.contains(#"value="o1" checked"#))
            #expect(refused.text.contains(#"name="long_neck" type="number" value="30""#))
        }
    }
}
