import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

/// The outside view in the store: the model, customer surveys, task tests, the time ledger and
/// customer metrics, on every database.
@Suite("Customer model store")
struct CustomerModelStoreTests {
    static let modelYAML = """
        segments:
          - {code: home, name: Home owners}
          - {code: smb, name: Small businesses}
        jobs:
          - {code: repair, statement: Get a damaged home repaired, step: execute}
          - {code: insure, statement: Insure a new home}
        outcomes:
          - {code: o1, job: repair, direction: minimize, metric: the time it takes, object: to report damage}
          - {code: o2, job: repair, direction: minimize, metric: the likelihood, object: of not knowing the claim's status}
          - {code: o3, direction: increase, metric: the likelihood, object: of understanding the cover}
        offerings:
          - {code: app, name: Claims app, kind: app, jobs: [repair]}
        tasks:
          - {code: t1, title: Report a claim}
          - {code: t2, title: Check a claim}
          - {code: t3, title: Pay a bill}
          - {code: t4, title: Renew}
          - {code: t5, title: Change address}
          - {code: t6, title: Get proof of cover}
          - {code: t7, title: Cancel}

        """

    static func setUp(_ store: Store) async throws -> Workspace {
        let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
        _ = try await store.customerModels.importCustomerModel(workspaceID: workspace.id, file: "model.yaml", text: modelYAML)
        return workspace
    }

    @Test(
        "a model file merges by code, exports to YAML that reads back the same, and a bad file changes nothing",
        arguments: TestDatabase.available)
    func modelImport(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            let model = try await store.customerModels.model(workspaceID: workspace.id)
            #expect(model.outcomes.count == 3 && model.tasks.count == 7 && model.offerings.first?.jobs == ["repair"])
            #expect(model.outcomes.map(\.job) == ["repair", "repair", nil])
            #expect(model.unservedJobs.map(\.code) == ["insure"])
            #expect(try CustomerModelDocument.read(file: "x", text: CustomerModelDocument.yaml(model)) == model)

            let summary = try await store.customerModels.importCustomerModel(
                workspaceID: workspace.id, file: "more.yaml",
                text:
                    "outcomes:\n  - {code: o1, job: insure, direction: increase, metric: the speed, object: of reporting \"damage\"}\n  - {code: o4, job: repair, direction: minimize, metric: the cost, object: of repairs}\n"
            )
            #expect(summary == ModelMergeSummary(added: 1, updated: 1))
            let merged = try await store.customerModels.model(workspaceID: workspace.id)
            #expect(merged.outcomes.first { $0.code == "o1" }?.sentence == "Increase the speed of reporting \"damage\"")
            #expect(merged.outcomes.first { $0.code == "o1" }?.job == "insure")

            let bad =
                "jobs:\n  - {code: repair, statement: ''}\noutcomes:\n  - {code: o9, job: nothing, direction: sideways, metric: m, object: o}\n"
            do {
                _ = try await store.customerModels.importCustomerModel(workspaceID: workspace.id, file: "bad.yaml", text: bad)
                Issue.record("a bad model file was accepted")
            } catch let problems as FileProblems {
                #expect(
                    problems.problems.map(\.description) == [
                        "bad.yaml:2:12: job 'repair' has an empty text",
                        "bad.yaml:4:21: unknown job 'nothing'; jobs are named by their code in the jobs section",
                        "bad.yaml:4:41: outcome direction 'sideways' must be one of: minimize, increase",
                    ])
            }
            #expect(try await store.customerModels.model(workspaceID: workspace.id) == merged)

