import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// Tensions and experiments of a force, a wave's scores and report, and the workspace's own
/// frameworks, called as the API, the pages and the command line call them.
@Suite("Force, campaign-read and framework services")
struct ForceServiceTests {
    @Test("tensions and experiments belong to a force of the OS Canvas; viewers read them", arguments: TestDatabase.available)
    func forces(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let fixture = try await ServiceFixture.make(store)
            let service = ForceService(store: store)
            // MUT
            let tension = try await service.addTension(
                fixture.asAnalyst, workspace: "w", force: "workflow", text: "Approvals wait a week", source: .manual, campaignID: nil,
                now: 5)
            let experiment = try await service.addExperiment(
                fixture.asAnalyst, workspace: "w", force: "workflow",
                Experiment(
                    id: "", workspaceID: "elsewhere", tensionID: tension.id, framework: "ignored", dimension: "ignored",
                    practice: "Pair review",
                    hypothesis: "Waits halve", participants: "Claims team", durationDays: 30, reviewOn: "2026-03-01", outcome: nil,
                    createdAt: 5))
            // validation: the force and workspace are the service's, whatever the draft said
            #expect(
                experiment.workspaceID == fixture.workspace.id && experiment.framework == "os-canvas" && experiment.dimension == "workflow")
            #expect(
                try await service.tensions(fixture.asViewer, workspace: "w", force: "workflow").map(\.text) == ["Approvals wait a week"])
            #expect(try await service.experiments(fixture.asViewer, workspace: "w", force: "workflow").map(\.id) == [experiment.id])
            #expect(try await service.tensions(fixture.asViewer, workspace: "w", force: "purpose").isEmpty)
            let reviewed = try await service.recordOutcome(
                fixture.asAnalyst, workspace: "w", experiment: experiment.id, outcome: "Waits fell by a third")
            #expect(reviewed.outcome == "Waits fell by a third")
            let view = try await service.forceView(fixture.asViewer, workspace: "w", force: "workflow", now: 10)
            #expect(view.access == .viewer && view.campaign == nil && view.score == nil && view.openAnswers.isEmpty)
            #expect(view.tensions.map(\.id) == [tension.id] && view.experiments.map(\.outcome) == ["Waits fell by a third"])
            await #expect(throws: StoreError.self) {
                _ = try await service.addTension(
                    fixture.asAnalyst, workspace: "w", force: "no-such-force", text: "x", source: .manual, campaignID: nil, now: 5)
            }
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.addTension(
                    fixture.asViewer, workspace: "w", force: "workflow", text: "x", source: .manual, campaignID: nil, now: 5)
            }
        }
    }

    @Test("a wave's progress, scorecard and report, and the workspace's frameworks, for viewers", arguments: TestDatabase.available)
    func readsAndFrameworks(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a wave for hq with six answers
            let fixture = try await ServiceFixture.make(store)
            let campaigns = CampaignService(store: store)
            let wave = try await campaigns.createCampaign(
                fixture.asAnalyst, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["hq": 10], now: 1)
            let rows = (0..<6).map { "p\($0),hq,,\($0 % 5 + 1)" }.joined(separator: "\n")
            _ = try await ResponseService(store: store).importResponses(
                fixture.asAnalyst, workspace: "w", campaign: wave.id, file: "r.csv",
                text: "respondent,unit,role,purpose-customers\n" + rows,
                now: 2)
            // MUT + validation
            #expect(try await campaigns.campaigns(fixture.asViewer, workspace: "w").map(\.id) == [wave.id])
            let found = try await campaigns.campaign(fixture.asViewer, workspace: "w", id: wave.id)
            #expect(found.progress.submitted == 6 && found.progress.invited == 10)
            let scorecard = try await campaigns.scorecard(fixture.asViewer, workspace: "w", campaign: wave.id, breakdown: .none)
            #expect(scorecard.result.overall.scores?.n == 6 && scorecard.campaign.id == wave.id)
            let report = try await campaigns.report(fixture.asViewer, workspace: "w", campaign: wave.id, breakdown: .unit)
            #expect(report.workspace.slug == "w" && report.frameworks.map(\.id).contains("os-canvas"))

            let organization = OrganizationService(store: store)
            let mine = try await organization.addFramework(
                fixture.asAnalyst, workspace: "w", file: "f.yaml", source: "id: mine\nname: Mine\ndimensions:\n  - id: a\n    name: A\n",
                now: 3)
            #expect(try await organization.framework(fixture.asViewer, workspace: "w", id: "mine") == mine)
            await #expect(throws: StoreError.notFound("no framework 'ghost'")) {
                _ = try await organization.framework(fixture.asViewer, workspace: "w", id: "ghost")
            }
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await organization.addFramework(
                    fixture.asViewer, workspace: "w", file: "f.yaml", source: "id: b\nname: B\ndimensions:\n  - id: a\n    name: A\n",
                    now: 3)
            }
        }
    }
}
