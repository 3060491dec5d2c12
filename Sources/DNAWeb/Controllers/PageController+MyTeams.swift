import DNAApp
import DNACore
import DNAStore
import Hummingbird

/// "My teams": a manager's results for the units of the people under them. Reached by
/// members and by managers who have no membership at all, so it does not go through
/// `page(...)`, which asks for one.
extension PageController {
    func addMyTeamsRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .myTeams(w) })) { request, context in
            guard let identity = context.identity else {
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                return Response.redirect(to: SiteURL.login.path + "?next=" + next, type: .found)
            }
            let teams = try await ManagerViewService(store: store).teams(
                context.caller, workspace: try context.parameter("workspace"), campaign: request.uri.queryParameters.get("campaign"))
            return MyTeamsPage.View(model: .init(teams: teams, email: identity.user.email)).response(identity: identity)
        }
    }
}
