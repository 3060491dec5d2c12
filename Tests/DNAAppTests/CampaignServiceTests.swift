import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// Assessment waves as the pages, the API and the command line start, close and open them.
@Suite("Campaign service")
struct CampaignServiceTests {
    @Test(
        "a wave's population is named by unit code; closing, reopening and the open link need analyst access",
        arguments: TestDatabase.available)
    func lifecycle(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a workspace with two units, an analyst and a viewer
            let fixture = try await ServiceFixture.make(store)
            let workspace = fixture.workspace, asAnalyst = fixture.asAnalyst, asViewer = fixture.asViewer
            let service = CampaignService(store: store)

            // MUT + validation: starting
            let wave = try await service.createCampaign(
                asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 100, closesAt: nil,
                population: ["hq": 5, "lab": 7], now: 100)
            let population = try await store.campaigns.campaignPopulation(campaignID: wave.id)
            let units = Dictionary(
                uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.id, $0.code) })
            #expect(Dictionary(uniqueKeysWithValues: population.map { (units[$0.unitID]!, $0.invited) }) == ["hq": 5, "lab": 7])
            await #expect(throws: StoreError.invalid("population: 'nowhere' is not a unit code of this workspace")) {
                _ = try await service.createCampaign(
                    asAnalyst, workspace: "w", name: "Other", instrument: .builtIn("customer-dna"), opensAt: 100, closesAt: nil,
                    population: ["nowhere": 1], now: 100)
            }
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.setOpen(asViewer, workspace: "w", campaign: wave.id, open: false, now: 200)
            }

            // Closing closes now, or at the opening when the wave has not opened yet; reopening clears it.
            #expect(try await service.setOpen(asAnalyst, workspace: "w", campaign: wave.id, open: false, now: 200).closesAt == 200)
            #expect(try await service.setOpen(asAnalyst, workspace: "w", campaign: wave.id, open: false, now: 50).closesAt == 100)
            #expect(try await service.setOpen(asAnalyst, workspace: "w", campaign: wave.id, open: true, now: 300).closesAt == nil)
            try await service.setOpenLink(asAnalyst, workspace: "w", campaign: wave.id, on: true)
            let first = try await store.campaigns.campaign(workspaceID: workspace.id, id: wave.id).openLink
            try await service.setOpenLink(asAnalyst, workspace: "w", campaign: wave.id, on: true)
            let second = try await store.campaigns.campaign(workspaceID: workspace.id, id: wave.id).openLink
            #expect(first != nil && second != nil && first != second)
            try await service.setOpenLink(asAnalyst, workspace: "w", campaign: wave.id, on: false)
            #expect(try await store.campaigns.campaign(workspaceID: workspace.id, id: wave.id).openLink == nil)

            let actions = try await store.auditLog.entries(workspaceID: workspace.id).map(\.action)
            #expect(actions.prefix(3) == ["campaign.open-link", "campaign.open-link", "campaign.open-link"])
            #expect(actions.contains("campaign.create") && actions.filter { $0 == "campaign.close" }.count == 3)
        }
    }
}
