import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// The line of sight and the improvement loop, called as pages, the API and the command
/// line call them.
@Suite("Line-of-sight and improvement-loop services")
struct LineOfSightServiceTests {
    @Test(
        "the graph: viewers read, analysts change, each change answers the record and is logged as the caller's",
        arguments: TestDatabase.available)
    func graph(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let fixture = try await ServiceFixture.make(store)
            let service = LineOfSightService(store: store)
            // MUT: nodes, an edge and the model file, from each kind of caller
            let strategy = try await service.saveNode(
                fixture.asAnalyst, workspace: "w", .init(code: "s1", type: .strategy, title: "Repair in a day", budget: 10))
            let capability = try await service.saveNode(
                .commandLine(login: "ops"), workspace: "w", .init(code: "c1", type: .capability, title: "Field teams"))
            let edge = try await service.addEdge(fixture.asAnalyst, workspace: "w", from: "s1", to: "c1")
            // validation
            #expect(strategy.code == "s1" && strategy.budget == 10 && capability.type == .capability)
            #expect(edge == LineOfSightModel.Edge(from: "s1", to: "c1"))
            let graph = try await service.graph(fixture.asViewer, workspace: "w")
            #expect(graph.nodes.map(\.code).sorted() == ["c1", "s1"] && graph.edges == [edge])
            #expect(try await service.exportModel(fixture.asViewer, workspace: "w").contains("s1"))
            #expect(try await service.check(fixture.asViewer, workspace: "w").coverage.initiatives == 0)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.saveNode(fixture.asViewer, workspace: "w", .init(code: "s2", type: .strategy, title: "Other"))
            }
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                try await service.deleteEdge(fixture.asViewer, workspace: "w", from: "s1", to: "c1")
            }
            await #expect(throws: AccessError.signInNeeded) { _ = try await service.graph(nil, workspace: "w") }
            try await service.deleteEdge(fixture.asAnalyst, workspace: "w", from: "s1", to: "c1")
            try await service.deleteNode(fixture.asAnalyst, workspace: "w", code: "c1")
            #expect(try await service.graph(fixture.asViewer, workspace: "w").nodes.map(\.code) == ["s1"])
            let log = try await store.auditLog.entries(workspaceID: fixture.workspace.id, limit: 5).map { "\($0.action) \($0.actor)" }
            #expect(
                log == [
                    "line-of-sight.node-delete ana@x.test", "line-of-sight.edge-delete ana@x.test", "line-of-sight.edge ana@x.test",
                    "line-of-sight.node cli:ops", "line-of-sight.node ana@x.test",
                ])
        }
    }

    @Test("the loop: hypotheses, evidence, decisions, metrics and objectives come back as stored", arguments: TestDatabase.available)
    func loop(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let fixture = try await ServiceFixture.make(store)
            let service = ImprovementLoopService(store: store)
            let caller = fixture.asAnalyst
            // MUT + validation: each change answers the record as the store keeps it
            let metric = try await service.saveMetric(
                caller, workspace: "w", MetricDefinition(code: "nps", name: "NPS", kind: .customerValue))
            #expect(metric.code == "nps" && metric.direction == .up)
            let card = try await service.addHypothesis(
                caller, workspace: "w",
                Hypothesis(
                    code: "h1", change: "Call back within an hour", segment: "", outcome: "fewer repeat calls", impact: "lower cost",
                    metric: "nps", from: 10, to: 30, status: .validated, createdOn: "2026-01-01"))
            #expect(card.status == .proposed && card.metric == "nps")
            let moved = try await service.moveHypothesis(caller, workspace: "w", code: "h1", to: .testing, learning: nil, on: "2026-02-01")
            #expect(moved.status == .testing)
            let item = try await service.addEvidence(
                caller, workspace: "w",
                EvidenceItem(code: "", kind: .quote, source: .interview, title: "Waited a week", capturedOn: "2026-01-05"))
            #expect(!item.code.isEmpty && item.title == "Waited a week")
            let linked = try await service.linkEvidence(
                caller, workspace: "w", evidence: item.code, EvidenceLink(target: .hypothesis, code: "h1", stance: .supports))
            #expect(linked.links == [EvidenceLink(target: .hypothesis, code: "h1", stance: .supports)])
            let decision = try await service.logDecision(
                caller, workspace: "w",
                DecisionRecord(
                    code: "", title: "Hire two agents", involvement: .partner, decidedOn: "2026-02-02", evidence: [item.code]))
            #expect(decision.evidence == [item.code] && !decision.code.isEmpty)
            #expect(
                try await service.addMeasurements(caller, workspace: "w", [MetricValue(metric: "nps", date: "2026-01-31", value: 12)]) == 1)
            let imported = try await service.importMeasurements(
                caller, workspace: "w", file: "v.csv", bytes: Array("metric,date,value\nnps,2026-02-28,18\n".utf8))
            #expect(imported == 1)
            _ = try await service.saveMetric(caller, workspace: "w", MetricDefinition(code: "cost", name: "Cost", kind: .businessValue))
            #expect(try await service.measurements(fixture.asViewer, workspace: "w", metric: "nps").map(\.value) == [12, 18])
            let objective = try await service.saveObjective(
                caller, workspace: "w", Objective(code: "o1", title: "Loyal", customerMetric: "nps", businessMetric: "cost"))
            #expect(try await service.objectives(fixture.asViewer, workspace: "w") == [objective])
            #expect(try await service.loopFigures(fixture.asViewer, workspace: "w").humility.overall?.decisions == 1)
            // A viewer reads everything and changes nothing; a file's problems are located.
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.saveObjective(
                    fixture.asViewer, workspace: "w", Objective(code: "o2", title: "X", customerMetric: "nps", businessMetric: "cost"))
            }
            await #expect(throws: FileProblems.self) {
                _ = try await service.importMeasurements(
                    caller, workspace: "w", file: "v.csv", bytes: Array("metric,date,value\nghost,2026-02-28,1\n".utf8))
            }
            #expect(try await service.hypotheses(fixture.asViewer, workspace: "w").map(\.code) == ["h1"])
            #expect(try await service.evidence(fixture.asViewer, workspace: "w", search: "week").map(\.code) == [item.code])
            #expect(try await service.decisions(fixture.asViewer, workspace: "w").count == 1)
            #expect(try await service.metrics(fixture.asViewer, workspace: "w").map(\.code).sorted() == ["cost", "nps"])
            // The pages' views: one access check each, the caller's level with them.
            let board = try await service.hypothesesView(fixture.asViewer, workspace: "w")
            #expect(board.access == .viewer && board.hypotheses.map(\.code) == ["h1"] && board.metrics.count == 2)
            let decided = try await service.decisionsView(fixture.asAnalyst, workspace: "w")
            #expect(decided.access == .admin && decided.decisions.count == 1 && decided.evidence.map(\.code) == [item.code])
            #expect(decided.units.map(\.code).sorted() == ["hq", "lab"])
            let measured = try await service.metricsView(fixture.asViewer, workspace: "w")
            #expect(measured.measurements.count == 2 && measured.objectives == [objective])
            #expect(try await service.agilityView(fixture.asViewer, workspace: "w").titles[decision.code] == "Hire two agents")
            let outsider = try await store.accounts.createUser(
                email: "eve@x.test", name: "Eve", passwordHash: "-", instanceAdmin: false, now: 1)
            await #expect(throws: StoreError.notFound("no workspace 'w'")) {
                _ = try await service.hypothesesView(.person(outsider, via: .page), workspace: "w")
            }
        }
    }
}
