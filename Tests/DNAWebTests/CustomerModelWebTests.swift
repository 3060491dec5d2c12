import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Customer model pages and API")
struct CustomerModelWebTests {
    static let formHeaders = AssessmentWebTests.formHeaders
    static func form(_ pairs: [(String, String)]) -> ByteBuffer { AssessmentWebTests.form(pairs) }

    static let modelYAML = """
        segments: [{code: home, name: Home owners}, {code: smb, name: Small businesses}]
        jobs: [{code: repair, statement: Get a damaged home repaired}]
        outcomes:
          - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage}
          - {code: o2, job: repair, direction: minimize, metric: the likelihood, object: of not knowing the claim's status}
        tasks: [{code: t1, title: Report a claim}, {code: t2, title: Check a claim}, {code: t3, title: Pay a bill},
                {code: t4, title: Renew}, {code: t5, title: Change address}, {code: t6, title: Get proof of cover}, {code: t7, title: Cancel}]

        """

    /// The located problems of an API error, written as the CLI writes them.
    static func problems(_ response: TestResponse) throws -> [String] {
        let error = try #require(try response.json()["error"] as? [String: Any])
        return (error["problems"] as? [[String: Any]] ?? []).map {
            "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0): \($0["message"] as? String ?? "")"
        }
    }

