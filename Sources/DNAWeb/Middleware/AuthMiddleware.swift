import DNAApp
import DNAStore
import HTTPTypes
import Hummingbird

/// Resolves the caller from the session cookie or an `Authorization: Bearer` API token, and
/// enforces CSRF protection for browser sessions on every state-changing request.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let sessionCookie = "cdna_session"
    static let csrfField = "csrf_token"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let accounts: Accounts
    static let anonymousPaths: Set<String> = [
        "/healthz", "/readyz", "/metrics", "/openapi.json", SiteURL.stylesheet.path, SiteURL.unsavedLinksScript.path,
    ]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        // Probes and scrapers never act as anyone: a stray Authorization header (a proxy's,
        // a load balancer's) must not turn a health check into a 401.
        if Self.anonymousPaths.contains(request.uri.path) { return try await next(request, context) }
        // A directory signs in to SCIM with its workspace's own token (see ScimController).
        if request.uri.path.hasPrefix(ScimController.prefix + "/") { return try await next(request, context) }
        var context = context
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            guard let identity = try await accounts.identity(apiToken: String(header.dropFirst(7)).trimmingSpaces()) else {
                throw WebError(.unauthorized, "the API token is not valid")
            }
            context.identity = identity
        } else if let cookie = request.cookies[Self.sessionCookie] {
            context.identity = try await accounts.identity(sessionToken: cookie.value)
        }
        if let identity = context.identity, !identity.viaAPIToken, !request.method.isSafe {
            // Forms carry the token as a field (checked by the form decoder); scripts send
            // the header. A JSON API call from a browser session without it is refused.
            if request.uri.path.hasPrefix("/api/") {
                guard let sent = request.headers[Self.csrfHeader], Secrets.constantTimeEqual(sent, identity.csrfToken ?? "") else {
                    throw WebError(.forbidden, "missing or wrong X-CSRF-Token header")
                }
            }
        }
        guard let identity = context.identity else { return try await next(request, context) }
        let caller = identity.caller(via: request.uri.path.hasPrefix("/api/") ? .api : .page)
        context.caller = caller
        // Every change this request makes is written to the audit log as this person's (the
        // application layer's use cases say so themselves; this covers the routes not yet
        // moved to it).
        return try await AuditActor.$current.withValue(caller.actor) { try await next(request, context) }
    }
}

extension HTTPRequest.Method {
    var isSafe: Bool { self == .get || self == .head || self == .options }
}
