import DNACore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("JSON API")
struct APITests {
    @Test("workspace, units and roles round trip through the API", arguments: TestDatabase.available)
    func roundTrip(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let auth = HTTPFields.bearer(fixture.adminToken)
            let created = try await client.execute(
                uri: "/api/v1/workspaces", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"slug":"globex","name":"Globex","min_group_size":7}"#))
            #expect(created.status == .created)
            #expect(try created.json()["min_group_size"] as? Int == 7)
            // The creator, and nobody else, administers it (WorkspaceRepository.create's rule).
            let globex = try await fixture.store.workspaces.workspace(slug: "globex")
            let members = try await fixture.store.accounts.memberships(workspaceID: globex.id)
            #expect(members.map(\.user.email) == ["admin@acme.test"] && members.map(\.access) == [.admin])

            let unit = try await client.execute(
                uri: "/api/v1/workspaces/globex/units", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"code":"hq","name":"HQ"}"#))
            let unitID = try #require(try unit.json()["id"] as? String)
            let child = try await client.execute(
                uri: "/api/v1/workspaces/globex/units", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"code":"ops","name":"Operations","parent_id":"\#(unitID)"}"#))
            #expect(try child.json()["parent_id"] as? String == unitID)
            let role = try await client.execute(
                uri: "/api/v1/workspaces/globex/roles", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"code":"clerk","name":"Accounts clerk","unit_id":"\#(unitID)"}"#))
            #expect(role.status == .created)
            let units = try await client.execute(uri: "/api/v1/workspaces/globex/units", method: .get, headers: auth)
            #expect((try units.json()["items"] as? [Any])?.count == 2)
            let duplicate = try await client.execute(
                uri: "/api/v1/workspaces/globex/units", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"code":"hq","name":"HQ"}"#))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorMessage == "a unit with code 'hq' already exists")
        }
    }

    @Test(
        "malformed bodies get 400 with a message naming the field",
        arguments: [
            ("not json", "the body is not valid JSON: unexpected character (at byte 0)"),
            (#"["code"]"#, "the body must be a JSON object"),
            (#"{"code":"x","name":"X","colour":"red"}"#, "unknown field 'colour'; known fields: code, name, parent_id"),
            (#"{"code":"x","name":5}"#, "field 'name' must be a string"),
            (#"{"code":"x"}"#, "field 'name' is required"),
            (#"{"code":"a/b","name":"X"}"#, "unit code 'a/b' contains '/' or a line break"),
            // Limits the document states are kept by the layer generated from it.
            (#"{"code":""# + String(repeating: "c", count: 65) + #"","name":"X"}"#, "field 'code' is longer than 64 characters"),
            (#"{"code":"x","name":null}"#, "field 'name' must not be null"),
            (#"{"code":"x","name":"X","parent_id":7}"#, "field 'parent_id' must be a string"),
        ])
    func malformed(body: String, message: String) async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            let response = try await client.execute(
                uri: "/api/v1/workspaces/acme/units", method: .post, headers: .bearer(fixture.adminToken), body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == message)
            #expect(try await fixture.store.organization.units(workspaceID: fixture.acme.id).count == 2)
        }
    }

    @Test("enumerations and nested fields are refused by name before a use case runs")
    func documentedShapes() async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            let admin = HTTPFields.bearer(fixture.adminToken)
            let member = try await client.execute(
                uri: "/api/v1/workspaces/acme/members", method: .put, headers: admin,
                body: ByteBuffer(string: #"{"email":"admin@acme.test","access":"owner"}"#))
            #expect(member.status == .badRequest)
            #expect(member.errorMessage == "field 'access' must be one of admin, analyst, viewer")
            let attempts = try await client.execute(
                uri: "/api/v1/workspaces/acme/task-rounds/r1/attempts", method: .post, headers: admin,
                body: ByteBuffer(
                    string: #"{"attempts":[{"participant":"p","task":"t","result":"success","seconds":1},"#
                        + #"{"participant":"p","task":"t","result":"maybe","seconds":1}]}"#))
            #expect(attempts.status == .badRequest)
            #expect(attempts.errorMessage == "field 'attempts.1.result' must be one of success, failure, disaster")
            let seconds = try await client.execute(
                uri: "/api/v1/workspaces/acme/task-rounds/r1/attempts", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"attempts":[{"participant":"p","task":"t","result":"success","seconds":"1"}]}"#))
            #expect(seconds.errorMessage == "field 'attempts.0.seconds' must be a number")
            // Query parameters are held to the document too, by name.
            let by = try await client.execute(uri: "/api/v1/workspaces/acme/campaigns/x/scorecard?by=bogus", method: .get, headers: admin)
            #expect(by.status == .badRequest && by.errorMessage == "query parameter 'by' must be one of unit, role, none")
            let force = try await client.execute(uri: "/api/v1/workspaces/acme/tensions", method: .get, headers: admin)
            #expect(force.status == .badRequest && force.errorMessage == "the query parameter 'force' is required")
            let empty = try await client.execute(uri: "/api/v1/workspaces/acme/tensions?force=", method: .get, headers: admin)
            #expect(empty.status == .badRequest && empty.errorMessage == "the query parameter 'force' is required")
            // Hostile shapes: nesting deeper than any parser should follow, and a value nested
            // where the document wants a string, are refused and the server keeps answering.
            for hostile in [
                String(repeating: "[", count: 100_000),
                #"{"code":"x","name":"# + String(repeating: "{\"a\":", count: 2_000) + "1" + String(repeating: "}", count: 2_001),
            ] {
                let refused = try await client.execute(
                    uri: "/api/v1/workspaces/acme/units", method: .post, headers: admin, body: ByteBuffer(string: hostile))
                #expect(refused.status == .badRequest, "\(refused.text.prefix(200))")
            }
            #expect(try await client.execute(uri: "/api/v1/workspaces/acme/units", method: .get, headers: admin).status == .ok)
            // An outsider learns none of this: the workspace is not theirs.
            let outsider = try await client.execute(
                uri: "/api/v1/workspaces/acme/members", method: .put, headers: .bearer(fixture.outsiderToken),
                body: ByteBuffer(string: #"{"email":"admin@acme.test","access":"owner"}"#))
            #expect(outsider.status == .notFound)
            #expect(try await fixture.store.workspaces.membership(slug: "acme", userID: fixture.admin.id)?.1 == .admin)
        }
    }

    @Test("each kind of address has its own body limit, named in the 413, and nothing is written")
    func oversized() async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            let admin = HTTPFields.bearer(fixture.adminToken)
            let csv = HTTPFields.bearer(fixture.adminToken, contentType: "text/csv")
            // A file upload: 2 MiB is read (and refused for its content), past 32 MiB is not read.
            let chart = "unit,parent,name\n" + String(repeating: "x,,X\n", count: 420_000)
            let read = try await client.execute(
                uri: "/api/v1/workspaces/acme/units/import", method: .post, headers: csv, body: ByteBuffer(string: chart))
            #expect(read.status == .badRequest, "a 2 MiB file is within its limit")
            let huge = "unit,parent,name\n" + String(repeating: "x,,X\n", count: 7_000_000)
            let file = try await client.execute(
                uri: "/api/v1/workspaces/acme/units/import", method: .post, headers: csv, body: ByteBuffer(string: huge))
            #expect(file.status == .contentTooLarge)
            #expect(file.errorMessage == "the request body is larger than 32 MiB, the limit for this address")
            // A JSON body: the same 2 MiB is too much for one record.
            let json = #"{"code":"big","name":""# + String(repeating: "n", count: 2_100_000) + #""}"#
            let record = try await client.execute(
                uri: "/api/v1/workspaces/acme/units", method: .post, headers: admin, body: ByteBuffer(string: json))
            #expect(record.status == .contentTooLarge)
            #expect(record.errorMessage == "the request body is larger than 1 MiB, the limit for this address")
            // The sign-in form, open to anyone, takes 256 KiB.
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=a%40b.c&password=" + String(repeating: "p", count: 300_000)))
            #expect(login.status == .contentTooLarge)
            #expect(try await fixture.store.organization.units(workspaceID: fixture.acme.id).count == 2)
        }
    }

    @Test("a bad org chart is refused with located problems and nothing is written", arguments: TestDatabase.available)
    func badImport(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let csv = "unit,parent,name\nsales,hq,Sales\nloop-a,loop-b,A\nloop-b,loop-a,B\nx,ghost,X\n"
            let response = try await client.execute(
                uri: "/api/v1/workspaces/acme/units/import", method: .post, headers: .bearer(fixture.adminToken, contentType: "text/csv"),
                body: ByteBuffer(string: csv))
            #expect(response.status == .badRequest)
            let problems = try #require((try response.json()["error"] as? [String: Any])?["problems"] as? [[String: Any]])
            #expect(
                problems.map { "\($0["line"]!):\($0["column"]!) \($0["message"]!)" } == [
                    "5:3 parent 'ghost' is not a unit in this file or in the workspace"
                ])
            #expect(try await fixture.store.organization.units(workspaceID: fixture.acme.id).count == 2)
            // The error body carries no SQL or driver detail.
            #expect(!response.text.lowercased().contains("select") && !response.text.lowercased().contains("sqlite"))

            // A file sent as another type than the document names is refused before it is read.
            let mislabelled = try await client.execute(
                uri: "/api/v1/workspaces/acme/units/import", method: .post, headers: .bearer(fixture.adminToken),
                body: ByteBuffer(string: "unit,parent,name\nsales,hq,Sales\n"))
            #expect(mislabelled.status == .unsupportedMediaType)
            #expect(mislabelled.errorMessage?.contains("text/csv") == true)
            let good = try await client.execute(
                uri: "/api/v1/workspaces/acme/units/import", method: .post, headers: .bearer(fixture.adminToken, contentType: "text/csv"),
                body: ByteBuffer(string: "unit,parent,name\nsales,hq,Sales\n"))
            #expect(try good.json()["added"] as? Int == 1)
        }
    }

    @Test("frameworks: built-ins, a user framework by YAML, and located YAML errors", arguments: TestDatabase.available)
    func frameworks(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let auth = HTTPFields.bearer(fixture.adminToken)
            let yaml = HTTPFields.bearer(fixture.adminToken, contentType: "application/yaml")
            let builtIn = try await client.execute(uri: "/api/v1/frameworks/layers", method: .get, headers: auth)
            #expect((try builtIn.json()["dimensions"] as? [[String: Any]])?.map { $0["weight"] as? Double } == [1, 2, 3, 4])
            let bad = try await client.execute(
                uri: "/api/v1/workspaces/acme/frameworks", method: .post, headers: yaml,
                body: ByteBuffer(string: "id: mine\nname: Mine\ndimensions:\n  - id: a\n    nme: A\n"))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("unknown key 'nme' in dimension"))
            let good = try await client.execute(
                uri: "/api/v1/workspaces/acme/frameworks", method: .post, headers: yaml,
                body: ByteBuffer(string: "id: mine\nname: Mine\ndimensions:\n  - id: a\n    name: A\n"))
            #expect(good.status == .created)
            let list = try await client.execute(uri: "/api/v1/workspaces/acme/frameworks", method: .get, headers: auth)
            #expect((try list.json()["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == BuiltInFrameworks.ids + ["mine"])
        }
    }

    @Test("users and API tokens: the secret is shown once and works", arguments: TestDatabase.available)
    func tokens(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let auth = HTTPFields.bearer(fixture.adminToken)
            let user = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"email":"bob@acme.test","name":"Bob","password":"short"}"#))
            #expect(user.status == .badRequest)
            // The document states the rule (minLength 10), so the generated layer refuses it.
            #expect(user.errorMessage == "field 'password' must have at least 10 characters")
            let token = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: auth, body: ByteBuffer(string: #"{"name":"ci"}"#))
            let secret = try #require(try token.json()["secret"] as? String)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(secret))
            #expect((try me.json()["user"] as? [String: Any])?["email"] as? String == "admin@acme.test")
            let list = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: auth)
            #expect(!list.text.contains(secret))
        }
    }
}
