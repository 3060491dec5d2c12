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
    public var tasks: [TopTasks.Result]

    /// `segment` nil scores all customers; "*" cuts by every segment; a code keeps that segment.
    static func load(store: Store, survey: CustomerSurvey, segment: String?) async throws -> SurveyResults {
        switch survey.kind {
        case .outcomeStudy:
            var ratings = try await store.surveys.outcomeRatings(surveyID: survey.id)
            if let segment, segment != "*" { ratings = ratings.filter { $0.segment == segment } }
            return SurveyResults(
                survey: survey.id, kind: survey.kind, respondents: Set(ratings.map(\.respondent)).count, segment: segment,
                scores: OutcomeStudy.score(ratings, bySegment: segment == "*"), tasks: [])
        case .topTasks:
            let votes = try await store.surveys.taskVotes(surveyID: survey.id)
            return SurveyResults(
                survey: survey.id, kind: survey.kind, respondents: Set(votes.map(\.voter)).count, segment: nil, scores: [],
                tasks: TopTasks.rank(votes, tasks: survey.items.map(\.code), thresholds: survey.thresholds))
        }
    }

    public func render(_ format: OutputFormat) -> String {
        kind == .outcomeStudy ? AnalysisOutput.render(scores, as: format) : AnalysisOutput.render(tasks, as: format)
    }
}
