import DNACore
import DNAIdentity
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

struct FixedClock: AppClock {
    var seconds: Int64 = 1_800_000_000
    func now() -> Int64 { seconds }
}

/// Two workspaces with one member each, for tests that go through the real application.
struct WebFixture: Sendable {
    static let password = "correct horse battery"
    let store: Store
    let dependencies: AppDependencies
    let acme: Workspace
    let other: Workspace
    let admin: User
    let outsider: User
    let adminToken: String
    let outsiderToken: String

    /// Builds the fixture on a fresh database and runs `body` against the in-process router
    /// (or, with `.live`, a server on a port, where requests have a client address).
    static func run(
        _ database: TestDatabase, configure: (inout AppConfiguration) -> Void = { _ in }, openID: OpenIDProvider? = nil,
        testing: TestingSetup = .router, _ body: @escaping @Sendable (WebFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await database.withStore { store in
            var configuration = AppConfiguration(database: store.location, bcryptCost: 4)
            configure(&configuration)
            let dependencies = AppDependencies(store: store, configuration: configuration, clock: FixedClock(), openID: openID)
            let accounts = dependencies.accounts
            let admin = try await accounts.createUser(email: "admin@acme.test", name: "Admin", password: password, instanceAdmin: true)
            let outsider = try await accounts.createUser(email: "eve@other.test", name: "Eve", password: password, instanceAdmin: false)
            let acme = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
            let other = try await store.workspaces.create(slug: "other", name: "Other", now: 1)
            try await store.accounts.setMembership(Membership(workspaceID: acme.id, userID: admin.id, access: .admin))
            try await store.accounts.setMembership(Membership(workspaceID: other.id, userID: outsider.id, access: .admin))
            _ = try await store.organization.importOrgChart(
                workspaceID: acme.id, file: "org.csv", text: "unit,parent,name\nhq,,Acme head office\nclaims,hq,Claims desk\n")
            let fixture = WebFixture(
                store: store, dependencies: dependencies, acme: acme, other: other, admin: admin, outsider: outsider,
                adminToken: try await accounts.createAPIToken(userID: admin.id, name: "t").secret,
                outsiderToken: try await accounts.createAPIToken(userID: outsider.id, name: "t").secret)
            let app = buildApplication(dependencies)
            try await app.test(testing) { client in try await body(fixture, client) }
        }
    }
}

extension HTTPFields {
    static func bearer(_ token: String) -> HTTPFields { bearer(token, contentType: "application/json") }
    /// For a file sent as the body: the document names each route's content type.
    static func bearer(_ token: String, contentType: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: contentType]
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    var errorMessage: String? {
        ((try? json())?["error"] as? [String: Any])?["message"] as? String
    }

    /// The value of a Set-Cookie header for `name`.
    func cookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}

/// A signed-in browser: its session cookie and CSRF token.
struct BrowserSession {
    var cookie: String
    var csrfToken: String

    var headers: HTTPFields { [.cookie: cookie] }
}

extension TestClientProtocol {
    func signIn(email: String, password: String) async throws -> BrowserSession {
        let page = try await execute(uri: "/login", method: .get)
        let loginCookie = try #require(page.cookie("cdna_login_csrf")?.split(separator: ";").first.map(String.init))
        let token = String(loginCookie.dropFirst("cdna_login_csrf=".count))
        let form = "email=\(email)&password=\(password.replacingOccurrences(of: " ", with: "+"))&csrf_token=\(token)"
        let response = try await execute(
            uri: "/login", method: .post, headers: [.cookie: loginCookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form))
        #expect(response.status == .found)
        let session = try #require(response.cookie("cdna_session")?.split(separator: ";").first.map(String.init))
        let home = try await execute(uri: "/", method: .get, headers: [.cookie: session])
        let csrf = try #require(home.text.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1)
        return BrowserSession(cookie: session, csrfToken: String(csrf))
    }
}
