import DNACore
import DNAStore

/// Single-use links for respondents of a wave and customers of a study or vote. One place
/// owns the rule: analyst access, at most `CampaignRepository.linksPerRequest` a request, a unit of the
/// wave's population or a known segment, secrets stored only as their SHA-256. The secrets
/// are returned once; they cannot be read back.
public struct LinkService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// `count` links to campaign `campaignID` for people of the unit with code `unitCode`.
    public func respondentLinks(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, unitCode: String, count: Int, now: Int64
    ) async throws -> [String] {
        let (workspace, caller) = try await access.enter(slug, caller: caller, minimum: .analyst)
        try CampaignRepository.checkLinkCount(count)
        guard let unit = try await store.organization.units(workspaceID: workspace.id).first(where: { $0.code == unitCode }) else {
            throw StoreError.invalid("unit: '\(unitCode)' is not a unit code of this workspace")
        }
        let secrets = (0..<count).map { _ in Secrets.make() }
        try await caller.acting {
            try await store.campaigns.addRespondentTokens(
                workspaceID: workspace.id, campaignID: campaignID, unitID: unit.id, tokenHashes: secrets.map(Secrets.hash), now: now)
        }
        return secrets
    }

    /// `count` links to survey `surveyID` for customers, optionally of one segment.
    public func customerLinks(
        _ caller: Caller?, workspace slug: String, survey surveyID: String, segment: String?, count: Int, now: Int64
    ) async throws -> [String] {
        let (workspace, caller) = try await access.enter(slug, caller: caller, minimum: .analyst)
        try CampaignRepository.checkLinkCount(count)
        let secrets = (0..<count).map { _ in Secrets.make() }
        try await caller.acting {
            try await store.surveys.addSurveyTokens(
                workspaceID: workspace.id, surveyID: surveyID, segment: segment.flatMap { $0.isEmpty ? nil : $0 },
                tokenHashes: secrets.map(Secrets.hash), now: now)
        }
        return secrets
    }
}
