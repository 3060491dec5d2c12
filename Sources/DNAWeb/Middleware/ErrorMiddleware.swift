import DNACore
import Foundation
import Hummingbird
import Logging

/// Turns every error into a response: JSON `{"error":{"message":...}}` for the API and
/// machine endpoints, an HTML page for the pages. Internal errors are logged with detail and
/// answered with a bare "internal error".
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let logger: Logger

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (webError, isInternal) = WebError.from(error)
            if isInternal {
                logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string(String(reflecting: error))])
            }
            var response =
                wantsHTML(request)
                ? try errorPage(webError, context: context) : try jsonResponse(ErrorBody(webError), status: webError.status)
            if let seconds = webError.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    private func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path == "/openapi.json" || path == "/metrics" || path.hasPrefix("/healthz")
            || path.hasPrefix("/readyz")
        {
            return false
        }
        return true
    }

    private func errorPage(_ error: WebError, context: AppContext) throws -> Response {
        if error.status == .unauthorized {
            return Response.redirect(to: SiteURL.login.path, type: .found)
        }
        // A bare status ("Not Found") is the site's wording; a message a service composed is shown as it is.
        let message =
            error.message == error.status.reasonPhrase ? AdminText(wording: error.message) : AdminText(verbatim: error.message)
        let page = ErrorPage.View(model: .init(status: Int(error.status.code), message: message, problems: error.problems))
        return page.response(status: error.status, identity: context.identity)
    }
}

/// The error body of the JSON API.
struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var message: String
        var problems: [Problem]?
    }

    struct Problem: Encodable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    var error: Detail

    init(_ error: WebError) {
        let problems = error.problems.map { Problem(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }
        self.error = Detail(message: error.message, problems: problems.isEmpty ? nil : problems)
    }
}
