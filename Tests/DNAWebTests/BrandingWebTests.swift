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

@Suite("Branding")
struct BrandingWebTests {
    /// A 1x1 PNG.
    static let png: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!)

    /// A multipart form: text fields, then files as (field, file name, bytes).
    static func multipart(_ fields: [(String, String)], files: [(String, String, [UInt8])]) -> (HTTPFields, ByteBuffer) {
        let boundary = "----cdna\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, bytes) in files {
            body +=
                Array(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8) + bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    /// Posts a multipart form as the signed-in browser, with its CSRF token.
    static func post(
        _ client: any TestClientProtocol, _ session: BrowserSession, _ fields: [(String, String)], files: [(String, String, [UInt8])] = [],
        to uri: String = "/w/acme/branding"
    ) async throws -> TestResponse {
        let (headers, body) = multipart([(AuthMiddleware.csrfField, session.csrfToken)] + fields, files: files)
        var all = session.headers
        for field in headers { all[field.name] = field.value }
        return try await client.execute(uri: uri, method: .post, headers: all, body: body)
    }

    @Test(
        "an admin sets name, accent and logo; respondent pages and mails show them; bad files and pale colours are refused",
        arguments: TestDatabase.available)
    func branding(database: TestDatabase) async throws {
        try await WebFixture.run(database) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let page = try await client.execute(uri: "/w/acme/branding", method: .get, headers: session.headers)
            #expect(page.status == .ok && page.text.contains(#"enctype="multipart/form-data""#))

            let svg = try await Self.post(
                client, session, [("display_name", "Acme"), ("accent", "")], files: [("logo", "x.svg", Array("<svg/>".utf8))])
            #expect(svg.status == .badRequest && svg.text.contains("SVG is not accepted"))
            let pale = try await Self.post(client, session, [("display_name", "Acme <Care>"), ("accent", "#f1a208")])
            #expect(pale.status == .badRequest && pale.text.contains("has a contrast of 2.1:1 against white"))
            #expect(pale.text.contains(#"value="Acme &lt;Care&gt;""#), "the typed name comes back")
            #expect(try await fixture.store.workspaces.branding(workspaceID: fixture.acme.id) == Branding(), "nothing was half-saved")

            let saved = try await Self.post(
                client, session, [("display_name", "Acme <Care>"), ("accent", "#7A1F5C")], files: [("logo", "logo.png", Self.png)])
            #expect(saved.status == .ok && saved.text.contains("Saved."))
            let branding = try await fixture.store.workspaces.branding(workspaceID: fixture.acme.id)
            let digest = try #require(branding.logo?.digest)
            #expect(branding.displayName == "Acme <Care>" && branding.accent == "#7a1f5c" && branding.logo?.contentType == "image/png")

            // The logo and the accent stylesheet are served to anyone, for a year.
            let logo = try await client.execute(uri: "/logo/\(digest)", method: .get)
            #expect(logo.status == .ok && logo.headers[.contentType] == "image/png" && Array(logo.body.readableBytesView) == Self.png)
            #expect(logo.headers[.cacheControl] == "public, max-age=31536000, immutable" && logo.headers[.eTag] == "\"\(digest)\"")
            let again = try await client.execute(uri: "/logo/\(digest)", method: .get, headers: [.ifNoneMatch: "\"\(digest)\""])
            #expect(again.status == .notModified)
            #expect(try await client.execute(uri: "/logo/\(String(repeating: "0", count: 64))", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/logo/..%2F..%2Fetc", method: .get).status == .notFound)
            let css = try await client.execute(uri: "/accent/7a1f5c.css", method: .get)
            #expect(
                css.status == .ok && css.text == ":root { --accent: #7a1f5c; }\n" && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await client.execute(uri: "/accent/zzzzzz.css", method: .get).status == .notFound)

            // A respondent sees the display name, logo and accent.
            let respondent = try await LanguageWebTests.respondentPath(client, fixture)
            let shown = try await client.execute(uri: respondent, method: .get)
            #expect(shown.text.contains(#"<img class="logo" src="/logo/\#(digest)" alt height="48"/>Acme &lt;Care&gt;</p>"#))
            #expect(shown.text.contains(#"<link rel="stylesheet" href="/accent/7a1f5c.css"/>"#))

            // So do the mails: the name, the logo from the public address, the accent on the button.
            _ = try await fixture.store.participants.importFile(
                workspaceID: fixture.acme.id, file: "p.csv", text: "email,name,unit\nkari@example.no,Kari,claims\n")
            let wave = try await fixture.store.campaigns.create(
                workspaceID: fixture.acme.id, name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: [try #require(try await InvitationPageTests.claimsUnit(fixture)): 1], now: 1)
            _ = try await InvitationService(store: fixture.store, linkKey: Data(repeating: 3, count: 32), publicURL: "https://cdna.example")
                .invite(.person(fixture.admin, via: .page), workspace: "acme", campaign: wave.id, contact: "admin@acme.test", now: 2)
            let mail = try #require(
                try await fixture.store.mailOutbox.mails(workspaceID: fixture.acme.id, purpose: "invitation:\(wave.id)").first)
            #expect(mail.subject == "Acme <Care>: how well do we serve our customers?")
            #expect(
                mail.bodyHTML.contains(#"<img src="https://cdna.example/logo/\#(digest)""#) && mail.bodyHTML.contains("background:#7a1f5c"))
            #expect(mail.bodyHTML.contains("<strong>Acme &lt;Care&gt;</strong>"))

            // Only an admin may change it; an analyst is refused.
            try await fixture.store.accounts.setMembership(
                Membership(workspaceID: fixture.acme.id, userID: fixture.outsider.id, access: .analyst))
            let analystSession = try await client.signIn(email: "eve@other.test", password: WebFixture.password)
            #expect(try await client.execute(uri: "/w/acme/branding", method: .get, headers: analystSession.headers).status == .forbidden)

            // Removing the logo keeps the rest.
            let removed = try await Self.post(
                client, session, [("display_name", "Acme <Care>"), ("accent", "#7a1f5c"), ("remove_logo", "yes")])
            #expect(removed.status == .ok)
            #expect(try await fixture.store.workspaces.branding(workspaceID: fixture.acme.id).logo == nil)
            #expect(try await client.execute(uri: "/logo/\(digest)", method: .get).status == .notFound)
        }
    }

    @Test("a multipart body over the branding limit is refused before it is read; a malformed one is a bad request")
    func limits() async throws {
        try await WebFixture.run(.sqlite) { fixture, client in
            let session = try await client.signIn(email: "admin@acme.test", password: WebFixture.password)
            let big = try await Self.post(
                client, session, [], files: [("logo", "big.png", Self.png + [UInt8](repeating: 0, count: 400 * 1024))])
            #expect(big.status == .contentTooLarge)
            var headers = session.headers
            headers[.contentType] = "multipart/form-data; boundary=xyz"
            let broken = try await client.execute(
                uri: "/w/acme/branding", method: .post, headers: headers, body: ByteBuffer(string: "garbage"))
            #expect(broken.status == .badRequest)
            #expect(
                try MultipartForm.parse(
                    Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--\r\n".utf8), boundary: "b"
                ).values["a"] == ["x"])
        }
    }
}
