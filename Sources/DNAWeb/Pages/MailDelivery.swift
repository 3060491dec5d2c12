import DNACore
import DNAStore
import Plot

/// What became of the mails of a wave's or a survey's invitations: the counts, a notice when
/// this server sends no mail, why mail is failing while it is retried, and the mails given up
/// with the server's reason. Shared by the campaign and the survey page.
struct MailDelivery {
    let mails: [OutboxMail]
    let sendsMail: Bool

    var sent: Int { mails.filter { $0.state == .sent }.count }
    var waiting: Int { mails.filter { $0.state == .pending }.count }
    var failed: [OutboxMail] { mails.filter { $0.state == .failed } }

    /// The stat cards after the invitation counts.
    var stats: [(String, String)] { [("\(sent)", "mails sent"), ("\(waiting)", "mails waiting"), ("\(failed.count)", "mails given up")] }

    @HTMLBuilder func notices() -> ComponentGroup {
        let waiting = waiting, failed = failed
        if !sendsMail && waiting > 0 {
            El("p", .class("notice"), .role("status")) {
                "This server does not send mail (it has no --smtp-url): \(waiting) mail\(waiting == 1 ? " waits" : "s wait") in the outbox until one that does runs."
            }
        }
        if let reason = mails.first(where: { $0.state == .pending && $0.lastError != nil })?.lastError {
            El("p", .class("error"), .role("alert")) { "Mail is failing for now and will be tried again: \(reason)" }
        }
        if !failed.isEmpty {
            DataTable(
                caption: "Mails given up", columns: ["To", "Attempts", "Why"],
                rows: failed.map { [$0.recipient, "\($0.attempts)", $0.lastError ?? ""] }, className: "mail-failures")
        }
    }
}
