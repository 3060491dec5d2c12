import DNACore
import DNATestSupport
import Foundation
import SQLKit
import Testing

@testable import DNAStore

/// The kept sums (`Store+AssessmentSums`) against scoring every stored answer from scratch,
/// with answers arriving every way they can: imported, sent through the API one at a time
/// (unsummed, then folded) and handed in through links.
@Suite("Kept assessment sums")
struct AssessmentSumsTests {
    @Test("kept sums give the figures of scoring every answer, however the answers came in", arguments: TestDatabase.available)
    func keptSumsMatchScoringFromScratch(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: 40 imported, 130 through the API, 9 through links, over 4 units and 2 roles
            let setup = try await AssessmentStoreTests.setUp(store)
            let workspace = setup.workspace, campaign = setup.campaign
            for code in ["lead", "agent"] {
                _ = try await store.organization.addRole(workspaceID: workspace.id, code: code, name: code, unitID: nil)
            }
            var random = SeededRandom(seed: 11)
            let units = ["hq", "sales", "support", "team"]
            let items = AssessmentStoreTests.instrument.likertItems
            func answer() -> String { random.uniform() < 0.08 ? "dk" : random.uniform() < 0.05 ? "" : String(1 + random.below(5)) }
            let imported = (0..<40).map { index in ("i\(index)", units[index % 4], AssessmentStoreTests.purposeItems.map { _ in answer() })
            }
            _ = try await store.campaigns.importResponses(
                workspaceID: workspace.id, campaignID: campaign.id, file: "r.csv",
                text: AssessmentStoreTests.csv(imported) { $0 % 3 == 0 ? "claim-time" : "" }, now: 1_000_000)
            for index in 0..<130 {
                var answers: [String: String] = [:]
                for item in items { answers[item.id] = answer() }
                answers["line-of-sight"] = index % 4 == 0 ? "claim-time" : "can't say"
                _ = try await store.campaigns.submitResponse(
                    workspaceID: workspace.id, campaignID: campaign.id, respondentKey: "api-\(index)", unitCode: units[random.below(4)],
                    roleCode: index % 5 == 0 ? nil : ["lead", "agent"][index % 2], answers: answers, now: 1_000_000)
            }
            let hashes = (0..<9).map { "link-\($0)" }
            try await store.campaigns.addRespondentTokens(
                workspaceID: workspace.id, campaignID: campaign.id, unitID: setup.units["team"]!, tokenHashes: hashes, now: 1_000_000)
            for hash in hashes {
                let likert = items.map { _ in Int8(random.below(6)) }
                try await store.campaigns.saveRespondentAnswers(
                    tokenHash: hash, answers: RespondentAnswers(unitID: nil, roleID: nil, likert: likert, outcome: nil, texts: [:]),
                    submit: true, now: 1_000_000)
            }

            // MUT + validation, for every cut, while answers are unsummed, after a fold and after a rebuild
            #expect(try await Self.unsummed(store, campaign.id) == 139, "link and API answers wait unsummed")
            try await Self.expectScratchFigures(store, setup)
            // Reading with more than `foldAbove` unsummed folds them off the request's path.
            for _ in 0..<100 where !store.folding.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
            #expect(
                try await Self.unsummed(store, campaign.id) == CampaignRepository.unsummedFloor, "the newest hide among the floor's number")
            #expect(try await store.campaigns.foldSums(campaign: campaign) == 0)
            try await Self.expectScratchFigures(store, setup)
            try await store.write { db in
                try await db.update("campaigns").set("sums_plan", to: SQLBind("another-plan")).where("id", .equal, SQLBind(campaign.id))
                    .run()
            }
            // Readers that find stale sums at once take turns; each gets the full figures.
            let counts = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await store.scorecards.scorecard(workspace: workspace, campaign: campaign, breakdown: .none).result.overall
                            .scores?.n
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(counts == [Int?](repeating: 179, count: 6))
            try await Self.expectScratchFigures(store, setup)
            #expect(try await Self.unsummed(store, campaign.id) == CampaignRepository.unsummedFloor)
            let kept = try await store.read { db in
                try await db.select().column("sums_plan").from("campaigns").where("id", .equal, SQLBind(campaign.id)).first()!
                    .decode(column: "sums_plan", as: String.self)
            }
            #expect(kept == (try await store.campaigns.sumsPlan(of: campaign)).fingerprint, "a rebuild keeps the sums under the plan")

