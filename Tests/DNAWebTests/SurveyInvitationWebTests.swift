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

@Suite("Customer invitations in the survey page")
struct SurveyInvitationWebTests {
    @Test(
        "an analyst mails a study to an address list (a bad list is refused in place), reminds, and sees who opened",
        arguments: TestDatabase.available)
    func inviteFromThePage(database: TestDatabase) async throws {
        try await WebFixture.run(database, configure: { $0.linkKey = Data(repeating: 2, count: 32) }) { fixture, client in
            _ = try await fixture.store.customerModels.importCustomerModel(
                workspaceID: fixture.acme.id, file: "m.yaml", text: CustomerModelWebTests.modelYAML)
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let created = try await CustomerModelWebTests.post(
                client, session, "/w/acme/surveys",
                [("kind", "outcome-study"), ("name", "Study"), ("opens", "2020-01-01"), ("outcomes", "o1"), ("outcomes", "o2")])
            let path = try #require(created.headers[.location])
            let page = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(page.text.contains("Invite customers by e-mail") && page.text.contains(#"name="addresses""#))

            let badList = "email,language\nkari@x.test,nb\n<script>@x,de\n"
            let refused = try await CustomerModelWebTests.post(client, session, path + "/invite", [("addresses", badList)])
            #expect(refused.status == .badRequest && refused.text.contains("addresses.csv:3:1: email"))
            #expect(refused.text.contains("&lt;script&gt;@x,de") && !refused.text.contains("<script>"))
            #expect(try await fixture.store.mailOutbox.pendingCount() == 0)

            let list = "email,name,language,segment\nkari@x.test,Kari,nb,smb\nbo@x.test,Bo,,\n"
            let invited = try await CustomerModelWebTests.post(client, session, path + "/invite", [("addresses", list)])
            #expect(invited.status == .ok && invited.text.contains("Invited 2 customers; the mails are in the outbox."))
            #expect(invited.text.contains(#"<span class="stat">2</span> invited"#))
            #expect(invited.text.contains("This server does not send mail (it has no --smtp-url): 2 mails wait in the outbox"))

            // Kari opens her link: it shows in bokmål, and she counts as opened.
            let mails = try await fixture.store.mailOutbox.mails(
                workspaceID: fixture.acme.id, purpose: "survey-invitation:" + path.split(separator: "/").last!)
            let kari = try #require(mails.first { $0.recipient == "kari@x.test" })
            let link = try #require(kari.bodyText.split(separator: "\n").first { $0.contains("/c/") })
            let local = String(link[link.range(of: "/c/")!.lowerBound...])
            let opened = try await client.execute(uri: local, method: .get)
            #expect(opened.status == .ok && opened.text.contains(#"<html lang="nb">"#) && opened.text.contains("Hva som betyr noe for deg"))
            let after = try await client.execute(uri: path, method: .get, headers: session.headers)
            #expect(after.text.contains(#"<span class="stat">1</span> opened the link"#))

            let reminded = try await CustomerModelWebTests.post(client, session, path + "/remind", [])
            #expect(reminded.text.contains("Reminded 2 customers who have not answered."))
            // A post without the form's CSRF token sends nothing.
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(uri: path + "/remind", method: .post, headers: headers, body: ByteBuffer(string: ""))
            #expect(forged.status == .forbidden)
        }
    }
}