    static func post(
        _ client: any TestClientProtocol, _ session: BrowserSession, _ uri: String, _ pairs: [(String, String)]
    ) async throws
        -> TestResponse
    {
        var headers = session.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: form(pairs + [("csrf_token", session.csrfToken)]))
    }

    @Test(
        "the model is built in the pages, refuses a bad file with locations, and exports what it shows", arguments: TestDatabase.available)
    func modelPages(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let segment = try await Self.post(
                client, session, "/w/acme/customers/records/segment", [("code", "home"), ("name", "Home owners")])
            #expect(segment.status == .ok && segment.text.contains("Added segment"))
            _ = try await Self.post(
                client, session, "/w/acme/customers/records/job",
                [("code", "repair"), ("statement", "Get a damaged home repaired"), ("step", "execute")])
            let outcome = try await Self.post(
                client, session, "/w/acme/customers/records/outcome",
                [
                    ("code", "o1"), ("job", "repair"), ("direction", "minimize"), ("metric", "the time it takes"),
                    ("object", "to report damage"),
                ])
            #expect(outcome.text.contains("Minimize the time it takes to report damage"))
            let badOffering = try await Self.post(
                client, session, "/w/acme/customers/records/offering",
                [("code", "app"), ("name", "App"), ("kind", "app"), ("jobs", "nothing")])
            #expect(
                badOffering.status == .badRequest && badOffering.text.contains("offering &#39;app&#39; names unknown job &#39;nothing&#39;")
            )
            let noCSRF = try await client.execute(
                uri: "/w/acme/customers/records/segment", method: .post, headers: session.headers.merging(Self.formHeaders),
                body: Self.form([("code", "x"), ("name", "X")]))
            #expect(noCSRF.status == .forbidden)

            let page = try await client.execute(uri: "/w/acme/customers", method: .get, headers: session.headers)
            #expect(page.text.contains("No offering serves this job") && page.text.contains("Get a damaged home repaired"))
            let bad = try await Self.post(client, session, "/w/acme/customers/import", [("yaml", "jobs:\n  - {code: x, statment: typo}\n")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("model.yaml:2:15: unknown key &#39;statment&#39; in an entry of jobs"))
            #expect(bad.text.contains("model.yaml:2:5: a job is missing &#39;statement&#39;"))
            #expect(bad.text.contains("statment: typo"), "the submitted text comes back for fixing")
            let export = try await client.execute(uri: "/w/acme/customers/model.yaml", method: .get, headers: session.headers)
            let model = try CustomerModelDocument.read(file: "export", text: export.text)
            #expect(model == (try await fixture.store.customerModels.model(workspaceID: fixture.acme.id)))
            #expect(model.outcomes.map(\.job) == ["repair"])
        }
    }

    @Test(
        "a customer answers an outcome study by link, resumes, sends once; the results API matches a hand count",
        arguments: TestDatabase.available)
    func outcomeStudyFlow(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let created = try await Self.post(
                client, session, "/w/acme/surveys",
                [("kind", "outcome-study"), ("name", "Study"), ("opens", "2020-01-01"), ("outcomes", "o1"), ("outcomes", "o2")])
            #expect(created.status == .found)
            let surveyPath = try #require(created.headers[.location])
            let links = try await Self.post(client, session, surveyPath + "/links", [("count", "2"), ("segment", "")])
            #expect(links.text.contains("Made 2 links"))
            #expect(links.text.contains(#"download="links.csv">Download the links as CSV</a>"#))
            #expect(links.text.contains("data:text/csv;charset=utf-8,link%0A"))
            let paths = links.text.matches(of: /\/c\/([A-Za-z0-9_-]+)/).map { String($0.0) }
            #expect(Set(paths).count == 2)
            let path = paths[0]

            let intro = try await client.execute(uri: path, method: .get)
            #expect(intro.status == .ok && intro.text.contains("Step 1 of 2") && !intro.text.contains("<script"))
            #expect(intro.text.contains("<label for=\"segment\">"))
            let next = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "0"), ("segment", "smb"), ("action", "next")]))
            #expect(next.status == .seeOther)
            let step = try await client.execute(uri: path, method: .get)
            #expect(step.text.contains("Step 2 of 2"), "a returning customer resumes at the outcomes")
            #expect(step.text.contains("name=\"importance-o1\"") && step.text.contains("name=\"satisfaction-o2\""))
            for id in ["importance-o1-4", "satisfaction-o1-2", "importance-o2-5"] { #expect(step.text.contains("<label for=\"\(id)\">")) }
            // Sending with nothing rated is asked about once and sends nothing.
            let blank = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders, body: Self.form([("step", "1"), ("action", "submit")]))
            #expect(blank.status == .ok && blank.text.contains("You have not answered anything yet"))
            #expect(blank.text.contains("Send without answers") && blank.text.contains("name=\"confirm_blank\" value=\"yes\""))
            #expect(try await client.execute(uri: path, method: .get).status == .ok)
            let sent = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("step", "1"), ("importance-o1", "5"), ("satisfaction-o1", "2"), ("importance-o2", "3"), ("satisfaction-o2", "4"),
                    ("action", "submit"),
                ]))
            #expect(sent.status == .ok && sent.text.contains("Thank you"))
            #expect(try await client.execute(uri: path, method: .get).status == .notFound)

            let surveyID = String(surveyPath.split(separator: "/").last!)
            let imported = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/responses/import", method: .post,
                headers: .bearer(fixture.adminToken, contentType: "text/csv"),
                body: ByteBuffer(string: "respondent,segment,outcome,importance,satisfaction\na,home,o1,4,5\na,home,o2,2,1\nb,smb,o1,1,1\n")
            )
            #expect(imported.status == .ok, "\(imported.text)")
            let badImport = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/responses/import", method: .post,
                headers: .bearer(fixture.adminToken, contentType: "text/csv"),
                body: ByteBuffer(string: "respondent,segment,outcome,importance,satisfaction\nc,home,o9,4,5\n"))
            #expect(badImport.status == .badRequest)
            #expect(try Self.problems(badImport) == ["request body:2:8: 'o9' is not one of this survey's outcomes"])

            let results = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/results", method: .get, headers: .bearer(fixture.adminToken))
            let scores = try #require(try results.json()["scores"] as? [[String: Any]])
            let o1 = try #require(scores.first { $0["outcome"] as? String == "o1" })
            // o1: importance 5, 4, 1 -> 2/3 top-2 = 6.667; satisfaction 2, 5, 1 -> 3.333; opportunity 10 -> served.
            #expect(abs((o1["importance"] as! Double) - 20.0 / 3) < 1e-9 && abs((o1["satisfaction"] as! Double) - 10.0 / 3) < 1e-9)
            #expect(abs((o1["opportunity"] as! Double) - 10) < 1e-9 && o1["status"] as? String == "served" && o1["n"] as? Int == 3)
            let smb = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/results?segment=smb", method: .get, headers: .bearer(fixture.adminToken))
            #expect(try smb.json()["respondents"] as? Int == 2)
            let pageResults = try await client.execute(uri: surveyPath + "/results", method: .get, headers: session.headers)
            #expect(pageResults.text.contains("<svg class=\"chart landscape\"") && pageResults.text.contains("6.7"))
        }
    }

    @Test("a voter sees every task, is refused six picks, and votes once", arguments: TestDatabase.available)
    func topTasksFlow(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let created = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"kind":"top-tasks","name":"Vote","opens_at":1700000000,"long_neck":0.3}"#))
            #expect(created.status == .created, "\(created.text)")
            let surveyID = try #require(try created.json()["id"] as? String)
            let links = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"count":1,"segment":"home"}"#))
            let url = try #require((try links.json()["links"] as? [String])?.first)
            let path = String(url[try #require(url.firstRange(of: "/c/")).lowerBound...])
            let page = try await client.execute(uri: path, method: .get)
            // No public title was given: the voter reads the kind's default and who is asking,
            // never the internal name.
            #expect(page.text.contains("<p class=\"organization\">Acme</p><h1>What you come to us for</h1>"))
            #expect(!page.text.contains("Vote<"))
            let shown = page.text.matches(of: /id="task-(t\d)"/).map { String($0.1) }
            #expect(Set(shown) == Set((1...7).map { "t\($0)" }) && !page.text.contains("name=\"segment\""))
            let again = try await client.execute(uri: path, method: .get)
            #expect(again.text.matches(of: /id="task-(t\d)"/).map { String($0.1) } == shown, "the order is kept for this voter")
            let six = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "0"), ("action", "submit")] + (1...6).map { ("task", "t\($0)") }))
            #expect(six.status == .badRequest && six.text.contains("Pick at most 5; you picked 6."))
            let vote = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([("step", "0"), ("action", "submit"), ("task", "t2"), ("task", "t5")]))
            #expect(vote.status == .ok && vote.text.contains("Thank you"))
            _ = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/responses", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"respondent":"x","picks":["t2","t3"]}"#))
            let results = try await client.execute(
                uri: "/api/v1/workspaces/acme/surveys/\(surveyID)/results", method: .get, headers: .bearer(fixture.adminToken))
            let tasks = try #require(try results.json()["tasks"] as? [[String: Any]])
            // t2: 2 of 4 votes -> share 0.5, long neck (0 before it < 0.3); t3 then t5 with 1 each.
            #expect(tasks.prefix(3).map { $0["task"] as? String } == ["t2", "t3", "t5"])
            #expect(
                tasks[0]["share"] as? Double == 0.5 && tasks[0]["long_neck"] as? Bool == true && tasks[1]["long_neck"] as? Bool == false)
            #expect(tasks[1]["top"] as? Bool == false && tasks[1]["cumulative_share"] as? Double == 0.75)
        }
    }

    @Test("task tests, the time ledger and customer metrics work through the API", arguments: TestDatabase.available)
    func outsideViewAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: Self.modelYAML)
            let api = "/api/v1/workspaces/acme"
            func call(
                _ method: HTTPRequest.Method, _ path: String, _ body: String = "", type: String = "application/json"
            ) async throws -> TestResponse {
                try await client.execute(
                    uri: api + path, method: method, headers: .bearer(fixture.adminToken, contentType: type), body: ByteBuffer(string: body)
                )
            }
            #expect(
                try await call(.post, "/task-tests", #"{"code":"tt1","task":"t1","question":"Report","answer":"HC-","target_seconds":60}"#)
                    .status == .created)
            let round = try await call(.post, "/task-rounds", #"{"name":"R1","held_on":"2026-01-01"}"#)
            let roundID = try #require(try round.json()["id"] as? String)
            let attempts = try await call(
                .post, "/task-rounds/\(roundID)/attempts",
                #"{"attempts":[{"participant":"p1","task":"tt1","result":"success","seconds":120},{"participant":"p2","task":"tt1","result":"disaster","seconds":30}]}"#
            )
            #expect(attempts.status == .created, "\(attempts.text)")
            let trend = try await call(.get, "/task-tests/trend")
            let result = try #require(
                ((try trend.json()["trend"] as? [[String: Any]])?.first?["rounds"] as? [[String: Any]])?.first?["result"] as? [String: Any])
            #expect(
                result["score"] as? Double == 25 && result["disaster_rate"] as? Double == 0.5 && result["median_seconds"] as? Double == 75)

            #expect(try await call(.post, "/journeys", #"{"code":"claim","name":"Claim","segment":"home"}"#).status == .created)
            #expect(
                try await call(
                    .post, "/journeys/claim/steps",
                    #"{"name":"Report","customer_minutes":20,"organization_minutes":25,"frequency":1,"customers":60}"#
                )
                .status == .created)
            let ledger = try await call(.get, "/journeys")
            let journey = try #require((try ledger.json()["journeys"] as? [[String: Any]])?.first)
            #expect(journey["annual_customer_hours"] as? Double == 20)
            let stepID = try #require((journey["steps"] as? [[String: Any]])?.first?["id"] as? String)
            let change = try await call(
                .post, "/journeys/claim/changes",
                #"{"step_id":"\#(stepID)","title":"Web form","date":"2026-02-01","customer_minutes_after":30,"organization_minutes_after":5}"#
            )
            let shift = try change.json()
            #expect(change.status == .created && shift["cost_shifting"] as? Bool == true)
            #expect(try change.json()["customer_hours_saved"] as? Double == -10)

            let metrics = try await call(
                .post, "/customer-metrics/import",
                "respondent,segment,date,metric,value\na,home,2026-01-01,nps,10\nb,smb,2026-01-02,nps,2\n", type: "text/csv")
            #expect(metrics.status == .ok, "\(metrics.text)")
            let figures = try await call(.get, "/customer-metrics")
            #expect(((try figures.json()["overall"] as? [[String: Any]])?.first?["score"] as? Double) == 0)
            let badMetrics = try await call(
                .post, "/customer-metrics/import", "respondent,segment,date,metric,value\nc,home,2026-01-01,nps,12\n", type: "text/csv")
            #expect(badMetrics.status == .badRequest)
            #expect(try Self.problems(badMetrics) == ["request body:2:23: an NPS answer must be a whole number 0-10"])

            let yaml = try await client.execute(
                uri: api + "/customer-model?format=yaml", method: .get, headers: .bearer(fixture.adminToken))
            #expect(yaml.text.contains("\"Get a damaged home repaired\""))
            let badModel = try await call(
                .post, "/customer-model", "outcomes:\n  - {code: o3, direction: up, metric: m, object: o}\n", type: "application/yaml")
            #expect(badModel.status == .badRequest)
            #expect(try Self.problems(badModel) == ["request body:2:27: outcome direction 'up' must be one of: minimize, increase"])
            #expect(try await call(.delete, "/customer-model/task/t7").status == .noContent)
            #expect(try await call(.delete, "/customer-model/task/t7").status == .notFound)
        }
    }
}
