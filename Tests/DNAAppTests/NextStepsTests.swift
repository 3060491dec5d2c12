import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// The workspace home's next steps: what is running, what is ready, what is missing.
@Suite("Next steps")
struct NextStepsTests {
    @Test("an empty workspace is told where to start", arguments: TestDatabase.available)
    func start(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a workspace with nothing, then one with units but no wave
            let fixture = try await ServiceFixture.make(store)
            _ = try await store.workspaces.create(slug: "empty", name: "Empty", creator: fixture.analyst.id, now: 1)
            let workspaces = WorkspaceService(store: store)
            // MUT + validation
            #expect(
                try await workspaces.home(fixture.asAnalyst, slug: "empty", now: 10).steps == [.start(.orgChart), .start(.customerModel)])
            let home = try await workspaces.home(fixture.asViewer, slug: "w", now: 10)
            #expect(home.steps == [.start(.firstWave), .start(.customerModel)])
            #expect(home.summary.units == 2 && home.summary.campaigns == 0)
            await #expect(throws: StoreError.notFound("no workspace 'empty'")) {
                _ = try await workspaces.home(fixture.asViewer, slug: "empty", now: 10)
            }
        }
    }

    @Test(
        "the demo shows a running wave, results ready, an underserved outcome nobody works on and an overdue hypothesis",
        arguments: TestDatabase.available)
    func demo(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: the demo, whose autumn wave has closed with answers
            let now: Int64 = 1_800_000_000
            let workspace = try await store.loadDemo(now: now)
            let slug = workspace.slug, ops = Caller.commandLine(login: "test")
            let workspaces = WorkspaceService(store: store)
            let before = try await workspaces.home(ops, slug: slug, now: now).steps
            guard case .resultsReady(let resultsID, "Pulse, autumn", let submitted) = before.first, before.count == 1 else {
                Issue.record("the demo's steps were \(before)")
                return
            }
            #expect(submitted >= workspace.minGroupSize)

            // the most underserved outcome loses every initiative working on it
            let overview = try await LineOfSightService(store: store).overview(ops, workspace: slug)
            let underserved = try #require(overview.outside.opportunities.first { $0.status == .underserved })
            let lineOfSight = LineOfSightService(store: store)
            let graph = try await lineOfSight.graph(ops, workspace: slug)
            let initiatives = Set(graph.nodes.filter { $0.type == .initiative }.map(\.code))
            for edge in graph.edges where edge.to == underserved.outcome && initiatives.contains(edge.from) {
                try await lineOfSight.deleteEdge(ops, workspace: slug, from: edge.from, to: edge.to)
            }
            // a hypothesis past its day, one past its day but settled, one not yet due
            let loop = ImprovementLoopService(store: store)
            for (code, by) in [("late", "2020-01-01"), ("settled", "2020-01-02"), ("future", "2099-01-01")] {
                _ = try await loop.addHypothesis(
                    ops, workspace: slug,
                    Hypothesis(
                        code: code, change: "Change \(code)", segment: "households", outcome: "o", impact: "i", by: by,
                        createdOn: "2019-01-01"))
            }
            _ = try await loop.moveHypothesis(ops, workspace: slug, code: "settled", to: .testing, learning: nil, on: "2020-01-01")
            _ = try await loop.moveHypothesis(
                ops, workspace: slug, code: "settled", to: .validated,
                learning: .init(believed: "b", observed: "o", learned: "l", next: "n"), on: "2020-01-02")
            // and a wave that is taking answers
            let units = try await store.organization.units(workspaceID: workspace.id)
            let wave = try await CampaignService(store: store).createCampaign(
                ops, workspace: slug, name: "Pulse, spring", instrument: .builtIn("customer-dna"), opensAt: now - 10, closesAt: nil,
                population: [units[0].code: 40], now: now)

            // MUT
            let steps = try await workspaces.home(ops, slug: slug, now: now).steps

            // validation: most pressing first, and only what needs doing
            #expect(steps.first == .waveRunning(campaignID: wave.id, name: "Pulse, spring", submitted: 0, invited: 40))
            #expect(steps.dropFirst().first == .resultsReady(campaignID: resultsID, name: "Pulse, autumn", submitted: submitted))
            #expect(
                steps.contains(
                    .underservedWithoutInitiative(
                        outcome: underserved.outcome, text: underserved.text, opportunity: underserved.opportunity)))
            #expect(steps.last == .hypothesisOverdue(code: "late", change: "Change late", by: "2020-01-01"))
            #expect(steps.count == 4)
        }
    }
}