            try await store.customerModels.deleteCustomerRecord(workspaceID: workspace.id, kind: .job, code: "repair")
            let afterDelete = try await store.customerModels.model(workspaceID: workspace.id)
            #expect(afterDelete.outcomes.first { $0.code == "o2" }?.job == nil && afterDelete.offerings.first?.jobs == [])
        }
    }

    @Test(
        "an outcome-study link records the shuffled order, resumes, hands in once; results match a hand computation",
        arguments: TestDatabase.available)
    func outcomeStudyLinks(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            let study = try await store.surveys.create(
                workspaceID: workspace.id, kind: .outcomeStudy, name: "Study", opensAt: 0, closesAt: nil, itemCodes: ["o1", "o2", "o3"],
                now: 0)
            #expect(
                study.items.map(\.text) == [
                    "Minimize the time it takes to report damage", "Minimize the likelihood of not knowing the claim's status",
                    "Increase the likelihood of understanding the cover",
                ])
            try await store.surveys.addSurveyTokens(
                workspaceID: workspace.id, surveyID: study.id, segment: nil, tokenHashes: ["h1", "h2"], now: 1)
            let first = try #require(try await store.surveys.surveySession(tokenHash: "h1", now: 2, shuffle: { $0.reversed() }))
            #expect(first.order == ["o3", "o2", "o1"])
            let again = try #require(try await store.surveys.surveySession(tokenHash: "h1", now: 3, shuffle: { $0 }))
            #expect(again.order == ["o3", "o2", "o1"], "the order is recorded at the first visit and kept")
            try await store.surveys.saveSurveyAnswers(
                tokenHash: "h1", segment: "home", ratings: ["o1": .init(importance: 5, satisfaction: 2)], picks: [], submit: false, now: 4)
            let resumed = try #require(try await store.surveys.surveySession(tokenHash: "h1", now: 5))
            #expect(resumed.ratings["o1"] == SurveyRating(importance: 5, satisfaction: 2) && resumed.segment == "home")
            await #expect(throws: StoreError.invalid("unknown segment 'mars'; known segments: home, smb")) {
                try await store.surveys.saveSurveyAnswers(tokenHash: "h1", segment: "mars", ratings: [:], picks: [], submit: false, now: 6)
            }
            try await store.surveys.saveSurveyAnswers(
                tokenHash: "h1", segment: "home",
                ratings: ["o1": .init(importance: 5, satisfaction: 2), "o2": .init(importance: 4, satisfaction: 4)], picks: [],
                submit: true, now: 7)
            #expect(try await store.surveys.surveySession(tokenHash: "h1", now: 8) == nil)
            await #expect(throws: StoreError.self) {
                try await store.surveys.saveSurveyAnswers(tokenHash: "h1", segment: "home", ratings: [:], picks: [], submit: true, now: 9)
            }

            let csv = """
                respondent,segment,outcome,importance,satisfaction
                a,home,o1,4,4
                a,home,o2,5,1
                b,smb,o1,2,5
                b,smb,o2,,3
                c,smb,o3,3,3

                """
            #expect(
                try await store.surveys.importSurveyAnswers(
                    workspaceID: workspace.id, surveyID: study.id, file: "o.csv", bytes: Array(csv.utf8), now: 10) == 3)
            let scores = OutcomeStudy.score(try await store.surveys.outcomeRatings(surveyID: study.id), bySegment: false)
            // o1: importance 5, 4, 2 -> 2 of 3 top-2 -> 6.667; satisfaction 2, 4, 5 -> 6.667
            // o2: importance 4, 5, (none) -> 10; satisfaction 4, 1, 3 -> 3.333; opportunity 16.667
            let o1 = try #require(scores.first { $0.outcome == "o1" }), o2 = try #require(scores.first { $0.outcome == "o2" })
            #expect(abs(o1.importance - 20.0 / 3) < 1e-9 && abs(o1.satisfaction - 20.0 / 3) < 1e-9 && o1.status == .served && o1.n == 3)
            #expect(abs(o2.opportunity - (10 + 10 - 10.0 / 3)) < 1e-9 && o2.status == .underserved && o2.isExtreme)

            let bad = "respondent,segment,outcome,importance,satisfaction\nd,home,o1,4,4\na,home,o1,4,4\ne,mars,o7,3,3\nf,home,o1,6,3\n"
            do {
                _ = try await store.surveys.importSurveyAnswers(
                    workspaceID: workspace.id, surveyID: study.id, file: "bad.csv", bytes: Array(bad.utf8), now: 11)
                Issue.record("a bad study file was accepted")
            } catch let problems as FileProblems {
                #expect(problems.problems.map(\.description) == ["bad.csv:5:11: importance '6' must be 1-5 or empty"])
            }
            let bad2 = "respondent,segment,outcome,importance,satisfaction\nd,home,o1,4,4\na,home,o1,4,4\ne,mars,o7,3,3\n"
            do {
                _ = try await store.surveys.importSurveyAnswers(
                    workspaceID: workspace.id, surveyID: study.id, file: "bad.csv", bytes: Array(bad2.utf8), now: 11)
                Issue.record("a study file with unknown names was accepted")
            } catch let problems as FileProblems {
                #expect(
                    problems.problems.map(\.description) == [
                        "bad.csv:3:1: respondent 'a' is already in this survey",
                        "bad.csv:4:8: 'o7' is not one of this survey's outcomes",
                        "bad.csv:4:3: unknown segment 'mars'; known segments: home, smb",
                    ])
            }
            #expect(
                try await store.surveys.surveyProgress(surveyID: study.id) == SurveyProgress(linksIssued: 2, submitted: 4, inProgress: 0))
        }
    }

    @Test("a top-tasks vote takes at most five picks and ranks as a hand count does", arguments: TestDatabase.available)
    func topTasksVote(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            let vote = try await store.surveys.create(
                workspaceID: workspace.id, kind: .topTasks, name: "Vote", opensAt: 0, closesAt: nil, itemCodes: [], now: 0)
            #expect(vote.items.count == 7)
            try await store.surveys.addSurveyTokens(
                workspaceID: workspace.id, surveyID: vote.id, segment: "smb", tokenHashes: ["v1"], now: 1)
            let session = try #require(try await store.surveys.surveySession(tokenHash: "v1", now: 2))
            #expect(Set(session.order) == Set(vote.items.map(\.code)) && session.segment == "smb")
            await #expect(throws: StoreError.invalid("pick at most 5 tasks; 6 were picked")) {
                try await store.surveys.saveSurveyAnswers(
                    tokenHash: "v1", segment: "", ratings: [:], picks: ["t1", "t2", "t3", "t4", "t5", "t6"], submit: true, now: 3)
            }
            try await store.surveys.saveSurveyAnswers(
                tokenHash: "v1", segment: "", ratings: [:], picks: ["t1", "t2"], submit: true, now: 3)
            await #expect(throws: StoreError.invalid("pick at most 5 tasks; 6 were picked")) {
                try await store.surveys.addSurveyResponse(
                    workspaceID: workspace.id, surveyID: vote.id, respondent: "x", segment: "", ratings: [:],
                    picks: ["t1", "t2", "t3", "t4", "t5", "t6"],
                    now: 4)
            }
            let csv = "voter,task\na,t1\na,t3\nb,t1\nc,t2\nc,t1\n"
            #expect(
                try await store.surveys.importSurveyAnswers(
                    workspaceID: workspace.id, surveyID: vote.id, file: "v.csv", bytes: Array(csv.utf8), now: 5) == 3)
            let ranked = TopTasks.rank(
                try await store.surveys.taskVotes(surveyID: vote.id), tasks: vote.items.map(\.code), thresholds: vote.thresholds)
            // t1: 4 of 7 votes, t2: 2, t3: 1, the rest 0.
            #expect(ranked.prefix(3).map(\.task) == ["t1", "t2", "t3"] && ranked.map(\.votes) == [4, 2, 1, 0, 0, 0, 0])
            #expect(ranked[0].longNeck && ranked[0].top && !ranked[1].longNeck && !ranked[1].top)
            #expect(abs(ranked[1].cumulativeShare - 6.0 / 7) < 1e-12)
            let tooMany = "voter,task\nz,t1\nz,t2\nz,t3\nz,t4\nz,t5\nz,t6\n"
            do {
                _ = try await store.surveys.importSurveyAnswers(
                    workspaceID: workspace.id, surveyID: vote.id, file: "v.csv", bytes: Array(tooMany.utf8), now: 6)
                Issue.record("six picks were accepted")
            } catch let problems as FileProblems {
                #expect(problems.problems.map(\.description) == ["v.csv:7:1: voter 'z' picks more than 5 tasks"])
            }
        }
    }

    @Test("task-test rounds import all or nothing and show whether a task got easier", arguments: TestDatabase.available)
    func taskTests(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            try await store.surveys.saveTaskTest(
                workspaceID: workspace.id,
                TaskTest(code: "report", taskCode: "t1", question: "Report a claim", answer: "HC-", targetSeconds: 60))
            await #expect(throws: StoreError.invalid("no task 't99' in the top-tasks list")) {
                try await store.surveys.saveTaskTest(
                    workspaceID: workspace.id, TaskTest(code: "x", taskCode: "t99", question: "q", answer: "a", targetSeconds: 1))
            }
            let before = try await store.surveys.createTaskRound(workspaceID: workspace.id, name: "Before", heldOn: "2026-01-10", now: 1)
            let after = try await store.surveys.createTaskRound(workspaceID: workspace.id, name: "After", heldOn: "2026-06-10", now: 1)
            let first =
                "participant,task,result,seconds,target_seconds\np1,report,success,120,60\np2,report,failure,200,60\np3,report,disaster,90,60\n"
            #expect(
                try await store.surveys.importAttempts(
                    workspaceID: workspace.id, roundID: before.id, file: "r1.csv", bytes: Array(first.utf8)) == 3
            )
            let bad = "participant,task,result,seconds,target_seconds\np1,report,success,50,60\np4,unknown,success,50,60\n"
            do {
                _ = try await store.surveys.importAttempts(
                    workspaceID: workspace.id, roundID: before.id, file: "r2.csv", bytes: Array(bad.utf8))
                Issue.record("a bad round was accepted")
            } catch let problems as FileProblems {
                #expect(
                    problems.problems.map(\.description) == [
                        "r2.csv:2:1: participant 'p1' already attempted 'report' in this round",
                        "r2.csv:3:4: no task test 'unknown'; known: report",
                    ])
            }
            try await store.surveys.recordAttempts(
                workspaceID: workspace.id, roundID: after.id,
                [
                    .init(participant: "q1", task: "report", result: .success, seconds: 30, targetSeconds: 60),
                    .init(participant: "q2", task: "report", result: .success, seconds: 90, targetSeconds: 60),
                ])
            let (rounds, trend) = try await store.surveys.taskTrend(workspaceID: workspace.id)
            #expect(rounds.map(\.name) == ["Before", "After"])
            let report = try #require(trend.first)
            // Before: scores 50, 0, 0 -> 16.667; success 1/3; disaster 1/3; median 120.
            #expect(abs(report.rounds[0].result.score - 50.0 / 3) < 1e-9 && report.rounds[0].result.medianSeconds == 120)
            #expect(abs(report.rounds[0].result.disasterRate - 1.0 / 3) < 1e-12)
            // After: 100 and 66.667 -> 83.333.
            #expect(abs(report.rounds[1].result.score - 250.0 / 3) < 1e-9 && report.easier == true)
            #expect(abs(report.scoreChange! - 200.0 / 3) < 1e-9)
        }
    }

    @Test("a journey change keeps before and after, updates the step and flags cost-shifting", arguments: TestDatabase.available)
    func timeLedger(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.customerModels.addJourney(workspaceID: workspace.id, code: "claim", name: "Make a claim", segment: "home")
            try await store.customerModels.addJourneyStep(
                workspaceID: workspace.id, journey: "claim",
                .init(name: "Report", customerMinutes: 20, organizationMinutes: 25, frequencyPerYear: 0.5, customers: 1200))
            await #expect(throws: StoreError.invalid("customer minutes must be a number, 0 or more")) {
                try await store.customerModels.addJourneyStep(
                    workspaceID: workspace.id, journey: "claim",
                    .init(name: "Bad", customerMinutes: -1, organizationMinutes: 1, frequencyPerYear: 1, customers: 1))
            }
            let stepID = try #require(try await store.customerModels.journeys(workspaceID: workspace.id).first?.steps.first?.id)
            let change = try await store.customerModels.recordJourneyChange(
                workspaceID: workspace.id, journey: "claim", stepID: stepID, title: "Online form", date: "2026-05-01",
                customerMinutesAfter: 30,
                organizationMinutesAfter: 5, now: 10)
            // 600 occurrences a year: customers +10 min each = +100 h; organization -20 min = -200 h.
            #expect(
                abs(change.customerHoursChange - 100) < 1e-9 && abs(change.organizationHoursChange + 200) < 1e-9 && change.isCostShifting)
            let journey = try #require(try await store.customerModels.journeys(workspaceID: workspace.id).first)
            #expect(journey.steps[0].step.customerMinutes == 30 && abs(journey.ledger.annualCustomerHours - 300) < 1e-9)
            #expect(journey.changes.map(\.change) == [change])
            #expect(TimeLedger.balance([change]).last?.cumulativeCustomerHoursSaved == -100)
        }
    }

    @Test("customer-metric answers import all or nothing and give NPS, CSAT and CES as defined", arguments: TestDatabase.available)
    func customerMetrics(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            let csv = """
                respondent,segment,date,metric,value
                a,home,2026-01-05,nps,10
                b,home,2026-01-06,nps,9
                c,smb,2026-01-07,nps,7
                d,smb,2026-02-01,nps,3
                a,home,2026-01-05,csat,5
                b,home,2026-01-06,csat,3
                a,home,2026-01-05,ces,6
                b,home,2026-01-06,ces,2
                a,home,2026-01-05,ttfv,3
                b,home,2026-01-06,ttfv,8
                c,smb,2026-01-07,ttfv,4

                """
            #expect(
                try await store.surveys.importCustomerMetricAnswers(workspaceID: workspace.id, file: "m.csv", bytes: Array(csv.utf8)) == 11)
            let figures = CustomerMetrics.figures(try await store.surveys.customerMetricAnswers(workspaceID: workspace.id))
            let byMetric = Dictionary(uniqueKeysWithValues: figures.map { ($0.metric, $0) })
            #expect(byMetric[.nps]?.score == 25)  // 2 of 4 promoters, 1 of 4 detractors
            #expect(byMetric[.csat]?.score == 50 && byMetric[.ces]?.score == 4 && byMetric[.ces]?.topShare == 0.5)
            #expect(byMetric[.ttfv]?.score == 4)
            let monthly = CustomerMetrics.figures(try await store.surveys.customerMetricAnswers(workspaceID: workspace.id), byMonth: true)
            #expect(monthly.filter { $0.metric == .nps }.map(\.period) == ["2026-01", "2026-02"])

            let bad = "respondent,segment,date,metric,value\na,home,2026-01-05,nps,10\ne,mars,2026-13-01,nps,11\n"
            do {
                _ = try await store.surveys.importCustomerMetricAnswers(workspaceID: workspace.id, file: "bad.csv", bytes: Array(bad.utf8))
                Issue.record("a bad metrics file was accepted")
            } catch let problems as FileProblems {
                #expect(
                    problems.problems.map(\.description) == [
                        "bad.csv:3:8: date '2026-13-01' must be written YYYY-MM-DD",
                        "bad.csv:3:23: an NPS answer must be a whole number 0-10",
                    ])
            }
            let again = "respondent,segment,date,metric,value\na,home,2026-01-05,nps,10\ne,mars,2026-03-01,nps,1\n"
            do {
                _ = try await store.surveys.importCustomerMetricAnswers(
                    workspaceID: workspace.id, file: "again.csv", bytes: Array(again.utf8))
                Issue.record("a stored answer was imported twice")
            } catch let problems as FileProblems {
                #expect(
                    problems.problems.map(\.description) == [
                        "again.csv:2:1: this answer of 'a' on 2026-01-05 is already stored",
                        "again.csv:3:3: unknown segment 'mars'; known segments: home, smb",
                    ])
            }
            #expect(try await store.surveys.customerMetricAnswers(workspaceID: workspace.id).count == 11)
        }
    }

    @Test("the demo's outside view tells its story", arguments: TestDatabase.available)
    func demoStory(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.loadDemo(now: 1_790_000_000)
            let model = try await store.customerModels.model(workspaceID: workspace.id)
            #expect((6...10).contains(model.jobs.count) && (20...40).contains(model.outcomes.count) && model.segments.count == 3)
            #expect(model.unservedJobs.map(\.code) == ["prevent-loss"])
            let surveys = try await store.surveys.all(workspaceID: workspace.id)
            let study = try #require(surveys.first { $0.kind == .outcomeStudy })
            let ratings = try await store.surveys.outcomeRatings(surveyID: study.id)
            #expect((200...500).contains(Set(ratings.map(\.respondent)).count))
            let scores = OutcomeStudy.score(ratings, bySegment: false)
            #expect(
                Set(scores.prefix(3).map(\.outcome)).isSubset(of: [
                    "claim-status-unknown", "repeat-details", "reach-help", "leak-warning", "next-step-time",
                ]))
            #expect(scores.first { $0.outcome == "cover-understanding" }?.status == .overserved)
            let brokers = OutcomeStudy.score(ratings, bySegment: true).filter { $0.segment == "brokers" }
            #expect(brokers.prefix(3).contains { $0.outcome == "broker-quote-time" })
            let vote = try #require(surveys.first { $0.kind == .topTasks })
            let votes = try await store.surveys.taskVotes(surveyID: vote.id)
            #expect(Set(votes.map(\.voter)).count >= 300)
            let ranked = TopTasks.rank(votes, tasks: vote.items.map(\.code))
            #expect(ranked.first?.task == "report-claim" && (3...8).contains(ranked.filter(\.longNeck).count))
            let (rounds, trend) = try await store.surveys.taskTrend(workspaceID: workspace.id)
            #expect(rounds.count == 2)
            #expect(trend.first { $0.task == "tt-report" }?.easier == true && trend.first { $0.task == "tt-renew" }?.easier == false)
            let changes = try await store.customerModels.journeys(workspaceID: workspace.id).flatMap(\.changes).map(\.change)
            #expect(changes.filter(\.isCostShifting).map(\.title) == ["Online claim form replaces phone intake"])
            #expect(TimeLedger.balance(changes).last!.cumulativeCustomerHoursSaved > 0)
            let coverage = try await store.customerModels.outcomeUnitCoverage(workspace: workspace)
            #expect(coverage.campaign != nil && !(coverage.units["claim-status-unknown"] ?? []).isEmpty)
            #expect(coverage.units["leak-warning"] == nil, "no unit names an outcome the assessment never offered")
            let metrics = CustomerMetrics.figures(try await store.surveys.customerMetricAnswers(workspaceID: workspace.id))
            #expect(metrics.map(\.metric) == [.nps, .csat, .ces, .ttfv])
        }
    }
}
