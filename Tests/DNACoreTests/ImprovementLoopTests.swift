import Foundation
import Testing

@testable import DNACore

@Suite("Improvement loop")
struct ImprovementLoopTests {
    @Test("every type pair is allowed or refused with the direction of value, and the stored rule is the contract's")
    func edgeRule() {
        for from in LineOfSightModel.NodeType.allCases {
            for to in LineOfSightModel.NodeType.allCases {
                let allowed = LineOfSightModel.allowedEdges.contains([from, to])
                #expect((LineOfSightModel.edgeProblem(from: from, to: to) == nil) == allowed)
                // Allowed edges always go forward, so a stored graph has no cycle.
                if allowed { #expect(from.rank < to.rank) }
            }
        }
        #expect(
            LineOfSightModel.edgeProblem(from: .outcome, to: .initiative)
                == "an edge may not go outcome -> initiative: value flows strategy -> capability -> initiative -> outcome -> impact; did you mean initiative -> outcome?"
        )
        #expect(
            LineOfSightModel.edgeProblem(from: .capability, to: .outcome)
                == "an edge may not go capability -> outcome: value flows strategy -> capability -> initiative -> outcome -> impact; from capability nodes an edge may go to: initiative"
        )
    }

    @Test("the YAML writer reads back to the same model, whatever the titles say")
    func yamlRoundTrip() throws {
        let model = LineOfSightModel(
            nodes: [
                .init(id: "s: 1", type: .strategy, title: "Win \"big\" # not a comment"),
                .init(id: "i", type: .initiative, title: "- a list?", effort: 2.5, budget: 1e6),
                .init(id: "o", type: .outcome, title: "Ünïcödé\nline"),
            ], edges: [.init(from: "s: 1", to: "i"), .init(from: "i", to: "o")], metrics: [.init(id: "m", node: "o")],
            evidence: [.init(id: "e", node: "s: 1")])
        #expect(try LineOfSightLoader.load(file: "x.yaml", text: LineOfSightDocument.yaml(model)) == model)
        #expect(
            try LineOfSightLoader.load(file: "x.yaml", text: LineOfSightDocument.yaml(LineOfSightModel(nodes: [], edges: []))).nodes.isEmpty
        )
    }

    @Test("quartiles interpolate between order statistics and months without a ship show as zero")
    func distributions() throws {
        let d = try #require(Agility.Distribution([10, 1, 4, 7]))
        // Sorted 1 4 7 10: positions 0.75, 1.5, 2.25.
        #expect(d.min == 1 && d.q1 == 3.25 && d.median == 5.5 && d.q3 == 7.75 && d.max == 10 && d.n == 4)
        #expect(Agility.Distribution([]) == nil)
        #expect(
            Agility.shippedPerMonth(["2025-11-03", "2026-02-10", "2026-02-11"]).map { "\($0.month) \($0.initiatives)" } == [
                "2025-11 1", "2025-12 0", "2026-01 0", "2026-02 2",
            ])
        #expect(Quarter.of("2026-12-31") == "2026-Q4" && Quarter.of("2026-04-01") == "2026-Q2")
    }

    @Test("humility counts only evidence that exists, by unit and quarter")
    func humility() {
        let decisions = [
            DecisionRecord(code: "a", title: "A", unit: "x", decidedOn: "2026-01-10", evidence: ["e1"]),
            DecisionRecord(code: "b", title: "B", unit: "x", decidedOn: "2026-05-10", evidence: ["gone"]),
            DecisionRecord(code: "c", title: "C", decidedOn: "2026-05-11"),
        ]
        let report = Humility.report(decisions, knownEvidence: ["e1"])
        #expect(report.overall == .init(group: nil, decisions: 3, citingEvidence: 1, share: 1.0 / 3))
        #expect(report.byUnit == [.init(group: "x", decisions: 2, citingEvidence: 1, share: 0.5)])
        #expect(report.byQuarter.map { "\($0.group!) \($0.citingEvidence)/\($0.decisions)" } == ["2026-Q1 1/1", "2026-Q2 0/2"])
    }

    @Test("hypothesis cards move one way and say themselves in a sentence")
    func hypothesisCards() {
        #expect(Hypothesis.Status.proposed.canMove(to: .testing) && !Hypothesis.Status.proposed.canMove(to: .validated))
        #expect(!Hypothesis.Status.validated.canMove(to: .testing) && Hypothesis.Status.testing.canMove(to: .invalidated))
        let card = Hypothesis(
            code: "H", change: "a tracker", segment: "", outcome: "know the status", impact: "", metric: "calls", createdOn: "2026-01-01")
        #expect(card.sentence == "We believe a tracker for our customers will know the status; we will know by calls.")
        #expect(
            Hypothesis(code: "H", change: "x", segment: "", outcome: "y", impact: "", from: 1, createdOn: "2026-01-01").problem
                == "give both the value the metric moves from and the one it moves to")
    }
}
