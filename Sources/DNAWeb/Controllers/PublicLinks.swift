import DNAApp
import DNACore
import DNAStore
import Hummingbird

/// What the public answering links share, for assessment respondents and for customer
/// surveys alike: the answer to a link that does not exist, the pages for a window that is
/// not open, the rate limit on open links and where a saved step leads, each in the page's
/// language.
enum PublicLinks {
    static func message(_ title: PublicPhrase, _ message: String, _ language: PageLanguage, status: HTTPResponse.Status) -> Response {
        RespondentPage.Message(title: title.text(in: language.code), message: message, language: language.code)
            .response(status: status, identity: nil)
    }

    /// A link whose answers were handed in is deleted (nothing may tie it to them), so a
    /// spent link and a mistyped one get the same page.
    static func notValid(_ language: PageLanguage) -> Response {
        message(.notValidTitle, PublicPhrase.notValidMessage.text(in: language.code), language, status: .notFound)
    }

    /// Saving lost a race with handing in on the same link, or with the window closing.
    static func notSaved(_ language: PageLanguage) -> Response {
        message(.notSavedTitle, PublicPhrase.notSavedMessage.text(in: language.code), language, status: .conflict)
    }

    /// The page for a window that is not open (yet, or any more); nil while it is open.
    static func closedWindow(_ state: Campaign.State, opensAt: Int64, _ language: PageLanguage) -> Response? {
        switch state {
        case .scheduled:
            message(
                .notOpenTitle, PublicPhrase.notOpenMessage.text(in: language.code, ["date": Day.string(opensAt)]), language,
                status: .forbidden)
        case .closed:
            message(.closedTitle, PublicPhrase.closedMessage.text(in: language.code), language, status: .gone)
        case .open:
            nil
        }
    }

    /// Counts one open-link visit from the client's address under `kind`; once the address is
    /// over the limit for the hour, the answer is a 429 page and the visit is not counted.
    static func limitVisit(
        _ links: AnswerLinkService, kind: String, context: AppContext, now: Int64, _ language: PageLanguage
    ) async throws -> Response? {
        guard try await links.allowVisit(kind: kind, address: context.remoteIP, now: now) else {
            return message(.tryLaterTitle, PublicPhrase.tryLaterMessage.text(in: language.code), language, status: .tooManyRequests)
        }
        return nil
    }

    /// `path` with the `lang` the request asked for, so an open link keeps the language it was
    /// opened in; unchanged when none was asked for (the next page reads Accept-Language).
    static func keepAsked(_ request: Request, in path: String) -> String {
        PageLanguage.resolve(request).keep(in: path)
    }

    /// Where a saved step leads: the thanks page on handing in, the saved page on a pause,
    /// else the previous or next step of the same link, in the same language.
    static func afterSave(action: String, link: String, step: Int, steps: Int, thanks: String, _ language: PageLanguage) -> Response {
        switch action {
        case "submit":
            return message(.thanksTitle, thanks, language, status: .ok)
        case "pause":
            return message(.savedTitle, PublicPhrase.savedMessage.text(in: language.code), language, status: .ok)
        case "back":
            return Response.redirect(to: language.keep(in: link + "?step=\(max(0, step - 1))"), type: .normal)
        default:
            return Response.redirect(to: language.keep(in: link + "?step=\(min(steps - 1, step + 1))"), type: .normal)
        }
    }
}
