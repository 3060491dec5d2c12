import DNACore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

@Suite("Sign-in, sessions, CSRF and tenancy")
struct AccessTests {
    @Test("signing in sets an HttpOnly SameSite=Lax cookie and shows the org chart", arguments: TestDatabase.available)
    func signIn(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let anonymous = try await client.execute(uri: "/w/acme/org", method: .get)
            #expect(anonymous.status == .found)
            #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)

            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/org", method: .get, headers: session.headers)
            #expect(page.status == .ok)
            #expect(page.text.contains("Acme head office"))
            #expect(page.text.contains("Claims desk"))

            let login = try await client.execute(uri: "/login", method: .get)
            let cookie = try #require(login.cookie("cdna_login_csrf"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
        }
    }

    @Test("cookies are Secure behind a TLS proxy")
    func secureBehindTLS() async throws {
        try await WebFixture.run(.sqlite) { _, client in
            let login = try await client.execute(uri: "/login", method: .get, headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(login.cookie("cdna_login_csrf")?.contains("Secure") == true)
        }
    }

    @Test("a wrong password is refused, and repeated failures are rate-limited", arguments: TestDatabase.available)
    func rateLimit(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let page = try await client.execute(uri: "/login", method: .get)
            let loginCookie = try #require(page.cookie("cdna_login_csrf")?.split(separator: ";").first.map(String.init))
            let token = String(loginCookie.dropFirst("cdna_login_csrf=".count))
            func attempt(_ password: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: loginCookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "email=admin@acme.test&password=\(password)&csrf_token=\(token)"))
            }
            for _ in 0..<5 {
                let refused = try await attempt("wrong-password")
                #expect(refused.status == .unauthorized)
                #expect(refused.text.contains("The e-mail address or the password is wrong."))
            }
            let limited = try await attempt(WebFixture.password.replacingOccurrences(of: " ", with: "+"))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
        }
    }

    @Test("forms and cookie-authenticated API calls need the CSRF token", arguments: TestDatabase.available)
    func csrf(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            var headers = session.headers
            headers[.contentType] = "application/json"
            let body = ByteBuffer(string: #"{"code":"sales","name":"Sales"}"#)
            let withoutToken = try await client.execute(uri: "/api/v1/workspaces/acme/units", method: .post, headers: headers, body: body)
            #expect(withoutToken.status == .forbidden)
            headers[AuthMiddleware.csrfHeader] = session.csrfToken
            let withToken = try await client.execute(uri: "/api/v1/workspaces/acme/units", method: .post, headers: headers, body: body)
            #expect(withToken.status == .created)

            var formHeaders = session.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let form = try await client.execute(
                uri: "/w/acme/org/import", method: .post, headers: formHeaders,
                body: ByteBuffer(string: "csv=unit%2Cparent%2Cname%0Ax%2C%2CX"))
            #expect(form.status == .forbidden)
            #expect(try await fixture.store.organization.units(workspaceID: fixture.acme.id).count == 3)
        }
    }

    @Test("a user of another workspace gets 404 from every route of this one", arguments: TestDatabase.available)
    func tenancy(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            // setup: a real unit id of acme, so a 404 cannot come from a missing record
            let unitID = try #require(try await fixture.store.organization.units(workspaceID: fixture.acme.id).first?.id)
            let operations = OpenAPIDocument.operations.filter { $0.path.contains("{workspace}") }
            #expect(operations.count >= 10)
            for operation in operations {
                let uri = operation.path.replacingOccurrences(of: "{workspace}", with: "acme").replacingOccurrences(
                    of: "{id}", with: unitID)
                // MUT
                let response = try await client.execute(
                    uri: uri, method: HTTPRequest.Method(operation.method.uppercased())!, headers: .bearer(fixture.outsiderToken),
                    body: ByteBuffer(string: "{}"))
                // validation
                #expect(response.status == .notFound, "\(operation.method) \(uri)")
                #expect(!response.text.contains("Acme"), "\(operation.method) \(uri)")
            }
            // Ids of acme's records are not reachable through the outsider's own workspace.
            let viaOwn = try await client.execute(
                uri: "/api/v1/workspaces/other/units/\(unitID)", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(viaOwn.status == .notFound)
            let viaOwnDelete = try await client.execute(
                uri: "/api/v1/workspaces/other/units/\(unitID)", method: .delete, headers: .bearer(fixture.outsiderToken))
            #expect(viaOwnDelete.status == .notFound)
            #expect(try await fixture.store.organization.units(workspaceID: fixture.acme.id).contains { $0.id == unitID })

            let session = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            let campaign = try await fixture.store.campaigns.create(
                workspaceID: fixture.acme.id, name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: [unitID: 5], now: 1)
            let campaignPages = ["", "/results", "/report?format=json"].map { "/w/acme/campaigns/\(campaign.id)\($0)" }
            for page in [
                "/w/acme", "/w/acme/org", "/w/acme/frameworks", "/w/acme/frameworks/layers", "/w/acme/campaigns", "/w/acme/forces/purpose",
                "/w/acme/customers", "/w/acme/customers/model.yaml", "/w/acme/surveys", "/w/acme/task-tests", "/w/acme/time-ledger",
                "/w/acme/customer-metrics", "/w/acme/overview", "/w/acme/line-of-sight", "/w/acme/line-of-sight/model.yaml",
                "/w/acme/hypotheses", "/w/acme/evidence", "/w/acme/decisions", "/w/acme/metrics", "/w/acme/metrics/measurements.csv",
                "/w/acme/agility",
            ]
                + campaignPages
            {
                let response = try await client.execute(uri: page, method: .get, headers: session.headers)
                #expect(response.status == .notFound, "\(page)")
                #expect(!response.text.contains("Acme head office"))
            }
            let list = try await client.execute(uri: "/api/v1/workspaces", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(list.text.contains("\"other\"") && !list.text.contains("\"acme\""))
        }
    }

    @Test("viewers read but cannot write; only instance administrators create workspaces", arguments: TestDatabase.available)
    func accessLevels(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .viewer))
            let read = try await client.execute(uri: "/api/v1/workspaces/acme/units", method: .get, headers: .bearer(fixture.outsiderToken))
            #expect(read.status == .ok)
            let write = try await client.execute(
                uri: "/api/v1/workspaces/acme/units", method: .post, headers: .bearer(fixture.outsiderToken),
                body: ByteBuffer(string: #"{"code":"x","name":"X"}"#))
            #expect(write.status == .forbidden)
            let create = try await client.execute(
                uri: "/api/v1/workspaces", method: .post, headers: .bearer(fixture.outsiderToken),
                body: ByteBuffer(string: #"{"slug":"new","name":"New"}"#))
            #expect(create.status == .forbidden)
            let badToken = try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer("cdna_nope"))
            #expect(badToken.status == .unauthorized)
            let anonymous = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorMessage == "sign in or send an API token")
        }
    }
}
