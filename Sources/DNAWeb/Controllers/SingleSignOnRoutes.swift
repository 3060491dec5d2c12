import DNAApp
import DNAIdentity
import DNAStore
import Hummingbird
import Logging

/// Single sign-on's two routes: the start, which sends the browser to the identity provider
/// with a state kept in a cookie, and the callback the provider sends it back to. Every
/// failure shows the sign-in page with what went wrong, never an error code alone: a provider
/// that is down answers 503, a refused sign-in 401.
struct SingleSignOnRoutes {
    let session: SessionController
    /// The cookie binding a sign-in under way to the browser that began it.
    static let stateCookie = "cdna_oidc_state"

    var accounts: Accounts { session.accounts }

    func addRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.singleSignOnStart.path)) { request, context in
            guard let singleSignOn = accounts.singleSignOn else { throw WebError(.notFound, "single sign-on is not set up on this server") }
            let next = LocalRedirect.path(request.uri.queryParameters["next"].map(String.init))
            do {
                let start = try await singleSignOn.start(next: next, address: context.remoteIP, now: accounts.clock.now())
                var response = Response.redirect(to: start.url, type: .found)
                response.setCookie(
                    session.cookie(Self.stateCookie, start.state, request: request, maxAge: Int(SingleSignOnService.pendingLifetime)))
                return response
            } catch let error as OpenIDError {
                return failure(error, request: request, context: context, next: next)
            } catch StoreError.busy(let reason) {
                return page(status: .tooManyRequests, message: "Single sign-on cannot start: \(reason).", request: request, next: next)
            }
        }
        router.get(RouterPath(stringLiteral: SiteURL.singleSignOnCallback.path)) { request, context in
            guard let singleSignOn = accounts.singleSignOn else { throw WebError(.notFound, "single sign-on is not set up on this server") }
            let query = request.uri.queryParameters
            var response: Response
            do {
                if let error = query["error"] {
                    let detail = query["error_description"].map { ": \($0)" } ?? ""
                    throw OpenIDError.refused("the identity provider did not sign you in (\(error)\(detail))")
                }
                guard let code = query["code"], let state = query["state"], code.count <= 2048, state.count <= 256 else {
                    throw OpenIDError.refused("the identity provider sent no sign-in code back")
                }
                let signedIn = try await singleSignOn.finish(
                    code: String(code), state: String(state), browserState: request.cookies[Self.stateCookie]?.value,
                    now: accounts.clock.now())
                response = Response.redirect(to: LocalRedirect.path(signedIn.next) ?? SiteURL.home.path, type: .found)
                response.setCookie(
                    session.cookie(
                        AuthMiddleware.sessionCookie, signedIn.sessionToken, request: request,
                        maxAge: Int(accounts.configuration.sessionLifetime)))
            } catch let error as OpenIDError {
                response = failure(error, request: request, context: context, next: nil)
            }
            // Whatever happened, this sign-in is over.
            response.setCookie(session.cookie(Self.stateCookie, "", request: request, maxAge: 0))
            return response
        }
    }

    /// The sign-in page saying what went wrong, with a fresh form to try again.
    private func failure(_ error: OpenIDError, request: Request, context: AppContext, next: String?) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case .unavailable(let detail), .misconfigured(let detail):
            context.logger.warning("single sign-on failed: the identity provider is unavailable", metadata: ["reason": "\(detail)"])
            status = .serviceUnavailable
            message = "The identity provider cannot be reached just now, so single sign-on is not possible. Try again in a few minutes."
        case .refused(let detail):
            context.logger.notice("single sign-on refused", metadata: ["reason": "\(detail)"])
            status = .unauthorized
            message = "Single sign-on did not work: \(detail)."
        }
        return page(status: status, message: message, request: request, next: next)
    }

    /// The sign-in page with `message`, with a fresh form to try again.
    private func page(status: HTTPResponse.Status, message: String, request: Request, next: String?) -> Response {
        let token = Secrets.make()
        var response = LoginPage.View(model: session.model(csrfToken: token, message: message, next: next))
            .response(status: status, identity: nil)
        response.setCookie(session.cookie(SessionController.loginCSRFCookie, token, request: request, maxAge: 3600))
        return response
    }
}
