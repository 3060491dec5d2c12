import DNACore
import SQLKit

extension Store {
    /// Scores a campaign from stored answers: everyone, then each unit with its sub-units
    /// rolled up (or each role), and the change since the previous wave. This is the one
    /// place where stored answers become results, so the anonymity rule applied here holds
    /// for every page, API response, export and report built on it.
    public func scorecard(
        workspace: Workspace, campaign: Campaign, breakdown: AssessmentScoring.Breakdown = .unit, previous: Campaign? = nil
    ) async throws -> Scorecard {
        let frameworks = try await frameworks(workspaceID: workspace.id)
        let units = try await units(workspaceID: workspace.id)
        let roles = try await roles(workspaceID: workspace.id)
        let options = AssessmentScoring.Options(breakdown: breakdown, minGroupSize: workspace.minGroupSize, frameworks: frameworks)
        let layout = GroupLayout(breakdown: breakdown, units: units, roles: roles)
        func scoredWave(_ campaign: Campaign) async throws -> ScoredWave {
            let instrument = try campaign.instrument(frameworks: frameworks)
            let responses = try await assessmentResponses(campaign: campaign, instrument: instrument, units: units, roles: roles)
            let groups = layout.groups(for: responses)
            let result = FastAssessmentScoring.score(instrument: instrument, responses: responses, groups: groups, options: options)
            return ScoredWave(instrument: instrument, responses: responses, groups: groups, result: result)
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
                let members = index == 0 ? Array(current.responses.respondents.indices) : current.groups[index - 1].members
                let previousMembers =
                    name == "all"
                    ? Array(before.responses.respondents.indices) : before.groups.first { $0.name == name }?.members ?? []
                let changes = AssessmentTrend.compare(
                    previous: .init(instrument: before.instrument, responses: before.responses, members: previousMembers),
                    current: .init(instrument: current.instrument, responses: current.responses, members: members), frameworks: frameworks)
                trend.append(Scorecard.GroupTrend(group: name, changes: changes))
            }
        }
        return Scorecard(
            campaign: .init(id: campaign.id, name: campaign.name), breakdown: breakdown, minGroupSize: workspace.minGroupSize,
            result: current.result, groupNames: layout.names, groupDepths: layout.depths,
            previous: earlier.map { .init(id: $0.id, name: $0.name) }, trend: trend)
    }

    private struct ScoredWave {
        var instrument: Instrument
        var responses: AssessmentResponses
        var groups: [AssessmentScoring.Group]
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

    /// The non-empty groups for these responses; empty groups are left out (and their
    /// children re-parented onto the nearest kept ancestor, which cannot happen for units
    /// since an ancestor holds at least its children's members).
    func groups(for responses: AssessmentResponses) -> [AssessmentScoring.Group] {
        guard breakdown != .none else { return [] }
        var members = [[Int]](repeating: [], count: order.count)
        for (index, respondent) in responses.respondents.enumerated() {
            let key = breakdown == .unit ? respondent.unit : respondent.role
            for group in chains[key] ?? [] { members[group].append(index) }
        }
        var newIndex: [Int: Int] = [:]
        var groups: [AssessmentScoring.Group] = []
        for (index, entry) in order.enumerated() where !members[index].isEmpty {
            newIndex[index] = groups.count
            groups.append(.init(name: entry.code, members: members[index], parent: entry.parent.flatMap { newIndex[$0] }))
        }
        return groups
    }
}
