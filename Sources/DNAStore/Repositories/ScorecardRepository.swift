import DNACore
import SQLKit

extension ScorecardRepository {
    /// Scores a campaign from its kept sums: everyone, then each unit with its sub-units
    /// rolled up (or each role), and the change since the previous wave. This is the one
    /// place where stored answers become results, so the anonymity rule applied here holds
    /// for every page, API response, export and report built on it. It reads one cell per
    /// unit or role, not every response (see `Store+AssessmentSums`). A page that shows only
    /// everyone's trend passes `trendOfEveryGroup: false` and is spared a thousand t-tests.
    public func scorecard(
        workspace: Workspace, campaign: Campaign, breakdown: AssessmentScoring.Breakdown = .unit, previous: Campaign? = nil,
        trendOfEveryGroup: Bool = true
    ) async throws -> Scorecard {
        let frameworks = try await store.frameworks.all(workspaceID: workspace.id)
        let units = try await store.organization.units(workspaceID: workspace.id)
        let roles = try await store.organization.roles(workspaceID: workspace.id)
        let options = AssessmentScoring.Options(breakdown: breakdown, minGroupSize: workspace.minGroupSize, frameworks: frameworks)
        let layout = GroupLayout(breakdown: breakdown, units: units, roles: roles)
        let unitCodes = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.code) })
        let roleCodes = Dictionary(uniqueKeysWithValues: roles.map { ($0.id, $0.code) })
        func wave(_ campaign: Campaign) async throws -> Wave {
            let plan = try await store.campaigns.sumsPlan(of: campaign)
            let sums = try await store.campaigns.campaignSums(campaign, plan: plan)
            let (everyone, groups) = layout.groups(
                byUnit: sums.byUnit, byRole: sums.byRole, unitCodes: unitCodes, roleCodes: roleCodes, width: plan.width)
            return Wave(plan: plan, everyone: everyone, groups: groups)
        }

        let current = try await wave(campaign)
        let result = current.plan.score(everyone: current.everyone, groups: current.groups, options: options)
        var trend: [Scorecard.GroupTrend] = []
        let earlier: Campaign?
        if let previous { earlier = previous } else { earlier = try await store.campaigns.previousCampaign(before: campaign) }
        if let earlier {
            // The earlier wave is not scored: the trend needs only which of its groups the
            // anonymity rule shows, and their sums.
            let before = try await wave(earlier)
            let visibleBefore = Anonymity.visibleTree(
                rootSize: before.everyone.respondents, groups: before.groups.map { ($0.cell.respondents, $0.parent) },
                minGroupSize: options.minGroupSize)
            // The earlier wave's shown groups by name, everyone as "all".
            var shownBefore: [String: AssessmentCell] = [:]
            for (group, shown) in zip(before.groups, visibleBefore.childShown) where shown { shownBefore[group.name] = group.cell }
            if visibleBefore.parentShown { shownBefore["all"] = before.everyone }
            for (index, group) in ([result.overall] + result.groups).enumerated() {
                guard let name = group.scores?.group, let previousCell = shownBefore[name], trendOfEveryGroup || index == 0 else {
                    continue
                }
                let cell = index == 0 ? current.everyone : current.groups[index - 1].cell
                trend.append(
                    Scorecard.GroupTrend(
                        group: name, changes: current.plan.trend(current: cell, previous: previousCell, previousPlan: before.plan)))
            }
        }
        return Scorecard(
            campaign: .init(id: campaign.id, name: campaign.name), breakdown: breakdown, minGroupSize: workspace.minGroupSize,
            result: result, groupNames: layout.names, groupDepths: layout.depths,
            previous: earlier.map { .init(id: $0.id, name: $0.name) }, trend: trend)
    }

    private struct Wave {
        var plan: AssessmentSumsPlan
        var everyone: AssessmentCell
        var groups: [AssessmentSumsPlan.Group]
    }
}

/// How respondents fall into report groups: each unit with its whole subtree (parents before
/// children, siblings by name), or each role.
struct GroupLayout {
    let breakdown: AssessmentScoring.Breakdown
    /// Group codes in report order, with the index of the enclosing group.
    private(set) var order: [(code: String, parent: Int?)] = []
    private(set) var names: [String: String] = [:]
    private(set) var depths: [String: Int] = [:]
    /// The group of a unit or role code itself (a unit's group also holds its sub-units).
    private var groupOf: [String: Int] = [:]

    init(breakdown: AssessmentScoring.Breakdown, units: [OrgUnit], roles: [Role]) {
        self.breakdown = breakdown
        switch breakdown {
        case .none: break
        case .role:
            for role in roles.sorted(by: { ($0.name, $0.code) < ($1.name, $1.code) }) {
                groupOf[role.code] = order.count
                order.append((role.code, nil))
                names[role.code] = role.name
            }
        case .unit:
            let codeOfID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.code) })
            var parents: [String: String?] = [:]
            for unit in units { parents[unit.code] = unit.parentID.flatMap { codeOfID[$0] } }
            let tree = UnitTree(parents: parents)
            let nameOf = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0.name) })
            names = nameOf
            func visit(_ code: String, parent: Int?, depth: Int) {
                let index = order.count
                order.append((code, parent))
                depths[code] = depth
                groupOf[code] = index
                for child in (tree.childrenOf[code] ?? []).sorted(by: { (nameOf[$0] ?? $0) < (nameOf[$1] ?? $1) }) {
                    visit(child, parent: index, depth: depth + 1)
                }
            }
            for root in tree.roots.sorted(by: { (nameOf[$0] ?? $0) < (nameOf[$1] ?? $1) }) {
                visit(root, parent: nil, depth: 0)
            }
        }
    }

    /// Everyone's sums and the non-empty groups' sums, from the kept cells by unit id and by
    /// role id (ids no longer in the workspace count as none, as they do for answers). Empty
    /// groups are left out (and their children re-parented onto the nearest kept ancestor,
    /// which cannot happen for units since an ancestor holds at least its children's members).
    func groups(
        byUnit: [String: AssessmentCell], byRole: [String: AssessmentCell], unitCodes: [String: String], roleCodes: [String: String],
        width: Int
    ) -> (everyone: AssessmentCell, groups: [AssessmentSumsPlan.Group]) {
        var everyone = AssessmentCell(width: width)
        for cell in byUnit.values { everyone.add(cell) }
        guard breakdown != .none else { return (everyone, []) }
        let cells = breakdown == .unit ? byUnit : byRole
        let codes = breakdown == .unit ? unitCodes : roleCodes
        // Each cell goes to its own group, then each group (children after their parents in
        // `order`) into its parent, from the deepest up: one addition per cell and per group,
        // however deep the tree.
        var sums = [AssessmentCell](repeating: AssessmentCell(width: width), count: order.count)
        for (id, cell) in cells {
            if let own = groupOf[codes[id] ?? ""] { sums[own].add(cell) }
        }
        for index in order.indices.reversed() {
            if let parent = order[index].parent { sums[parent].add(sums[index]) }
        }
        var newIndex: [Int: Int] = [:]
        var groups: [AssessmentSumsPlan.Group] = []
        for (index, entry) in order.enumerated() where sums[index].respondents > 0 {
            newIndex[index] = groups.count
            groups.append(.init(name: entry.code, parent: entry.parent.flatMap { newIndex[$0] }, cell: sums[index]))
        }
        return (everyone, groups)
    }
}
