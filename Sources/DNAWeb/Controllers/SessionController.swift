import DNAApp
import DNACore
import Foundation
import Hummingbird

/// Signing in and out of the pages.
struct SessionController {
    let accounts: Accounts
    let secureCookies: Bool
    /// A double-submit cookie protects the sign-in form, which has no session yet.
    static let loginCSRFCookie = "cdna_login_csrf"

    struct LoginForm: Decodable {
        var email: String
        var password: String
        var csrf_token: String?
        var next: String?
    }

    struct TokenForm: Decodable {
        var csrf_token: String?
    }

    func addRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.login.path)) { request, context in
            let token = Secrets.make()
            var response = LoginPage.View(
                model: model(csrfToken: token, next: LocalRedirect.path(request.uri.queryParameters["next"].map(String.init)))
            )
            .response(identity: nil)
            response.setCookie(cookie(Self.loginCSRFCookie, token, request: request, maxAge: 3600))
            return response
        }
        SingleSignOnRoutes(session: self).addRoutes(to: router)
        router.post(RouterPath(stringLiteral: SiteURL.login.path)) { request, context in try await signIn(request, context) }
        router.post(RouterPath(stringLiteral: SiteURL.logout.path)) { request, context in
            let form = try await FormBody.decode(TokenForm.self, request, limit: .publicForm)
            let identity = try context.requireIdentity()
            try FormCSRF.check(form.csrf_token, identity: identity)
            if let session = request.cookies[AuthMiddleware.sessionCookie] { try await accounts.signOut(sessionToken: session.value) }
            var response = Response.redirect(to: SiteURL.login.path, type: .found)
            response.setCookie(cookie(AuthMiddleware.sessionCookie, "", request: request, maxAge: 0))
            return response
        }
    }

    /// The sign-in page as this server offers it: with the password form unless it is turned
    /// off, with single sign-on when it is set up.
    func model(csrfToken: String, email: String = "", message: String? = nil, next: String?) -> LoginPage.Model {
        LoginPage.Model(
            csrfToken: csrfToken, email: email, message: message, next: next, passwordSignIn: accounts.configuration.passwordSignIn,
            singleSignOn: accounts.openID != nil)
    }

    private func signIn(_ request: Request, _ context: AppContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, request, limit: .publicForm)
        let expected = request.cookies[Self.loginCSRFCookie]?.value ?? ""
        guard let sent = form.csrf_token, !expected.isEmpty, Secrets.constantTimeEqual(sent, expected) else {
            throw WebError(.forbidden, "the sign-in form has expired; reload the page and try again")
        }
        func again(_ message: String, status: HTTPResponse.Status) -> Response {
            LoginPage.View(model: model(csrfToken: expected, email: form.email, message: message, next: LocalRedirect.path(form.next)))
                .response(status: status, identity: nil)
        }
        guard accounts.configuration.passwordSignIn else {
            return again("Password sign-in is turned off on this server. Sign in with single sign-on.", status: .forbidden)
        }
        switch try await accounts.signIn(email: form.email, password: form.password, clientIP: context.remoteIP) {
        case .rateLimited(let wait):
            var response = again(
                "Too many failed attempts from this address. Wait \(wait) seconds and try again.", status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        case .rejected:
            return again("The e-mail address or the password is wrong.", status: .unauthorized)
        case .signedIn(_, let sessionToken, _):
            // Only local paths are followed, so the form cannot be used to redirect elsewhere.
            let next = LocalRedirect.path(form.next) ?? SiteURL.home.path
            var response = Response.redirect(to: next, type: .found)
            response.setCookie(
                cookie(AuthMiddleware.sessionCookie, sessionToken, request: request, maxAge: Int(accounts.configuration.sessionLifetime)))
            response.setCookie(cookie(Self.loginCSRFCookie, "", request: request, maxAge: 0))
            return response
        }
    }

    func cookie(_ name: String, _ value: String, request: Request, maxAge: Int) -> Cookie {
        let secure = secureCookies || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// The CSRF check for HTML forms posted by a signed-in browser.
enum FormCSRF {
    static func check(_ sent: String?, identity: Identity) throws {
        guard identity.viaAPIToken || Secrets.constantTimeEqual(sent ?? "", identity.csrfToken ?? "") else {
            throw WebError(.forbidden, "the form has expired; reload the page and try again")
        }
    }
}
