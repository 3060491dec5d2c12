import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// Responses that arrive as a file or one by one through the API.
@Suite("Response service")
struct ResponseServiceTests {
    @Test("imports and single responses need analyst access; a single response leaves no audit entry", arguments: TestDatabase.available)
    func rules(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave to hq, an analyst, a viewer and an outsider
            let fixture = try await ServiceFixture.make(store)
            let workspace = fixture.workspace, asAnalyst = fixture.asAnalyst, asViewer = fixture.asViewer
            let outsider = try await store.accounts.createUser(
                email: "eve@x.test", name: "Eve", passwordHash: "-", instanceAdmin: false, now: 1)
            let campaign = try await CampaignService(store: store).createCampaign(
                asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["hq": 10], now: 1)
            let service = ResponseService(store: store)
            let asOutsider = Caller.person(outsider, via: .api)

            // MUT + validation: a file
            let csv = "respondent,unit,role,purpose-customers\nr1,hq,,4\nr2,hq,,5\n"
            #expect(
                try await service.importResponses(asAnalyst, workspace: "w", campaign: campaign.id, file: "r.csv", text: csv, now: 2) == 2)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.importResponses(asViewer, workspace: "w", campaign: campaign.id, file: "r.csv", text: csv, now: 2)
            }
            // One response: the one-query path for a person, refused below analyst and outside.
            _ = try await service.submitResponse(
                asAnalyst, workspace: "w", campaign: campaign.id, respondent: "r3", unitCode: "hq", roleCode: nil,
                answers: ["purpose-customers": "3"], now: 3)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.submitResponse(
                    asViewer, workspace: "w", campaign: campaign.id, respondent: "r4", unitCode: "hq", roleCode: nil, answers: [:], now: 3)
            }
            await #expect(throws: StoreError.notFound("no workspace 'w'")) {
                _ = try await service.submitResponse(
                    asOutsider, workspace: "w", campaign: campaign.id, respondent: "r4", unitCode: "hq", roleCode: nil, answers: [:], now: 3
                )
            }
            await #expect(throws: StoreError.notFound("no campaign 'nope'")) {
                _ = try await service.submitResponse(
                    asAnalyst, workspace: "w", campaign: "nope", respondent: "r4", unitCode: "hq", roleCode: nil, answers: [:], now: 3)
            }
            _ = try await service.submitResponse(
                .commandLine(login: "ops"), workspace: "w", campaign: campaign.id, respondent: "r5", unitCode: "hq", roleCode: nil,
                answers: [:], now: 3)
            #expect(try await store.campaigns.campaignProgress(workspace: workspace, campaignID: campaign.id).submitted == 4)
            let log = try await store.auditLog.entries(workspaceID: workspace.id)
            #expect(
                log.first?.action == "responses.import" && log.first?.actor == "ana@x.test"
                    && log.first?.summary == "imported 2 responses from r.csv")
        }
    }

    @Test(
        "the kept token and destination follow a change at once in this process and within their lifetime in another",
        arguments: TestDatabase.available)
    func keptReads(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave, a token for the analyst, and a second store on the same database
            // standing for another `cdna serve`
            let fixture = try await ServiceFixture.make(store)
            let campaign = try await CampaignService(store: store).createCampaign(
                fixture.asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["hq": 10], now: 1)
            let service = ResponseService(store: store)
            var respondent = 0
            func submit(_ caller: Caller) async throws {
                respondent += 1
                _ = try await service.submitResponse(
                    caller, workspace: "w", campaign: campaign.id, respondent: "r\(respondent)", unitCode: "hq", roleCode: nil,
                    answers: ["purpose-customers": "4"], now: 5)
            }
            try await submit(fixture.asAnalyst)
            _ = try await store.accounts.createAPIToken(userID: fixture.analyst.id, name: "ci", tokenHash: "kept", now: 1)
            #expect(try await store.accounts.userForAPIToken(tokenHash: "kept", now: 5)?.id == fixture.analyst.id)

            // MUT: changes in this process are seen by the next call
            try await store.accounts.setMembership(
                Membership(workspaceID: fixture.workspace.id, userID: fixture.analyst.id, access: .viewer))
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                try await submit(fixture.asAnalyst)
            }
            try await store.accounts.setMembership(
                Membership(workspaceID: fixture.workspace.id, userID: fixture.analyst.id, access: .analyst))
            try await submit(fixture.asAnalyst)
            try await store.campaigns.setCampaignClose(workspaceID: fixture.workspace.id, id: campaign.id, closesAt: 2)
            await #expect(throws: StoreError.conflict("the campaign is closed")) { try await submit(fixture.asAnalyst) }
            try await store.campaigns.setCampaignClose(workspaceID: fixture.workspace.id, id: campaign.id, closesAt: nil)
            try await submit(fixture.asAnalyst)

            // MUT: changes by another process are seen once the kept answers expire
            let other = try await Store.open(store.location)
            try await other.closing { other in
                let token = try #require(try await other.accounts.apiTokens(userID: fixture.analyst.id).first)
                try await other.accounts.deleteAPIToken(userID: fixture.analyst.id, id: token.id)
                try await other.accounts.setMembership(
                    Membership(workspaceID: fixture.workspace.id, userID: fixture.analyst.id, access: .viewer))
            }
            try await Task.sleep(for: Store.hotReadLifetime + .milliseconds(200))
            #expect(try await store.accounts.userForAPIToken(tokenHash: "kept", now: 6) == nil)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                try await submit(fixture.asAnalyst)
            }
            #expect(try await store.campaigns.campaignProgress(workspace: fixture.workspace, campaignID: campaign.id).submitted == 3)
        }
    }
}
