import Foundation
import Testing

@testable import DNAMail

/// Against a real SMTP server (aiosmtpd, Tests/mail/smtp_server.py), which scripts/test starts
/// and names in CDNA_TEST_SMTP_SERVER: the JSON line it printed, with its ports, its
/// certificate and the directory it writes each accepted message to.
struct TestSMTPServer {
    var ports: [String: Int]
    var ca: String
    var spool: String

    static let current: TestSMTPServer? = {
        guard let file = ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"],
            let data = FileManager.default.contents(atPath: file),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let ports = json["ports"] as? [String: Int], let ca = json["ca"] as? String, let spool = json["spool"] as? String
        else { return nil }
        return TestSMTPServer(ports: ports, ca: ca, spool: spool)
    }()

    /// The messages the server accepted for `address`, as written to the spool.
    func received(by address: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".eml") }.sorted().compactMap { name in
            let text = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
            return text.hasPrefix("X-Envelope-To: \(address)\r\n") ? text : nil
        }
    }
}

@Suite("SMTP client against a real server", .enabled(if: TestSMTPServer.current != nil, "scripts/test starts the SMTP server"))
struct SMTPClientTests {
    let server = TestSMTPServer.current!

    /// The deadline only bounds a wait that should never run out: it is generous because the
    /// suites start all at once on two cores, and a CI run once saw a greeting pass 10 s there.
    func settings(_ flavour: String, url: ((Int) -> String)? = nil, timeout: Int64 = 60) throws -> MailSettings {
        let port = server.ports[flavour]!
        var settings = try MailSettings.parse(url: url?(port) ?? "smtp://localhost:\(port)", from: "surveys@harbor.example")
        settings.timeoutSeconds = timeout
        return settings
    }

    static func message(to address: String) -> MailMessage {
        MailMessage(
            fromName: "Harbor Mutual", fromAddress: "surveys@harbor.example", to: address, subject: "Hvordan jobber vi? – spørsmål",
            text: "Hei,\r\n.a line that starts with a dot\r\nSvar her: https://cdna.example/r/abc", html: "<p>Hei</p>",
            messageID: UUID().uuidString + "@harbor.example", date: Date())
    }

    @Test("a plain server receives the mail once, as written, the dotted line included")
    func plain() async throws {
        let address = "plain-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        try await SMTPClient(settings: settings("plain")).send(Self.message(to: address))
        let received = try server.received(by: address)
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(mail.contains("X-Secured: no") && mail.contains("Subject: =?UTF-8?B?"))
        let base64 = mail.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
        let text = String(decoding: Data(base64Encoded: base64.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        #expect(text == "Hei,\r\n.a line that starts with a dot\r\nSvar her: https://cdna.example/r/abc")
    }

    @Test("STARTTLS with the server's certificate trusted, and AUTH PLAIN over it")
    func startTLS() async throws {
        let address = "tls-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        let settings = try settings("starttls") { "smtp://cdna:s3cret%20pass@localhost:\($0)?tls=required&ca=\(server.ca)" }
        try await SMTPClient(settings: settings).send(Self.message(to: address))
        let mail = try #require(try server.received(by: address).first)
        #expect(mail.contains("X-Secured: yes") && mail.contains("X-Authenticated: cdna"))
    }

    @Test("TLS from the first byte (smtps)")
    func implicitTLS() async throws {
        let address = "smtps-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        try await SMTPClient(settings: settings("tls") { "smtps://localhost:\($0)?ca=\(server.ca)" }).send(Self.message(to: address))
        #expect(try server.received(by: address).count == 1)
    }

    @Test("a certificate nobody vouches for is refused for good, and nothing is sent")
    func untrustedCertificate() async throws {
        let address = "untrusted-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings("starttls")).send(Self.message(to: address))
        }
        #expect(
            error?.isTemporary == false && error?.description.contains("TLS with localhost failed") == true, "\(String(describing: error))")
        #expect(try server.received(by: address).isEmpty)
    }

    @Test("the password never goes over a connection without TLS")
    func noPasswordInTheClear() async throws {
        let address = "clear-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings("plain") { "smtp://cdna:s3cret%20pass@localhost:\($0)" }).send(
                Self.message(to: address))
        }
        #expect(error == .permanent("localhost offers no TLS; the password is not sent in the clear"))
        let required = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings("plain") { "smtp://localhost:\($0)?tls=required" }).send(Self.message(to: address))
        }
        #expect(required == .permanent("localhost does not offer STARTTLS, and the SMTP URL says tls=required"))
        #expect(try server.received(by: address).isEmpty)
    }

    @Test(
        "a refused recipient is permanent, a busy one and a dropped connection temporary, each with the server's reason",
        arguments: [
            ("refuse", false, "localhost answered RCPT with 550"), ("later", true, "localhost answered RCPT with 451"),
            ("drop", true, "localhost closed the connection before answering the end of the message"),
        ])
    func failures(prefix: String, temporary: Bool, reason: String) async throws {
        let address = "\(prefix)-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings("plain")).send(Self.message(to: address))
        }
        #expect(error?.isTemporary == temporary)
        #expect(error?.description.hasPrefix(reason) == true, "\(String(describing: error))")
        #expect(try server.received(by: address).isEmpty)
    }

    @Test("a server that stops answering costs one timeout, and the attempt is temporary")
    func timeout() async throws {
        let address = "slow-\(UUID().uuidString.prefix(8))@example.com".lowercased()
        // The server answers after 5 s; the error below can only come from the 1 s deadline.
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings("plain", timeout: 1)).send(Self.message(to: address))
        }
        // Normally the wait for the end of the message is what times out; on a loaded machine
        // an earlier reply may take the second, and then that step is named.
        #expect(error?.isTemporary == true && error?.description.hasPrefix("localhost did not answer ") == true)
        #expect(error?.description.hasSuffix(" within 1 s") == true, "\(String(describing: error))")
    }

    @Test("a server that is not there is a temporary failure")
    func unreachable() async throws {
        var settings = try MailSettings.parse(url: "smtp://127.0.0.1:1", from: "surveys@harbor.example")
        settings.timeoutSeconds = 2
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings).send(Self.message(to: "a@example.com"))
        }
        #expect(error?.isTemporary == true && error?.description.hasPrefix("the connection to 127.0.0.1:1 failed") == true)
    }
}

@Suite("Test SMTP server")
struct TestSMTPServerPresence {
    @Test("the test command started the SMTP server: the tests above never skip in CI")
    func present() {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == "true" || environment["CDNA_TEST_SMTP_SERVER"] != nil {
            #expect(TestSMTPServer.current != nil, "CDNA_TEST_SMTP_SERVER names a readable server description")
        }
    }
}
