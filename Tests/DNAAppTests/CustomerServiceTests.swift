import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// The outside view's use cases, called as pages, the API and the command line call them.
@Suite("Customer-model and survey services")
struct CustomerServiceTests {
    static let model = """
        segments: [{code: home, name: Home owners}]
        jobs: [{code: repair, statement: Get a damaged home repaired}]
        outcomes:
          - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage}
        tasks: [{code: t1, title: Report a claim}, {code: t2, title: Check a claim}]

        """

    @Test("a study from model to results: each step checks access, rules and the audit log", arguments: TestDatabase.available)
    func study(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let fixture = try await ServiceFixture.make(store)
            let customers = CustomerModelService(store: store), surveys = SurveyService(store: store)
            // MUT + validation
            let merged = try await customers.importModel(fixture.asAnalyst, workspace: "w", file: "m.yaml", text: Self.model)
            #expect(merged.added == 5)
            #expect(try await customers.model(fixture.asViewer, workspace: "w").outcomes.map(\.code) == ["o1"])
            let view = try await customers.modelView(fixture.asViewer, workspace: "w")
            #expect(view.access == .viewer && view.model.tasks.count == 2 && view.coverageCampaign == nil)
            #expect(view.units.map(\.code).sorted() == ["hq", "lab"] && view.graph.nodes.isEmpty)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                try await customers.deleteRecord(fixture.asViewer, workspace: "w", kind: .task, code: "t2")
            }
            let study = try await surveys.createSurvey(
                fixture.asAnalyst, workspace: "w", kind: .outcomeStudy, name: "Study", opensAt: 1, closesAt: nil, itemCodes: ["o1"],
                thresholds: TopTasks.Thresholds(), now: 1)
            try await surveys.addResponse(
                fixture.asAnalyst, workspace: "w", survey: study.id, respondent: "a", segment: "home",
                ratings: [("o1", SurveyRating(importance: 5, satisfaction: 1))], picks: [], now: 2)
            await #expect(throws: StoreError.invalid("ratings: outcome 'o1' is rated twice")) {
                try await surveys.addResponse(
                    fixture.asAnalyst, workspace: "w", survey: study.id, respondent: "b", segment: "home",
                    ratings: [("o1", SurveyRating(importance: 5, satisfaction: 1)), ("o1", SurveyRating(importance: 1, satisfaction: 1))],
                    picks: [], now: 2)
            }
            let imported = try await surveys.importAnswers(
                .commandLine(login: "ops"), workspace: "w", survey: study.id, file: "a.csv",
                bytes: Array("respondent,segment,outcome,importance,satisfaction\nc,home,o1,4,2\n".utf8), now: 3)
            #expect(imported == 1)
            let results = try await surveys.results(fixture.asViewer, workspace: "w", survey: study.id, segment: nil)
            #expect(results.respondents == 2 && results.scores.first?.outcome == "o1")
            #expect(try await surveys.survey(fixture.asViewer, workspace: "w", id: study.id).progress.linksIssued == 0)
            let closed = try await surveys.setOpen(fixture.asAnalyst, workspace: "w", survey: study.id, open: false, now: 10)
            #expect(closed.closesAt == 10)
            try await surveys.setOpenLink(fixture.asAnalyst, workspace: "w", survey: study.id, on: true)
            #expect(try await surveys.surveys(fixture.asViewer, workspace: "w").first?.survey.openLink != nil)
            await #expect(throws: StoreError.notFound("no workspace 'w'")) {
                _ = try await surveys.results(
                    .person(
                        try await store.accounts.createUser(
                            email: "eve@x.test", name: "Eve", passwordHash: "-", instanceAdmin: false, now: 1), via: .api),
                    workspace: "w", survey: study.id, segment: nil)
            }
            let log = try await store.auditLog.entries(workspaceID: fixture.workspace.id, limit: 4).map { "\($0.action) \($0.actor)" }
            #expect(log == ["survey.open-link ana@x.test", "survey.close ana@x.test", "survey.import cli:ops", "survey.create ana@x.test"])
        }
    }

    @Test("task tests time attempts against their test; journeys record changes", arguments: TestDatabase.available)
    func tasksAndLedger(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let fixture = try await ServiceFixture.make(store)
            let customers = CustomerModelService(store: store)
            _ = try await customers.importModel(fixture.asAnalyst, workspace: "w", file: "m.yaml", text: Self.model)
            // MUT + validation
            _ = try await customers.saveTaskTest(
                fixture.asAnalyst, workspace: "w", TaskTest(code: "tt1", taskCode: "t1", question: "Report", answer: "A", targetSeconds: 60)
            )
            let round = try await customers.createTaskRound(fixture.asAnalyst, workspace: "w", name: "R1", heldOn: "2026-01-01", now: 1)
            #expect(
                try await customers.recordAttempts(
                    fixture.asAnalyst, workspace: "w", round: round.id, [("p1", "tt1", .success, 30), ("p2", "tt1", .failure, 90)]) == 2)
            await #expect(throws: StoreError.invalid("attempts: no task test 'tt9'")) {
                _ = try await customers.recordAttempts(fixture.asAnalyst, workspace: "w", round: round.id, [("p3", "tt9", .success, 1)])
            }
            let trend = try await customers.taskTrend(fixture.asViewer, workspace: "w")
            #expect(trend.rounds.map(\.name) == ["R1"] && trend.trend.first?.rounds.first?.result.successRate == 0.5)
            _ = try await customers.addJourney(fixture.asAnalyst, workspace: "w", code: "claim", name: "Claim", segment: "home")
            try await customers.addJourneyStep(
                fixture.asAnalyst, workspace: "w", journey: "claim",
                .init(name: "Report", customerMinutes: 20, organizationMinutes: 25, frequencyPerYear: 1, customers: 60))
            let step = try #require(try await customers.journeys(fixture.asViewer, workspace: "w").first?.steps.first)
            let change = try await customers.recordJourneyChange(
                fixture.asAnalyst, workspace: "w", journey: "claim", stepID: step.id, title: "Web form", date: "2026-02-01",
                customerMinutesAfter: 30, organizationMinutesAfter: 5, now: 2)
            #expect(change.isCostShifting)
            #expect(
                try await customers.importCustomerMetrics(
                    fixture.asAnalyst, workspace: "w", file: "m.csv",
                    bytes: Array("respondent,segment,date,metric,value\na,home,2026-01-01,nps,10\n".utf8)) == 1)
            #expect(try await customers.customerMetricAnswers(fixture.asViewer, workspace: "w").count == 1)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await customers.createTaskRound(fixture.asViewer, workspace: "w", name: "R2", heldOn: "2026-01-02", now: 1)
            }
        }
    }
}
