import Foundation
import Testing

@testable import DNAMail

@Suite("Mail settings and messages")
struct MailMessageTests {
    @Test("the SMTP URL of the contract: smtp with STARTTLS when offered, tls=required, smtps, user and password, ca")
    func settings() throws {
        let plain = try MailSettings.parse(url: "smtp://relay.example.com", from: "surveys@example.com")
        #expect(plain.host == "relay.example.com" && plain.port == 587 && plain.security == .opportunistic && plain.username == nil)
        let required = try MailSettings.parse(url: "smtp://u%40x:p%3Ass@relay:2525?tls=required", from: "s@example.com")
        #expect(required.port == 2525 && required.security == .startTLSRequired)
        #expect(required.username == "u@x" && required.password == "p:ss")
        let implicit = try MailSettings.parse(url: "smtps://relay?ca=/etc/ca.pem", from: "s@example.com")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS && implicit.trustedCertificates == "/etc/ca.pem")
        #expect(implicit.summary == "smtps://relay:465")
        #expect(MailSettings.redacted("smtp://u:secret@relay:25") == "smtp://u:***@relay:25")
    }

    @Test(
        "a wrong SMTP URL or sender is named, never with the password",
        arguments: [
            ("http://relay", "s@example.com", "the SMTP URL must start with smtp:// or smtps://, not http://"),
            ("smtp://", "s@example.com", "the SMTP URL has no host"),
            ("smtp://relay?tls=maybe", "s@example.com", "tls=maybe is not understood; smtp://...?tls=required insists on STARTTLS"),
            ("smtps://relay?tls=required", "s@example.com", "tls=required is not understood; smtp://...?tls=required insists on STARTTLS"),
            ("smtp://relay?port=1", "s@example.com", "the SMTP URL has an unknown parameter 'port'; known are tls and ca"),
            ("smtp://relay", "nobody", "CDNA_MAIL_FROM must be the sender's address, e.g. surveys@example.com"),
        ])
    func badSettings(url: String, from: String, expected: String) {
        let problem = #expect(throws: MailSettings.Problem.self) { _ = try MailSettings.parse(url: url, from: from) }
        #expect(problem?.description == expected)
    }

    static let message = MailMessage(
        fromName: "Harbor Mutual\r\nBcc: eve@evil.example", fromAddress: "surveys@harbor.example", to: "kari@example.no",
        subject: "Hvordan jobber vi for kundene? Svar innen fredag", text: "Hei Kari,\r\n.hidden line\r\nLenke: https://x/r/abc",
        html: "<p>Hei <b>Kari</b></p>", messageID: "m1@harbor.example", date: Date(timeIntervalSince1970: 1_800_000_000))

    @Test("headers cannot be split by a name or subject, and non-ASCII words are encoded")
    func headers() {
        let text = Self.message.rendered(boundary: "B")
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headers.first == #"From: "Harbor MutualBcc: eve@evil.example" <surveys@harbor.example>"#)
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(headers.contains("Subject: Hvordan jobber vi for kundene? Svar innen fredag"))
        #expect(headers.contains("Date: Fri, 15 Jan 2027 08:00:00 +0000"))
        #expect(headers.contains("Message-ID: <m1@harbor.example>"))
        let norwegian = MailMessage.encodedWords("Spørreundersøkelse for Harbor Mutual – svar innen fredag, så teller din stemme")
        let words = norwegian.components(separatedBy: "\r\n ")
        #expect(words.count > 1 && words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Spørreundersøkelse for Harbor Mutual – svar innen fredag, så teller din stemme")
    }

    @Test("both parts arrive as written, and a line starting with a dot cannot end the message")
    func parts() {
        let text = Self.message.rendered(boundary: "B")
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"B\""))
        let parts = text.components(separatedBy: "--B\r\n").dropFirst()
        let bodies = parts.map { part in
            let base64 = part.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n--B")[0]
            return String(decoding: Data(base64Encoded: base64.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        }
        #expect(bodies == [Self.message.text, Self.message.html])
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n")
    }
}
