import DNACore
import DNAStore

/// A wave's open answers as people may see them: themes, counts by unit or role, and the
/// answers folded, only where the workspace's comment threshold allows (`CommentAnalysis`).
extension CampaignService {
    public func openAnswers(
        _ caller: Caller?, workspace slug: String, campaign id: String, breakdown: AssessmentScoring.Breakdown
    ) async throws -> CommentAnalysis.Report {
        try await access.reading(slug, caller) { workspace in
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
            return try await OpenAnswers.report(store, workspace: workspace, campaign: campaign, breakdown: breakdown)
        }
    }
}

enum OpenAnswers {
    static func textItems(_ store: Store, campaign: Campaign) async throws -> [String] {
        try await store.campaigns.instrument(of: campaign).items.filter { $0.type == .text }.map(\.id)
    }

    static func report(
        _ store: Store, workspace: Workspace, campaign: Campaign, breakdown: AssessmentScoring.Breakdown
    ) async throws -> CommentAnalysis.Report {
        let answers = try await store.campaigns.commentAnswers(
            workspaceID: workspace.id, campaignID: campaign.id,
            itemIDs: try await textItems(store, campaign: campaign), breakdown: breakdown)
        return CommentAnalysis.analyze(
            answers, options: .init(breakdown: breakdown, minComments: workspace.commentThreshold, minGroupSize: workspace.minGroupSize))
    }

    /// The answers that speak of `dimension`, folded; none when too few people wrote at all.
    static func speakingOf(
        _ dimension: Framework.Dimension, _ store: Store, workspace: Workspace, campaign: Campaign
    ) async throws -> [CommentFolding.Folded] {
        let answers = try await store.campaigns.commentAnswers(
            workspaceID: workspace.id, campaignID: campaign.id,
            itemIDs: try await textItems(store, campaign: campaign), breakdown: .none)
        guard Set(answers.map(\.respondent)).count >= workspace.effectiveCommentThreshold else { return [] }
        return CommentFolding.fold(answers.map(\.text).filter { ForceWords.speaks($0, of: dimension) })
    }
}

extension LifecycleService {
    /// Sets the workspace's comment threshold (admins); it may not be below k.
    public func setCommentThreshold(_ caller: Caller?, workspace slug: String, threshold: Int) async throws -> Workspace {
        try await access.changing(slug, caller, minimum: .admin) { workspace in
            try await store.workspaces.setCommentThreshold(workspace: workspace, threshold)
            return try await store.workspaces.workspace(id: workspace.id)
        }
    }
}
