import Testing

@testable import DNACore
@testable import DNAWeb

/// A large unit tree is shown one level at a time on the results page.
@Suite("Results of a large organization")
struct UnitDrillTests {
    /// One root, 6 divisions, 7 teams in each: 49 groups, over the whole-tree limit.
    static func scorecard() -> Scorecard {
        var codes: [String] = ["org"]
        var depths: [String: Int] = ["org": 0]
        var names: [String: String] = ["org": "Organization"]
        for division in 0..<6 {
            codes.append("d\(division)")
            depths["d\(division)"] = 1
            names["d\(division)"] = "Division <\(division)>"
            for team in 0..<7 {
                codes.append("d\(division)-t\(team)")
                depths["d\(division)-t\(team)"] = 2
                names["d\(division)-t\(team)"] = "Team \(division).\(team)"
            }
        }
        return Scorecard(
            campaign: .init(id: "c", name: "Wave"), breakdown: .unit, minGroupSize: 5,
            result: AssessmentResult(overall: .suppressed(group: "all"), groups: codes.map { .suppressed(group: $0) }),
            groupNames: names, groupDepths: depths, previous: nil, trend: [])
    }

    @Test("without a unit opened, the top two levels show and each division opens")
    func topLevels() throws {
        let drill = try #require(UnitDrill(scorecard: Self.scorecard(), open: nil))
        #expect(drill.path.isEmpty)
        #expect(drill.shows("org") && drill.shows("d3") && !drill.shows("d3-t0"))
        #expect(drill.openable.map(\.code) == (0..<6).map { "d\($0)" })
        #expect(drill.openable.allSatisfy { $0.children == 7 })
    }

    @Test("opening a division shows its teams and the path to it, and nothing of the others")
    func openedDivision() throws {
        let drill = try #require(UnitDrill(scorecard: Self.scorecard(), open: "d2"))
        #expect(drill.path == ["org", "d2"])
        #expect(drill.shows("d2-t6") && drill.shows("d5") && !drill.shows("d1-t0"))
        #expect(drill.openable.map(\.code) == ["d0", "d1", "d3", "d4", "d5"])
        let unknown = try #require(UnitDrill(scorecard: Self.scorecard(), open: "no-such-unit"))
        #expect(unknown.path.isEmpty && !unknown.shows("d2-t0"))
    }

    @Test("the page links one level further, escaped, and a small tree is shown whole")
    func navigation() throws {
        let scorecard = Self.scorecard()
        let figures = ScorecardFigures(
            scorecard: scorecard, frameworks: BuiltInFrameworks.all, drill: UnitDrill(scorecard: scorecard, open: "d2"))
        let drill = try #require(figures.drill)
        let html = ScorecardHTML.drillNavigation(drill, figures: figures) { $0.map { "/r?open=\($0)" } ?? "/r" }.markup
        #expect(html.contains("<a href=\"/r\">the top levels</a>"))
        #expect(html.contains("<strong>Division &lt;2&gt;</strong> and its sub-units"))
        #expect(html.contains("<a href=\"/r?open=d4\">Division &lt;4&gt;</a> (7 sub-units)"))
        #expect(!html.contains("Division <"))
        let small = Scorecard(
            campaign: .init(id: "c", name: "W"), breakdown: .unit, minGroupSize: 5,
            result: AssessmentResult(overall: .suppressed(group: "all"), groups: [.suppressed(group: "a")]), groupNames: [:],
            groupDepths: ["a": 0], previous: nil, trend: [])
        #expect(UnitDrill(scorecard: small, open: nil) == nil)
    }
}
