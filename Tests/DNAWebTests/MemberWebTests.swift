import DNAApp
import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DNAWeb

/// Members managed in the pages, end to end over HTTP: an invitation's link sets a password
/// once, deactivating takes access away and reactivating gives it back, an admin cannot
/// change their own membership, one's own password changes and ends the old sessions.
@Suite("Members in the pages")
struct MemberWebTests {
    static func post(
        _ client: any TestClientProtocol, _ session: BrowserSession?, _ path: String, _ fields: [(String, String)]
    ) async throws
        -> TestResponse
    {
        var headers = session?.headers ?? HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let all = (session.map { [(AuthMiddleware.csrfField, $0.csrfToken)] } ?? []) + fields
        let body = all.map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }.joined(separator: "&")
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("an invited person sets a password once through the link, then works with the access given", arguments: TestDatabase.available)
    func invitation(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let invited = try await Self.post(
                client, admin, "/w/acme/members/invite", [("email", "New@Acme.test"), ("name", "<b>Nia</b>"), ("access", "analyst")])
            #expect(invited.status == .ok && invited.text.contains("Invited new@acme.test."))
            #expect(!invited.text.contains("<b>Nia</b>") && invited.text.contains("&lt;b&gt;Nia&lt;/b&gt;"))
            let link = try #require(invited.text.firstMatch(of: /http[^"<\s]*\/welcome\/([A-Za-z0-9_-]+)/)?.1).description
            let members = try await client.execute(uri: "/w/acme/members", method: .get, headers: admin.headers)
            #expect(members.text.contains("invited, no password chosen yet") && !members.text.contains(link), "the link is shown once")

            let page = try await client.execute(uri: "/welcome/\(link)", method: .get)
            #expect(page.status == .ok && page.text.contains("new@acme.test"))
            let differ = try await Self.post(client, nil, "/welcome/\(link)", [("password", "long enough 1"), ("repeat", "long enough 2")])
            #expect(differ.status == .badRequest && differ.text.contains("the two passwords differ"))
            let short = try await Self.post(client, nil, "/welcome/\(link)", [("password", "short"), ("repeat", "short")])
            #expect(short.status == .badRequest)
            let done = try await Self.post(
                client, nil, "/welcome/\(link)", [("name", "Nia"), ("password", "a fine password"), ("repeat", "a fine password")])
            #expect(done.status == .ok && done.text.contains("Your password is set"))
            #expect(try await client.execute(uri: "/welcome/\(link)", method: .get).status == .notFound, "a link works once")

            let nia = try await client.signIn(email: "new@acme.test", password: "a fine password")
            #expect(try await client.execute(uri: "/w/acme/campaigns", method: .get, headers: nia.headers).status == .ok)
            #expect(try await client.execute(uri: "/w/acme/members", method: .get, headers: nia.headers).status == .forbidden)
            let user = try #require(try await fixture.store.accounts.users().first { $0.email == "new@acme.test" })
            #expect(user.name == "Nia")

            // Deactivated, the workspace is gone for her; reactivated, it is back.
            let member = "/w/acme/members/\(user.id)"
            #expect(try await Self.post(client, admin, member, [("action", "deactivate")]).status == .ok)
            #expect(try await client.execute(uri: "/w/acme", method: .get, headers: nia.headers).status == .notFound)
            #expect(try await Self.post(client, admin, member, [("action", "reactivate")]).status == .ok)
            #expect(try await client.execute(uri: "/w/acme", method: .get, headers: nia.headers).status == .ok)
            #expect(try await Self.post(client, admin, member, [("action", "access"), ("access", "viewer")]).status == .ok)
            #expect(try await client.execute(uri: "/w/acme/participants", method: .get, headers: nia.headers).status == .forbidden)
            let me = try await Self.post(client, admin, "/w/acme/members/\(fixture.admin.id)", [("action", "remove")])
            #expect(me.status == .badRequest && me.text.contains("cannot change your own membership"))
            #expect(try await Self.post(client, admin, member, [("action", "remove")]).status == .ok)
            #expect(try await client.execute(uri: "/w/acme", method: .get, headers: nia.headers).status == .notFound)
            let log = try await fixture.store.auditLog.entries(workspaceID: fixture.acme.id, limit: 20).map(\.action)
            #expect(["membership.deactivate", "membership.reactivate", "membership.remove"].allSatisfy(log.contains))
        }
    }

    @Test("with mail set up the invitation goes to the outbox; a reset link ends the person's sessions", arguments: TestDatabase.available)
    func mailedAndReset(database: TestDatabase) async throws {
        try await WebFixture.run(database, configure: { $0.sendsMail = true }) { fixture, client in
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let invited = try await Self.post(client, admin, "/w/acme/members/invite", [("email", "kim@acme.test"), ("access", "viewer")])
            #expect(invited.text.contains("the mail is on its way") && !invited.text.contains("/welcome/"))
            let mails = try await fixture.store.mailOutbox.mails(workspaceID: fixture.acme.id, purpose: "member-invitation")
            #expect(mails.count == 1 && mails.first?.recipient == "kim@acme.test" && mails.first?.bodyText.contains("/welcome/") == true)

            // Eve also administers another workspace: Ada, an admin of acme alone, may not reset her.
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .viewer))
            let ada = try await fixture.dependencies.accounts.createUser(
                email: "ada@acme.test", name: "Ada", password: WebFixture.password, instanceAdmin: false)
            try await fixture.store.accounts.setMembership(Membership(workspaceID: fixture.acme.id, userID: ada.id, access: .admin))
            let adaSession = try await client.signIn(email: "ada@acme.test", password: WebFixture.password)
            let eve = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            let refused = try await Self.post(client, adaSession, "/w/acme/members/\(fixture.outsider.id)", [("action", "reset")])
            #expect(refused.status == .badRequest && refused.text.contains("has access elsewhere"))
            #expect(try await client.execute(uri: "/w/other", method: .get, headers: eve.headers).status == .ok)
            // An instance administrator may: her sessions end and a link is mailed.
            let reset = try await Self.post(client, admin, "/w/acme/members/\(fixture.outsider.id)", [("action", "reset")])
            #expect(reset.text.contains("A password link is on its way to eve@other.test"))
            let after = try await client.execute(uri: "/w/other", method: .get, headers: eve.headers)
            #expect(after.status == .found, "the reset ended Eve's session")
        }
    }

    /// Posts the account page's form: `current`, then "new password 1" twice.
    static func changePassword(_ client: any TestClientProtocol, _ session: BrowserSession, current: String) async throws -> TestResponse {
        try await post(
            client, session, "/account/password", [("current", current), ("password", "new password 1"), ("repeat", "new password 1")])
    }

    @Test("one's own password changes after the current one is given, and every session ends", arguments: TestDatabase.available)
    func ownPassword(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let wrong = try await Self.changePassword(client, session, current: "not it")
            #expect(wrong.status == .badRequest && wrong.text.contains("the current password is not right"))
            let changed = try await Self.changePassword(client, session, current: WebFixture.password)
            #expect(changed.status == .ok && changed.text.contains("Your password is set"))
            #expect(try await client.execute(uri: "/account", method: .get, headers: session.headers).status == .found)
            _ = try await client.signIn(email: "admin@acme.test", password: "new password 1")
        }
    }

    @Test(
        "wrong current passwords slow down past the limit, even the right one then, so a stolen session cannot guess it",
        arguments: TestDatabase.available)
    func ownPasswordGuessing(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            for guess in 0..<AccountService.currentPasswordAttempts {
                #expect(try await Self.changePassword(client, session, current: "guess \(guess)").status == .badRequest)
            }
            let waiting = try await Self.changePassword(client, session, current: WebFixture.password)
            #expect(waiting.status == .tooManyRequests && waiting.text.contains("too many wrong current passwords; wait 15 seconds"))
            // The password did not change: the old one still signs in.
            _ = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
        }
    }

    @Test(
        "an instance administrator creates a workspace from the page; a bad slug is refused beside its field",
        arguments: TestDatabase.available)
    func createWorkspace(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let admin = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let index = try await client.execute(uri: "/", method: .get, headers: admin.headers)
            #expect(index.text.contains("Create a workspace"))
            let bad = try await Self.post(client, admin, "/workspaces/new", [("name", "Beta"), ("slug", "Not A Slug")])
            #expect(bad.status == .badRequest && bad.text.contains("Not created"))
            let made = try await Self.post(client, admin, "/workspaces/new", [("name", "Beta"), ("slug", "beta"), ("min_group", "7")])
            #expect(made.status == .seeOther && made.headers[.location] == "/w/beta")
            #expect(try await fixture.store.workspaces.workspace(slug: "beta").minGroupSize == 7)
            let eve = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            #expect(!(try await client.execute(uri: "/", method: .get, headers: eve.headers).text.contains("Create a workspace")))
            #expect(try await Self.post(client, eve, "/workspaces/new", [("name", "Gamma"), ("slug", "gamma")]).status == .forbidden)
        }
    }
}
