import DNAApp
import DNACore
import DNAStore
import Foundation
import Testing

@testable import DNAWeb

/// Key charts and one page compared byte for byte with files kept beside this one
/// (`Golden/`), so a change to how they are drawn shows up as a diff in review. The inputs are
/// fixed: no clock, no random ids, no session. After an intended change, run the tests with
/// `CDNA_UPDATE_GOLDEN=1` and commit the files it writes; a missing file fails the test.
@Suite("Golden pages and charts")
struct GoldenPageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CDNA_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(name): run with CDNA_UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let written = FileManager.default.temporaryDirectory.appendingPathComponent("actual-" + name)
            try actual.write(to: written, atomically: true, encoding: .utf8)
            Issue.record(
                "\(name) differs from its golden file; this run's output is in \(written.path) (diff them)", sourceLocation: sourceLocation)
        }
    }

    @Test("the line-of-sight drawing with a chosen node: lit paths, wrapped names, findings, legend")
    func lineOfSight() throws {
        let model = try LineOfSightLoader.load(file: "g.yaml", text: LineOfSightStoreTestsGraph.yaml)
        var graph = LineOfSightGraph(
            nodes: model.nodes.map { .init(code: $0.id, type: $0.type, title: $0.title, effort: $0.effort, budget: $0.budget) },
            edges: model.edges)
        // An outcome as the store names it, from the customer model's sentence.
        if let index = graph.nodes.firstIndex(where: { $0.code == "o1" }) {
            graph.nodes[index].title = "Minimize the time it takes to report damage to a home after a storm"
        }
        let svg = LineOfSightChart.graph(
            graph, report: LineOfSightCheck.check(graph.model), options: .init(selected: "platform", zoom: 100, href: { "?node=" + $0 }))
        try Self.check("line-of-sight.svg", svg)
    }

    @Test("the heatmap: long column names at an angle, a hidden group, cells marked by the corrected comparison, the legends")
    func heatmap() throws {
        let svg = Charts.heatmap(
            title: "Scores by unit", columns: ["Purpose", "Authority", "Information & reporting", "Membership"],
            rows: [
                .init(label: "Everyone", depth: 0, scores: [71.25, 40, nil, 55.5]),
                .init(label: "Claims", depth: 1, scores: [80, 35.4, 62, 0], marks: [.higher, .lower, .plain, .undetectable]),
                .init(label: "Finance", depth: 1, scores: nil),
            ])
        try Self.check("heatmap.svg", svg)
    }

    @Test("a line chart: y-axis, dashed target with its legend, bottom labels that do not repeat")
    func lineChart() throws {
        let svg = Charts.line(
            title: "Net Promoter Score by month",
            points: [("2026-01", -12), ("2026-02", -4.5), ("2026-03", 0), ("2026-04", 8), ("2026-05", 14.25)], range: -100...100,
            target: 20, format: { AnalysisOutput.rounded($0, 0) })
        try Self.check("line-chart.svg", svg)
    }

    @Test("an outcome study's results page: figures, landscape, not-applicable counts, few answers said out loud")
    func surveyResults() throws {
        let outcomes = [
            ("o1", "Minimize the time it takes to report damage"), ("o2", "Minimize the likelihood of not knowing the claim's status"),
        ]
        var ratings: [OutcomeStudy.Rating] = []
        for person in 1...12 {
            let segment = person % 3 == 0 ? "smb" : "home"
            ratings.append(
                .init(respondent: "r\(person)", segment: segment, outcome: "o1", importance: 5 - person % 2, satisfaction: 1 + person % 3))
            ratings.append(
                .init(respondent: "r\(person)", segment: segment, outcome: "o2", importance: 1 + person % 5, satisfaction: 2 + person % 4))
        }
        let workspace = Workspace(id: "w1", slug: "acme", name: "Acme <Mutual>", createdAt: 0)
        let survey = CustomerSurvey(
            id: "s1", workspaceID: "w1", kind: .outcomeStudy, name: "Claims study", opensAt: 1_767_225_600, closesAt: Int64?.none,
            openLink: String?.none,
            thresholds: TopTasks.Thresholds(), createdAt: 0, items: outcomes.map { .init(code: $0.0, text: $0.1) },
            publicTitle: "What matters when something happens")
        let page = SurveyResultsPage.View(
            model: .init(
                workspace: workspace, survey: survey, respondents: 13,
                segments: [
                    .init(code: "home", name: "Home owners", description: ""), .init(code: "smb", name: "Small firms", description: ""),
                ],
                segment: nil, scores: OutcomeStudy.score(ratings, bySegment: false), notApplicable: ["o2": 1]))
        try Self.check("survey-results.html", page.render(identity: nil))
    }
}
