import DNACore
import DNAStore

/// What a person holding a respondent or customer link may do: open it, see the questions and
/// the choices they need, save step by step and hand in. There is no account: the link's
/// token is the only credential (kept as its hash only), and it stops working once the
/// answers are handed in. The open link of a wave or study hands out such links, a limited
/// number per address and hour.
public struct AnswerLinkService: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Links one address may start from open links per hour, per kind of link.
    public static let openLinkVisitsPerHour = 60

    /// Counts one open-link visit from `address` under `kind` ("open-link", "survey-open-link");
    /// false, and not counted, once the address is over the hour's limit.
    public func allowVisit(kind: String, address: String?, now: Int64) async throws -> Bool {
        let key = kind + ":" + (address ?? "unknown")
        guard try await store.accounts.loginFailures(key: key, now: now, window: 3600) < Self.openLinkVisitsPerHour else { return false }
        _ = try await store.accounts.recordLoginFailure(key: key, now: now, window: 3600)
        return true
    }

    // MARK: Assessment waves

    /// A new personal link from the wave's open link, as its secret token; nil when no wave
    /// has that open link.
    public func startAssessment(openLink: String, now: Int64) async throws -> String? {
        let token = Secrets.make()
        return try await store.campaigns.startFromOpenLink(openLink, tokenHash: Secrets.hash(token), now: now) == nil ? nil : token
    }

    /// The wave, instrument and answers so far behind a respondent's token; nil when unknown
    /// or already handed in.
    public func respondentSession(token: String) async throws -> RespondentSession? {
        try await store.campaigns.respondentSession(tokenHash: Secrets.hash(token))
    }

    /// What a respondent chooses from: the wave's invited units by name, the workspace's
    /// roles and its customer outcomes.
    public func respondentChoices(_ session: RespondentSession) async throws -> RespondentChoices {
        let workspaceID = session.campaign.workspaceID
        let invited = Set(try await store.campaigns.campaignPopulation(campaignID: session.campaign.id).map(\.unitID))
        let workspace = try await store.workspaces.workspace(id: workspaceID)
        return RespondentChoices(
            face: try await PublicFace.of(workspace, in: store), groupSize: workspace.minGroupSize,
            units: try await store.organization.units(workspaceID: workspaceID).filter { invited.contains($0.id) }.sorted {
                $0.name < $1.name
            },
            roles: try await store.organization.roles(workspaceID: workspaceID),
            outcomes: try await store.customerModels.customerOutcomes(workspaceID: workspaceID),
            outcomeTranslations: try await store.customerModels.outcomeTranslations(workspaceID: workspaceID))
    }

    /// Notes that an invited person opened their link, for the response-rate page.
    public func markOpened(token: String, now: Int64) async throws {
        try await store.invitations.markOpened(tokenHash: Secrets.hash(token), now: now)
    }

    /// Notes that a mailed customer opened their link, for the survey page.
    public func markSurveyOpened(token: String, now: Int64) async throws {
        try await store.invitations.markSurveyOpened(tokenHash: Secrets.hash(token), now: now)
    }

    /// The smallest group whose results a workspace shows (k), which the thanks page promises.
    public func groupSize(workspaceID: String) async throws -> Int {
        try await store.workspaces.workspace(id: workspaceID).minGroupSize
    }

    /// Saves a step's answers, or hands them in (`submit`), which spends the link.
    public func saveRespondentAnswers(token: String, answers: RespondentAnswers, submit: Bool, now: Int64) async throws {
        try await store.campaigns.saveRespondentAnswers(tokenHash: Secrets.hash(token), answers: answers, submit: submit, now: now)
    }

    // MARK: Customer studies and votes

    /// A new personal link from the study's or vote's open link; nil when none has it.
    public func startSurvey(openLink: String, now: Int64) async throws -> String? {
        let token = Secrets.make()
        return try await store.surveys.startSurveyFromOpenLink(openLink, tokenHash: Secrets.hash(token), now: now) == nil ? nil : token
    }

    /// The study or vote and the answers so far behind a customer's token; nil when unknown
    /// or already handed in.
    public func surveySession(token: String, now: Int64) async throws -> SurveySession? {
        try await store.surveys.surveySession(tokenHash: Secrets.hash(token), now: now)
    }

    /// The segments a customer may say they belong to, and the name of the organization that
    /// asks (customers should know who is asking, not the survey's internal name).
    public func customerPage(_ session: SurveySession) async throws -> (face: PublicFace, segments: [CustomerModel.Segment]) {
        let workspace = try await store.workspaces.workspace(id: session.survey.workspaceID)
        return (
            try await PublicFace.of(workspace, in: store),
            try await store.customerModels.model(workspaceID: session.survey.workspaceID).segments
        )
    }

    /// Whether handing in now would hand in nothing at all, which a person is asked to
    /// confirm once rather than have it taken silently.
    public static func isBlank(_ answers: RespondentAnswers) -> Bool {
        answers.likert.allSatisfy { $0 == AssessmentResponses.missing } && answers.outcome == nil
            && answers.texts.values.allSatisfy { $0.trimmingSpaces().isEmpty }
    }

    /// The same for a customer's ratings or picks.
    public static func isBlank(_ session: SurveySession) -> Bool {
        switch session.survey.kind {
        case .outcomeStudy: session.ratings.values.allSatisfy(\.isEmpty)
        case .topTasks: session.picks.isEmpty
        }
    }

    /// Saves a step's ratings or picks, or hands them in (`submit`), which spends the link.
    public func saveSurveyAnswers(
        token: String, segment: String, ratings: [String: SurveyRating], picks: Set<String>, submit: Bool, now: Int64
    ) async throws {
        try await store.surveys.saveSurveyAnswers(
            tokenHash: Secrets.hash(token), segment: segment, ratings: ratings, picks: picks, submit: submit, now: now)
    }
}

/// The choices on a respondent's first step and the outcome question, and whose survey it is.
public struct RespondentChoices: Sendable {
    /// How the organization shows itself: the name respondents know it by, logo and colour.
    public var face: PublicFace
    public var organization: String { face.name }
    /// The smallest group whose results are shown (k), which the page promises.
    public var groupSize: Int
    public var units: [OrgUnit]
    public var roles: [Role]
    public var outcomes: [CustomerOutcome]
    /// Outcome sentences in other languages, by outcome code and language.
    public var outcomeTranslations: [String: [String: String]]
}
