import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Workspace archive over HTTP")
struct ArchiveWebTests {
    @Test("an admin downloads the archive as a file; another workspace's admin gets 404", arguments: TestDatabase.available)
    func download(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let response = try await client.execute(
                uri: "/api/v1/workspaces/acme/archive", method: .get, headers: [.authorization: "Bearer \(fixture.adminToken)"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.customerdna.workspace")
            let disposition = response.headers[.contentDisposition] ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\"customerdna-acme-") && disposition.hasSuffix(".json\""), "\(disposition)")
            let document = try response.json()
            #expect(document["format"] as? String == "customerdna-workspace" && document["version"] as? Int == 1)
            let workspace = try #require(document["workspace"] as? [String: Any])
            #expect(workspace["slug"] as? String == "acme" && workspace["id"] as? String == fixture.acme.id)
            let tables = try #require(document["tables"] as? [String: Any])
            let units = try #require(tables["units"] as? [[String: Any]])
            #expect(Set(units.compactMap { $0["code"] as? String }) == ["hq", "claims"])
            let members = try #require(document["members"] as? [[String: Any]])
            #expect(members.map { $0["email"] as? String } == ["admin@acme.test"])
            // Taking everything is logged, with who did it and how.
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, since: nil, limit: 5)
            #expect(log.first?.action == "workspace.export" && log.first?.actor == "admin@acme.test (API token)" && log.first?.via == .api)
            // The outsider administers another workspace only.
            let refused = try await client.execute(
                uri: "/api/v1/workspaces/acme/archive", method: .get, headers: [.authorization: "Bearer \(fixture.outsiderToken)"])
            #expect(refused.status == .notFound)
            // No temporary file is left behind. The same test on the other database may be
            // sending its own at this moment, so a file may be seen briefly, never for long.
            func left() throws -> Bool {
                try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                    .contains { $0.hasPrefix("cdna-archive-") && $0.hasSuffix(".json") }
            }
            for _ in 0..<100 where try left() { try await Task.sleep(nanoseconds: 100_000_000) }
            #expect(try !left())
        }
    }
}

@Suite("Workspace restore from the page")
struct RestorePageTests {
    static func restore(
        _ client: any TestClientProtocol, _ session: BrowserSession, file: (String, [UInt8]), slug: String
    ) async throws -> TestResponse {
        try await BrandingWebTests.post(client, session, [("slug", slug)], files: [("archive", file.0, file.1)], to: "/workspaces/restore")
    }

    @Test(
        "an instance administrator restores an archive as a copy; a damaged one restores nothing and says where",
        arguments: TestDatabase.available)
    func restore(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let download = try await client.execute(
                uri: "/api/v1/workspaces/acme/archive", method: .get, headers: [.authorization: "Bearer \(fixture.adminToken)"])
            let archive = Array(download.body.readableBytesView)
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            #expect(try await client.execute(uri: "/", method: .get, headers: admin.headers).text.contains("Restore a workspace"))

            let cut = try await Self.restore(client, admin, file: ("acme.json", Array(archive.prefix(archive.count / 2))), slug: "acme-cut")
            #expect(cut.status == .badRequest && cut.text.contains("Nothing was restored: acme.json:"), "\(cut.text.prefix(300))")
            await #expect(throws: StoreError.self) { try await fixture.store.workspaces.workspace(slug: "acme-cut") }
            let same = try await Self.restore(client, admin, file: ("acme.json", archive), slug: "")
            #expect(same.status == .badRequest && same.text.contains("exists already"))

            let copy = try await Self.restore(client, admin, file: ("acme.json", archive), slug: "acme-copy")
            #expect(copy.status == .seeOther && copy.headers[.location] == "/w/acme-copy")
            let restored = try await fixture.store.workspaces.workspace(slug: "acme-copy")
            #expect(try await fixture.store.organization.units(workspaceID: restored.id).map(\.code).sorted() == ["claims", "hq"])

            let eve = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            let refused = try await Self.restore(client, eve, file: ("acme.json", archive), slug: "acme-eve")
            #expect(refused.status == .forbidden)
        }
    }
}
