/// An action planned on the results of a wave (DESIGN.md capability 7): what will be done about
/// a tension, a gap or a driver, by whom and by when, in one force of one unit (or the whole
/// organization), optionally as part of an initiative of the line of sight. The next wave
/// follows it up with the change of that force in that unit (`ActionFollowUp`).
public struct ActionPlan: Codable, Equatable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case planned, doing, done, dropped

        /// Still to be done: it can be overdue.
        public var isOpen: Bool { self == .planned || self == .doing }
    }

    /// What the action answers.
    public enum Source: String, Codable, Sendable, CaseIterable {
        case tension, gap, driver
    }

    public var id: String
    public var workspaceID: String
    /// The wave whose results it answers; the next wave follows it up.
    public var campaignID: String?
    public var title: String
    public var source: Source
    public var tensionID: String?
    /// The member who owns it, by e-mail (members travel by e-mail in an archive, too).
    public var ownerEmail: String?
    /// YYYY-MM-DD.
    public var dueOn: String
    public var status: Status
    public var framework: String
    public var dimension: String
    /// The unit's code; nil for the whole organization.
    public var unit: String?
    /// The code of an initiative of the line of sight.
    public var initiative: String?
    public var createdAt: Int64

    public init(
        id: String = "", workspaceID: String = "", campaignID: String?, title: String, source: Source, tensionID: String? = nil,
        ownerEmail: String?, dueOn: String, status: Status = .planned, framework: String = "os-canvas", dimension: String,
        unit: String?, initiative: String? = nil, createdAt: Int64 = 0
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.campaignID = campaignID
        self.title = title
        self.source = source
        self.tensionID = tensionID
        self.ownerEmail = ownerEmail
        self.dueOn = dueOn
        self.status = status
        self.framework = framework
        self.dimension = dimension
        self.unit = unit
        self.initiative = initiative
        self.createdAt = createdAt
    }

    /// Open past its due date; `today` is YYYY-MM-DD.
    public func isOverdue(today: String) -> Bool { status.isOpen && dueOn < today }
}

/// How the force an action worked on moved in its unit from the action's wave to the next:
/// the scores (0-100) and Welch's p-value of the change, as the trend computes them.
public struct ActionFollowUp: Encodable, Sendable, Equatable {
    public var campaign: String
    public var before: Double
    public var after: Double
    public var change: Double
    public var pValue: Double?

    public init(campaign: String, before: Double, after: Double, change: Double, pValue: Double?) {
        self.campaign = campaign
        self.before = before
        self.after = after
        self.change = change
        self.pValue = pValue
    }

    enum CodingKeys: String, CodingKey {
        case campaign, before, after, change
        case pValue = "p_value"
    }
}
