import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// The use cases the last page controllers and CLI commands moved to: the workspace home's
/// counts, a wave's list and page, the links people answer through, and an operator's
/// password resets and tokens.
@Suite("Use cases behind the pages and the command line")
struct AdapterUseCaseTests {
    @Test("the home counts and a wave's list and page are for members only", arguments: TestDatabase.available)
    func readsForMembers(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave inviting lab only
            let fixture = try await ServiceFixture.make(store)
            let outsider = try await store.accounts.createUser(
                email: "eve@x.test", name: "Eve", passwordHash: "-", instanceAdmin: false, now: 1)
            let asOutsider = Caller.person(outsider, via: .page)
            let campaigns = CampaignService(store: store)
            let wave = try await campaigns.createCampaign(
                fixture.asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["lab": 4], now: 1)

            // MUT + validation
            let summary = try await WorkspaceService(store: store).summary(fixture.asViewer, slug: "w")
            #expect(summary.access == .viewer && summary.units == 2 && summary.members == 2 && summary.campaigns == 1)
            let frameworks = try await store.frameworks.all(workspaceID: fixture.workspace.id)
            #expect(summary.roles == 0 && summary.frameworks == frameworks.count)
            let overview = try await campaigns.overview(fixture.asViewer, workspace: "w")
            #expect(overview.waves.map(\.campaign.id) == [wave.id] && overview.waves.first?.progress.invited == 4)
            #expect(overview.units.map(\.code).sorted() == ["hq", "lab"])
            let detail = try await campaigns.detail(fixture.asViewer, workspace: "w", campaign: wave.id)
            let lab = try #require(overview.units.first { $0.code == "lab" })
            let instrument = try detail.campaign.instrument(frameworks: frameworks)
            #expect(detail.invitedUnitIDs == [lab.id] && detail.instrument == instrument)
            for read in [
                { _ = try await WorkspaceService(store: store).summary(asOutsider, slug: "w") },
                { _ = try await campaigns.overview(asOutsider, workspace: "w") },
                { _ = try await campaigns.detail(asOutsider, workspace: "w", campaign: wave.id) },
            ] as [() async throws -> Void] {
                await #expect(throws: StoreError.notFound("no workspace 'w'")) { try await read() }
            }
            await #expect(throws: StoreError.self) { _ = try await campaigns.detail(fixture.asViewer, workspace: "w", campaign: "nope") }
        }
    }

    @Test(
        "a link is the only credential: the open link hands out links a limited number of times, a respondent chooses among the invited units",
        arguments: TestDatabase.available)
    func answerLinks(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave inviting lab only, with an open link
            let fixture = try await ServiceFixture.make(store)
            let campaigns = CampaignService(store: store)
            let wave = try await campaigns.createCampaign(
                fixture.asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["lab": 4], now: 1)
            try await campaigns.setOpenLink(fixture.asAnalyst, workspace: "w", campaign: wave.id, on: true)
            let openLink = try #require(try await store.campaigns.campaign(workspaceID: fixture.workspace.id, id: wave.id).openLink)
            let links = AnswerLinkService(store: store)

            // MUT + validation: starting, choosing, handing in
            #expect(try await links.startAssessment(openLink: "not-a-link", now: 5) == nil)
            let token = try #require(try await links.startAssessment(openLink: openLink, now: 5))
            let session = try #require(try await links.respondentSession(token: token))
            #expect(session.campaign.id == wave.id && session.answers == nil)
            #expect(try await links.respondentChoices(session).units.map(\.code) == ["lab"])
            var answers = RespondentAnswers(
                unitID: try await store.organization.units(workspaceID: fixture.workspace.id).first { $0.code == "lab" }?.id, roleID: nil,
                likert: [Int8](repeating: AssessmentResponses.missing, count: session.instrument.likertItems.count), outcome: nil,
                texts: [:])
            answers.likert[0] = 4
            try await links.saveRespondentAnswers(token: token, answers: answers, submit: true, now: 6)
            #expect(try await links.respondentSession(token: token) == nil)
            #expect(try await store.campaigns.campaignProgress(workspace: fixture.workspace, campaignID: wave.id).submitted == 1)

            // The visit limit is per address and kind, and a refused visit is not counted.
            for _ in 0..<AnswerLinkService.openLinkVisitsPerHour {
                #expect(try await links.allowVisit(kind: "open-link", address: "10.0.0.1", now: 10))
            }
            #expect(try await links.allowVisit(kind: "open-link", address: "10.0.0.1", now: 11) == false)
            #expect(try await links.allowVisit(kind: "survey-open-link", address: "10.0.0.1", now: 11))
            #expect(try await links.allowVisit(kind: "open-link", address: "10.0.0.2", now: 11))
            #expect(try await links.allowVisit(kind: "open-link", address: "10.0.0.1", now: 10 + 3_601))
        }
    }

    @Test("resetting a password and making a token for someone else are for instance administrators", arguments: TestDatabase.available)
    func operatorAccounts(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            let service = AccountService(store: store, bcryptCost: 4)
            let ops = Caller.commandLine(login: "ops")
            // MUT + validation
            let made = try await service.createToken(ops, forUser: "vic@x.test", name: "ci", now: 3)
            #expect(try await store.accounts.userForAPIToken(tokenHash: Secrets.hash(made.secret), now: 4)?.email == "vic@x.test")
            await #expect(throws: StoreError.notFound("no user 'nobody@x.test'")) {
                _ = try await service.createToken(ops, forUser: "nobody@x.test", name: "ci", now: 3)
            }
            await #expect(throws: AccessError.forbidden("only an instance administrator can make tokens for others")) {
                _ = try await service.createToken(fixture.asAnalyst, forUser: "vic@x.test", name: "ci", now: 3)
            }
            try await service.resetPassword(ops, email: "vic@x.test", password: "a new long one")
            let hash = try #require(try await store.accounts.userWithPasswordHash(email: "vic@x.test")?.passwordHash)
            #expect(hash.hasPrefix("$2"))
            await #expect(throws: AccessError.forbidden("only an instance administrator can reset passwords")) {
                try await service.resetPassword(fixture.asViewer, email: "ana@x.test", password: "a new long one")
            }
            await #expect(throws: StoreError.invalid("the password must have at least 10 characters")) {
                try await service.resetPassword(ops, email: "vic@x.test", password: "short")
            }
        }
    }
}
