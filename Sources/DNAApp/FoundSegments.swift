import DNACore
import DNAStore

/// Customer segments found in an outcome study's answers (`OutcomeSegments`, the code of `cdna
/// analyze outcomes --find-segments`), for the study's results page.
extension SurveyService {
    public struct FoundSegments: Sendable, Equatable {
        public var result: OutcomeSegments.Result
        /// Segments under the workspace's k show their size only: their underserved outcomes
        /// and where their customers came from would describe a handful of people.
        public var minGroupSize: Int
    }

    /// Nil for a vote, or a study with too few customers to cluster.
    public func foundSegments(_ caller: Caller?, workspace slug: String, survey id: String) async throws -> FoundSegments? {
        try await access.reading(slug, caller) { workspace in
            let survey = try await store.surveys.survey(workspaceID: workspace.id, id: id)
            guard survey.kind == .outcomeStudy else { return nil }
            let ratings = try await store.surveys.outcomeRatings(surveyID: survey.id)
            // Handed-in answers are only ever added, so their number says whether a kept
            // clustering still holds.
            let key = FoundSegmentCache.Key(survey: survey.id, ratings: ratings.count)
            let result: OutcomeSegments.Result
            if let kept = FoundSegmentCache.shared.value(for: key) {
                result = kept
            } else {
                guard let found = try? OutcomeSegments.find(ratings) else { return nil }
                FoundSegmentCache.shared.keep(found, for: key)
                result = found
            }
            return FoundSegments(result: result, minGroupSize: workspace.minGroupSize)
        }
    }
}

enum FoundSegmentCache {
    struct Key: Hashable, Sendable {
        var survey: String
        var ratings: Int
    }

    static let shared = KeptAnalyses<Key, OutcomeSegments.Result>()
}
