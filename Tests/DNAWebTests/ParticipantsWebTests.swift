import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAApp
@testable import DNAWeb

@Suite("Participants pages and API")
struct ParticipantsWebTests {
    static let file = """
        email,name,unit,role,language,manager_email
        kari@example.no,"Kari <script>alert(1)</script>",claims,,nb,boss@example.no
        boss@example.no,Boss,hq,,sv,

        """

    @Test(
        "an analyst imports participants in the page; hostile names stay text; a bad file saves nothing", arguments: TestDatabase.available)
    func page(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let empty = try await client.execute(uri: "/w/acme/participants", method: .get, headers: session.headers)
            #expect(empty.status == .ok && empty.text.contains("No participants yet."))

            let imported = try await CustomerModelWebTests.post(client, session, "/w/acme/participants/import", [("csv", Self.file)])
            #expect(imported.status == .ok && imported.text.contains("Imported: 2 participants added, 0 changed."))
            #expect(imported.text.contains("Kari &lt;script&gt;alert(1)&lt;/script&gt;") && !imported.text.contains("<script>alert"))
            #expect(imported.text.contains(#"<td role="cell" data-label="Language">nb</td>"#))
            // Swedish is a known language nobody has translated yet: it falls back, and says so.
            #expect(imported.text.contains("No translation yet for sv"))

            let bad = try await CustomerModelWebTests.post(
                client, session, "/w/acme/participants/import", [("csv", "email,unit\nnew@example.no,claims\nbroken,nowhere\n")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("participants.csv:3:1: email &#39;broken&#39; must have exactly one @"))
            #expect(bad.text.contains("participants.csv:3:8: unit &#39;nowhere&#39; is not a unit of this workspace"))
            // The file comes back to be fixed, and nothing of it was saved.
            #expect(bad.text.contains("new@example.no,claims"))
            #expect(try await fixture.store.participants.all(workspaceID: fixture.acme.id).count == 2)
        }
    }

    @Test(
        "participants are for analysts: a viewer is refused the page and the API, another workspace sees none",
        arguments: TestDatabase.available)
    func access(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.participants.importFile(workspaceID: fixture.acme.id, file: "p.csv", text: Self.file)
            let viewer = try await fixture.dependencies.accounts.createUser(
                email: "viewer@acme.test", name: "V", password: WebFixture.password, instanceAdmin: false)
            try await fixture.store.accounts.setMembership(Membership(workspaceID: fixture.acme.id, userID: viewer.id, access: .viewer))
            let token = try await fixture.dependencies.accounts.createAPIToken(userID: viewer.id, name: "v").secret
            let api = try await client.execute(uri: "/api/v1/workspaces/acme/participants", method: .get, headers: .bearer(token))
            #expect(api.status == .forbidden)
            let session = try await client.signIn(email: "viewer@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/participants", method: .get, headers: session.headers)
            #expect(page.status == .forbidden && !page.text.contains("kari@example.no"))
            let outsider = try await client.execute(
                uri: "/api/v1/workspaces/acme/participants", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(outsider.status == .notFound)
        }
    }

    @Test("the API imports a file all or nothing and lists what is stored, in the document's shape", arguments: TestDatabase.available)
    func api(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let csv = HTTPFields.bearer(fixture.adminToken, contentType: "text/csv")
            let imported = try await client.execute(
                uri: "/api/v1/workspaces/acme/participants/import", method: .post, headers: csv, body: ByteBuffer(string: Self.file))
            #expect(imported.status == .ok)
            #expect(try imported.json()["added"] as? Int == 2 && imported.json()["updated"] as? Int == 0)

            let cycle = try await client.execute(
                uri: "/api/v1/workspaces/acme/participants/import", method: .post, headers: csv,
                body: ByteBuffer(string: "email,unit,manager_email\nboss@example.no,hq,kari@example.no\n"))
            #expect(cycle.status == .badRequest)
            #expect(
                try CustomerModelWebTests.problems(cycle) == [
                    "request body:2:20: managers form a cycle: boss@example.no -> kari@example.no -> boss@example.no"
                ])

            let list = try await client.execute(
                uri: "/api/v1/workspaces/acme/participants", method: .get, headers: .bearer(fixture.adminToken))
            let items = try #require(try list.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["email"] as? String } == ["boss@example.no", "kari@example.no"])
            let kari = try #require(items.last)
            #expect(kari["language"] as? String == "nb" && kari["manager_email"] as? String == "boss@example.no")
            #expect(kari["role_id"] == nil || kari["role_id"] is NSNull)
        }
    }
}

