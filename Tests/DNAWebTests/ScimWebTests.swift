import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// SCIM 2.0 as a directory (Okta, Entra ID) drives it, on both databases: look a person up,
/// create them, deactivate them with a PATCH, place them with groups and the enterprise
/// extension, delete them; every refusal in SCIM's error format.
@Suite("SCIM provisioning")
struct ScimWebTests {
    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/scim+json"]
    }

    static func send(
        _ client: any TestClientProtocol, _ token: String, _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil
    ) async throws -> (status: Int, json: [String: Any]) {
        let response = try await client.execute(
            uri: "/scim/v2" + path, method: method, headers: headers(token), body: body.map { ByteBuffer(string: $0) })
        #expect(response.headers[.contentType] == "application/scim+json", "\(method) \(path)")
        let json = response.body.readableBytes == 0 ? [:] : try response.json()
        return (Int(response.status.code), json)
    }

    static func user(_ userName: String, email: String, department: String? = nil, manager: String? = nil, active: Bool = true) -> String {
        var enterprise: [String: Any] = [:]
        enterprise["department"] = department
        if let manager { enterprise["manager"] = ["value": manager] }
        let document: [String: Any] = [
            "schemas": [ScimJSON.userSchema, ScimJSON.enterprise], "userName": userName, "active": active,
            "name": ["givenName": "Ann", "familyName": "Berg"], "emails": [["primary": true, "value": email, "type": "work"]],
            ScimJSON.enterprise: enterprise,
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: document), as: UTF8.self)
    }

    @Test("a directory looks up, creates, deactivates, places and deletes a person", arguments: TestDatabase.available)
    func directorySequence(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let scim = ScimService(store: fixture.store)
            let token = try await scim.createToken(.commandLine(login: "t"), workspace: "acme", name: "okta", now: 1)
            let otherToken = try await scim.createToken(.commandLine(login: "t"), workspace: "other", name: "okta", now: 1)

            let lookup = try await Self.send(
                client, token, .get,
                "/Users?filter=" + "userName eq \"Ann@acme.test\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(lookup.status == 200 && lookup.json["totalResults"] as? Int == 0)
            let created = try await Self.send(
                client, token, .post, "/Users", Self.user("Ann@acme.test", email: "ann@acme.test", department: "claims"))
            #expect(created.status == 201, "\(created.json)")
            let id = try #require(created.json["id"] as? String)
            let enterprise = try #require(created.json[ScimJSON.enterprise] as? [String: Any])
            #expect(enterprise["department"] as? String != nil && created.json["active"] as? Bool == true)
            let found = try await Self.send(client, token, .get, "/Users?filter=userName%20eq%20%22ann%40ACME.test%22")
            #expect(found.json["totalResults"] as? Int == 1)
            let again = try await Self.send(client, token, .post, "/Users", Self.user("ann@acme.test", email: "ann@acme.test"))
            #expect(again.status == 409 && again.json["scimType"] as? String == "uniqueness")

            // Entra ID deactivates with a string boolean.
            let patched = try await Self.send(
                client, token, .patch, "/Users/\(id)",
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#
            )
            #expect(patched.status == 200 && patched.json["active"] as? Bool == false)
            let campaign = try await CampaignService(store: fixture.store).createCampaign(
                .commandLine(login: "t"), workspace: "acme", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 0, closesAt: nil,
                population: ["claims": 5], now: 100)
            let invited = try await InvitationService(
                store: fixture.store, linkKey: Data(repeating: 1, count: 32), publicURL: "https://x.test"
            )
            .invite(.commandLine(login: "t"), workspace: "acme", campaign: campaign.id, contact: "ops@x.test", now: 100)
            #expect(invited == 0, "an inactive person is not invited")

            // A report placed under Ann; Ann under her report would be a cycle.
            let bob = try await Self.send(client, token, .post, "/Users", Self.user("bob@acme.test", email: "bob@acme.test", manager: id))
            let bobID = try #require(bob.json["id"] as? String)
            #expect(((bob.json[ScimJSON.enterprise] as? [String: Any])?["manager"] as? [String: Any])?["value"] as? String == id)
            let cycle = try await Self.send(
                client, token, .put, "/Users/\(id)", Self.user("ann@acme.test", email: "ann@acme.test", manager: bobID))
            #expect(cycle.status == 400 && (cycle.json["detail"] as? String)?.contains("cycle") == true)
            let stored = try await fixture.store.participants.all(workspaceID: fixture.acme.id)
            #expect(stored.first { $0.email == "bob@acme.test" }?.managerEmail == "ann@acme.test")

            // A new group is a new unit; its members move into it.
            let group = try await Self.send(
                client, token, .post, "/Groups", #"{"displayName":"Field sales","members":[{"value":"\#(bobID)"}]}"#)
            #expect(group.status == 201)
            let groupID = try #require(group.json["id"] as? String)
            let moved = try await Self.send(client, token, .get, "/Users/\(bobID)")
            #expect((moved.json["groups"] as? [[String: Any]])?.first?["display"] as? String == "Field sales")
            let named = try await Self.send(client, token, .get, "/Groups?filter=displayName%20eq%20%22Field%20sales%22")
            #expect(named.json["totalResults"] as? Int == 1)
            let busy = try await Self.send(client, token, .delete, "/Groups/\(groupID)")
            #expect(busy.status == 409 || busy.status == 400)

            // The other workspace's directory sees none of it.
            #expect(try await Self.send(client, otherToken, .get, "/Users/\(id)").status == 404)
            #expect(try await Self.send(client, otherToken, .get, "/Users").json["totalResults"] as? Int == 0)

            #expect(try await Self.send(client, token, .delete, "/Users/\(id)").status == 204)
            let gone = try await Self.send(client, token, .get, "/Users/\(id)")
            #expect(
                gone.status == 404 && (gone.json["schemas"] as? [String])?.first == ScimJSON.errorSchema
                    && gone.json["status"] as? String == "404")
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, limit: 50)
            #expect(log.contains { $0.via == .scim && $0.actor == "scim:okta" && $0.action == "participant.provision" })
            #expect(log.contains { $0.via == .scim && $0.action == "participant.delete" })
        }
    }

    @Test("requests that break the schema get SCIM 400s; no token, 401; paging counts from 1", arguments: TestDatabase.available)
    func refusals(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let token = try await ScimService(store: fixture.store).createToken(
                .commandLine(login: "t"), workspace: "acme", name: "d", now: 1)
            #expect(try await Self.send(client, "nope", .get, "/Users").status == 401)
            #expect(try await Self.send(client, fixture.adminToken, .get, "/Users").status == 401, "an API token is not a SCIM token")
            for (path, body, type) in [
                ("/Users", "{}", "invalidValue"), ("/Users", "not json", "invalidSyntax"),
                ("/Users", Self.user("x", email: "not an address"), "invalidValue"),
                ("/Users", Self.user("ann@acme.test", email: "ann@acme.test", department: "nowhere"), "invalidValue"),
                ("/Users", #"{"userName":"a@acme.test","active":"maybe"}"#, "invalidValue"),
            ] {
                let refused = try await Self.send(client, token, .post, path, body)
                #expect(refused.status == 400 && refused.json["scimType"] as? String == type, "\(body): \(refused.json)")
            }
            let filter = try await Self.send(client, token, .get, "/Users?filter=userName%20sw%20%22a%22")
            #expect(filter.status == 400 && filter.json["scimType"] as? String == "invalidFilter")
            let hostile = "<script>alert(1)</script>@acme.test"
            let created = try await Self.send(client, token, .post, "/Users", Self.user(hostile, email: "c@acme.test"))
            #expect(created.status == 201 && created.json["userName"] as? String == hostile)
            let id = try #require(created.json["id"] as? String)
            let badPath = try await Self.send(
                client, token, .patch, "/Users/\(id)", #"{"Operations":[{"op":"replace","path":"nickName","value":"x"}]}"#)
            #expect(badPath.status == 400 && badPath.json["scimType"] as? String == "invalidPath")
            for email in ["d@acme.test", "e@acme.test"] {
                #expect(try await Self.send(client, token, .post, "/Users", Self.user(email, email: email)).status == 201)
            }
            let page = try await Self.send(client, token, .get, "/Users?startIndex=2&count=1")
            #expect(
                page.json["totalResults"] as? Int == 3 && page.json["startIndex"] as? Int == 2 && page.json["itemsPerPage"] as? Int == 1)
            for path in ["/ServiceProviderConfig", "/Schemas", "/ResourceTypes"] {
                #expect(try await Self.send(client, token, .get, path).status == 200, "\(path)")
            }
            // A revoked token is refused from then on; a name is one token's.
            let scim = ScimService(store: fixture.store), ops = Caller.commandLine(login: "t")
            await #expect(throws: StoreError.self) { _ = try await scim.createToken(ops, workspace: "acme", name: "d", now: 2) }
            #expect(try await scim.tokens(ops, workspace: "acme").map(\.name) == ["d"])
            try await scim.revokeToken(ops, workspace: "acme", name: "d")
            #expect(try await Self.send(client, token, .get, "/Users").status == 401)
            await #expect(throws: StoreError.self) { try await scim.revokeToken(ops, workspace: "acme", name: "d") }
        }
    }
}
