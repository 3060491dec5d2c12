import DNACore
import DNAStore
import Foundation

/// What every invitation and reminder mail says, in one language: the organization, a
/// greeting, why it comes, the personal link, what happens to the answers, why the person got
/// it and whom to ask. It becomes the plain-text and the HTML part of one outbox mail.
struct InvitationLetter {
    var language: String
    var organization: String
    var name: String
    var subject: String
    var opening: String
    var link: String
    var button: String
    /// What becomes of the answers (anonymity for colleagues, privacy for customers).
    var assurance: String
    var why: String
    /// The organization's logo, as an absolute address (mail clients fetch it), and its
    /// accent colour for the button.
    var logoURL: String? = nil
    var accent: String? = nil

    var greeting: String {
        name.isEmpty ? MailPhrase.greetingWithoutName.text(in: language) : MailPhrase.greeting.text(in: language, ["name": name])
    }

    var text: String {
        [greeting, "", opening, "", MailPhrase.personalLink.text(in: language), link, "", assurance, "", why].joined(separator: "\n")
    }

    var html: String {
        let e = Self.escape
        let logo = logoURL.map { "<img src=\"\(e($0))\" alt=\"\" height=\"48\" style=\"vertical-align:middle;margin-right:.5em\">" } ?? ""
        let colour = accent.flatMap { $0.count == 7 && $0.dropFirst().allSatisfy(\.isHexDigit) ? $0 : nil } ?? "#0b5cad"
        return """
            <!DOCTYPE html><html lang="\(e(language))"><body style="font-family:sans-serif;line-height:1.5;color:#1b1f24">\
            <p>\(logo)<strong>\(e(organization))</strong></p><p>\(e(greeting))</p><p>\(e(opening))</p>\
            <p><a href="\(e(link))" style="display:inline-block;padding:.5em 1em;background:\(colour);color:#fff;text-decoration:none;border-radius:4px">\(e(button))</a></p>\
            <p style="font-size:.9em">\(e(MailPhrase.orOpen.text(in: language))) \(e(link))</p><p>\(e(assurance))</p>\
            <p style="font-size:.9em;color:#4a5562">\(e(why))</p></body></html>
            """
    }

    func mail(workspaceID: String, purpose: String, recipient: String, now: Int64) -> OutboxMail {
        OutboxMail(
            id: UUID().uuidString, workspaceID: workspaceID, purpose: purpose, recipient: recipient, subject: subject, bodyText: text,
            bodyHTML: html, messageID: "\(UUID().uuidString)@customerdna", nextAttemptAt: now, createdAt: now)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The language a mail is written in: the person's own when the mails are written in it,
    /// else `fallback`; and the `lang` the link carries (only the person's own, so a page
    /// opened without one follows the browser).
    static func language(of tag: String?, fallback: String) -> (mail: String, link: String?) {
        let own = tag.flatMap(LanguageTag.translation(for:))
        return (own ?? fallback, own)
    }
}
