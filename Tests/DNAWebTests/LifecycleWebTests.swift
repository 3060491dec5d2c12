import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// Deleting and erasing through the pages and the API: a confirmation that counts what goes
/// and wants the name typed, refusals that delete nothing, and hostile names shown as text.
@Suite("Deleting and erasing over HTTP")
struct LifecycleWebTests {
    static let hostileName = "<script>alert(1)</script> & \"wave\""

    static func form(_ session: BrowserSession, _ fields: [(String, String)]) -> (HTTPFields, ByteBuffer) {
        var headers = session.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = ([(AuthMiddleware.csrfField, session.csrfToken)] + fields).map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return (headers, ByteBuffer(string: body))
    }

    static func wave(_ fixture: WebFixture, name: String = hostileName) async throws -> Campaign {
        try await CampaignService(store: fixture.store).createCampaign(
            .commandLine(login: "t"), workspace: "acme", name: name, instrument: .builtIn("customer-dna"), opensAt: 0, closesAt: nil,
            population: ["hq": 10], now: 100)
    }

    @Test("a wave is deleted from its page only after its name is typed; a hostile name stays text", arguments: TestDatabase.available)
    func deleteWaveFromPage(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let wave = try await Self.wave(fixture)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let detail = try await client.execute(uri: "/w/acme/campaigns/\(wave.id)", method: .get, headers: session.headers)
            #expect(detail.text.contains("/w/acme/campaigns/\(wave.id)/delete"))
            let path = "/w/acme/campaigns/\(wave.id)/delete"
            let confirm = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(confirm.status == .ok && confirm.text.contains("Delete for good"))
            #expect(!confirm.text.contains("<script>alert(1)") && confirm.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

            let (headers, wrong) = Self.form(session, [("confirm", "yes")])
            let refused = try await client.execute(uri: path, method: .post, headers: headers, body: wrong)
            #expect(refused.status == .badRequest && refused.text.contains("exactly to delete it"))
            var noCSRF = session.headers
            noCSRF[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(
                uri: path, method: .post, headers: noCSRF,
                body: ByteBuffer(string: "confirm=" + (Self.hostileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            )
            #expect(forged.status == .forbidden)
            #expect(try await fixture.store.campaigns.all(workspaceID: fixture.acme.id).count == 1)

            let (_, right) = Self.form(session, [("confirm", Self.hostileName)])
            let deleted = try await client.execute(uri: path, method: .post, headers: headers, body: right)
            #expect(deleted.status == .ok && deleted.text.contains("Deleted the wave"))
            #expect(try await fixture.store.campaigns.all(workspaceID: fixture.acme.id).isEmpty)
            let again = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(again.status == .notFound)
        }
    }

    @Test("the API deletes a wave and says what went; an outsider gets 404 and nothing goes", arguments: TestDatabase.available)
    func deleteWaveByAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let wave = try await Self.wave(fixture, name: "Spring")
            let uri = "/api/v1/workspaces/acme/campaigns/\(wave.id)"
            let outsider = try await client.execute(uri: uri, method: .delete, headers: .bearer(fixture.outsiderToken))
            #expect(outsider.status == .notFound)
            let response = try await client.execute(uri: uri, method: .delete, headers: .bearer(fixture.adminToken))
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            #expect(body["summary"] as? String == "nothing else" && (body["parts"] as? [Any])?.isEmpty == true)
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, limit: 1)
            #expect(log.first?.action == "campaign.delete" && log.first?.summary == "deleted the campaign 'Spring' with nothing else")
            #expect(try await client.execute(uri: uri, method: .delete, headers: .bearer(fixture.adminToken)).status == .notFound)
        }
    }

    @Test("retention and erasure through the API: limits checked, a dry run changes nothing", arguments: TestDatabase.available)
    func retentionAndErasureByAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let retention = "/api/v1/workspaces/acme/retention"
            for bad in ["{\"open_answer_retention_days\": 0}", "{\"open_answer_retention_days\": 40000}", "{\"days\": 3}"] {
                let refused = try await client.execute(
                    uri: retention, method: .put, headers: .bearer(fixture.adminToken), body: ByteBuffer(string: bad))
                #expect(refused.status == .badRequest, "\(bad) -> \(refused.status)")
            }
            let set = try await client.execute(
                uri: retention, method: .put, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "{\"open_answer_retention_days\": 30}"))
            #expect(set.status == .ok)
            #expect((try set.json()["open_answer_retention_days"] as? Int) == 30)
            let workspace = try await client.execute(uri: "/api/v1/workspaces/acme", method: .get, headers: .bearer(fixture.adminToken))
            #expect((try workspace.json()["open_answer_retention_days"] as? Int) == 30)

            _ = try await fixture.store.participants.importFile(
                workspaceID: fixture.acme.id, file: "p.csv", text: "email,name,unit,role,language,manager_email\nkim@acme.test,Kim,hq,,,\n")
            let erasures = "/api/v1/workspaces/acme/erasures"
            let dry = try await client.execute(
                uri: erasures, method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "{\"email\": \"KIM@acme.test\", \"dry_run\": true}"))
            #expect(dry.status == .ok)
            #expect((try dry.json()["summary"] as? String) == "1 participant record")
            #expect(try await fixture.store.participants.all(workspaceID: fixture.acme.id).count == 1)
            let bad = try await client.execute(
                uri: erasures, method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "{\"email\": \"not an address\"}"))
            #expect(bad.status == .badRequest)
            let erased = try await client.execute(
                uri: erasures, method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "{\"email\": \"kim@acme.test\"}"))
            #expect(erased.status == .ok)
            #expect(try await fixture.store.participants.all(workspaceID: fixture.acme.id).isEmpty)
            let nothing = try await client.execute(
                uri: erasures, method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "{\"email\": \"kim@acme.test\"}"))
            #expect(nothing.status == .notFound)
        }
    }

    @Test("the privacy page erases a person after the address is typed again", arguments: TestDatabase.available)
    func eraseFromPage(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            _ = try await fixture.store.participants.importFile(
                workspaceID: fixture.acme.id, file: "p.csv", text: "email,name,unit,role,language,manager_email\nkim@acme.test,Kim,hq,,,\n")
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/privacy", method: .get, headers: session.headers)
            #expect(page.status == .ok && page.text.contains("Erase a person"))
            let (headers, unknown) = Self.form(session, [("email", "nobody@acme.test")])
            let refused = try await client.execute(uri: "/w/acme/privacy/erase", method: .post, headers: headers, body: unknown)
            #expect(refused.status == .badRequest && refused.text.contains("nothing in this workspace names"))
            let (_, ask) = Self.form(session, [("email", "kim@acme.test")])
            let confirm = try await client.execute(uri: "/w/acme/privacy/erase", method: .post, headers: headers, body: ask)
            #expect(confirm.status == .ok && confirm.text.contains("1 participant record"))
            #expect(try await fixture.store.participants.all(workspaceID: fixture.acme.id).count == 1)
            let (_, typed) = Self.form(session, [("email", "kim@acme.test"), ("confirm", "kim@acme.test")])
            let done = try await client.execute(uri: "/w/acme/privacy/erase", method: .post, headers: headers, body: typed)
            #expect(done.status == .ok && done.text.contains("Erased kim@acme.test"))
            #expect(try await fixture.store.participants.all(workspaceID: fixture.acme.id).isEmpty)
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, limit: 1)
            #expect(log.first?.action == "person.erase" && log.first?.summary.contains("kim") == false)
        }
    }
}
