import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Assessment pages and API")
struct AssessmentWebTests {
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func form(_ pairs: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(
                separator: "&"))
    }

    /// Creates a campaign in acme through the API and returns its id.
    static func createCampaign(
        _ client: any TestClientProtocol, _ fixture: WebFixture, population: String = #"{"claims":6}"#
    )
        async throws -> String
    {
        let response = try await client.execute(
            uri: "/api/v1/workspaces/acme/campaigns", method: .post, headers: .bearer(fixture.adminToken),
            body: ByteBuffer(string: #"{"name":"Pilot","instrument":"customer-dna","opens_at":1700000000,"population":\#(population)}"#))
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["id"] as? String)
    }

    @Test(
        "one response through the API: who may send it, to which campaign, unit and role (read in one query)",
        arguments: TestDatabase.available)
    func oneResponseThroughAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let campaignID = try await Self.createCampaign(client, fixture)
            _ = try await fixture.store.organization.addRole(workspaceID: fixture.acme.id, code: "agent", name: "Agent", unitID: nil)
            let path = "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses"
            func send(_ body: String, token: String? = nil, to uri: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: uri ?? path, method: .post, headers: .bearer(token ?? fixture.adminToken), body: ByteBuffer(string: body))
            }
            let created = try await send(#"{"respondent":"r1","unit":"claims","role":"agent","answers":{"purpose-customers":"4"}}"#)
            #expect(created.status == .created, "\(created.text)")
            #expect(try await fixture.store.campaigns.campaignProgress(workspace: fixture.acme, campaignID: campaignID).submitted == 1)
            // A member of another workspace cannot tell this one exists; a viewer may not write.
            let outsider = try await send(#"{"respondent":"r2","unit":"claims","answers":{}}"#, token: fixture.outsiderToken)
            #expect(outsider.status == .notFound && outsider.errorMessage == "no workspace 'acme'")
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .viewer))
            let viewer = try await send(#"{"respondent":"r2","unit":"claims","answers":{}}"#, token: fixture.outsiderToken)
            #expect(viewer.status == .forbidden && viewer.errorMessage?.contains("needs analyst access") == true)
            let noCampaign = try await send(
                #"{"respondent":"r2","unit":"claims","answers":{}}"#, to: "/api/v1/workspaces/acme/campaigns/nope/responses")
            #expect(noCampaign.status == .notFound && noCampaign.errorMessage == "no campaign 'nope'")
            let otherWorkspace = try await send(
                #"{"respondent":"r2","unit":"claims","answers":{}}"#, to: "/api/v1/workspaces/other/campaigns/\(campaignID)/responses")
            #expect(otherWorkspace.status == .notFound)
            let badUnit = try await send(#"{"respondent":"r2","unit":"nowhere","answers":{}}"#)
            #expect(badUnit.status == .badRequest && badUnit.errorMessage?.contains("unit: 'nowhere'") == true)
            let badRole = try await send(#"{"respondent":"r2","unit":"claims","role":"pilot","answers":{"nope":"1"}}"#)
            #expect(badRole.status == .badRequest)
            #expect(badRole.errorMessage?.contains("role: 'pilot' is not a role code") == true)
            #expect(badRole.errorMessage?.contains("answers.nope: not an item") == true)
            let again = try await send(#"{"respondent":"r1","unit":"claims","answers":{}}"#)
            #expect(again.status == .conflict)
            #expect(try await fixture.store.campaigns.campaignProgress(workspace: fixture.acme, campaignID: campaignID).submitted == 1)
        }
    }

    @Test("a respondent answers step by step, resumes with the same link and hands in once", arguments: TestDatabase.available)
    func respondentFlow(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let campaignID = try await Self.createCampaign(client, fixture)
            let links = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"unit":"claims","count":2}"#))
            #expect(links.status == .created)
            let urls = try #require(try links.json()["links"] as? [String])
            #expect(urls.count == 2)
            let path = String(try #require(urls[0].firstRange(of: "/r/").map { urls[0][$0.lowerBound...] }))

            let first = try await client.execute(uri: path, method: .get)
            #expect(first.status == .ok)
            #expect(first.text.contains("Step 1 of 7"))
            #expect(!first.text.contains("<script"))
            let next = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders, body: Self.form([("step", "0"), ("role", ""), ("action", "next")]))
            #expect(next.status == .seeOther && next.headers[.location] == "\(path)?step=1")

            let step1 = try await client.execute(uri: "\(path)?step=1", method: .get)
            let items = RespondentPage.items(step: 1, of: BuiltInInstruments.customerDNA)
            for item in items { #expect(step1.text.contains("name=\"i-\(item.id)\"")) }
            var answers = [("step", "1"), ("action", "pause")]
            for item in items { answers.append(("i-\(item.id)", "4")) }
            let paused = try await client.execute(uri: path, method: .post, headers: Self.formHeaders, body: Self.form(answers))
            #expect(paused.text.contains("Open the same link again to continue"))
            // Coming back without a step resumes at the first step with unanswered questions.
            let resumed = try await client.execute(uri: path, method: .get)
            #expect(resumed.text.contains("Step 3 of 7"))
            #expect(resumed.status == .ok)

            let last = RespondentPage.stepCount(BuiltInInstruments.customerDNA) - 1
            let handIn = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("step", String(last)), ("i-line-of-sight", "cant-say"), ("i-value-in-own-words", "I answer claims"),
                    ("action", "submit"),
                ]))
            #expect(handIn.status == .ok && handIn.text.contains("Thank you"))
            let again = try await client.execute(uri: path, method: .get)
            #expect(again.status == .notFound && again.text.contains("Answers were already handed in with this link"))
            let twice = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders, body: Self.form([("step", "1"), ("action", "submit")]))
            #expect(twice.status == .notFound)
            let bogus = try await client.execute(uri: "/r/not-a-token", method: .get)
            #expect(bogus.status == .notFound)

            let campaign = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)", method: .get, headers: .bearer(fixture.adminToken))
            let progress = try #require(try campaign.json()["progress"] as? [String: Any])
            #expect(progress["submitted"] as? Int == 1 && progress["invited"] as? Int == 6)
        }
    }

    @Test(
        "a respondent sees the organization's name, and handing in with nothing answered is asked about once",
        arguments: TestDatabase.available)
    func blankHandIn(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: one link
            let campaignID = try await Self.createCampaign(client, fixture)
            let links = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/links", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: #"{"unit":"claims","count":1}"#))
            let url = try #require(try links.json()["links"] as? [String]).first ?? ""
            let path = String(try #require(url.firstRange(of: "/r/").map { url[$0.lowerBound...] }))
            let first = try await client.execute(uri: path, method: .get)
            #expect(first.text.contains("<p class=\"organization\">\(fixture.acme.name)</p>"))
            #expect(first.text.contains("the way we work at \(fixture.acme.name) serves our customers"))
            let last = String(RespondentPage.stepCount(BuiltInInstruments.customerDNA) - 1)
            func submitted() async throws -> Int {
                try await fixture.store.campaigns.campaignProgress(workspace: fixture.acme, campaignID: campaignID).submitted
            }

            // MUT: hand in with nothing answered
            let asked = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders, body: Self.form([("step", last), ("action", "submit")]))
            // validation: asked once, nothing handed in, the link still works
            #expect(asked.status == .ok && asked.text.contains("You have not answered any question"))
            #expect(asked.text.contains("name=\"confirm_blank\" value=\"yes\"") && asked.text.contains("Hand in without answers"))
            #expect(try await submitted() == 0)
            #expect(try await client.execute(uri: path, method: .get).status == .ok)
            // confirmed, it is taken
            let confirmed = try await client.execute(
                uri: path, method: .post, headers: Self.formHeaders,
                body: Self.form([("step", last), ("confirm_blank", "yes"), ("action", "submit")]))
            #expect(confirmed.status == .ok && confirmed.text.contains("Thank you"))
            #expect(try await submitted() == 1)
        }
    }

    @Test("results from fewer than 30 answers say their figures are uncertain, on the page and in the report")
    func fewAnswers() async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            // setup: a wave with 29 answers
            let campaignID = try await Self.createCampaign(client, fixture, population: #"{"claims":40}"#)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            func answer(_ respondent: Int) async throws {
                let sent = try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses", method: .post, headers: .bearer(fixture.adminToken),
                    body: ByteBuffer(
                        string:
                            #"{"respondent":"r\#(respondent)","unit":"claims","answers":{"purpose-customers":"\#(respondent % 5 + 1)"}}"#))
                #expect(sent.status == .created)
            }
            for respondent in 1...29 { try await answer(respondent) }
            func shown() async throws -> (page: String, report: String) {
                let page = try await client.execute(
                    uri: "/w/acme/campaigns/\(campaignID)/results", method: .get, headers: session.headers)
                let report = try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/report?format=md", method: .get,
                    headers: .bearer(fixture.adminToken))
                return (page.text, report.text)
            }
            // MUT + validation: 29 answers are uncertain, 30 no longer
            var (page, report) = try await shown()
            #expect(page.contains("<p class=\"uncertain\" role=\"note\">Fewer than 30 answers: these figures are uncertain."))
            #expect(report.contains("Fewer than 30 answers: these figures are uncertain"))
            try await answer(30)
            (page, report) = try await shown()
            #expect(!page.contains("class=\"uncertain\"") && !report.contains("Fewer than 30 answers"))
            #expect(page.contains("<span class=\"stat\">30</span> respondents"))
        }
    }

    @Test("the open link hands out a fresh single-use link per visit", arguments: TestDatabase.available)
    func openLink(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let campaignID = try await Self.createCampaign(client, fixture)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let created = try await client.execute(
                uri: "/w/acme/campaigns/\(campaignID)/open-link", method: .post, headers: session.headers.merging(Self.formHeaders),
                body: Self.form([("csrf_token", session.csrfToken), ("action", "create")]))
            #expect(created.status == .found)
            let info = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)", method: .get, headers: .bearer(fixture.adminToken))
            let openLink = try #require(try info.json()["open_link"] as? String)
            let path = String(try #require(openLink.firstRange(of: "/o/").map { openLink[$0.lowerBound...] }))
            let visit1 = try await client.execute(uri: path, method: .get)
            let visit2 = try await client.execute(uri: path, method: .get)
            #expect(visit1.status == .seeOther && visit2.status == .seeOther)
            let token1 = try #require(visit1.headers[.location]), token2 = try #require(visit2.headers[.location])
            #expect(token1 != token2 && token1.hasPrefix("/r/"))
            // Someone arriving by the open link says where they work first.
            let page = try await client.execute(uri: token1, method: .get)
            #expect(page.text.contains("Where do you work?"))
            let missingUnit = try await client.execute(
                uri: token1, method: .post, headers: Self.formHeaders, body: Self.form([("step", "0"), ("unit", ""), ("action", "next")]))
            #expect(missingUnit.status == .badRequest && missingUnit.text.contains("Choose where you work"))
        }
    }

    @Test("pages, API, exports and reports never show a group under k", arguments: TestDatabase.available)
    func anonymityEverywhere(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.organization.importOrgChart(
                workspaceID: fixture.acme.id, file: "org.csv", text: "unit,parent,name\nsales,hq,Sales floor\ntiny,hq,Tiny cell\n")
            let campaignID = try await Self.createCampaign(client, fixture, population: #"{"claims":10,"sales":10,"tiny":3}"#)
            var rows = ["respondent,unit,role,purpose-customers,purpose-tradeoffs,purpose-words-only"]
            for index in 0..<8 { rows.append("c\(index),claims,,\(1 + index % 5),4,2") }
            for index in 0..<7 { rows.append("s\(index),sales,,5,5,1") }
            for index in 0..<2 { rows.append("t\(index),tiny,,1,1,5") }
            let imported = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/responses/import", method: .post,
                headers: [.authorization: "Bearer \(fixture.adminToken)", .contentType: "text/csv"],
                body: ByteBuffer(string: rows.joined(separator: "\n")))
            #expect(imported.status == .ok && imported.text.contains("\"imported\":17"))

            let api = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/scorecard?by=unit", method: .get, headers: .bearer(fixture.adminToken)
            )
            let groups = try #require(try api.json()["groups"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: groups.map { ($0["group"] as! String, $0) })
            // tiny (2) is under k; sales (7) is hidden too, or tiny = hq - claims - sales.
            #expect(Set(byName["tiny"]!.keys) == ["group", "suppressed"])
            #expect(Set(byName["sales"]!.keys) == ["group", "suppressed"])
            #expect(byName["claims"]?["n"] as? Int == 8)
            #expect(byName["hq"]?["n"] as? Int == 17)

            let csv = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/report?format=csv", method: .get, headers: .bearer(fixture.adminToken)
            )
            let tinyRows = csv.text.split(separator: "\n").filter { $0.hasPrefix("tiny,") }
            #expect(tinyRows == ["tiny,true,,,,,,,,,,,,,,,,,"])
            let markdown = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(campaignID)/report?format=md", method: .get, headers: .bearer(fixture.adminToken))
            #expect(
                markdown.status == .ok && markdown.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"customer-dna-") == true)
            let tinyLine = try #require(markdown.text.split(separator: "\n").first { $0.contains("Tiny cell") })
            #expect(tinyLine.contains("hidden") && !tinyLine.contains(where: \.isNumber))

            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let results = try await client.execute(uri: "/w/acme/campaigns/\(campaignID)/results", method: .get, headers: session.headers)
            #expect(results.status == .ok)
            #expect(results.text.contains("<svg") && results.text.contains("hidden to protect anonymity"))
            let html = try await client.execute(
                uri: "/w/acme/campaigns/\(campaignID)/report?format=html", method: .get, headers: session.headers)
            #expect(html.text.contains("<style>") && !html.text.contains("<link") && !html.text.contains("<script"))
            // Opened from disk no header reaches it, so the policy travels in the file too.
            #expect(html.text.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'"#))
            #expect(html.headers[.contentSecurityPolicy] == SecurityHeaders.reportPolicy)
        }
    }

    @Test("an admin creates a campaign and makes links in the pages", arguments: TestDatabase.available)
    func campaignPages(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let claims = try #require(
                try await fixture.store.organization.units(workspaceID: fixture.acme.id).first { $0.code == "claims" })
            let headers = session.headers.merging(Self.formHeaders)
            let refused = try await client.execute(
                uri: "/w/acme/campaigns", method: .post, headers: headers,
                body: Self.form([
                    ("csrf_token", session.csrfToken), ("name", "Spring"), ("instrument", "customer-dna"), ("opens", "2027-02-30"),
                ]))
            #expect(refused.status == .badRequest && refused.text.contains("give the opening date as YYYY-MM-DD"))
            let badInstrument = try await client.execute(
                uri: "/w/acme/campaigns", method: .post, headers: headers,
                body: Self.form([
                    ("csrf_token", session.csrfToken), ("name", "Own"), ("opens", "2027-06-05"), ("invited-\(claims.id)", "5"),
                    ("instrument_yaml", "id: own\ntitle: Own\nitems:\n  - id: a\n    text: A\n    dimensions: [os-canvas/nope]\n"),
                ]))
            #expect(badInstrument.status == .badRequest)
            #expect(
                badInstrument.text.contains("instrument.yaml:6:18: unknown dimension &#39;os-canvas/nope&#39;")
                    || badInstrument.text.contains("instrument.yaml:6:18: unknown dimension 'os-canvas/nope'"))
            // A refused form keeps what was typed.
            #expect(badInstrument.text.contains(#"id="name" name="name" type="text" value="Own" required placeholder="Spring pulse""#))
            #expect(badInstrument.text.contains(#"id="opens" name="opens" type="date" value="2027-06-05" required"#))
            #expect(badInstrument.text.contains(#"name="invited-\#(claims.id)" type="number" value="5" min="0""#))
            #expect(refused.text.contains(#"value="2027-02-30""#) && refused.text.contains(#"<option value="customer-dna" selected>"#))
            // The field at fault says so beside itself, and the control points to that line.
            #expect(refused.text.contains(#"<p class="field-error" id="opens-error">give the opening date as YYYY-MM-DD</p>"#))
            #expect(
                refused.text.contains(
                    #"id="opens" name="opens" type="date" value="2027-02-30" required aria-describedby="opens-error" aria-invalid="true""#))
            #expect(!refused.text.contains(#"id="closes-error""#) && !badInstrument.text.contains("field-error"))
            let hostile = try await client.execute(
                uri: "/w/acme/campaigns", method: .post, headers: headers,
                body: Self.form([("csrf_token", session.csrfToken), ("name", #"x"><script>alert(1)</script>"#), ("opens", "never")]))
            #expect(hostile.status == .badRequest && hostile.text.contains(#"value="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#))
            #expect(!hostile.text.contains("<script>alert"))
            let created = try await client.execute(
                uri: "/w/acme/campaigns", method: .post, headers: headers,
                body: Self.form([
                    ("csrf_token", session.csrfToken), ("name", "Spring"), ("instrument", "customer-dna"), ("opens", "2027-06-05"),
                    ("closes", ""), ("invited-\(claims.id)", "12"),
                ]))
            #expect(created.status == .found)
            let location = try #require(created.headers[.location])
            let page = try await client.execute(uri: location, method: .get, headers: session.headers)
            #expect(page.text.contains("Spring") && page.text.contains("scheduled"))
            let links = try await client.execute(
                uri: location + "/links", method: .post, headers: headers,
                body: Self.form([("csrf_token", session.csrfToken), ("unit", "claims"), ("count", "3")]))
            #expect(links.status == .ok)
            #expect(links.text.matches(of: /\/r\/[A-Za-z0-9_-]{43}/).count >= 3)
            let forged = try await client.execute(
                uri: location + "/links", method: .post, headers: headers, body: Self.form([("csrf_token", "wrong"), ("unit", "claims")]))
            #expect(forged.status == .forbidden)
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result.append(field) }
        return result
    }
}

extension AssessmentWebTests {
    @Test(
        "a force page's refused experiment keeps what was typed; the tension form beside it stays empty", arguments: TestDatabase.available)
    func refusedExperimentKeepsValues(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let refused = try await CustomerModelWebTests.post(
                client, session, "/w/acme/forces/purpose/experiments",
                [
                    ("tension", ""), ("practice", "Weekly customer call <open>"), ("hypothesis", "Teams name their customer"),
                    ("participants", "Claims desk"), ("days", "a month"), ("review", "2026-03-01"),
                ])
            #expect(refused.status == .badRequest && refused.text.contains("the duration must be a whole number of days"))
            #expect(refused.text.contains(#"id="exp-practice" name="practice" type="text" value="Weekly customer call &lt;open&gt;""#))
            #expect(refused.text.contains(#"id="exp-days" name="days" type="number" value="a month""#))
            #expect(refused.text.contains(#"<p class="field-error" id="exp-days-error">the duration must be a whole number of days</p>"#))
            #expect(refused.text.contains(#"id="exp-review" name="review" type="date" value="2026-03-01""#))
            #expect(refused.text.contains(#"<textarea id="tension-text" name="text" rows="4"></textarea>"#))
            let added = try await CustomerModelWebTests.post(
                client, session, "/w/acme/forces/purpose/tensions",
                [("text", "Targets reward speed over fixing the cause"), ("source", "manual")])
            #expect(added.status == .found)
        }
    }
}
