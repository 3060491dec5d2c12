import DNACore
import DNAStore

/// A survey's results as pages, API and downloads show them: the same scoring code as
/// `cdna analyze outcomes|top-tasks`, on the handed-in answers.
public struct SurveyResults: Encodable, Sendable {
    public var survey: String
    public var kind: CustomerSurvey.Kind
    public var respondents: Int
    public var segment: String?
    public var scores: [OutcomeStudy.Score]
    /// Per outcome, how many customers said it does not apply to them (outcome studies; left
    /// out of `scores`). Outcomes nobody marked are not listed.
    public var notApplicable: [NotApplicable]
    public var tasks: [TopTasks.Result]

    public struct NotApplicable: Encodable, Sendable, Equatable {
        public var outcome: String
        public var count: Int
    }

    /// `segment` nil scores all customers; "*" cuts by every segment; a code keeps that segment.
    static func load(store: Store, survey: CustomerSurvey, segment: String?) async throws -> SurveyResults {
        switch survey.kind {
        case .outcomeStudy:
            var (ratings, marked) = try await store.surveys.outcomeStudyAnswers(surveyID: survey.id)
            if let segment, segment != "*" {
                ratings = ratings.filter { $0.segment == segment }
                marked = marked.filter { $0.segment == segment }
            }
            var counts: [String: Int] = [:]
            for mark in marked { counts[mark.outcome, default: 0] += 1 }
            let order = Dictionary(survey.items.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
            return SurveyResults(
                survey: survey.id, kind: survey.kind,
                respondents: Set(ratings.map(\.respondent)).union(marked.map(\.respondent)).count, segment: segment,
                scores: OutcomeStudy.score(ratings, bySegment: segment == "*"),
                notApplicable: counts.map { NotApplicable(outcome: $0.key, count: $0.value) }.sorted {
                    (order[$0.outcome] ?? .max, $0.outcome) < (order[$1.outcome] ?? .max, $1.outcome)
                }, tasks: [])
        case .topTasks:
            let votes = try await store.surveys.taskVotes(surveyID: survey.id)
            return SurveyResults(
                survey: survey.id, kind: survey.kind, respondents: Set(votes.map(\.voter)).count, segment: nil, scores: [],
                notApplicable: [], tasks: TopTasks.rank(votes, tasks: survey.items.map(\.code), thresholds: survey.thresholds))
        }
    }

    public func render(_ format: OutputFormat) -> String {
        kind == .outcomeStudy ? AnalysisOutput.render(scores, as: format) : AnalysisOutput.render(tasks, as: format)
    }
}
