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
    case campaigns(String)
    case campaign(String, String)
    case campaignWindow(String, String)
    case campaignLinks(String, String)
    case campaignOpenLink(String, String)
    case campaignImport(String, String)
    case campaignResults(String, String)
    case campaignReport(String, String)
    case force(String, String)
    case forceTensions(String, String)
    case forceExperiments(String, String)
    case experimentOutcome(String, String)
    /// A respondent's own link (single-use token).
    case respond(String)
    /// A campaign's open anonymous link.
    case openLink(String)

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
        case .campaigns(let slug): "/w/\(slug)/campaigns"
        case .campaign(let slug, let id): "/w/\(slug)/campaigns/\(id)"
        case .campaignWindow(let slug, let id): "/w/\(slug)/campaigns/\(id)/window"
        case .campaignLinks(let slug, let id): "/w/\(slug)/campaigns/\(id)/links"
        case .campaignOpenLink(let slug, let id): "/w/\(slug)/campaigns/\(id)/open-link"
        case .campaignImport(let slug, let id): "/w/\(slug)/campaigns/\(id)/import"
        case .campaignResults(let slug, let id): "/w/\(slug)/campaigns/\(id)/results"
        case .campaignReport(let slug, let id): "/w/\(slug)/campaigns/\(id)/report"
        case .force(let slug, let id): "/w/\(slug)/forces/\(id)"
        case .forceTensions(let slug, let id): "/w/\(slug)/forces/\(id)/tensions"
        case .forceExperiments(let slug, let id): "/w/\(slug)/forces/\(id)/experiments"
        case .experimentOutcome(let slug, let id): "/w/\(slug)/experiments/\(id)/outcome"
        case .respond(let token): "/r/\(token)"
        case .openLink(let secret): "/o/\(secret)"
        }
    }

    /// The route pattern for a case, with `{name}` captures in place of the values.
    static func pattern(_ make: (String, String) -> SiteURL) -> String {
        make("{workspace}", "{id}").path
    }
}