@Suite("Invitations in the campaign page")
struct InvitationPageTests {
    static func wave(_ fixture: WebFixture) async throws -> Campaign {
        _ = try await fixture.store.participants.importFile(
            workspaceID: fixture.acme.id, file: "p.csv",
            text: "email,name,unit\nkari@example.no,Kari <b>,claims\nola@example.no,Ola,claims\nhq@example.no,Head,hq\n")
        return try await fixture.store.campaigns.create(
            workspaceID: fixture.acme.id, name: "Spring <pulse>", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
            population: [
                try #require(try await fixture.store.organization.units(workspaceID: fixture.acme.id).first { $0.code == "claims" }?.id): 2
            ],
            now: 1)
    }

    @Test(
        "an analyst invites and reminds from the page; the page says mail waits when the server sends none",
        arguments: TestDatabase.available)
    func inviteFromThePage(database: TestDatabase) async throws {
        try await WebFixture.run(database, configure: { $0.linkKey = Data(repeating: 1, count: 32) }) { fixture, client in
            let wave = try await Self.wave(fixture)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/campaigns/\(wave.id)", method: .get, headers: session.headers)
            #expect(page.text.contains("Invite 2 participants not invited yet"))

            let invited = try await CustomerModelWebTests.post(client, session, "/w/acme/campaigns/\(wave.id)/invite", [])
            #expect(invited.status == .ok && invited.text.contains("Invited 2 participants; the mails are in the outbox."))
            #expect(invited.text.contains(#"<span class="stat">2</span> invited"#))
            #expect(invited.text.contains("This server does not send mail (it has no --smtp-url): 2 mails wait in the outbox"))
            // Under k invited in the unit: the handed-in count is hidden.
            #expect(invited.text.contains(#"<td role="cell" data-label="Handed in">hidden</td>"#))
            let mails = try await fixture.store.mailOutbox.mails(workspaceID: fixture.acme.id, purpose: "invitation:\(wave.id)")
            #expect(mails.map(\.recipient).sorted() == ["kari@example.no", "ola@example.no"])
            // The mail names the survey by its public title, not the wave's internal name, and a
            // name as typed comes out escaped in the HTML part.
            #expect(mails.allSatisfy { $0.bodyText.contains("“Customer DNA assessment”") && !$0.bodyText.contains("Spring") })
            let kari = try #require(mails.first { $0.recipient == "kari@example.no" })
            #expect(kari.bodyText.contains("Hello Kari <b>,") && kari.bodyHTML.contains("Hello Kari &lt;b&gt;,"))
            #expect(kari.bodyHTML.contains(#"<html lang="en">"#))
            #expect(mails.allSatisfy { $0.bodyText.contains("Questions: admin@acme.test.") })
            // One mail goes out and one is given up: the unit's row counts each (mail facts,
            // shown even under k).
            try await fixture.store.mailOutbox.markSent(id: kari.id, at: 5)
            let ola = try #require(mails.first { $0.recipient == "ola@example.no" })
            try await fixture.store.mailOutbox.markFailed(id: ola.id, reason: "550 no such user", temporary: false, attempts: 1, now: 5)
            let delivered = try await client.execute(uri: "/w/acme/campaigns/\(wave.id)", method: .get, headers: session.headers)
            #expect(
                delivered.text.contains(
                    #"data-label="Invited">2</td><td role="cell" data-label="Mails sent">1</td><td role="cell" data-label="Mails given up">1</td>"#
                ))
            #expect(delivered.text.contains("550 no such user"))

            let reminded = try await CustomerModelWebTests.post(client, session, "/w/acme/campaigns/\(wave.id)/remind", [])
            #expect(reminded.text.contains("Reminded 2 participants who have not handed in."))
            // Without the CSRF token nothing is sent.
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: "/w/acme/campaigns/\(wave.id)/invite", method: .post, headers: headers, body: ByteBuffer(string: ""))
            #expect(forged.status == .forbidden)
        }
    }

    @Test("without a link key the page explains how to get one instead of offering to invite", arguments: TestDatabase.available)
    func noKey(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let wave = try await Self.wave(fixture)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/campaigns/\(wave.id)", method: .get, headers: session.headers)
            #expect(page.text.contains("To invite by e-mail, set CDNA_LINK_KEY") && !page.text.contains("not invited yet"))
            let refused = try await CustomerModelWebTests.post(client, session, "/w/acme/campaigns/\(wave.id)/invite", [])
            #expect(refused.status == .badRequest && refused.text.contains("set CDNA_LINK_KEY to invite by e-mail"))
            #expect(try await fixture.store.mailOutbox.pendingCount() == 0)
        }
    }

    @Test(
        "reminder days are set on the page (a bad entry is refused at its field) and through the API; opened links count by unit",
        arguments: TestDatabase.available)
    func reminderDays(database: TestDatabase) async throws {
        try await WebFixture.run(database, configure: { $0.linkKey = Data(repeating: 1, count: 32) }) { fixture, client in
            let wave = try await Self.wave(fixture)
            // The fixture's clock stands at 1,800,000,000: a wave that opened just before.
            let opened = try await fixture.store.campaigns.create(
                workspaceID: fixture.acme.id, name: "Autumn", instrument: .builtIn("customer-dna"), opensAt: 1_800_000_000 - 3_600,
                closesAt: nil, population: [try #require(try await Self.claimsUnit(fixture)): 2], now: 1)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let path = "/w/acme/campaigns/\(opened.id)"
            let page = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(page.text.contains("Reminder days") && page.text.contains(#"name="days""#))
            let saved = try await CustomerModelWebTests.post(client, session, path + "/reminder-days", [("days", "7, 3")])
            #expect(saved.status == .ok && saved.text.contains("Reminders will go out 3, 7 days after opening."))
            #expect(saved.text.contains(#"<td role="cell" data-label="Reminded">to come"#))
            let bad = try await CustomerModelWebTests.post(client, session, path + "/reminder-days", [("days", "3, <b>soon</b>")])
            #expect(bad.status == .badRequest && bad.text.contains("&#39;&lt;b&gt;soon&lt;/b&gt;&#39; is not a whole number of days"))
            #expect(bad.text.contains(#"aria-invalid="true""#) && bad.text.contains(#"value="3, &lt;b&gt;soon&lt;/b&gt;""#))
            let range = try await CustomerModelWebTests.post(client, session, path + "/reminder-days", [("days", "900")])
            #expect(range.status == .badRequest && range.text.contains("reminder day 900 is outside 1 to 365 days after opening"))

            // The API reads and sets the same days; its schema refuses a day twice or out of range.
            func api(_ method: HTTPRequest.Method, _ body: String? = nil) async throws -> TestResponse {
                var headers = HTTPFields.bearer(fixture.adminToken)
                headers[.contentType] = "application/json"
                return try await client.execute(
                    uri: "/api/v1/workspaces/acme/campaigns/\(opened.id)/reminder-days", method: method, headers: headers,
                    body: body.map { ByteBuffer(string: $0) })
            }
            let read = try await api(.get)
            let readDays = try read.json()["days"] as? [[String: Any]]
            #expect(read.status == .ok && readDays?.compactMap { $0["day"] as? Int } == [3, 7])
            let put = try await api(.put, #"{"days":[2]}"#)
            let putDays = try put.json()["days"] as? [[String: Any]]
            #expect(put.status == .ok && putDays?.first?["due_at"] as? Int == 1_800_000_000 - 3_600 + 2 * 86_400)
            #expect(try await api(.put, #"{"days":[2,2]}"#).status == .badRequest)
            #expect(try await api(.put, #"{"days":[0]}"#).status == .badRequest)
            let viewer = try await client.execute(
                uri: "/api/v1/workspaces/acme/campaigns/\(opened.id)/reminder-days", method: .put,
                headers: [.authorization: "Bearer \(fixture.outsiderToken)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"days":[4]}"#))
            #expect(viewer.status == .forbidden || viewer.status == .notFound)

            // Invited people who open their link count as opened, by unit only from k people.
            _ = try await CustomerModelWebTests.post(client, session, "/w/acme/campaigns/\(wave.id)/invite", [])
            let statuses = try await fixture.store.invitations.statuses(workspaceID: fixture.acme.id, campaignID: wave.id)
            let secret = InvitationService.secret(for: statuses[0].id, keyData: Data(repeating: 1, count: 32))
            #expect(try await client.execute(uri: "/r/\(secret)", method: .get).status == .ok)
            let counted = try await client.execute(uri: "/w/acme/campaigns/\(wave.id)", method: .get, headers: session.headers)
            #expect(counted.text.contains(#"<span class="stat">1</span> opened the link"#))
            #expect(counted.text.contains(#"<td role="cell" data-label="Opened the link">hidden</td>"#))
        }
    }

    static func claimsUnit(_ fixture: WebFixture) async throws -> String? {
        try await fixture.store.organization.units(workspaceID: fixture.acme.id).first { $0.code == "claims" }?.id
    }
}
