import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

/// The line of sight and the improvement loop in the store, on every database: the graph and
/// its YAML, evidence search, the decision log's figures, metrics and objectives.
@Suite("Line of sight store")
struct LineOfSightStoreTests {
    static let graphYAML = """
        nodes:
          - {id: win, type: strategy, title: Win on claims}
          - {id: cost, type: strategy, title: Cut cost}
          - {id: platform, type: capability, title: Claims platform}
          - {id: photos, type: initiative, title: Photo claims, effort: 3, budget: 100}
          - {id: intranet, type: initiative, title: Intranet, effort: 1, budget: 300}
          - {id: o1, type: outcome, title: ignored; the customer model words it}
          - {id: keep, type: impact, title: Retention}
        edges:
          - {from: win, to: platform}
          - {from: platform, to: photos}
          - {from: photos, to: o1}
          - {from: o1, to: keep}
          - {from: cost, to: intranet}
        metrics:
          - {id: report-minutes, measures: o1}

        """

    static func setUp(_ store: Store) async throws -> Workspace {
        let workspace = try await store.workspaces.create(slug: "acme", name: "Acme", now: 1)
        _ = try await store.customerModels.importCustomerModel(
            workspaceID: workspace.id, file: "model.yaml", text: CustomerModelStoreTests.modelYAML)
        _ = try await store.organization.importOrgChart(
            workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nclaims,,Claims\nit,,IT\n")
        return workspace
    }

    @Test(
        "a graph larger than one insert statement goes in whole, in file order, and a second import changes only what differs",
        arguments: TestDatabase.available)
    func largeGraph(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: 1,200 initiatives under 3 capabilities and 1,500 edges (three statements each)
            let workspace = try await Self.setUp(store)
            let capabilities = (0..<3).map { "  - {id: cap-\($0), type: capability, title: Capability \($0)}" }
            let initiatives = (0..<1_200).map { "  - {id: ini-\($0), type: initiative, title: Initiative \($0), effort: 1, budget: 10}" }
            let edges = (0..<1_500).map { "  - {from: cap-\($0 / 500), to: ini-\($0 % 1_200)}" }
            let text =
                "nodes:\n" + (capabilities + initiatives).joined(separator: "\n") + "\nedges:\n" + edges.joined(separator: "\n") + "\n"
            // MUT
            let first = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: text)
            // validation
            #expect(first == LineOfSightImportSummary(nodesAdded: 1_203, nodesUpdated: 0, edgesAdded: 1_500, metricsCreated: []))
            var graph = try await store.lineOfSight.model(workspaceID: workspace.id)
            #expect(graph.nodes.map(\.code) == (0..<3).map { "cap-\($0)" } + (0..<1_200).map { "ini-\($0)" })
            #expect(graph.edges.count == 1_500)
            let renamed = text.replacingOccurrences(of: "title: Initiative 7,", with: "title: Photo claims,")
            let second = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: renamed)
            #expect(second == LineOfSightImportSummary(nodesAdded: 0, nodesUpdated: 1_203, edgesAdded: 0, metricsCreated: []))
            graph = try await store.lineOfSight.model(workspaceID: workspace.id)
            #expect(graph.nodes.first { $0.code == "ini-7" }?.title == "Photo claims")
            #expect(graph.nodes.first { $0.code == "ini-8" }?.title == "Initiative 8")
        }
    }

    @Test("a model file imports, checks and exports to YAML that `analyze` reads to the same findings", arguments: TestDatabase.available)
    func graphRoundTrip(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            let summary = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            #expect(summary == LineOfSightImportSummary(nodesAdded: 7, nodesUpdated: 0, edgesAdded: 5, metricsCreated: ["report-minutes"]))
            let graph = try await store.lineOfSight.model(workspaceID: workspace.id)
            // The outcome node takes the customer model's wording.
            #expect(graph.nodes.first { $0.code == "o1" }?.title == "Minimize the time it takes to report damage")
            #expect(try await store.lineOfSight.metricDefinitions(workspaceID: workspace.id).map(\.kind) == [.customerValue])

            let report = try await store.lineOfSight.lineOfSightReport(workspaceID: workspace.id)
            #expect(
                Set(report.findings.map { "\($0.kind.rawValue) \($0.node)" }) == [
                    "inside-out intranet", "no-evidence win", "no-evidence cost", "unmeasured keep",
                ])
            #expect(report.coverage.withLineOfSight == 1 && report.coverage.initiatives == 2)
            #expect(report.coverage.effortShare == 0.75 && report.coverage.budgetShare == 0.25)

            let exported = try await store.lineOfSight.exportLineOfSight(workspaceID: workspace.id)
            #expect(LineOfSightCheck.check(try LineOfSightLoader.load(file: "export.yaml", text: exported)) == report)
            // Importing the export again changes nothing but counts the nodes as updated.
            let again = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "export.yaml", text: exported)
            #expect(again == LineOfSightImportSummary(nodesAdded: 0, nodesUpdated: 7, edgesAdded: 0, metricsCreated: []))
            #expect(try await store.lineOfSight.model(workspaceID: workspace.id) == graph)
        }
    }

    @Test(
        "wrong edges, unknown outcomes and evidence, and type changes are refused with their lines; nothing is written",
        arguments: TestDatabase.available)
    func importProblems(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            let before = try await store.lineOfSight.model(workspaceID: workspace.id)
            let bad = """
                nodes:
                  - {id: new, type: initiative, title: New}
                  - {id: ghost-outcome, type: outcome, title: Not in the model}
                  - {id: win, type: initiative, title: Now an initiative}
                edges:
                  - {from: o1, to: photos}
                  - {from: new, to: nowhere}
                evidence:
                  - {id: e9, supports: cost}

                """
            let problems = await #expect(throws: FileProblems.self) {
                try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "bad.yaml", text: bad)
            }
            #expect(
                problems?.problems.map(\.description) == [
                    "bad.yaml:3:5: outcome 'ghost-outcome' is not in the customer model; add it there first",
                    "bad.yaml:4:5: 'win' is a strategy in this workspace; the file makes it a initiative",
                    "bad.yaml:6:5: o1 -> photos: an edge may not go outcome -> initiative: value flows strategy -> capability -> initiative -> outcome -> impact; did you mean initiative -> outcome?",
                    "bad.yaml:7:5: edge new -> nowhere names 'nowhere', a node in neither the file nor the workspace",
                    "bad.yaml:9:5: evidence 'e9' is not in the evidence repository; add it there first",
                ])
            #expect(try await store.lineOfSight.model(workspaceID: workspace.id) == before)

            // The same rule on a single edge, and nodes that do not exist.
            await #expect(
                throws: StoreError.invalid(
                    "keep -> win: an edge may not go impact -> strategy: value flows strategy -> capability -> initiative -> outcome -> impact; no edge may start at impact nodes"
                )
            ) {
                try await store.lineOfSight.addEdge(workspaceID: workspace.id, from: "keep", to: "win")
            }
            await #expect(throws: StoreError.notFound("no node 'nope' in the line of sight")) {
                try await store.lineOfSight.addEdge(workspaceID: workspace.id, from: "nope", to: "win")
            }
            await #expect(
                throws: StoreError.invalid("outcome 'o9' is not in the customer model; add it there first, or use one of its outcome codes")
            ) {
                try await store.lineOfSight.saveNode(workspaceID: workspace.id, .init(code: "o9", type: .outcome, title: ""))
            }
            // Removing the outcome turns the photo initiative inside-out.
            try await store.lineOfSight.deleteNode(workspaceID: workspace.id, code: "o1")
            let report = try await store.lineOfSight.lineOfSightReport(workspaceID: workspace.id)
            #expect(Set(report.findings.filter { $0.kind == .insideOut }.map(\.node)) == ["photos", "intranet"])
        }
    }

    @Test("evidence search finds every word, stemmed, on both databases, and tags and links are checked", arguments: TestDatabase.available)
    func evidenceSearch(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            let items: [(String, String)] = [
                ("Customers waited forty minutes to report claims", "Phone queue in January"),
                ("Brokers want quotes the same day", "Three broker interviews"),
                ("The claim tracker cut status calls", "Claiming customers call less"),
                ("Renewal letters arrive late", ""),
            ]
            for (title, text) in items {
                try await store.lineOfSight.addEvidence(
                    workspaceID: workspace.id,
                    EvidenceItem(code: "", kind: .observation, source: .interview, title: title, text: text, capturedOn: "2026-03-01"))
            }
            func codes(_ query: String) async throws -> Set<String> {
                Set(try await store.lineOfSight.evidence(workspaceID: workspace.id, search: query).map(\.code))
            }
            #expect(try await codes("claim") == ["E1", "E3"])  // "claims" and "claim" share a stem
            #expect(try await codes("claims customers") == ["E1", "E3"])
            #expect(try await codes("broker quote") == ["E2"])
            #expect(try await codes("queue") == ["E1"])  // the text is searched too
            #expect(try await codes("renewal tracker") == [])  // every word must match
            #expect(try await codes("\"status\" OR -(calls*") == ["E3"])  // search syntax is read as words
            #expect(try await codes("") == ["E1", "E2", "E3", "E4"])

            await #expect(
                throws: StoreError.invalid(
                    "tag 'os-canvas/speed' is not a framework dimension; write framework/dimension, e.g. os-canvas/workflow")
            ) {
                try await store.lineOfSight.addEvidence(
                    workspaceID: workspace.id,
                    EvidenceItem(code: "", kind: .quote, source: .review, title: "x", capturedOn: "2026-03-01", tags: ["os-canvas/speed"]))
            }
            await #expect(throws: StoreError.invalid("no hypothesis 'H1' to link evidence 'E1' to")) {
                try await store.lineOfSight.linkEvidence(workspaceID: workspace.id, evidence: "E1", .init(target: .hypothesis, code: "H1"))
            }
            try await store.lineOfSight.linkEvidence(workspaceID: workspace.id, evidence: "E1", .init(target: .node, code: "win"))
            try await store.lineOfSight.linkEvidence(
                workspaceID: workspace.id, evidence: "E2", .init(target: .node, code: "cost", stance: .contradicts))
            let report = try await store.lineOfSight.lineOfSightReport(workspaceID: workspace.id)
            // Supporting evidence counts; contradicting evidence does not make a theory evidenced.
            #expect(report.findings.filter { $0.kind == .noEvidence }.map(\.node) == ["cost"])
            try await store.lineOfSight.addEvidence(
                workspaceID: workspace.id,
                EvidenceItem(
                    code: "E9", kind: .dataPoint, source: .analytics, title: "Tagged", capturedOn: "2026-03-02",
                    tags: ["layers/strategy/customer", "obsession/humility"], links: [.init(target: .outcome, code: "o1")]))
            let tagged = try await store.lineOfSight.evidence(workspaceID: workspace.id, search: "tagged")
            #expect(tagged.first?.tags == ["layers/strategy/customer", "obsession/humility"])
            #expect(tagged.first?.links == [.init(target: .outcome, code: "o1")])
        }
    }

    @Test("humility and agility from the decision log equal a hand count", arguments: TestDatabase.available)
    func decisionFigures(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            try await store.lineOfSight.saveNode(
                workspaceID: workspace.id,
                .init(
                    code: "photos", type: .initiative, title: "Photo claims", effort: 3, budget: 100, status: .shipped,
                    shippedOn: "2026-05-01"))
            for (code, day) in [("E1", "2026-01-01"), ("E2", "2026-02-20")] {
                try await store.lineOfSight.addEvidence(
                    workspaceID: workspace.id, EvidenceItem(code: code, kind: .quote, source: .interview, title: code, capturedOn: day))
            }
            // D1 (claims, Q1) cites E1 and E2 and starts photos; D2 (claims, Q2) cites nothing;
            // D3 (it, Q2) cites E2, captured after the decision.
            try await store.lineOfSight.logDecision(
                workspaceID: workspace.id,
                DecisionRecord(
                    code: "", title: "Build photo claims", options: ["Photos", "Phone"], chosen: "Photos", involvement: .partner,
                    unit: "claims",
                    decidedOn: "2026-03-01", initiative: "photos", evidence: ["E1", "E2"]))
            try await store.lineOfSight.logDecision(
                workspaceID: workspace.id, DecisionRecord(code: "", title: "Hire two handlers", unit: "claims", decidedOn: "2026-04-10"))
            try await store.lineOfSight.logDecision(
                workspaceID: workspace.id,
                DecisionRecord(code: "", title: "Move servers", unit: "it", decidedOn: "2026-02-01", evidence: ["E2"]))
            await #expect(throws: StoreError.invalid("the chosen option 'Fax' is not one of the options listed")) {
                try await store.lineOfSight.logDecision(
                    workspaceID: workspace.id, DecisionRecord(code: "", title: "x", options: ["A"], chosen: "Fax", decidedOn: "2026-04-10"))
            }
            await #expect(throws: StoreError.notFound("no evidence 'E7'")) {
                try await store.lineOfSight.logDecision(
                    workspaceID: workspace.id, DecisionRecord(code: "", title: "x", decidedOn: "2026-04-10", evidence: ["E7"]))
            }
            let decisions = try await store.lineOfSight.decisions(workspaceID: workspace.id)
            #expect(decisions.map(\.code) == ["D3", "D1", "D2"])
            #expect(decisions.first { $0.code == "D1" }?.evidence == ["E1", "E2"])

            let (humility, agility) = try await store.lineOfSight.loopFigures(workspaceID: workspace.id)
            #expect(humility.overall == .init(group: nil, decisions: 3, citingEvidence: 2, share: 2.0 / 3))
            #expect(
                humility.byUnit == [
                    .init(group: "claims", decisions: 2, citingEvidence: 1, share: 0.5),
                    .init(group: "it", decisions: 1, citingEvidence: 1, share: 1),
                ])
            #expect(humility.byQuarter.map(\.group) == ["2026-Q1", "2026-Q2"])
            #expect(humility.byQuarter.map(\.share) == [1, 0])
            let d1 = agility.leadTimes.first { $0.decision == "D1" }
            // Signal 2026-01-01 (the earliest cited), decided 2026-03-01 (59 days), shipped 2026-05-01 (61 days).
            #expect(d1?.signalOn == "2026-01-01" && d1?.signalToDecision == 59 && d1?.decisionToShip == 61 && d1?.signalToShip == 120)
            // D3 cites only evidence captured after it: no signal.
            #expect(agility.leadTimes.first { $0.decision == "D3" }?.signalOn == nil)
            #expect(agility.overall.signalToDecision?.median == 59 && agility.overall.signalToDecision?.n == 1)
            #expect(agility.shippedPerMonth == [.init(month: "2026-05", initiatives: 1)])
        }
    }

    @Test(
        "metrics, values and objectives: a pair must be one customer-value and one business-value metric", arguments: TestDatabase.available
    )
    func metricsAndObjectives(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            try await store.lineOfSight.saveMetric(
                workspaceID: workspace.id,
                .init(code: "retention", name: "Retention", kind: .businessValue, unit: "%", target: 88, node: "keep"))
            try await store.lineOfSight.saveMetric(
                workspaceID: workspace.id,
                .init(
                    code: "report-minutes", name: "Minutes to report", kind: .customerValue, unit: "min", direction: .down, target: 10,
                    node: "o1"))
            await #expect(throws: StoreError.invalid("'retention' measures value to the business; pair a customer-value metric")) {
                try await store.lineOfSight.saveObjective(
                    workspaceID: workspace.id, .init(code: "x", title: "X", customerMetric: "retention", businessMetric: "report-minutes"))
            }
            try await store.lineOfSight.saveObjective(
                workspaceID: workspace.id,
                .init(code: "fast", title: "Fast claims", customerMetric: "report-minutes", businessMetric: "retention", strategy: "win"))
            await #expect(
                throws: StoreError.invalid(
                    "objective 'fast' would no longer pair its metrics: 'retention' measures value to the customer; pair a business-value metric"
                )
            ) {
                try await store.lineOfSight.saveMetric(
                    workspaceID: workspace.id, .init(code: "retention", name: "Retention", kind: .customerValue))
            }
            let csv = "metric,date,value\nreport-minutes,2026-01-31,27\nretention,2026-01-31,84.5\nreport-minutes,2026-02-28,12\n"
            #expect(try await store.lineOfSight.importMeasurements(workspaceID: workspace.id, file: "v.csv", bytes: Array(csv.utf8)) == 3)
            let bad =
                "metric,date,value\nreport-minutes,2026-02-30,1\nspeed,2026-03-01,2\nretention,2026-03-01,lots\nretention,2026-03-01,3\n"
            let problems = await #expect(throws: FileProblems.self) {
                try await store.lineOfSight.importMeasurements(workspaceID: workspace.id, file: "bad.csv", bytes: Array(bad.utf8))
            }
            #expect(
                problems?.problems.map(\.description) == [
                    "bad.csv:2:16: date '2026-02-30' must be written YYYY-MM-DD",
                    "bad.csv:3:1: unknown metric 'speed'; define it on the metrics page first",
                    "bad.csv:4:22: value 'lots' is not a number",
                    "bad.csv:5:11: metric 'retention' has a value on 2026-03-01 already (line 4)",
                ])
            // A value for a day that has one replaces it.
            try await store.lineOfSight.addMeasurements(
                workspaceID: workspace.id, [.init(metric: "report-minutes", date: "2026-02-28", value: 11)])
            #expect(
                try await store.lineOfSight.measurements(workspaceID: workspace.id, metric: "report-minutes").map(\.value) == [27, 11])
            let graph = try await store.lineOfSight.model(workspaceID: workspace.id)
            #expect(graph.metrics.map(\.id) == ["report-minutes", "retention"])
            #expect(
                !(try await store.lineOfSight.lineOfSightReport(workspaceID: workspace.id)).findings.contains { $0.kind == .unmeasured })
        }
    }

    @Test("hypotheses move proposed -> testing -> validated, and closing needs the learning card", arguments: TestDatabase.available)
    func hypotheses(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.setUp(store)
            _ = try await store.lineOfSight.importLineOfSight(workspaceID: workspace.id, file: "g.yaml", text: Self.graphYAML)
            let card = Hypothesis(
                code: "H1", change: "photo claims", segment: "home", outcome: "report a claim in minutes", impact: "retention",
                metric: "report-minutes", from: 27, to: 12, by: "2026-09-30", strategy: "win", initiative: "photos", createdOn: "2026-01-10"
            )
            try await store.lineOfSight.addHypothesis(workspaceID: workspace.id, card)
            await #expect(
                throws: StoreError.invalid(
                    "a proposed hypothesis cannot become validated; the path is proposed -> testing -> validated or invalidated")
            ) {
                try await store.lineOfSight.moveHypothesis(
                    workspaceID: workspace.id, code: "H1", to: .validated,
                    learning: .init(believed: "", observed: "o", learned: "l", next: "n"),
                    on: "2026-02-01")
            }
            try await store.lineOfSight.moveHypothesis(workspaceID: workspace.id, code: "H1", to: .testing, on: "2026-02-01")
            await #expect(throws: StoreError.invalid("the learning card needs what was learned")) {
                try await store.lineOfSight.moveHypothesis(
                    workspaceID: workspace.id, code: "H1", to: .validated,
                    learning: .init(believed: "", observed: "o", learned: " ", next: "n"),
                    on: "2026-06-01")
            }
            try await store.lineOfSight.moveHypothesis(
                workspaceID: workspace.id, code: "H1", to: .validated,
                learning: .init(believed: "", observed: "27 -> 11 minutes", learned: "Defaults win", next: "Evidence upload"),
                on: "2026-06-01")
            let stored = try await store.lineOfSight.hypotheses(workspaceID: workspace.id)
            #expect(stored.count == 1 && stored[0].status == .validated && stored[0].closedOn == "2026-06-01")
            #expect(stored[0].learning?.believed == card.sentence)
            #expect(
                stored[0].sentence
                    == "We believe photo claims for home will report a claim in minutes, which drives retention; we will know when report-minutes moves from 27 to 12 by 2026-09-30."
            )
        }
    }

    @Test("the demo tells the story: inside-out initiatives, every hypothesis status, humility rising", arguments: TestDatabase.available)
    func demo(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await store.loadDemo(now: 1_795_000_000)
            let report = try await store.lineOfSight.lineOfSightReport(workspaceID: workspace.id)
            #expect(
                Set(report.findings.filter { $0.kind == .insideOut }.map(\.node)) == [
                    "data-lake", "crm-upgrade", "office-move", "intranet", "pricing-rebuild", "price-optimisation",
                ])
            #expect(
                Set(report.findings.filter { $0.kind == .impactWithoutOutcome }.map(\.node)) == ["pricing-rebuild", "price-optimisation"])
            #expect(report.findings.filter { $0.kind == .noEvidence }.map(\.node) == ["cost-programme"])
            #expect(report.coverage.initiatives == 26 && report.coverage.withLineOfSight == 19)
            #expect(Set(try await store.lineOfSight.hypotheses(workspaceID: workspace.id).map(\.status)) == Set(Hypothesis.Status.allCases))
            let (humility, agility) = try await store.lineOfSight.loopFigures(workspaceID: workspace.id)
            #expect(humility.byQuarter.count >= 4 && humility.byQuarter.first!.share < humility.byQuarter.last!.share)
            let unitShare = Dictionary(uniqueKeysWithValues: humility.byUnit.map { ($0.group!, $0.share) })
            #expect(unitShare["it"] == 0 && unitShare["finance"] == 0 && unitShare["claims"] == 1)
            #expect(agility.overall.signalToShip != nil && !agility.shippedPerMonth.isEmpty)
            let values = try await store.lineOfSight.measurements(workspaceID: workspace.id)
            #expect(Set(values.map(\.metric)).count == 14 && values.count == 14 * 12)
            #expect(try await store.lineOfSight.objectives(workspaceID: workspace.id).count == 4)
        }
    }
}
