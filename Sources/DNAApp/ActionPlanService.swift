import DNACore
import DNAStore

/// Action plans (DESIGN.md capability 7): actions planned on a wave's results, each followed up
/// by the next wave with the change of its force in its unit. Reading needs viewer access,
/// planning and changing analyst.
public struct ActionPlanService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// An action with whether it is overdue and, once the next wave has results, its follow-up.
    public struct Item: Encodable, Sendable, Equatable {
        public var action: ActionPlan
        public var overdue: Bool
        public var followUp: ActionFollowUp?
        /// The wave that follows the action's wave up, when there is one: with no `followUp`, it
        /// says the unit or force is not shown there (too few answers, or none yet), rather than
        /// that the action waits for a wave.
        public var nextWave: String?

        public init(action: ActionPlan, overdue: Bool, followUp: ActionFollowUp?, nextWave: String?) {
            self.action = action
            self.overdue = overdue
            self.followUp = followUp
            self.nextWave = nextWave
        }

        enum CodingKeys: String, CodingKey {
            case overdue
            case followUp = "follow_up"
        }

        public func encode(to encoder: any Encoder) throws {
            try action.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(followUp, forKey: .followUp)
        }
    }

    /// The workspace's actions; with `wave`, only those planned on that wave and those it follows
    /// up (planned on the wave before it), as its results page and report list them; with `id`,
    /// only that one. Follow-ups are computed only for the actions returned.
    public func actions(
        _ caller: Caller?, workspace slug: String, today: String, wave: String? = nil, id: String? = nil
    ) async throws -> [Item] {
        try await access.reading(slug, caller) { workspace in
            let waves = try await store.campaigns.all(workspaceID: workspace.id).sorted { ($0.opensAt, $0.id) < ($1.opensAt, $1.id) }
            let next = Dictionary(zip(waves.map(\.id), waves.dropFirst().map(\.id)), uniquingKeysWith: { first, _ in first })
            let actions = try await store.actions.all(workspaceID: workspace.id).filter { action in
                (id == nil || action.id == id)
                    && (wave == nil || action.campaignID == wave || action.campaignID.flatMap { next[$0] } == wave)
            }
            // One scorecard per pair of waves, however many actions share it.
            var scorecards: [String: Scorecard] = [:]
            var items: [Item] = []
            for action in actions {
                var followUp: ActionFollowUp?
                var nextWave: String?
                if let from = action.campaignID, let index = waves.firstIndex(where: { $0.id == from }), index + 1 < waves.count {
                    let next = waves[index + 1]
                    nextWave = next.name
                    if scorecards[from] == nil {
                        scorecards[from] = try await Self.followUpScorecard(store, workspace: workspace, wave: waves[index], next: next)
                    }
                    let change = scorecards[from]?.trend(of: action.unit ?? "all").first {
                        $0.framework == action.framework && $0.dimension == action.dimension
                    }
                    followUp = change.map {
                        ActionFollowUp(
                            campaign: next.name, before: ($0.previousMean - 1) * 25, after: ($0.mean - 1) * 25, change: $0.scoreChange,
                            pValue: $0.pValue)
                    }
                }
                items.append(Item(action: action, overdue: action.isOverdue(today: today), followUp: followUp, nextWave: nextWave))
            }
            return items
        }
    }

    public func add(_ caller: Caller?, workspace slug: String, _ draft: ActionPlan, now: Int64) async throws -> ActionPlan {
        try await access.changing(slug, caller) { workspace in
            try await store.actions.add(draft, workspaceID: workspace.id, now: now)
        }
    }

    public func setStatus(_ caller: Caller?, workspace slug: String, action id: String, status: ActionPlan.Status) async throws {
        try await access.changing(slug, caller) { workspace in
            try await store.actions.setStatus(workspaceID: workspace.id, id: id, status)
        }
    }

    /// Open actions past their due date, for the workspace's home page.
    public func overdue(_ caller: Caller?, workspace slug: String, today: String) async throws -> [ActionPlan] {
        try await access.reading(slug, caller) { workspace in
            try await store.actions.all(workspaceID: workspace.id).filter { $0.isOverdue(today: today) }
        }
    }

    /// The next wave's scorecard by unit with every unit's change since `wave`. On a large
    /// organization that takes a second or two, and the results page and the report ask for it
    /// on every view, so it is kept while neither wave gains a response and the units stay.
    static func followUpScorecard(_ store: Store, workspace: Workspace, wave: Campaign, next: Campaign) async throws -> Scorecard {
        let key = FollowUpKey(
            wave: wave.id, next: next.id, minGroupSize: workspace.minGroupSize,
            submitted: [
                try await store.campaigns.submittedCount(campaignID: wave.id),
                try await store.campaigns.submittedCount(campaignID: next.id),
            ], groups: try await store.campaigns.groupCount(workspaceID: workspace.id))
        if let kept = followUps.value(for: key) { return kept }
        let scorecard = try await store.scorecards.scorecard(
            workspace: workspace, campaign: next, breakdown: .unit, previous: wave, trendOfEveryGroup: true)
        followUps.keep(scorecard, for: key)
        return scorecard
    }

    struct FollowUpKey: Hashable, Sendable {
        var wave, next: String
        var minGroupSize: Int
        var submitted: [Int]
        var groups: Int
    }

    static let followUps = KeptAnalyses<FollowUpKey, Scorecard>()
}
