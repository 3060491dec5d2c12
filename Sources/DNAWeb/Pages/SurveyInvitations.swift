import DNACore
import DNAStore
import Plot

extension SurveyPage {
    /// A study's or vote's invitations by e-mail as the page shows them.
    struct InvitationMail {
        var statuses: [SurveyInvitationStatus]
        var mails: [OutboxMail]
        var canInvite: Bool
        var sendsMail: Bool
    }
}

/// The survey page's "Invite customers by e-mail", for analysts: counts (invited, opened the
/// link, answered, and the mails), the address list to send to, and the reminder button.
/// Customers are counted, never listed: the page has no need to show who answered.
struct SurveyInvitations: Component {
    let page: SurveyPage.Model
    let mail: SurveyPage.InvitationMail

    var body: Component { content() }

    @HTMLBuilder private func content() -> ComponentGroup {
        let slug = page.workspace.slug, id = page.survey.id
        let delivery = MailDelivery(mails: mail.mails, sendsMail: mail.sendsMail)
        El("h2") { "Invite customers by e-mail" }
        if !mail.statuses.isEmpty {
            StatCards(
                [
                    ("\(mail.statuses.count)", "invited"), ("\(mail.statuses.filter { $0.openedOn != nil }.count)", "opened the link"),
                    ("\(mail.statuses.filter(\.answered).count)", "of them answered"),
                ] + delivery.stats)
        }
        delivery.notices()
        if !mail.canInvite {
            El("p") { "To invite by e-mail, set CDNA_LINK_KEY (the same for every server of this database) and restart the server." }
        } else if page.state != .closed {
            El("p") {
                "Each address gets a personal single-use link in the customer's language (English when none is given). A CSV with the header "
                El("code") { "email,name,language,segment" }
                "; only "
                El("code") { "email" }
                " is needed. Addresses already invited are skipped; a list with a mistake sends nothing."
            }
            PostForm(action: SiteURL.surveyInvite(slug, id).path, csrf: page.csrfToken, submit: "Send the invitations") {
                Field.textarea("Customer addresses", name: "addresses", required: true)
            }
            if !mail.statuses.isEmpty {
                PostForm(
                    action: SiteURL.surveyRemind(slug, id).path, csrf: page.csrfToken, submit: "Remind those who have not answered",
                    className: "inline"
                ) {}
            }
        }
    }
}
