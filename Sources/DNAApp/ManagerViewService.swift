import DNACore
import DNAStore

/// A manager's view of their own teams: the units of the people who report to them, directly
/// or through others, as the participants list says (by e-mail). A person who is a manager
/// there sees it without a membership, and sees nothing else of the workspace. Results are
/// the workspace's own per-unit results, filtered: a unit hidden there (under k, or derivable
/// from the others) stays hidden here, and no new sum of units is made that could undo it.
public struct ManagerViewService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public struct Teams: Sendable {
        public var workspace: Workspace
        /// Whether the person is a member of the workspace too, with its own pages.
        public var isMember: Bool
        /// The units of the people under the manager, by name.
        public var units: [OrgUnit]
        /// How many people report to the manager, directly or through others.
        public var people: Int
        /// Waves, newest first.
        public var waves: [Campaign]
        public var selected: Campaign?
        /// The selected wave's results by unit, only for the manager's units.
        public var results: [AssessmentResult.GroupResult]
        public var groupNames: [String: String]
    }

    public func teams(_ caller: Caller?, workspace slug: String, campaign campaignID: String?) async throws -> Teams {
        guard let caller, case .person(let user) = caller.kind else { throw AccessError.signInNeeded }
        let workspace: Workspace, isMember: Bool
        do {
            (workspace, _) = try await access.enter(slug, caller: caller)
            isMember = true
        } catch StoreError.notFound {
            workspace = try await store.workspaces.workspace(slug: slug)
            isMember = false
        }
        let participants = try await store.participants.all(workspaceID: workspace.id)
        let chain = Dictionary(participants.compactMap { person in person.managerEmail.map { (person.email, $0) } }) { first, _ in first }
        let reports = ManagerChain.reports(of: EmailAddress.normalized(user.email), in: chain)
        // Someone who is neither a member nor anyone's manager learns nothing, not even that
        // the workspace exists.
        if !isMember && reports.isEmpty { throw StoreError.notFound("no workspace '\(slug)'") }
        let unitIDs = Set(participants.filter { reports.contains($0.email) }.map(\.unitID))
        let units = try await store.organization.units(workspaceID: workspace.id).filter { unitIDs.contains($0.id) }.sorted {
            $0.name < $1.name
        }
        let waves = try await store.campaigns.all(workspaceID: workspace.id).sorted {
            ($0.opensAt, $0.createdAt) > ($1.opensAt, $1.createdAt)
        }
        let selected = campaignID.flatMap { id in waves.first { $0.id == id } } ?? waves.first
        var results: [AssessmentResult.GroupResult] = []
        var names: [String: String] = [:]
        if let selected, !units.isEmpty {
            let scorecard = try await store.scorecards.scorecard(
                workspace: workspace, campaign: selected, breakdown: .unit, trendOfEveryGroup: false)
            let mine = Set(units.flatMap { [$0.code, $0.id] })
            results = scorecard.result.groups.filter { mine.contains($0.group) }
            names = scorecard.groupNames
        }
        return Teams(
            workspace: workspace, isMember: isMember, units: units, people: reports.count, waves: waves, selected: selected,
            results: results,
            groupNames: names)
    }

    /// The workspaces where the signed-in person manages someone, for their list of workspaces.
    public func managedWorkspaces(_ caller: Caller?) async throws -> [Workspace] {
        guard let caller, case .person(let user) = caller.kind else { return [] }
        return try await store.participants.workspacesManaged(by: user.email)
    }
}
