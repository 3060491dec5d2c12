import DNACore
import SQLKit

extension Store {
    /// Scores a campaign from its kept sums: everyone, then each unit with its sub-units
    /// rolled up (or each role), and the change since the previous wave. This is the one
    /// place where stored answers become results, so the anonymity rule applied here holds
    /// for every page, API response, export and report built on it. It reads one cell per
    /// unit or role, not every response (see `Store+AssessmentSums`).
    public func scorecard(
        workspace: Workspace, campaign: Campaign, breakdown: AssessmentScoring.Breakdown = .unit, previous: Campaign? = nil
    ) async throws -> Scorecard {
        let frameworks = try await frameworks(workspaceID: workspace.id)
        let units = try await units(workspaceID: workspace.id)
        let roles = try await roles(workspaceID: workspace.id)
        let options = AssessmentScoring.Options(breakdown: breakdown, minGroupSize: workspace.minGroupSize, frameworks: frameworks)
        let layout = GroupLayout(breakdown: breakdown, units: units, roles: roles)
        let unitCodes = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.code) })
        let roleCodes = Dictionary(uniqueKeysWithValues: roles.map { ($0.id, $0.code) })
        func scoredWave(_ campaign: Campaign) async throws -> ScoredWave {
            let plan = try await sumsPlan(of: campaign)
            let sums = try await campaignSums(campaign)
            let (everyone, groups) = layout.groups(
                byUnit: sums.byUnit, byRole: sums.byRole, unitCodes: unitCodes, roleCodes: roleCodes, width: plan.width)
            return ScoredWave(
                plan: plan, everyone: everyone, groups: groups, result: plan.score(everyone: everyone, groups: groups, options: options))
        }

        let current = try await scoredWave(campaign)
        var trend: [Scorecard.GroupTrend] = []
        let earlier: Campaign?
        if let previous { earlier = previous } else { earlier = try await previousCampaign(before: campaign) }
        if let earlier {
            let before = try await scoredWave(earlier)
            let shownBefore = Set(([before.result.overall] + before.result.groups).compactMap { $0.scores?.group })
            for (index, group) in ([current.result.overall] + current.result.groups).enumerated() {
                guard let name = group.scores?.group, shownBefore.contains(name) else { continue }
                let cell = index == 0 ? current.everyone : current.groups[index - 1].cell
                guard let previousCell = name == "all" ? before.everyone : before.groups.first(where: { $0.name == name })?.cell else {
                    continue
                }
                trend.append(
                    Scorecard.GroupTrend(
                        group: name, changes: current.plan.trend(current: cell, previous: previousCell, previousPlan: before.plan)))
            }
        }
        return Scorecard(
            campaign: .init(id: campaign.id, name: campaign.name), breakdown: breakdown, minGroupSize: workspace.minGroupSize,
            result: current.result, groupNames: layout.names, groupDepths: layout.depths,
            previous: earlier.map { .init(id: $0.id, name: $0.name) }, trend: trend)
    }

    private struct ScoredWave {
        var plan: AssessmentSumsPlan
        var everyone: AssessmentCell
        var groups: [AssessmentSumsPlan.Group]
        var result: AssessmentResult
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
    /// For units: the group indexes a respondent of that unit code belongs to.
    private var chains: [String: [Int]] = [:]

    init(breakdown: AssessmentScoring.Breakdown, units: [OrgUnit], roles: [Role]) {
        self.breakdown = breakdown
        switch breakdown {
        case .none: break
        case .role:
            for role in roles.sorted(by: { ($0.name, $0.code) < ($1.name, $1.code) }) {
                chains[role.code] = [order.count]
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
            func visit(_ code: String, parent: Int?, chain: [Int], depth: Int) {
                let index = order.count
                order.append((code, parent))
                depths[code] = depth
                chains[code] = chain + [index]
                for child in (tree.childrenOf[code] ?? []).sorted(by: { (nameOf[$0] ?? $0) < (nameOf[$1] ?? $1) }) {
                    visit(child, parent: index, chain: chain + [index], depth: depth + 1)
                }
            }
            for root in tree.roots.sorted(by: { (nameOf[$0] ?? $0) < (nameOf[$1] ?? $1) }) {
                visit(root, parent: nil, chain: [], depth: 0)
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
        var sums = [AssessmentCell](repeating: AssessmentCell(width: width), count: order.count)
        for (id, cell) in cells {
            for group in chains[codes[id] ?? ""] ?? [] { sums[group].add(cell) }
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
