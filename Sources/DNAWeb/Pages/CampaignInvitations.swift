import DNACore
import DNAStore
import Plot

extension CampaignPage {
    /// The invitations of a wave as the page shows them: who was invited, opened their link
    /// and has handed in, what became of their mails, the reminder days, and whether this
    /// server can invite and send at all.
    struct InvitationMail {
        var statuses: [InvitationStatus]
        var mails: [OutboxMail]
        /// Participants in the wave's units not invited yet.
        var notInvited: Int
        var canInvite: Bool
        var sendsMail: Bool
        var reminderDays: [ReminderDay]
    }
}

/// The campaign page's "Invitations by e-mail" section, for analysts: the counts (sent,
/// failed, opened the link, handed in; by unit, hidden under k), why mail is failing, the
/// invite and remind buttons and the reminder days.
struct CampaignInvitations: Component {
    let page: CampaignPage.Model
    let mail: CampaignPage.InvitationMail

    var body: Component { content() }

    @HTMLBuilder private func content() -> ComponentGroup {
        let slug = page.workspace.slug, id = page.campaign.id, k = page.workspace.minGroupSize
        let delivery = MailDelivery(mails: mail.mails, sendsMail: mail.sendsMail)
        El("h2") { "Invitations by e-mail" }
        StatCards(
            [
                ("\(mail.statuses.count)", "invited"), ("\(mail.statuses.filter { $0.openedOn != nil }.count)", "opened the link"),
                ("\(mail.statuses.filter(\.handedIn).count)", "of them handed in"),
            ] + delivery.stats)
        delivery.notices()
        let byUnit = Dictionary(grouping: mail.statuses, by: \.unitID)
        // Mails reach a unit through the address of one of its people.
        let unitOfAddress = Dictionary(mail.statuses.map { ($0.email, $0.unitID) }, uniquingKeysWith: { first, _ in first })
        let mailsByUnit = Dictionary(grouping: mail.mails) { unitOfAddress[$0.recipient] ?? "" }
        if !byUnit.isEmpty {
            DataTable(
                caption: "By unit (units with fewer than \(k) invited show no count of who opened or handed in)",
                columns: ["Unit", "Invited", "Mails sent", "Mails given up", "Opened the link", "Handed in"],
                rows: page.units.compactMap { unit in
                    guard let people = byUnit[unit.id] else { return nil }
                    let shown = people.count >= k, mails = mailsByUnit[unit.id] ?? []
                    func count(_ include: (InvitationStatus) -> Bool) -> String { shown ? "\(people.filter(include).count)" : "hidden" }
                    return [
                        unit.name, "\(people.count)", "\(mails.filter { $0.state == .sent }.count)",
                        "\(mails.filter { $0.state == .failed }.count)",
                        count { $0.openedOn != nil }, count(\.handedIn),
                    ]
                }, className: "invitations-by-unit")
        }
        if !mail.canInvite {
            El("p") { "To invite by e-mail, set CDNA_LINK_KEY (the same for every server of this database) and restart the server." }
        } else if page.state != .closed {
            El("div", .class("actions")) {
                PostForm(
                    action: SiteURL.campaignInvite(slug, id).path, csrf: page.csrfToken,
                    submit: AdminText.plural(
                        mail.notInvited, one: "Invite 1 participant not invited yet",
                        other: "Invite \(mail.notInvited) participants not invited yet"), className: "inline"
                ) {}
                PostForm(
                    action: SiteURL.campaignRemind(slug, id).path, csrf: page.csrfToken, submit: "Remind those who have not handed in",
                    className: "inline"
                ) {}
            }
            if mail.notInvited == 0 && mail.statuses.isEmpty {
                El("p") {
                    "Nobody in the wave's units is a participant yet. "
                    PageLink("Import participants", .participants(slug))
                    " to invite them by e-mail."
                }
            }
            reminderDays()
        }
    }

    /// The days after opening on which reminders go out by themselves, those run with how
    /// many they reminded, and the form that sets the ones to come.
    @HTMLBuilder private func reminderDays() -> ComponentGroup {
        let slug = page.workspace.slug, id = page.campaign.id
        El("h3") { "Reminder days" }
        if !mail.reminderDays.isEmpty {
            DataTable(
                columns: ["Day after opening", "Date", "Reminded"],
                rows: mail.reminderDays.map { day in
                    [
                        "\(day.day)", Day.string(day.dueAt),
                        day.ranAt.map { "\(day.reminded ?? 0) on \(Day.string($0))" }
                            ?? (mail.sendsMail ? "to come" : "to come (needs a server that sends mail)"),
                    ]
                }, className: "reminder-days")
        }
        PostForm(action: SiteURL.campaignReminderDays(slug, id).path, csrf: page.csrfToken, submit: "Save the reminder days") {
            Field.input(
                "Remind those who have not handed in on these days after opening", name: "days",
                value: mail.reminderDays.filter { $0.ranAt == nil }.map { "\($0.day)" }.joined(separator: ", "),
                help: "Whole days from 1 to 365, separated by commas, such as 3, 7. Leave empty for none. Days already run stay listed.")
        }
    }
}
