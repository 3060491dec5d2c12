import Testing

@testable import DNACore

@Suite("Assessment: instrument, nested anonymity, trend")
struct AssessmentWaveTests {
    @Test("the bundled Customer DNA instrument covers every force, layer element, trait and area")
    func builtInInstrumentCoverage() throws {
        let instrument = BuiltInInstruments.customerDNA
        let refs = instrument.likertItems.flatMap(\.dimensions)
        func count(_ framework: String, _ dimension: String, element: String? = nil) -> Int {
            refs.filter { $0.framework == framework && $0.dimension == dimension && (element == nil || $0.element == element) }.count
        }
        for force in BuiltInFrameworks.framework("os-canvas")!.dimensions {
            #expect(count("os-canvas", force.id) >= 3, "force \(force.id)")
        }
        for layer in BuiltInFrameworks.framework("layers")!.dimensions {
            for element in layer.elements { #expect(count("layers", layer.id, element: element.id) >= 1, "\(layer.id)/\(element.id)") }
        }
        for framework in ["obsession", "empowerment"] {
            for dimension in BuiltInFrameworks.framework(framework)!.dimensions { #expect(count(framework, dimension.id) >= 2) }
        }
        #expect(instrument.likertItems.filter(\.reverse).count >= 8)
        #expect(instrument.outcomeItem != nil)
        #expect(instrument.items.contains { $0.type == .text })
    }

    @Test("likert codes round-trip through the stored text form")
    func likertCodes() {
        let row: [Int8] = [1, 2, 3, 4, 5, 0, -1, 5]
        #expect(LikertCodes.encode(row) == "12345.d5")
        #expect(LikertCodes.decode("12345.d5", count: 8) == row)
        #expect(LikertCodes.decode("12", count: 4) == [1, 2, 0, 0])
    }

    /// Every shown group has at least k members; a hidden group's children are hidden; and
    /// under every shown parent the hidden part (hidden children plus the people in the parent
    /// itself), when it contains anything under k, holds two or more groups of k or more
    /// people in total, so no small group can be recovered by subtraction.
    @Test("nested suppression withstands subtraction on random unit trees", arguments: Array(1...40) as [UInt64])
    func nestedSuppressionAttack(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let k = 2 + random.below(5)
        // Random tree: each group's parent is an earlier group or the root.
        var parents: [Int?] = []
        var direct: [Int] = []
        let count = 1 + random.below(14)
        for index in 0..<count {
            parents.append(index == 0 || random.uniform() < 0.3 ? nil : random.below(index))
            direct.append(random.below(3) == 0 ? 0 : random.below(3 * k))
        }
        var sizes = direct
        for index in (0..<count).reversed() { if let parent = parents[index] { sizes[parent] += sizes[index] } }
        let rootDirect = random.below(2 * k)
        let rootSize = rootDirect + (0..<count).filter { parents[$0] == nil }.map { sizes[$0] }.reduce(0, +)
        let visibility = Anonymity.visibleTree(rootSize: rootSize, groups: (0..<count).map { (sizes[$0], parents[$0]) }, minGroupSize: k)

        #expect(visibility.parentShown == (rootSize >= k))
        for index in 0..<count {
            if visibility.childShown[index] { #expect(sizes[index] >= k) }
            if let parent = parents[index], !visibility.childShown[parent] { #expect(!visibility.childShown[index]) }
            if parents[index] == nil, !visibility.parentShown { #expect(!visibility.childShown[index]) }
        }
        for parent in [nil] + (0..<count).map(Optional.some) {
            let shown = parent.map { visibility.childShown[$0] } ?? visibility.parentShown
            guard shown else { continue }
            let children = (0..<count).filter { parents[$0] == parent }
            let remainder = parent.map { direct[$0] } ?? rootDirect
            var hidden = children.filter { !visibility.childShown[$0] }.map { sizes[$0] }
            // People in the parent itself are never published as a group of their own.
            if remainder > 0 { hidden.append(remainder) }
            // A hidden part of k or more on its own may be worked out: it is no small group.
            if hidden.contains(where: { $0 < k }) {
                #expect(hidden.count >= 2 && hidden.reduce(0, +) >= k, "seed \(seed): hidden \(hidden) under a shown parent")
            }
        }
    }

    @Test("a small remainder in the parent itself hides a sibling too")
    func remainderForcesSuppression() {
        // Operations has 20 people: Claims 12, Service 6, and 2 in Operations itself.
        let visibility = Anonymity.visibleTree(rootSize: 20, groups: [(20, nil), (12, 0), (6, 0)], minGroupSize: 5)
        #expect(visibility.childShown == [true, true, false])
    }

    @Test("scoring with nested groups hides exactly the groups the rule forbids")
    func nestedScoring() throws {
        let instrument = Instrument(
            id: "t", title: "t",
            items: [Instrument.Item(id: "q1", text: "q1", type: .likert, dimensions: [DimensionRef("os-canvas/purpose")!])])
        var responses = AssessmentResponses(likertItemIDs: ["q1"])
        for index in 0..<14 {
            responses.append(.init(id: "\(index)", unit: index < 10 ? "a" : "b", role: ""), answers: [Int8(1 + index % 5)])
        }
        let groups: [AssessmentScoring.Group] = [
            .init(name: "top", members: Array(0..<14)), .init(name: "a", members: Array(0..<10), parent: 0),
            .init(name: "b", members: Array(10..<14), parent: 0),
        ]
        let result = AssessmentScoring.score(instrument: instrument, responses: responses, groups: groups, options: .init(minGroupSize: 5))
        #expect(result.groups.map(\.group) == ["top", "a", "b"])
        #expect(result.groups[0].scores?.n == 14)
        // b has 4 people: hidden; a would then give b away by subtraction, so a is hidden too.
        #expect(result.groups[1].scores == nil && result.groups[2].scores == nil)
        #expect(result.overall.scores?.n == 14)
    }

    @Test("trend: the change of means and Welch's p on respondent scores")
    func trend() throws {
        let instrument = Instrument(
            id: "t", title: "t",
            items: ["q1", "q2"].map { Instrument.Item(id: $0, text: $0, type: .likert, dimensions: [DimensionRef("os-canvas/meetings")!]) })
        func wave(_ rows: [[Int8]]) -> AssessmentTrend.Wave {
            var responses = AssessmentResponses(likertItemIDs: ["q1", "q2"])
            for (index, row) in rows.enumerated() { responses.append(.init(id: "\(index)", unit: "u", role: ""), answers: row) }
            return .init(instrument: instrument, responses: responses, members: Array(rows.indices))
        }
        let before = wave([[2, 3], [3, 3], [2, 2], [4, 0]])
        let after = wave([[4, 4], [3, 5], [5, 5], [-1, 4]])
        let changes = AssessmentTrend.compare(previous: before, current: after)
        let change = try #require(changes.first { $0.framework == "os-canvas" && $0.dimension == "meetings" })
        // Respondent means: before 2.5, 3, 2, 4 (mean 2.875); after 4, 4, 5, 4 (mean 4.25).
        #expect(abs(change.previousMean - 2.875) < 1e-12)
        #expect(abs(change.mean - 4.25) < 1e-12)
        #expect(abs(change.scoreChange - (4.25 - 2.875) / 4 * 100) < 1e-9)
        let p = try #require(change.pValue)
        #expect(abs(p - Statistics.welchPValue([2.5, 3, 2, 4], [4, 4, 5, 4])!) < 1e-12)
        #expect(p < 0.05)
    }

    @Test("the demo waves tell the intended story and are the same every time")
    func demoWaves() {
        let waves = DemoAssessment.waves()
        #expect(waves.count == 2)
        #expect(waves.allSatisfy { $0.respondents.count >= 250 })
        #expect(waves[0].respondents.map(\.likert) == DemoAssessment.waves()[0].respondents.map(\.likert))
        var responses = AssessmentResponses(likertItemIDs: BuiltInInstruments.customerDNA.likertItems.map(\.id))
        for (index, respondent) in waves[1].respondents.enumerated() {
            responses.append(
                .init(id: "\(index)", unit: respondent.unit, role: respondent.role, outcome: respondent.outcome), answers: respondent.likert
            )
        }
        let result = AssessmentScoring.score(instrument: BuiltInInstruments.customerDNA, responses: responses)
        let layers = result.overall.scores?.layers
        #expect(layers?.balance.weakest == "culture-leadership")
        #expect((layers?.scores["experience"] ?? 0) > (layers?.scores["culture-leadership"] ?? 100) + 20)
        let finance = result.groups.first { $0.group == "finance" }?.scores?.lineOfSightCoverage ?? 1
        let service = result.groups.first { $0.group == "service" }?.scores?.lineOfSightCoverage ?? 0
        #expect(finance < service)
    }
}
