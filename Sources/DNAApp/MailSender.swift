import DNACore
import DNAMail
import DNAStore
import Foundation
import Logging

/// Sends what the outbox holds: claims due mails, sends each through SMTP, and records the
/// outcome, so an SMTP server that is down or refuses costs retries, never lost mail or a
/// stuck server. Any number of `cdna serve` processes may run one against the same database.
public struct MailSender: Sendable {
    let store: Store
    let client: SMTPClient
    let fromName: @Sendable (String) async -> String
    let now: @Sendable () -> Int64
    let logger: Logger

    /// How long a claimed mail is left to its sender before another may try it: well over
    /// the client's own timeouts, so a slow but working sender is never doubled.
    var lease: Int64 { max(300, client.settings.timeoutSeconds * 6) }

    public init(
        store: Store, settings: MailSettings, fromName: @escaping @Sendable (String) async -> String = { _ in "CustomerDNA" },
        now: @escaping @Sendable () -> Int64, logger: Logger = Logger(label: "cdna.mail")
    ) {
        self.store = store
        self.client = SMTPClient(settings: settings)
        self.fromName = fromName
        self.now = now
        self.logger = logger
    }

    public struct Round: Equatable, Sendable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
        public var claimed: Int { sent + retried + failed }
    }

    /// Sends up to `limit` due mails, `parallel` at a time, and says what became of them.
    public func sendDue(limit: Int = 100, parallel: Int = 8) async throws -> Round {
        let mails = try await store.mailOutbox.claimDue(now: now(), lease: lease, limit: limit)
        var round = Round()
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var next = 0
            func start() {
                let mail = mails[next]
                next += 1
                group.addTask { try await send(mail) }
            }
            while next < min(parallel, mails.count) { start() }
            while let outcome = try await group.next() {
                switch outcome {
                case .sent: round.sent += 1
                case .retried: round.retried += 1
                case .failed: round.failed += 1
                }
                if next < mails.count { start() }
            }
        }
        return round
    }

    enum Outcome { case sent, retried, failed }

    private func send(_ mail: OutboxMail) async throws -> Outcome {
        let message = MailMessage(
            fromName: await fromName(mail.workspaceID), fromAddress: client.settings.from, to: mail.recipient, subject: mail.subject,
            text: mail.bodyText, html: mail.bodyHTML, messageID: mail.messageID,
            date: Date(timeIntervalSince1970: TimeInterval(now())))
        do throws(MailError) {
            try await client.send(message)
        } catch {
            try await store.mailOutbox.markFailed(
                id: mail.id, reason: error.description, temporary: error.isTemporary, attempts: mail.attempts, now: now())
            logger.warning(
                "mail not sent", metadata: ["mail": "\(mail.id)", "attempt": "\(mail.attempts)", "reason": "\(error.description)"])
            return error.isTemporary && mail.attempts < OutboxMail.maximumAttempts ? .retried : .failed
        }
        try await store.mailOutbox.markSent(id: mail.id, at: now())
        return .sent
    }

    /// Sends due mails until the task is cancelled, looking again every `interval` seconds
    /// (at once after a full round). A database or SMTP error is logged and tried again.
    public func run(interval: Double = 5) async {
        while !Task.isCancelled {
            var full = false
            do {
                let round = try await sendDue()
                full = round.claimed == 100
            } catch {
                logger.error("the mail sender failed a round", metadata: ["error": "\(error)"])
            }
            if !full { try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000)) }
        }
    }
}
