import DNACore
import DNAStore

/// Working on one force of the OS Canvas: the tensions people name in it and the experiments
/// that try a new practice. Reading needs viewer access, changing analyst; changes are logged
/// as the caller's.
public struct ForceService: WorkspaceUseCases {
    let store: Store
    /// The framework whose dimensions are the forces.
    static let framework = "os-canvas"

    public init(store: Store) { self.store = store }

    public func tensions(_ caller: Caller?, workspace slug: String, force: String) async throws -> [Tension] {
        try await access.reading(slug, caller) {
            try await store.scorecards.tensions(workspaceID: $0.id, framework: Self.framework, dimension: force)
        }
    }

    public func addTension(
        _ caller: Caller?, workspace slug: String, force: String, text: String, source: Tension.Source, campaignID: String?, now: Int64
    ) async throws -> Tension {
        try await access.changing(slug, caller) {
            try await store.scorecards.addTension(
                workspaceID: $0.id, campaignID: campaignID, framework: Self.framework, dimension: force, text: text, source: source,
                now: now)
        }
    }

    public func experiments(_ caller: Caller?, workspace slug: String, force: String) async throws -> [Experiment] {
        try await access.reading(slug, caller) {
            try await store.scorecards.experiments(workspaceID: $0.id, framework: Self.framework, dimension: force)
        }
    }

    /// Starts an experiment in `force`; the draft's workspace and framework are this one's.
    public func addExperiment(_ caller: Caller?, workspace slug: String, force: String, _ draft: Experiment) async throws -> Experiment {
        try await access.changing(slug, caller) { workspace in
            var experiment = draft
            experiment.workspaceID = workspace.id
            experiment.framework = Self.framework
            experiment.dimension = force
            return try await store.scorecards.addExperiment(experiment)
        }
    }
}

extension ForceService {
    /// Records what an experiment showed, and answers the experiment.
    public func recordOutcome(_ caller: Caller?, workspace slug: String, experiment id: String, outcome: String) async throws -> Experiment
    {
        try await access.changing(slug, caller) { workspace in
            try await store.scorecards.recordExperimentOutcome(workspaceID: workspace.id, id: id, outcome: outcome)
            return try await store.scorecards.experiment(workspaceID: workspace.id, id: id)
        }
    }

    /// A force's page: its score in the newest wave that has opened (with the wave), that
    /// wave's open answers that speak of the force, folded, when as many people wrote as the
    /// comment threshold asks, and the force's tensions and experiments.
    public struct ForceView: Sendable {
        public var access: Access
        public var campaign: Campaign?
        public var score: AssessmentResult.DimensionScore?
        public var openAnswers: [CommentFolding.Folded]
        public var tensions: [Tension]
        public var experiments: [Experiment]
    }

    public func forceView(_ caller: Caller?, workspace slug: String, force: String, now: Int64) async throws -> ForceView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        var view = ForceView(
            access: access, campaign: nil, score: nil, openAnswers: [],
            tensions: try await store.scorecards.tensions(workspaceID: workspace.id, framework: Self.framework, dimension: force),
            experiments: try await store.scorecards.experiments(workspaceID: workspace.id, framework: Self.framework, dimension: force))
        guard let campaign = try await store.campaigns.all(workspaceID: workspace.id).first(where: { $0.state(at: now) != .scheduled })
        else {
            return view
        }
        let scorecard = try await store.scorecards.scorecard(
            workspace: workspace, campaign: campaign, breakdown: .none, trendOfEveryGroup: false)
        view.campaign = campaign
        view.score = scorecard.result.overall.scores?.dimension(Self.framework, force)
        if let dimension = BuiltInFrameworks.framework(Self.framework)?.dimensions.first(where: { $0.id == force }) {
            view.openAnswers = try await OpenAnswers.speakingOf(dimension, store, workspace: workspace, campaign: campaign)
        }
        return view
    }
}