            // Another process adds answers: this one's decoded copy of the kept sums is not reused.
            let before = try await store.scorecards.scorecard(workspace: workspace, campaign: campaign, breakdown: .none)
            let other = try await Store.open(store.location)
            let more = (0..<7).map { index in ("late\(index)", "sales", AssessmentStoreTests.purposeItems.map { _ in "4" }) }
            _ = try await other.campaigns.importResponses(
                workspaceID: workspace.id, campaignID: campaign.id, file: "late.csv", text: AssessmentStoreTests.csv(more), now: 1_000_000)
            await other.close()
            let after = try await store.scorecards.scorecard(workspace: workspace, campaign: campaign, breakdown: .none)
            #expect(after.result.overall.scores?.n == (before.result.overall.scores?.n ?? 0) + 7)
            try await Self.expectScratchFigures(store, setup)
        }
    }

    @Test("the trend from kept sums equals Welch's test on the two waves' answers", arguments: TestDatabase.available)
    func trendFromSums(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await AssessmentStoreTests.setUp(store, now: 1_000_000)
            let second = try await store.campaigns.create(
                workspaceID: setup.workspace.id, name: "Wave 2", instrument: .builtIn("customer-dna"), opensAt: 2_000_000,
                closesAt: 3_000_000, population: [setup.units["sales"]!: 30], now: 1_999_000)
            var random = SeededRandom(seed: 5)
            for (campaign, shift) in [(setup.campaign, 0), (second, 1)] {
                let people = (0..<25).map { index in
                    ("p\(index)", "sales", AssessmentStoreTests.purposeItems.map { _ in String(min(5, 1 + random.below(4) + shift)) })
                }
                _ = try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: campaign.id, file: "r.csv", text: AssessmentStoreTests.csv(people),
                    now: 1_000_000)
            }
            let scorecard = try await store.scorecards.scorecard(workspace: setup.workspace, campaign: second, breakdown: .unit)
            #expect(scorecard.previous?.id == setup.campaign.id)
            let instrument = AssessmentStoreTests.instrument
            func wave(_ campaign: Campaign) async throws -> AssessmentTrend.Wave {
                let responses = try await store.campaigns.assessmentResponses(campaign: campaign, instrument: instrument)
                return .init(instrument: instrument, responses: responses, members: Array(responses.respondents.indices))
            }
            let expected = AssessmentTrend.compare(previous: try await wave(setup.campaign), current: try await wave(second))
            let changes = scorecard.trend(of: "all")
            #expect(changes.count == expected.count && !changes.isEmpty)
            for (got, want) in zip(changes, expected) {
                #expect(got.framework == want.framework && got.dimension == want.dimension)
                #expect(abs(got.mean - want.mean) < 1e-9 && abs(got.previousMean - want.previousMean) < 1e-9)
                #expect(abs((got.pValue ?? -1) - (want.pValue ?? -1)) < 1e-9)
            }
            #expect(scorecard.trend(of: "sales").count == expected.count, "a unit shown in both waves has its trend too")
        }
    }

    /// The scorecard by unit, by role and for everyone equals scoring every stored answer with
    /// the full scorer.
    static func expectScratchFigures(_ store: Store, _ setup: AssessmentStoreTests.Setup) async throws {
        let instrument = AssessmentStoreTests.instrument
        let responses = try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: instrument)
        let members = { (codes: Set<String>) in responses.respondents.indices.filter { codes.contains(responses.respondents[$0].unit) } }
        let roleMembers = { (code: String) in responses.respondents.indices.filter { responses.respondents[$0].role == code } }
        let cuts: [(AssessmentScoring.Breakdown, [AssessmentScoring.Group])] = [
            (.none, []),
            (
                .unit,
                [
                    .init(name: "hq", members: members(["hq", "sales", "support", "team"])),
                    .init(name: "sales", members: members(["sales"]), parent: 0),
                    .init(name: "support", members: members(["support", "team"]), parent: 0),
                    .init(name: "team", members: members(["team"]), parent: 2),
                ]
            ),
            (.role, [.init(name: "agent", members: roleMembers("agent")), .init(name: "lead", members: roleMembers("lead"))]),
        ]
        for (breakdown, groups) in cuts {
            let options = AssessmentScoring.Options(
                breakdown: breakdown, minGroupSize: setup.workspace.minGroupSize, frameworks: BuiltInFrameworks.all)
            let expected = AssessmentScoring.score(instrument: instrument, responses: responses, groups: groups, options: options)
            let scorecard = try await store.scorecards.scorecard(workspace: setup.workspace, campaign: setup.campaign, breakdown: breakdown)
            #expect(scorecard.result.overall.scores?.n == responses.respondents.count)
            expectClose(scorecard.result, expected, "\(breakdown)")
        }
    }

    static func expectClose(_ got: AssessmentResult, _ want: AssessmentResult, _ label: String) {
        let pairs = zip([got.overall] + got.groups, [want.overall] + want.groups)
        #expect(got.groups.count == want.groups.count, "\(label): groups")
        for (a, b) in pairs {
            #expect(a.group == b.group && (a.scores == nil) == (b.scores == nil), "\(label): \(a.group) shown alike")
            guard let a = a.scores, let b = b.scores else { continue }
            #expect(a.n == b.n && a.dimensions.count == b.dimensions.count, "\(label): \(a.group) n and dimensions")
            func near(_ x: Double?, _ y: Double?) -> Bool {
                switch (x, y) {
                case (nil, nil): true
                case (let x?, let y?): abs(x - y) <= 1e-9 * max(1, abs(x))
                default: false
                }
            }
            #expect(near(a.lineOfSightCoverage, b.lineOfSightCoverage), "\(label): \(a.group) coverage")
            for (x, y) in zip(a.dimensions, b.dimensions) {
                #expect(
                    x.framework == y.framework && x.dimension == y.dimension && x.n == y.n && near(x.mean, y.mean) && near(x.sd, y.sd)
                        && near(x.ci95Low, y.ci95Low) && near(x.favorable, y.favorable) && near(x.unfavorable, y.unfavorable)
                        && near(x.alpha, y.alpha), "\(label): \(a.group) \(x.framework)/\(x.dimension)")
            }
        }
    }

    static func unsummed(_ store: Store, _ campaignID: String) async throws -> Int {
        try await store.read { db in
            try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("responses").where("campaign_id", .equal, SQLBind(campaignID))
                .where("summed", .equal, SQLLiteral.numeric("0")).where("submitted_at", .isNot, SQLLiteral.null).first()!
                .decode(column: "n", as: Int.self)
        }
    }
}
