import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

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
