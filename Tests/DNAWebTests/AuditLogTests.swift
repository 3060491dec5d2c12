import DNACore
import DNAStore
import DNATestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// The audit log (issue 13): written with each change, in its transaction, the same whether
/// the change came from a page, the API or the command line.
@Suite("Audit log")
struct AuditLogTests {
    @Test(
        "a unit added from the page and a campaign created through the API are logged with who and how; admins read them",
        arguments: TestDatabase.available)
    func pageAndAPI(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: an admin's browser session
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            var formHeaders = session.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            // MUT: a unit from the page (a name with markup), a campaign through the API
            let csv = "unit,parent,name\nsales,hq,<b>Sales</b>\n".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let imported = try await client.execute(
                uri: "/w/acme/org/import", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "csv=\(csv)&csrf_token=\(session.csrfToken)"))
            #expect(imported.status == .ok)
            let campaignID = try await AssessmentWebTests.createCampaign(client, fixture)
            // validation: newest first, with actor, channel, action and record
            let api = try await client.execute(uri: "/api/v1/workspaces/acme/audit", method: .get, headers: .bearer(fixture.adminToken))
            #expect(api.status == .ok)
            let items = try #require(try api.json()["items"] as? [[String: Any]])
            #expect(items.count >= 2)
            #expect(items[0]["action"] as? String == "campaign.create")
            #expect(items[0]["via"] as? String == "api")
            #expect(items[0]["actor"] as? String == "admin@acme.test (API token)")
            #expect(items[0]["record"] as? String == "campaign:\(campaignID)")
            #expect(items[1]["action"] as? String == "org-chart.import")
            #expect(items[1]["via"] as? String == "page")
            #expect(items[1]["actor"] as? String == "admin@acme.test")
            #expect(Set(items[0].keys) == ["at", "actor", "via", "action", "record", "summary"])

            // The page shows the same, escaped; limit and since are checked.
            let page = try await client.execute(uri: "/w/acme/audit", method: .get, headers: session.headers)
            #expect(page.status == .ok && page.text.contains("campaign.create") && page.text.contains("org-chart.import"))
            let home = try await client.execute(uri: "/w/acme", method: .get, headers: session.headers)
            #expect(home.text.contains("/w/acme/audit"))
            let future = try await client.execute(
                uri: "/api/v1/workspaces/acme/audit?since=4000000000", method: .get, headers: .bearer(fixture.adminToken))
            #expect(try #require(try future.json()["items"] as? [Any]).isEmpty)
            let one = try await client.execute(
                uri: "/api/v1/workspaces/acme/audit?limit=1", method: .get, headers: .bearer(fixture.adminToken))
            #expect(try #require(try one.json()["items"] as? [Any]).count == 1)
            for bad in ["limit=0", "limit=1001", "limit=x", "since=-1", "since=yesterday"] {
                let refused = try await client.execute(
                    uri: "/api/v1/workspaces/acme/audit?\(bad)", method: .get, headers: .bearer(fixture.adminToken))
                #expect(refused.status == .badRequest, "\(bad)")
            }

            // Only admins read it; another workspace's members cannot tell it exists.
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .analyst))
            let analyst = try await client.execute(
                uri: "/api/v1/workspaces/acme/audit", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(analyst.status == .forbidden)
            let otherLog = try await fixture.store.auditLog.entries(workspaceID: fixture.other.id)
            #expect(!otherLog.contains { $0.action == "campaign.create" || $0.action == "org-chart.import" })
        }
    }

    @Test("a change that fails leaves no entry; a change with no person behind it is the system's", arguments: TestDatabase.available)
    func transactional(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            // MUT: a unit whose parent is refused inside the transaction (after the entry was
            // written in it), then a good unit, both as one person
            let person = AuditActor(name: "ann@example.test", via: .page)
            try await AuditActor.$current.withValue(person) {
                await #expect(throws: StoreError.self) {
                    _ = try await store.organization.addUnit(workspaceID: workspace.id, code: "b", name: "B", parentID: "no-such-unit")
                }
                _ = try await store.organization.addUnit(workspaceID: workspace.id, code: "a", name: "A", parentID: nil)
            }
            // validation
            let entries = try await store.auditLog.entries(workspaceID: workspace.id)
            #expect(entries.map(\.action) == ["unit.add", "workspace.create"])
            #expect(entries[0].actor == "ann@example.test" && entries[0].via == .page && entries[0].record == "unit:a")
            #expect(entries[1].actor == "system" && entries[1].via == .system)
            await #expect(throws: StoreError.self) { _ = try await store.auditLog.entries(workspaceID: workspace.id, limit: 0) }
        }
    }

    @Test("a workspace made with the command line is logged as the CLI's, and `cdna audit` prints it")
    func commandLine() async throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        let added = try CLITests.cdna(
            ["workspace", "add", "--slug", "tabs", "--name", "Tabs\tand\nlines"] + data, environment: ["USER": "ops"])
        #expect(added.status == 0, "\(added.error)")
        let json = try CLITests.cdna(["audit", "--workspace", "tabs", "--json"] + data)
        #expect(json.status == 0, "\(json.error)")
        let entries = json.output.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(AuditEntry.self, from: Data($0.utf8))
        }
        let created = try #require(entries.first { $0.action == "workspace.create" })
        #expect(created.via == .cli && created.actor == "cli:ops" && created.record == "workspace:tabs")
        // Columns stay one line per entry whatever a name holds.
        let table = try CLITests.cdna(["audit", "--workspace", "tabs"] + data)
        #expect(table.output.split(separator: "\n").count == entries.count)
        #expect(table.output.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 6 })
        // Without --admin every instance administrator administers it; --admin names one user.
        let user = try CLITests.cdna(
            ["user", "add", "--email", "ann@x.test", "--name", "Ann"] + data, environment: ["CDNA_PASSWORD": "a long enough password"])
        #expect(user.status == 0, "\(user.error)")
        let named = try CLITests.cdna(["workspace", "add", "--slug", "anns", "--name", "Ann's", "--admin", "ann@x.test"] + data)
        #expect(named.status == 0, "\(named.error)")
        let unknown = try CLITests.cdna(["workspace", "add", "--slug", "ghost", "--name", "G", "--admin", "nobody@x.test"] + data)
        #expect(unknown.status == 1 && unknown.error.contains("no user 'nobody@x.test'"))
        try await Store.open(.sqlite(path: directory.appendingPathComponent("cdna.sqlite").path)).closing { store in
            let anns = try await store.workspaces.workspace(slug: "anns")
            #expect(try await store.accounts.memberships(workspaceID: anns.id).map(\.user.email) == ["ann@x.test"])
        }
        let bad = try CLITests.cdna(["audit", "--workspace", "tabs", "--limit", "0"] + data)
        #expect(bad.status != 0 && bad.error.contains("--limit"))
    }
}
