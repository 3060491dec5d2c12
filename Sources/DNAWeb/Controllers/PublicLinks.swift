import DNAApp
import DNACore
import DNAStore
import Hummingbird

/// What the public answering links share, for assessment respondents and for customer
/// surveys alike: the answer to a link that does not exist, the pages for a window that is
/// not open, and the rate limit on open links.
enum PublicLinks {
    /// Open-link visits allowed per client address and hour, so nobody can flood a survey.

    /// A link whose answers were handed in is deleted (nothing may tie it to them), so a
    /// spent link and a mistyped one get the same page.
    static func notValid() -> Response {
        RespondentPage.Message(
            title: "This link cannot be used",
            message:
                "Answers were already handed in with this link (each link takes one set of answers), or it is not complete: check that you copied the whole link, or ask for a new one."
        )
        .response(status: .notFound, identity: nil)
    }

    /// The page for a window that is not open (yet, or any more); nil while it is open.
    static func closedWindow(_ state: Campaign.State, opensAt: Int64) -> Response? {
        switch state {
        case .scheduled:
            RespondentPage.Message(title: "Not open yet", message: "This survey opens on \(Day.string(opensAt)). Please come back then.")
                .response(status: .forbidden, identity: nil)
        case .closed:
            RespondentPage.Message(title: "This survey is closed", message: "Thank you for your interest; answers are no longer taken.")
                .response(status: .gone, identity: nil)
        case .open:
            nil
        }
    }

    /// Counts one open-link visit from the client's address under `kind`; once the address is
    /// over the limit for the hour, the answer is a 429 page and the visit is not counted.
    static func limitVisit(_ links: AnswerLinkService, kind: String, context: AppContext, now: Int64) async throws -> Response? {
        guard try await links.allowVisit(kind: kind, address: context.remoteIP, now: now) else {
            return RespondentPage.Message(title: "Please try again later", message: "Too many surveys were started from this address.")
                .response(status: .tooManyRequests, identity: nil)
        }
        return nil
    }

    /// Where a saved step leads: the thanks page on handing in, the saved page on a pause,
    /// else the previous or next step of the same link.
    static func afterSave(action: String, link: String, step: Int, steps: Int, thanks: String) -> Response {
        switch action {
        case "submit":
            return RespondentPage.Message(title: "Thank you", message: thanks).response(identity: nil)
        case "pause":
            return RespondentPage.Message(
                title: "Saved", message: "Your answers so far are saved. Open the same link again to continue where you stopped."
            )
            .response(identity: nil)
        case "back":
            return Response.redirect(to: link + "?step=\(max(0, step - 1))", type: .normal)
        default:
            return Response.redirect(to: link + "?step=\(min(steps - 1, step + 1))", type: .normal)
        }
    }
}
