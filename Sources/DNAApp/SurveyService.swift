import DNACore
import DNAStore

/// Customer surveys' use cases: outcome studies and top-task votes, their window and open
/// link, answers handed in by file or one at a time through the API, and their results.
/// Reading needs viewer access, changing analyst; changes are logged as the caller's.
public struct SurveyService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Every survey of the workspace with its progress (links issued, answers handed in).
    public func surveys(_ caller: Caller?, workspace slug: String) async throws -> [(survey: CustomerSurvey, progress: SurveyProgress)] {
        try await access.reading(slug, caller) { workspace in
            var listed: [(CustomerSurvey, SurveyProgress)] = []
            for survey in try await store.surveys.all(workspaceID: workspace.id) {
                listed.append((survey, try await store.surveys.surveyProgress(surveyID: survey.id)))
            }
            return listed
        }
    }

    public func survey(
        _ caller: Caller?, workspace slug: String, id: String
    ) async throws -> (
        survey: CustomerSurvey, progress: SurveyProgress
    ) {
        try await access.reading(slug, caller) { workspace in
            let survey = try await store.surveys.survey(workspaceID: workspace.id, id: id)
            return (survey, try await store.surveys.surveyProgress(surveyID: survey.id))
        }
    }

    public func createSurvey(
        _ caller: Caller?, workspace slug: String, kind: CustomerSurvey.Kind, name: String, opensAt: Int64, closesAt: Int64?,
        itemCodes: [String], thresholds: TopTasks.Thresholds, publicTitle: String = "", now: Int64
    ) async throws -> CustomerSurvey {
        try await access.changing(slug, caller) { workspace in
            try await store.surveys.create(
                workspaceID: workspace.id, kind: kind, name: name, opensAt: opensAt, closesAt: closesAt, itemCodes: itemCodes,
                thresholds: thresholds, publicTitle: publicTitle, now: now)
        }
    }

    /// Closes the survey now (never before it opens), or reopens it without an end.
    public func setOpen(_ caller: Caller?, workspace slug: String, survey id: String, open: Bool, now: Int64) async throws -> CustomerSurvey
    {
        try await access.changing(slug, caller) { workspace in
            let survey = try await store.surveys.survey(workspaceID: workspace.id, id: id)
            try await store.surveys.setSurveyClose(workspaceID: workspace.id, id: id, closesAt: open ? nil : max(now, survey.opensAt))
            return try await store.surveys.survey(workspaceID: workspace.id, id: id)
        }
    }

    /// Makes a new open link (a fresh secret, so the old address stops working) or removes it.
    public func setOpenLink(_ caller: Caller?, workspace slug: String, survey id: String, on: Bool) async throws {
        try await access.changing(slug, caller) { workspace in
            try await store.surveys.setSurveyOpenLink(workspaceID: workspace.id, id: id, secret: on ? Secrets.make() : nil)
        }
    }

    /// Imports a file of answers, all or nothing; problems are thrown as `FileProblems`.
    public func importAnswers(
        _ caller: Caller?, workspace slug: String, survey id: String, file: String, bytes: [UInt8], now: Int64
    ) async throws -> Int {
        try await access.changing(slug, caller) { workspace in
            try await store.surveys.importSurveyAnswers(workspaceID: workspace.id, surveyID: id, file: file, bytes: bytes, now: now)
        }
    }

    /// One customer's answers through the API: an outcome may be rated once.
    public func addResponse(
        _ caller: Caller?, workspace slug: String, survey id: String, respondent: String?, segment: String,
        ratings: [(outcome: String, rating: SurveyRating)], picks: [String], now: Int64
    ) async throws {
        var byOutcome: [String: SurveyRating] = [:]
        for (outcome, rating) in ratings {
            if byOutcome[outcome] != nil { throw StoreError.invalid("ratings: outcome '\(outcome)' is rated twice") }
            byOutcome[outcome] = rating
        }
        try await access.changing(slug, caller) { workspace in
            try await store.surveys.addSurveyResponse(
                workspaceID: workspace.id, surveyID: id, respondent: respondent, segment: segment, ratings: byOutcome, picks: picks,
                now: now)
        }
    }

    /// The scores as `cdna analyze outcomes|top-tasks` computes them: `segment` nil for all
    /// customers, "*" by every segment, a code for that segment.
    public func results(_ caller: Caller?, workspace slug: String, survey id: String, segment: String?) async throws -> SurveyResults {
        try await access.reading(slug, caller) { workspace in
            try await SurveyResults.load(
                store: store, survey: try await store.surveys.survey(workspaceID: workspace.id, id: id), segment: segment)
        }
    }
}
