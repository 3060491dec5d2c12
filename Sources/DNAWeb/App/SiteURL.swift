import DNAIdentity

/// Every page's address, in one place: routes are registered from these cases and every link
/// is built from them, so a link cannot point at a route that does not exist.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    /// Starts single sign-on at the identity provider; the provider sends the browser back to
    /// `singleSignOnCallback`.
    case singleSignOnStart
    case singleSignOnCallback
    case stylesheet
    case accent(String)
    case logo(String)
    case unsavedLinksScript
    case workspace(String)
    case orgChart(String)
    case orgChartImport(String)
    case participants(String)
    case branding(String)
    case myTeams(String)
    case participantsImport(String)
    case frameworks(String)
    case framework(String, String)
    case campaigns(String)
    case campaign(String, String)
    case campaignWindow(String, String)
    case campaignLinks(String, String)
    case campaignOpenLink(String, String)
    case campaignOpenLinkQR(String, String)
    case campaignImport(String, String)
    case campaignInvite(String, String)
    case campaignRemind(String, String)
    case campaignReminderDays(String, String)
    case campaignResults(String, String)
    case campaignDelete(String, String)
    case surveyDelete(String, String)
    case participantDelete(String, String)
    case privacy(String)
    case members(String)
    case membersInvite(String)
    /// The directory groups that grant roles at single sign-on.
    case membersGroups(String)
    case member(String, String)
    case account
    case accountPassword
    case welcome(String)
    case workspaceCreate
    case workspaceRestore
    case privacyRetention(String)
    case privacyCommentThreshold(String)
    case privacyErase(String)
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
    case surveyInvite(String, String)
    case surveyRemind(String, String)
    case surveyOpenLink(String, String)
    case surveyOpenLinkQR(String, String)
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
    case whereToAct(String)
    case actions(String)
    case actionStatus(String, String)
    case audit(String)
    /// The one JSON address of a survey's results (the API's); pages link to it.
    case apiSurveyResults(String, String)
    case apiArchive(String)
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
        case .singleSignOnStart: "/auth/oidc/start"
        case .singleSignOnCallback: OpenIDSettings.callbackPath
        case .accent(let hex): "/accent/\(Self.segment(hex)).css"
        case .logo(let digest): "/logo/\(Self.segment(digest))"
        case .stylesheet: "/static/app.css"
        case .unsavedLinksScript: "/static/unsaved-links.js"
        case .workspace(let slug): "/w/\(Self.segment(slug))"
        case .orgChart(let slug): "/w/\(Self.segment(slug))/org"
        case .orgChartImport(let slug): "/w/\(Self.segment(slug))/org/import"
        case .branding(let slug): "/w/\(Self.segment(slug))/branding"
        case .myTeams(let slug): "/w/\(Self.segment(slug))/my-teams"
        case .participants(let slug): "/w/\(Self.segment(slug))/participants"
        case .participantsImport(let slug): "/w/\(Self.segment(slug))/participants/import"
        case .frameworks(let slug): "/w/\(Self.segment(slug))/frameworks"
        case .framework(let slug, let id): "/w/\(Self.segment(slug))/frameworks/\(Self.segment(id))"
        case .campaigns(let slug): "/w/\(Self.segment(slug))/campaigns"
        case .campaign(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))"
        case .campaignWindow(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/window"
        case .campaignLinks(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/links"
        case .campaignOpenLink(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/open-link"
        case .campaignOpenLinkQR(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/open-link.svg"
        case .campaignImport(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/import"
        case .campaignInvite(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/invite"
        case .campaignRemind(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/remind"
        case .campaignReminderDays(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/reminder-days"
        case .campaignResults(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/results"
        case .campaignDelete(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/delete"
        case .surveyDelete(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/delete"
        case .participantDelete(let slug, let id): "/w/\(Self.segment(slug))/participants/\(Self.segment(id))/delete"
        case .privacy(let slug): "/w/\(Self.segment(slug))/privacy"
        case .members(let slug): "/w/\(Self.segment(slug))/members"
        case .membersInvite(let slug): "/w/\(Self.segment(slug))/members/invite"
        case .membersGroups(let slug): "/w/\(Self.segment(slug))/members/sso-groups"
        case .member(let slug, let id): "/w/\(Self.segment(slug))/members/\(Self.segment(id))"
        case .account: "/account"
        case .accountPassword: "/account/password"
        case .welcome(let token): "/welcome/\(Self.segment(token))"
        case .workspaceCreate: "/workspaces/new"
        case .workspaceRestore: "/workspaces/restore"
        case .privacyRetention(let slug): "/w/\(Self.segment(slug))/privacy/retention"
        case .privacyCommentThreshold(let slug): "/w/\(Self.segment(slug))/privacy/comment-threshold"
        case .privacyErase(let slug): "/w/\(Self.segment(slug))/privacy/erase"
        case .campaignReport(let slug, let id): "/w/\(Self.segment(slug))/campaigns/\(Self.segment(id))/report"
        case .force(let slug, let id): "/w/\(Self.segment(slug))/forces/\(Self.segment(id))"
        case .forceTensions(let slug, let id): "/w/\(Self.segment(slug))/forces/\(Self.segment(id))/tensions"
        case .forceExperiments(let slug, let id): "/w/\(Self.segment(slug))/forces/\(Self.segment(id))/experiments"
        case .experimentOutcome(let slug, let id): "/w/\(Self.segment(slug))/experiments/\(Self.segment(id))/outcome"
        case .customerModel(let slug): "/w/\(Self.segment(slug))/customers"
        case .customerRecord(let slug, let kind): "/w/\(Self.segment(slug))/customers/records/\(Self.segment(kind))"
        case .customerRecordDelete(let slug): "/w/\(Self.segment(slug))/customers/delete"
        case .customerModelImport(let slug): "/w/\(Self.segment(slug))/customers/import"
        case .customerModelExport(let slug): "/w/\(Self.segment(slug))/customers/model.yaml"
        case .surveys(let slug): "/w/\(Self.segment(slug))/surveys"
        case .survey(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))"
        case .surveyWindow(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/window"
        case .surveyLinks(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/links"
        case .surveyInvite(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/invite"
        case .surveyRemind(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/remind"
        case .surveyOpenLink(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/open-link"
        case .surveyOpenLinkQR(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/open-link.svg"
        case .surveyImport(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/import"
        case .surveyResults(let slug, let id): "/w/\(Self.segment(slug))/surveys/\(Self.segment(id))/results"
        case .taskTests(let slug): "/w/\(Self.segment(slug))/task-tests"
        case .taskRounds(let slug): "/w/\(Self.segment(slug))/task-tests/rounds"
        case .taskRoundAttempts(let slug, let id): "/w/\(Self.segment(slug))/task-tests/rounds/\(Self.segment(id))/attempts"
        case .taskRoundImport(let slug, let id): "/w/\(Self.segment(slug))/task-tests/rounds/\(Self.segment(id))/import"
        case .timeLedger(let slug): "/w/\(Self.segment(slug))/time-ledger"
        case .journeySteps(let slug, let code): "/w/\(Self.segment(slug))/time-ledger/\(Self.segment(code))/steps"
        case .journeyChanges(let slug, let code): "/w/\(Self.segment(slug))/time-ledger/\(Self.segment(code))/changes"
        case .customerMetrics(let slug): "/w/\(Self.segment(slug))/customer-metrics"
        case .customerMetricsImport(let slug): "/w/\(Self.segment(slug))/customer-metrics/import"
        case .overview(let slug): "/w/\(Self.segment(slug))/overview"
        case .whereToAct(let slug): "/w/\(Self.segment(slug))/where-to-act"
        case .actions(let slug): "/w/\(Self.segment(slug))/actions"
        case .actionStatus(let slug, let id): "/w/\(Self.segment(slug))/actions/\(Self.segment(id))/status"
        case .audit(let slug): "/w/\(Self.segment(slug))/audit"
        case .apiSurveyResults(let slug, let id): "/api/v1/workspaces/\(Self.segment(slug))/surveys/\(Self.segment(id))/results"
        case .apiArchive(let slug): "/api/v1/workspaces/\(Self.segment(slug))/archive"
        case .lineOfSight(let slug): "/w/\(Self.segment(slug))/line-of-sight"
        case .lineOfSightNodes(let slug): "/w/\(Self.segment(slug))/line-of-sight/nodes"
        case .lineOfSightEdges(let slug): "/w/\(Self.segment(slug))/line-of-sight/edges"
        case .lineOfSightRemove(let slug): "/w/\(Self.segment(slug))/line-of-sight/remove"
        case .lineOfSightImport(let slug): "/w/\(Self.segment(slug))/line-of-sight/import"
        case .lineOfSightExport(let slug): "/w/\(Self.segment(slug))/line-of-sight/model.yaml"
        case .hypotheses(let slug): "/w/\(Self.segment(slug))/hypotheses"
        case .hypothesisStatus(let slug, let code): "/w/\(Self.segment(slug))/hypotheses/\(Self.segment(code))/status"
        case .evidence(let slug): "/w/\(Self.segment(slug))/evidence"
        case .evidenceLinks(let slug): "/w/\(Self.segment(slug))/evidence/links"
        case .decisions(let slug): "/w/\(Self.segment(slug))/decisions"
        case .loopMetrics(let slug): "/w/\(Self.segment(slug))/metrics"
        case .loopMeasurements(let slug): "/w/\(Self.segment(slug))/metrics/values"
        case .loopMeasurementsImport(let slug): "/w/\(Self.segment(slug))/metrics/import"
        case .loopMeasurementsCSV(let slug): "/w/\(Self.segment(slug))/metrics/measurements.csv"
        case .objectives(let slug): "/w/\(Self.segment(slug))/objectives"
        case .agility(let slug): "/w/\(Self.segment(slug))/agility"
        case .customerSurvey(let token): "/c/\(Self.segment(token))"
        case .customerOpenLink(let secret): "/co/\(Self.segment(secret))"
        case .respond(let token): "/r/\(Self.segment(token))"
        case .openLink(let secret): "/o/\(Self.segment(secret))"
        }
    }

    /// A path segment percent-encoded, so a value can neither leave its segment nor its
    /// attribute; the `{name}` captures of route patterns pass unchanged.
    static func segment(_ value: String) -> String {
        if value.hasPrefix("{"), value.hasSuffix("}"), value.dropFirst().dropLast().allSatisfy(\.isLetter) { return value }
        if value == "." || value == ".." { return String(repeating: "%2E", count: value.count) }
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// A query string (`?a=1&b=2`) with names in the given order and values percent-encoded.
    static func query(_ parameters: KeyValuePairs<String, String>) -> String {
        query(parameters.map { ($0.key, Optional($0.value)) })
    }

    /// The same, leaving out the parameters without a value.
    static func query(_ parameters: [(String, String?)]) -> String {
        let given = parameters.compactMap { name, value in value.map { segment(name) + "=" + segment($0) } }
        return given.isEmpty ? "" : "?" + given.joined(separator: "&")
    }

    /// The route pattern for a case, with `{name}` captures in place of the values.
    /// The stylesheet that sets `accent` (`#rrggbb`); nil for anything else.
    static func accentStylesheet(_ accent: String) -> SiteURL? {
        let hex = accent.dropFirst()
        guard accent.hasPrefix("#"), hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
        return .accent(String(hex).lowercased())
    }

    static func pattern(_ make: (String, String) -> SiteURL) -> String {
        make("{workspace}", "{id}").path
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
