import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

/// Campaigns, respondent links, imports and stored scorecards, on every database.
@Suite("Assessment store")
struct AssessmentStoreTests {
    static let orgChart = "unit,parent,name\nhq,,Head office\nsales,hq,Sales\nsupport,hq,Support\nteam,support,Support team\n"
    static let instrument = BuiltInInstruments.customerDNA
    static let purposeItems = instrument.likertItems.filter {
        $0.dimensions.contains { $0.framework == "os-canvas" && $0.dimension == "purpose" }
    }

    struct Setup {
        var workspace: Workspace
        var campaign: Campaign
        var units: [String: String]
    }

    static func setUp(_ store: Store, now: Int64 = 1_000_000) async throws -> Setup {
        let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
        _ = try await store.organization.importOrgChart(workspaceID: workspace.id, file: "org.csv", text: orgChart)
        _ = try await store.customerModels.addCustomerOutcome(
            workspaceID: workspace.id, code: "claim-time", direction: .minimize, metric: "the time it takes", object: "to settle a claim")
        let units = Dictionary(uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.code, $0.id) })
        let campaign = try await store.campaigns.create(
            workspaceID: workspace.id, name: "Wave 1", instrument: .builtIn("customer-dna"), opensAt: now - 100, closesAt: now + 1000,
            population: [units["sales"]!: 10, units["support"]!: 8, units["team"]!: 4, units["hq"]!: 3], now: now - 200)
        return Setup(workspace: workspace, campaign: campaign, units: units)
    }

    /// A wide CSV: `people` as (id, unit, purpose answers in item order); other items blank.
    static func csv(_ people: [(String, String, [String])], outcome: (Int) -> String = { _ in "" }) -> String {
        let header = "respondent,unit,role," + purposeItems.map(\.id).joined(separator: ",") + ",line-of-sight"
        let rows = people.enumerated().map { index, person in
            ([person.0, person.1, ""] + person.2 + [outcome(index)]).joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    @Test("a respondent link saves partial answers, resumes, and hands in exactly once", arguments: TestDatabase.available)
    func respondentLink(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await Self.setUp(store)
            try await store.campaigns.addRespondentTokens(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, unitID: setup.units["sales"]!, tokenHashes: ["hash-a"],
                now: 1_000_000)
            let fresh = try #require(try await store.campaigns.respondentSession(tokenHash: "hash-a"))
            #expect(fresh.answers == nil && fresh.issuedUnitID == setup.units["sales"])
            var answers = RespondentAnswers(
                unitID: nil, roleID: nil, likert: [Int8](repeating: 0, count: Self.instrument.likertItems.count), outcome: nil, texts: [:])
            answers.likert[0] = 4
            answers.likert[1] = AssessmentResponses.dontKnow
            try await store.campaigns.saveRespondentAnswers(tokenHash: "hash-a", answers: answers, submit: false, now: 1_000_000)
            let resumed = try #require(try await store.campaigns.respondentSession(tokenHash: "hash-a"))
            #expect(resumed.answers?.likert[0] == 4 && resumed.answers?.likert[1] == -1)
            #expect(resumed.answers?.unitID == setup.units["sales"])

            answers.outcome = "no-such-outcome"
            await #expect(throws: StoreError.self) {
                try await store.campaigns.saveRespondentAnswers(tokenHash: "hash-a", answers: answers, submit: false, now: 1_000_000)
            }
            answers.outcome = "claim-time"
            answers.texts = ["value-in-own-words": "I settle claims fast."]
            try await store.campaigns.saveRespondentAnswers(tokenHash: "hash-a", answers: answers, submit: true, now: 1_000_001)
            // Handed in: the link is gone, so nothing leads from it to the answers.
            #expect(try await store.campaigns.respondentSession(tokenHash: "hash-a") == nil)
            await #expect(throws: StoreError.notFound(CampaignRepository.spentOrUnknownLink)) {
                try await store.campaigns.saveRespondentAnswers(tokenHash: "hash-a", answers: answers, submit: true, now: 1_000_002)
            }
            let responses = try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: Self.instrument)
            #expect(responses.respondents.count == 1)
            #expect(responses.respondents[0].unit == "sales" && responses.respondents[0].outcome == "claim-time")
            #expect(responses.answer(respondent: 0, item: 0) == 4)
            #expect(try await store.campaigns.respondentSession(tokenHash: "unknown") == nil)
        }
    }

    @Test("answers are refused before a campaign opens and after it closes", arguments: TestDatabase.available)
    func window(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await Self.setUp(store)
            try await store.campaigns.addRespondentTokens(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, unitID: setup.units["sales"]!, tokenHashes: ["h"], now: 1)
            let answers = RespondentAnswers(
                unitID: nil, roleID: nil, likert: [Int8](repeating: 0, count: Self.instrument.likertItems.count), outcome: nil, texts: [:])
            await #expect(throws: StoreError.conflict("this survey has not opened yet")) {
                try await store.campaigns.saveRespondentAnswers(tokenHash: "h", answers: answers, submit: false, now: 1)
            }
            try await store.campaigns.setCampaignClose(workspaceID: setup.workspace.id, id: setup.campaign.id, closesAt: 1_000_000)
            await #expect(throws: StoreError.conflict("this survey is closed")) {
                try await store.campaigns.saveRespondentAnswers(tokenHash: "h", answers: answers, submit: false, now: 1_000_000)
            }
        }
    }

    @Test("a responses import is all or nothing and names every bad cell", arguments: TestDatabase.available)
    func importAllOrNothing(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await Self.setUp(store)
            let bad = Self.csv([("r1", "sales", ["4", "5", "2"]), ("r2", "nowhere", ["4", "6", "2"]), ("r3", "team", ["dk", "", "1"])])
            let problems = await #expect(throws: FileProblems.self) {
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: bad, now: 1_000_000)
            }
            // Values and codes are checked in the same pass, so one report names both.
            let lines = problems?.description.split(separator: "\n").map(String.init) ?? []
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.hasPrefix("r.csv:3:") })
            #expect(lines.first == "r.csv:3:4: 'nowhere' is not a unit code of this workspace")
            #expect(lines.last?.contains("'6' is not an answer") == true)
            #expect(
                try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: Self.instrument).respondents.isEmpty)

            let unknownUnit = Self.csv([("r1", "sales", ["4", "5", "2"]), ("r2", "nowhere", ["4", "4", "2"])])
            let unitProblems = await #expect(throws: FileProblems.self) {
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: unknownUnit, now: 1_000_000)
            }
            #expect(unitProblems?.description == "r.csv:3:4: 'nowhere' is not a unit code of this workspace")

            let good = Self.csv([("r1", "sales", ["4", "5", "2"])])
            #expect(
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: good, now: 1_000_000) == 1)
            let again = await #expect(throws: FileProblems.self) {
                try await store.campaigns.importResponses(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: good, now: 1_000_000)
            }
            #expect(again?.description.contains("r.csv:2:1: respondent 'r1' is already in this campaign") == true)
        }
    }

    /// Purpose scores computed directly from the raw answers, without DNACore's scoring.
    static func expectedPurpose(_ rows: [[String]]) -> (mean: Double, favorable: Double, n: Int) {
        var means: [Double] = []
        var favorable = 0, answers = 0
        for row in rows {
            var values: [Double] = []
            for (index, text) in row.enumerated() {
                guard let raw = Double(text) else { continue }
                let value = purposeItems[index].reverse ? 6 - raw : raw
                values.append(value)
                if value >= 4 { favorable += 1 }
                answers += 1
            }
            if !values.isEmpty { means.append(values.reduce(0, +) / Double(values.count)) }
        }
        return (means.reduce(0, +) / Double(means.count), Double(favorable) / Double(answers), means.count)
    }

    @Test("a stored scorecard matches an independent computation and hides small groups", arguments: TestDatabase.available)
    func scorecard(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await Self.setUp(store)
            var people: [(String, String, [String])] = []
            var random = SeededRandom(seed: 7)
            let layout = [("hq", 2), ("sales", 8), ("support", 3), ("team", 3)]
            for (unit, count) in layout {
                for index in 0..<count {
                    let answers = (0..<Self.purposeItems.count).map { _ in
                        random.uniform() < 0.1 ? "dk" : String(1 + random.below(5))
                    }
                    people.append(("\(unit)-\(index)", unit, answers))
                }
            }
            let text = Self.csv(people) { $0 % 2 == 0 ? "claim-time" : "" }
            _ = try await store.campaigns.importResponses(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, file: "r.csv", text: text, now: 1_000_000)
            let scorecard = try await store.scorecards.scorecard(workspace: setup.workspace, campaign: setup.campaign, breakdown: .unit)

            let overall = try #require(scorecard.result.overall.scores)
            let expected = Self.expectedPurpose(people.map(\.2))
            let purpose = try #require(overall.dimension("os-canvas", "purpose"))
            #expect(overall.n == 16 && purpose.n == expected.n)
            #expect(abs(purpose.mean - expected.mean) < 1e-12)
            #expect(abs(purpose.favorable - expected.favorable) < 1e-12)
            #expect(abs((overall.lineOfSightCoverage ?? 0) - 8.0 / 16.0) < 1e-12)

            // hq (16) shows; under it sales (8) shows, while support (6) is hidden because the
            // 2 people in hq itself would otherwise be recoverable; team (3) is under k.
            let shown = Dictionary(uniqueKeysWithValues: scorecard.result.groups.map { ($0.group, $0.scores != nil) })
            #expect(shown == ["hq": true, "sales": true, "support": false, "team": false])
            let sales = try #require(scorecard.result.groups.first { $0.group == "sales" }?.scores?.dimension("os-canvas", "purpose"))
            let expectedSales = Self.expectedPurpose(people.filter { $0.1 == "sales" }.map(\.2))
            #expect(abs(sales.mean - expectedSales.mean) < 1e-12)

            let json = AnalysisOutput.json(scorecard)
            #expect(json.contains("\"suppressed\" : true"))
            let byRole = try await store.scorecards.scorecard(workspace: setup.workspace, campaign: setup.campaign, breakdown: .role)
            #expect(byRole.result.groups.isEmpty)
        }
    }

    @Test("the demo has two waves whose trend shows the gains of the second", arguments: TestDatabase.available)
    func demoWaves(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.loadDemo(now: 1_800_000_000)
            let campaigns = try await store.campaigns.all(workspaceID: workspace.id)
            #expect(campaigns.map(\.name) == ["Pulse, autumn", "Baseline, spring"])
            let scorecard = try await store.scorecards.scorecard(workspace: workspace, campaign: campaigns[0])
            #expect((scorecard.result.overall.scores?.n ?? 0) > 250)
            #expect(scorecard.previous?.name == "Baseline, spring")
            let innovation = try #require(scorecard.trend(of: "all").first { $0.framework == "os-canvas" && $0.dimension == "innovation" })
            #expect(innovation.change > 0 && (innovation.pValue ?? 1) < 0.05)
            // The executive office has four people: it never appears.
            #expect(scorecard.result.groups.first { $0.group == "exec" }?.scores == nil)
            // Every outcome the waves name is in the customer model, which has more besides.
            let stored = Set(try await store.customerModels.customerOutcomes(workspaceID: workspace.id).map(\.code))
            #expect(Set(DemoOrganization.outcomes.map(\.code)).isSubset(of: stored))
            #expect(stored.count == DemoCustomerModel.model.outcomes.count)
            #expect(
                !(try await store.scorecards.tensions(workspaceID: workspace.id, framework: "os-canvas", dimension: "authority")).isEmpty)
        }
    }

    @Test("an API response is checked item by item", arguments: TestDatabase.available)
    func apiResponse(database: TestDatabase) async throws {
        try await database.withStore { store in
            let setup = try await Self.setUp(store)
            await #expect(
                throws: StoreError.invalid(
                    "answers.nope: not an item of instrument 'customer-dna'; answers.purpose-customers: '7' is not an answer to likert item 'purpose-customers': expected 1-5, dk or empty"
                )
            ) {
                try await store.campaigns.submitResponse(
                    workspaceID: setup.workspace.id, campaignID: setup.campaign.id, respondentKey: "x", unitCode: "sales", roleCode: nil,
                    answers: ["purpose-customers": "7", "nope": "1"], now: 1_000_000)
            }
            _ = try await store.campaigns.submitResponse(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, respondentKey: "x", unitCode: "sales", roleCode: nil,
                answers: ["purpose-customers": "5", "line-of-sight": "claim-time"], now: 1_000_000)
            let responses = try await store.campaigns.assessmentResponses(campaign: setup.campaign, instrument: Self.instrument)
            #expect(responses.respondents.map(\.outcome) == ["claim-time"])
            let progress = try await store.campaigns.campaignProgress(workspace: setup.workspace, campaignID: setup.campaign.id)
            #expect(progress.submitted == 1 && progress.invited == 25)
            // Units with fewer than k invited show no count.
            #expect(progress.units.first { $0.unitCode == "team" }?.submitted == nil)
            #expect(progress.units.first { $0.unitCode == "sales" }?.submitted == 1)
        }
    }
}
