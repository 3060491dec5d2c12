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
    case customerModel(String)
    case customerRecord(String, String)
    case customerRecordDelete(String)
    case customerModelImport(String)
    case customerModelExport(String)
    case surveys(String)
    case survey(String, String)
    case surveyWindow(String, String)
    case surveyLinks(String, String)
    case surveyOpenLink(String, String)
    case surveyImport(String, String)
    case surveyResults(String, String)
    case taskTests(String)
    case taskRounds(String)
    case taskRoundAttempts(String, String)
    case taskRoundImport(String, String)
    case timeLedger(String)
    case journeySteps(String, String)
    case journeyChanges(String, String)
    case customerMetrics(String)
    case customerMetricsImport(String)
    case overview(String)
    case lineOfSight(String)
    case lineOfSightNodes(String)
    case lineOfSightEdges(String)
    case lineOfSightRemove(String)
    case lineOfSightImport(String)
    case lineOfSightExport(String)
    case hypotheses(String)
    case hypothesisStatus(String, String)
    case evidence(String)
    case evidenceLinks(String)
    case decisions(String)
    case loopMetrics(String)
    case loopMeasurements(String)
    case loopMeasurementsImport(String)
    case loopMeasurementsCSV(String)
    case objectives(String)
    case agility(String)
    /// A customer's own survey link (single-use token).
    case customerSurvey(String)
    /// A customer survey's open anonymous link.
    case customerOpenLink(String)
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
        case .customerModel(let slug): "/w/\(slug)/customers"
        case .customerRecord(let slug, let kind): "/w/\(slug)/customers/records/\(kind)"
        case .customerRecordDelete(let slug): "/w/\(slug)/customers/delete"
        case .customerModelImport(let slug): "/w/\(slug)/customers/import"
        case .customerModelExport(let slug): "/w/\(slug)/customers/model.yaml"
        case .surveys(let slug): "/w/\(slug)/surveys"
        case .survey(let slug, let id): "/w/\(slug)/surveys/\(id)"
        case .surveyWindow(let slug, let id): "/w/\(slug)/surveys/\(id)/window"
        case .surveyLinks(let slug, let id): "/w/\(slug)/surveys/\(id)/links"
        case .surveyOpenLink(let slug, let id): "/w/\(slug)/surveys/\(id)/open-link"
        case .surveyImport(let slug, let id): "/w/\(slug)/surveys/\(id)/import"
        case .surveyResults(let slug, let id): "/w/\(slug)/surveys/\(id)/results"
        case .taskTests(let slug): "/w/\(slug)/task-tests"
        case .taskRounds(let slug): "/w/\(slug)/task-tests/rounds"
        case .taskRoundAttempts(let slug, let id): "/w/\(slug)/task-tests/rounds/\(id)/attempts"
        case .taskRoundImport(let slug, let id): "/w/\(slug)/task-tests/rounds/\(id)/import"
        case .timeLedger(let slug): "/w/\(slug)/time-ledger"
        case .journeySteps(let slug, let code): "/w/\(slug)/time-ledger/\(code)/steps"
        case .journeyChanges(let slug, let code): "/w/\(slug)/time-ledger/\(code)/changes"
        case .customerMetrics(let slug): "/w/\(slug)/customer-metrics"
        case .customerMetricsImport(let slug): "/w/\(slug)/customer-metrics/import"
        case .overview(let slug): "/w/\(slug)/overview"
        case .lineOfSight(let slug): "/w/\(slug)/line-of-sight"
        case .lineOfSightNodes(let slug): "/w/\(slug)/line-of-sight/nodes"
        case .lineOfSightEdges(let slug): "/w/\(slug)/line-of-sight/edges"
        case .lineOfSightRemove(let slug): "/w/\(slug)/line-of-sight/remove"
        case .lineOfSightImport(let slug): "/w/\(slug)/line-of-sight/import"
        case .lineOfSightExport(let slug): "/w/\(slug)/line-of-sight/model.yaml"
        case .hypotheses(let slug): "/w/\(slug)/hypotheses"
        case .hypothesisStatus(let slug, let code): "/w/\(slug)/hypotheses/\(code)/status"
        case .evidence(let slug): "/w/\(slug)/evidence"
        case .evidenceLinks(let slug): "/w/\(slug)/evidence/links"
        case .decisions(let slug): "/w/\(slug)/decisions"
        case .loopMetrics(let slug): "/w/\(slug)/metrics"
        case .loopMeasurements(let slug): "/w/\(slug)/metrics/values"
        case .loopMeasurementsImport(let slug): "/w/\(slug)/metrics/import"
        case .loopMeasurementsCSV(let slug): "/w/\(slug)/metrics/measurements.csv"
        case .objectives(let slug): "/w/\(slug)/objectives"
        case .agility(let slug): "/w/\(slug)/agility"
        case .customerSurvey(let token): "/c/\(token)"
        case .customerOpenLink(let secret): "/co/\(secret)"
        case .respond(let token): "/r/\(token)"
        case .openLink(let secret): "/o/\(secret)"
        }
    }

    /// The route pattern for a case, with `{name}` captures in place of the values.
    static func pattern(_ make: (String, String) -> SiteURL) -> String {
        make("{workspace}", "{id}").path
    }
}
