/// A campaign's scored results as every output shows them: the contract's `overall` and
/// `groups` (already filtered by the anonymity rule), display names for the groups, and the
/// change since the previous wave for the groups shown in both.
public struct Scorecard: Encodable, Sendable, Equatable {
    public struct CampaignRef: Encodable, Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct GroupTrend: Encodable, Sendable, Equatable {
        public var group: String
        public var changes: [AssessmentTrend.Change]

        public init(group: String, changes: [AssessmentTrend.Change]) {
            self.group = group
            self.changes = changes
        }
    }

    public var campaign: CampaignRef
    public var breakdown: AssessmentScoring.Breakdown
    public var minGroupSize: Int
    public var result: AssessmentResult
    /// Display names of the groups (unit or role names), by group code.
    public var groupNames: [String: String]
    /// How deep each unit sits in the tree (0 for a root), for indenting; empty for roles.
    public var groupDepths: [String: Int]
    public var previous: CampaignRef?
    public var trend: [GroupTrend]

    public init(
        campaign: CampaignRef, breakdown: AssessmentScoring.Breakdown, minGroupSize: Int, result: AssessmentResult,
        groupNames: [String: String], groupDepths: [String: Int], previous: CampaignRef?, trend: [GroupTrend]
    ) {
        self.campaign = campaign
        self.breakdown = breakdown
        self.minGroupSize = minGroupSize
        self.result = result
        self.groupNames = groupNames
        self.groupDepths = groupDepths
        self.previous = previous
        self.trend = trend
    }

    public func name(of group: String) -> String { group == "all" ? "Everyone" : groupNames[group] ?? group }

    public func trend(of group: String) -> [AssessmentTrend.Change] { trend.first { $0.group == group }?.changes ?? [] }

    enum CodingKeys: String, CodingKey {
        case campaign, breakdown, overall, groups, previous, trend
        case minGroupSize = "min_group_size"
        case groupNames = "group_names"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(campaign, forKey: .campaign)
        try container.encode(breakdown.rawValue, forKey: .breakdown)
        try container.encode(minGroupSize, forKey: .minGroupSize)
        try container.encode(result.overall, forKey: .overall)
        try container.encode(result.groups, forKey: .groups)
        try container.encode(groupNames, forKey: .groupNames)
        try container.encode(previous, forKey: .previous)
        try container.encode(trend, forKey: .trend)
    }
}
