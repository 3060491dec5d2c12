import DNACore
import DNAStore

/// Assessment waves: starting one, closing and reopening it, and its open link. Changes need
/// analyst access; the population is named by unit code, as files, the API and the command
/// line name units.
public struct CampaignService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Starts a wave sent to `population` (unit code to the number of people invited).
    public func createCampaign(
        _ caller: Caller?, workspace slug: String, name: String, instrument: InstrumentChoice, opensAt: Int64, closesAt: Int64?,
        population: [String: Int], now: Int64
    ) async throws -> Campaign {
        let (workspace, caller) = try await access.enter(slug, caller: caller, minimum: .analyst)
        let ids = Dictionary(uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.code, $0.id) })
        var byID: [String: Int] = [:]
        for (code, invited) in population.sorted(by: { $0.key < $1.key }) {
            guard let id = ids[code] else { throw StoreError.invalid("population: '\(code)' is not a unit code of this workspace") }
            byID[id] = invited
        }
        return try await caller.acting {
            try await store.campaigns.create(
                workspaceID: workspace.id, name: name, instrument: instrument, opensAt: opensAt, closesAt: closesAt, population: byID,
                now: now)
        }
    }

    /// Closes the wave now (or at its opening, if it has not opened yet), or reopens it.
    public func setOpen(_ caller: Caller?, workspace slug: String, campaign id: String, open: Bool, now: Int64) async throws -> Campaign {
        try await access.changing(slug, caller) { workspace in
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
            try await store.campaigns.setCampaignClose(workspaceID: workspace.id, id: id, closesAt: open ? nil : max(now, campaign.opensAt))
            return try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
        }
    }

    /// Makes a new open anonymous link (the old one stops working), or removes it.
    public func setOpenLink(_ caller: Caller?, workspace slug: String, campaign id: String, on: Bool) async throws {
        try await access.changing(slug, caller) {
            try await store.campaigns.setOpenLink(workspaceID: $0.id, id: id, secret: on ? Secrets.make() : nil)
        }
    }

    /// The workspace's waves, newest first.
    public func campaigns(_ caller: Caller?, workspace slug: String) async throws -> [Campaign] {
        try await access.reading(slug, caller) { try await store.campaigns.all(workspaceID: $0.id) }
    }

    /// A wave and how far it has come: invited, answered and the response rate by unit.
    public func campaign(
        _ caller: Caller?, workspace slug: String, id: String
    ) async throws -> (
        campaign: Campaign, progress: CampaignProgress
    ) {
        try await access.reading(slug, caller) { workspace in
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
            return (campaign, try await store.campaigns.campaignProgress(workspace: workspace, campaignID: id))
        }
    }

    /// The workspace's waves, each with how far it has come, and the units a new wave may
    /// invite: what the list of waves shows.
    public func overview(_ caller: Caller?, workspace slug: String) async throws -> CampaignOverview {
        try await access.reading(slug, caller) { workspace in
            var waves: [(campaign: Campaign, progress: CampaignProgress)] = []
            for campaign in try await store.campaigns.all(workspaceID: workspace.id) {
                waves.append((campaign, try await store.campaigns.campaignProgress(workspace: workspace, campaignID: campaign.id)))
            }
            return CampaignOverview(waves: waves, units: try await store.organization.units(workspaceID: workspace.id))
        }
    }

    /// A wave as its page shows it: progress, the workspace's units, the units invited and
    /// the instrument its answers are checked against.
    public func detail(_ caller: Caller?, workspace slug: String, campaign id: String) async throws -> CampaignDetail {
        try await access.reading(slug, caller) { workspace in
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: id)
            return CampaignDetail(
                campaign: campaign, progress: try await store.campaigns.campaignProgress(workspace: workspace, campaignID: id),
                units: try await store.organization.units(workspaceID: workspace.id),
                invitedUnitIDs: try await store.campaigns.campaignPopulation(campaignID: id).map(\.unitID),
                instrument: try campaign.instrument(frameworks: try await store.frameworks.all(workspaceID: workspace.id)))
        }
    }

    /// The wave's scores by unit (sub-units rolled up), by role or overall, with small groups
    /// suppressed as the workspace's rule says.
    public func scorecard(
        _ caller: Caller?, workspace slug: String, campaign id: String, breakdown: AssessmentScoring.Breakdown
    ) async throws -> Scorecard {
        try await access.reading(slug, caller) { workspace in
            try await store.scorecards.scorecard(
                workspace: workspace, campaign: try await store.campaigns.campaign(workspaceID: workspace.id, id: id), breakdown: breakdown)
        }
    }

    /// What a leadership report is made of: the workspace, the scorecard and the frameworks
    /// its dimensions are named by.
    /// `trendOfEveryGroup` false leaves out the trends of groups a page does not show at first.
    public func report(
        _ caller: Caller?, workspace slug: String, campaign id: String, breakdown: AssessmentScoring.Breakdown,
        trendOfEveryGroup: Bool = true
    ) async throws -> (workspace: Workspace, scorecard: Scorecard, frameworks: [Framework]) {
        try await access.reading(slug, caller) { workspace in
            let scorecard = try await store.scorecards.scorecard(
                workspace: workspace, campaign: try await store.campaigns.campaign(workspaceID: workspace.id, id: id), breakdown: breakdown,
                trendOfEveryGroup: trendOfEveryGroup)
            return (workspace, scorecard, try await store.frameworks.all(workspaceID: workspace.id))
        }
    }
}

/// The workspace's waves with their progress, and its units.
public struct CampaignOverview: Sendable {
    public var waves: [(campaign: Campaign, progress: CampaignProgress)]
    public var units: [OrgUnit]
}

/// One wave with what its page needs beside it.
public struct CampaignDetail: Sendable {
    public var campaign: Campaign
    public var progress: CampaignProgress
    public var units: [OrgUnit]
    public var invitedUnitIDs: [String]
    public var instrument: Instrument
}

/// A wave's reminder days, set on the campaign page or through the API.
extension CampaignService {
    public func reminderDays(_ caller: Caller?, workspace slug: String, campaign campaignID: String) async throws -> [ReminderDay] {
        let (workspace, _) = try await access.enter(slug, caller: caller, minimum: .viewer)
        return try await store.invitations.reminderDays(
            campaign: try await store.campaigns.campaign(workspaceID: workspace.id, id: campaignID))
    }

    /// Replaces the days still to come; returns all of them, those run included.
    public func setReminderDays(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, days: [Int], now: Int64
    ) async throws -> [ReminderDay] {
        try await access.changing(slug, caller) { workspace in
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: campaignID)
            try await store.invitations.setReminderDays(workspaceID: workspace.id, campaign: campaign, days: days, now: now)
            return try await store.invitations.reminderDays(campaign: campaign)
        }
    }
}
