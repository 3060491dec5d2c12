import DNACore
import DNAMail
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// The outbox against a real SMTP server (aiosmtpd, started by scripts/test and named in
/// CDNA_TEST_SMTP_SERVER) on both databases.
@Suite(
    "Mail outbox",
    .enabled(if: ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"] != nil, "scripts/test starts the SMTP server"))
struct MailOutboxTests {
    static let server: (plain: Int, spool: String) = {
        let file = ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"]!
        let json = try! JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: file)!) as! [String: Any]
        return ((json["ports"] as! [String: Int])["plain"]!, json["spool"] as! String)
    }()

    /// Messages the server accepted for each recipient whose address starts with `prefix`.
    static func received(prefix: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: server.spool) where name.hasSuffix(".eml") {
            let text = try String(contentsOfFile: server.spool + "/" + name, encoding: .utf8)
            // "\r\n" is one Character: the line is cut at it, not at "\r".
            let recipient = String(text.dropFirst("X-Envelope-To: ".count).prefix { $0 != "\r\n" })
            if recipient.hasPrefix(prefix) { counts[recipient, default: 0] += 1 }
        }
        return counts
    }

    static func mails(_ recipients: [String], workspaceID: String, now: Int64) -> [OutboxMail] {
        recipients.map { recipient in
            OutboxMail(
                id: UUID().uuidString, workspaceID: workspaceID, purpose: "test", recipient: recipient, subject: "Your survey",
                bodyText: "Answer here: https://cdna.example/r/secret-\(recipient)", bodyHTML: "<p>Answer</p>",
                messageID: UUID().uuidString + "@cdna.example", nextAttemptAt: now, createdAt: now)
        }
    }

    static func sender(_ store: Store, port: Int? = nil, clock: @escaping @Sendable () -> Int64) throws -> MailSender {
        var settings = try MailSettings.parse(url: "smtp://localhost:\(port ?? server.plain)", from: "surveys@cdna.example")
        settings.timeoutSeconds = 60  // bounds only a wait that should never run out, on a loaded CI machine too
        return MailSender(store: store, settings: settings, now: clock)
    }

    @Test(
        "sent mail is kept without its body; a refusal is given up with its reason; a busy mailbox is retried later",
        arguments: TestDatabase.available)
    func outcomes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            let run = UUID().uuidString.prefix(8).lowercased()
            let ok = "ok-\(run)@example.com", refused = "refuse-\(run)@example.com", busy = "later-\(run)@example.com"
            try await store.mailOutbox.enqueue(Self.mails([ok, refused, busy], workspaceID: workspace.id, now: 1_000))
            let round = try await Self.sender(store) { 1_000 }.sendDue()
            #expect(round == MailSender.Round(sent: 1, retried: 1, failed: 1))
            #expect(try Self.received(prefix: "ok-\(run)") == [ok: 1])

            let mails = Dictionary(
                uniqueKeysWithValues: try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "test").map {
                    ($0.recipient, $0)
                })
            let sent = try #require(mails[ok]), gone = try #require(mails[refused]), later = try #require(mails[busy])
            // The personal link is not kept once the mail is out, nor once it is given up.
            #expect(sent.state == .sent && sent.sentAt == 1_000 && sent.bodyText.isEmpty && sent.bodyHTML.isEmpty)
            #expect(gone.state == .failed && gone.lastError?.hasPrefix("localhost answered RCPT with 550") == true && gone.bodyText.isEmpty)
            #expect(later.state == .pending && later.attempts == 1 && later.nextAttemptAt == 1_060)
            #expect(later.lastError?.hasPrefix("localhost answered RCPT with 451") == true && !later.bodyText.isEmpty)

            // Not due yet: nothing is claimed. Due after its delay: tried again, and the next
            // delay is longer.
            #expect(try await Self.sender(store) { 1_030 }.sendDue().claimed == 0)
            #expect(try await Self.sender(store) { 1_060 }.sendDue() == MailSender.Round(retried: 1))
            let again = try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "test").first { $0.recipient == busy }
            #expect(again?.attempts == 2 && again?.nextAttemptAt == 1_060 + 300)
        }
    }

    @Test("an SMTP server that is not there loses nothing: the mail waits, with the reason", arguments: TestDatabase.available)
    func serverDown(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            try await store.mailOutbox.enqueue(Self.mails(["down@example.com"], workspaceID: workspace.id, now: 10))
            #expect(try await Self.sender(store, port: 1) { 10 }.sendDue() == MailSender.Round(retried: 1))
            let mail = try #require(try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "test").first)
            #expect(mail.state == .pending && mail.lastError?.hasPrefix("the connection to localhost:1 failed") == true)
            #expect(try await store.mailOutbox.pendingCount() == 1)
        }
    }

    @Test("a temporary failure is given up after the last attempt", arguments: TestDatabase.available)
    func attemptsRunOut(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            try await store.mailOutbox.enqueue(Self.mails(["later-x@example.com"], workspaceID: workspace.id, now: 0))
            var clock: Int64 = 0
            for _ in 1...OutboxMail.maximumAttempts {
                let due = clock
                _ = try await Self.sender(store) { due }.sendDue()
                clock += 100_000
            }
            let mail = try #require(try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "test").first)
            #expect(mail.state == .failed && mail.attempts == OutboxMail.maximumAttempts && mail.bodyText.isEmpty)
        }
    }

    @Test("several senders at once send each mail exactly once", arguments: TestDatabase.available)
    func concurrentSenders(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
            let run = UUID().uuidString.prefix(8).lowercased()
            let recipients = (0..<120).map { "many-\(run)-\($0)@example.com" }
            try await store.mailOutbox.enqueue(Self.mails(recipients, workspaceID: workspace.id, now: 5))
            let rounds = try await withThrowingTaskGroup(of: MailSender.Round.self) { group in
                for _ in 0..<3 { group.addTask { try await Self.sender(store) { 5 }.sendDue(limit: 50, parallel: 4) } }
                var all: [MailSender.Round] = []
                for try await round in group { all.append(round) }
                return all
            }
            #expect(rounds.map(\.sent).reduce(0, +) == 120, "\(rounds)")
            let received = try Self.received(prefix: "many-\(run)-")
            #expect(received.count == 120 && received.values.allSatisfy { $0 == 1 })
            #expect(try await store.mailOutbox.pendingCount() == 0)
        }
    }
}
