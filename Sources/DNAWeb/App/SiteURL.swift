/// Every page's address, in one place: routes are registered from these cases and every link
/// is built from them, so a link cannot point at a route that does not exist.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case stylesheet
    case workspace(String)
    case orgChart(String)
    case orgChartImport(String)
    case frameworks(String)
    case framework(String, String)

    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .stylesheet: "/static/app.css"
        case .workspace(let slug): "/w/\(slug)"
        case .orgChart(let slug): "/w/\(slug)/org"
        case .orgChartImport(let slug): "/w/\(slug)/org/import"
        case .frameworks(let slug): "/w/\(slug)/frameworks"
        case .framework(let slug, let id): "/w/\(slug)/frameworks/\(id)"
        }
    }

    /// The route pattern for a case, with `{name}` captures in place of the values.
    static func pattern(_ make: (String, String) -> SiteURL) -> String {
        make("{workspace}", "{id}").path
    }
}
