import DNACore
import Hummingbird

/// Builds every page of a request in the configured language of the admin pages, so each word
/// they look up in the catalogue (`AdminText`) comes out in it. Outside the error middleware,
/// so error pages are written in it too.
struct AdminLanguageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let language: String

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        try await AdminCatalogue.$language.withValue(language) { try await next(request, context) }
    }
}
