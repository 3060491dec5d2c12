import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// Single-use links, the one place that issues them for pages, API and command line.
@Suite("Link service")
struct LinkServiceTests {
    @Test(
        "links are issued to analysts, within the limit, for a unit of the wave; only their hashes are kept",
        arguments: TestDatabase.available)
    func respondentLinks(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave sent to hq, an analyst and a viewer
            let fixture = try await ServiceFixture.make(store)
            let workspace = fixture.workspace, asAnalyst = fixture.asAnalyst, asViewer = fixture.asViewer
            let hq = try #require(try await store.organization.units(workspaceID: workspace.id).first { $0.code == "hq" })
            let campaign = try await store.campaigns.create(
                workspaceID: workspace.id, name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: [hq.id: 10], now: 1)
            let service = LinkService(store: store)

            // MUT
            let secrets = try await service.respondentLinks(
                asAnalyst, workspace: "w", campaign: campaign.id, unitCode: "hq", count: 3, now: 1)
            // validation: three distinct secrets, stored as their hashes only
            #expect(Set(secrets).count == 3)
            let stored = try await store.read { db in
                try await db.raw("SELECT token_hash FROM respondent_tokens").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(Set(stored) == Set(secrets.map(Secrets.hash)))
            #expect(!stored.contains { secrets.contains($0) })
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.respondentLinks(asViewer, workspace: "w", campaign: campaign.id, unitCode: "hq", count: 1, now: 1)
            }
            await #expect(throws: StoreError.invalid("count: choose between 1 and 5,000 links at a time")) {
                _ = try await service.respondentLinks(asAnalyst, workspace: "w", campaign: campaign.id, unitCode: "hq", count: 5001, now: 1)
            }
            await #expect(throws: StoreError.invalid("unit: 'nowhere' is not a unit code of this workspace")) {
                _ = try await service.respondentLinks(
                    asAnalyst, workspace: "w", campaign: campaign.id, unitCode: "nowhere", count: 1, now: 1)
            }
            await #expect(throws: StoreError.self) {
                _ = try await service.respondentLinks(asAnalyst, workspace: "w", campaign: campaign.id, unitCode: "lab", count: 1, now: 1)
            }
            let log = try await store.auditLog.entries(workspaceID: workspace.id)
            #expect(
                log.first?.action == "campaign.links" && log.first?.actor == "ana@x.test"
                    && log.first?.summary == "issued 3 respondent links")
        }
    }
}
