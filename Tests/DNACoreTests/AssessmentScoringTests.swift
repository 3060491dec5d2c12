import Foundation
import Testing

@testable import DNACore

/// Checks the scoring contract against a separate, deliberately naive computation written
/// from the text of DESIGN.md, on seeded random answers.
@Suite("Assessment scoring")
struct AssessmentScoringTests {
    static let instrumentYAML = """
        id: check
        title: Check
        items:
          - {id: q1, text: One, type: likert, dimensions: [os-canvas/purpose]}
          - {id: q2, text: Two, type: likert, dimensions: [os-canvas/purpose], reverse: true}
          - {id: q3, text: Three, type: likert, dimensions: [os-canvas/purpose, layers/strategy/customer]}
          - {id: q4, text: Four, type: likert, dimensions: [layers/experience/activation]}
          - {id: q5, text: Five, type: likert, dimensions: [layers/culture-leadership]}
          - {id: q6, text: Six, type: likert, dimensions: [layers/data-technology/data, layers/strategy]}
          - {id: los, text: Which outcome?, type: outcome}
          - {id: why, text: How does your work create value?, type: text}
        """

    /// Student t 0.975 quantiles from SciPy, by degrees of freedom.
    static let t975: [Int: Double] = [
        1: 12.706204736174694, 2: 4.302652729749462, 3: 3.1824463052837078, 4: 2.7764451051977934, 5: 2.5705818356363146,
        6: 2.4469118511449786, 7: 2.364624251592784, 8: 2.306004135204166, 9: 2.262157162798205, 10: 2.228138851986274,
        11: 2.200985160091639, 12: 2.1788128296672284, 13: 2.1603686564627913, 14: 2.144786687917804, 15: 2.131449545559776,
        16: 2.1199052992212546, 17: 2.1098155778333156, 18: 2.1009220402410382, 19: 2.0930240544083087, 20: 2.085963447265864,
        21: 2.0796138447276795, 22: 2.0738730679040254, 23: 2.0686576104190486, 24: 2.0638985616280245, 25: 2.0595385527532972,
        26: 2.0555294386428735, 27: 2.0518305164802846, 28: 2.0484071417952454, 29: 2.045229642132703,
    ]

    /// A seeded CSV: 25 respondents in units a (12), b (9), c (4), with missing, dk and
    /// named/unnamed outcomes.
    static func csv(seed: UInt64) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines = ["respondent,unit,role,q1,q2,q3,q4,q5,q6,los,why"]
        for index in 0..<25 {
            let unit = index < 12 ? "a" : index < 21 ? "b" : "c"
            let answers = (0..<6).map { _ -> String in
                switch next(10) {
                case 0: ""
                case 1: "dk"
                default: String(1 + next(5))
                }
            }
            let outcome = ["", "faster-claims", "dk", "clear-policy"][next(4)]
            lines.append(
                "r\(index),\(unit),\(index % 2 == 0 ? "clerk" : "lead")," + answers.joined(separator: ",") + ",\(outcome),\"free, text\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Expected {
        var n: Int, mean: Double, sd: Double?, low: Double?, high: Double?, favorable: Double, unfavorable: Double, alpha: Double?
    }

    /// The contract, computed the plain way from strings.
    static func expected(csv: String, members: Set<String>, items: [String], reversed: Set<String>) -> Expected? {
        let rows = csv.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let columns = ["q1": 3, "q2": 4, "q3": 5, "q4": 6, "q5": 7, "q6": 8]
        var means: [Double] = [], fav = 0, unfav = 0, answers = 0
        var complete: [[Double]] = []
        for row in rows where members.contains(row[0]) {
            var values: [Double] = []
            for item in items {
                guard let raw = Double(row[columns[item]!]) else { continue }
                let value = reversed.contains(item) ? 6 - raw : raw
                values.append(value)
                if value >= 4 { fav += 1 }
                if value <= 2 { unfav += 1 }
            }
            answers += values.count
            if !values.isEmpty { means.append(values.reduce(0, +) / Double(values.count)) }
            if values.count == items.count { complete.append(values) }
        }
        guard !means.isEmpty else { return nil }
        let n = Double(means.count)
        let mean = means.reduce(0, +) / n
        var sd: Double?, low: Double?, high: Double?
        if means.count > 1 {
            let s = (means.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
            sd = s
            low = mean - t975[means.count - 1]! * s / n.squareRoot()
            high = mean + t975[means.count - 1]! * s / n.squareRoot()
        }
        var alpha: Double?
        if items.count >= 3, complete.count >= 2 {
            func variance(_ xs: [Double]) -> Double {
                let m = xs.reduce(0, +) / Double(xs.count)
                return xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)
            }
            let itemVariance = (0..<items.count).map { i in variance(complete.map { $0[i] }) }.reduce(0, +)
            let k = Double(items.count)
            alpha = k / (k - 1) * (1 - itemVariance / variance(complete.map { $0.reduce(0, +) }))
        }
        return Expected(
            n: means.count, mean: mean, sd: sd, low: low, high: high, favorable: Double(fav) / Double(answers),
            unfavorable: Double(unfav) / Double(answers), alpha: alpha)
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) < 1e-9
        default: false
        }
    }

    @Test("dimension statistics equal an independent computation", arguments: [1, 2, 3, 42, 1000] as [UInt64])
    func matchesIndependentComputation(seed: UInt64) throws {
        // setup
        let instrument = try InstrumentLoader.load(file: "i.yaml", text: Self.instrumentYAML)
        let text = Self.csv(seed: seed)
        let responses = try AssessmentResponseReader.read(file: "r.csv", text: text, instrument: instrument)
        // MUT
        let result = AssessmentScoring.score(instrument: instrument, responses: responses, options: .init(breakdown: .unit))
        // validation
        let dimensions: [(String, String, [String])] = [
            ("os-canvas", "purpose", ["q1", "q2", "q3"]),
            ("layers", "experience", ["q4"]),
            ("layers", "experience/activation", ["q4"]),
            ("layers", "data-technology", ["q6"]),
            ("layers", "data-technology/data", ["q6"]),
            ("layers", "strategy", ["q3", "q6"]),
            ("layers", "strategy/customer", ["q3"]),
            ("layers", "culture-leadership", ["q5"]),
        ]
        let groups: [(AssessmentResult.GroupScores?, Set<String>)] = [
            (result.overall.scores, Set((0..<25).map { "r\($0)" })),
            (result.groups.first { $0.group == "a" }?.scores, Set((0..<12).map { "r\($0)" })),
        ]
        for (scores, members) in groups {
            let scores = try #require(scores)
            #expect(scores.n == members.count)
            for (framework, dimension, items) in dimensions {
                let expected = Self.expected(csv: text, members: members, items: items, reversed: ["q2"])
                let actual = scores.dimension(framework, dimension)
                guard let expected else {
                    #expect(actual == nil)
                    continue
                }
                let got = try #require(actual, "\(framework)/\(dimension)")
                #expect(got.n == expected.n)
                #expect(Self.close(got.mean, expected.mean))
                #expect(Self.close(got.score, (expected.mean - 1) / 4 * 100))
                #expect(Self.close(got.sd, expected.sd))
                #expect(Self.close(got.ci95Low, expected.low) && Self.close(got.ci95High, expected.high))
                #expect(Self.close(got.favorable, expected.favorable) && Self.close(got.unfavorable, expected.unfavorable))
                #expect(Self.close(got.alpha, expected.alpha), "\(framework)/\(dimension) alpha")
            }
            let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let named = rows.filter { members.contains(String($0[0])) && !["", "dk"].contains($0[9]) }.count
            #expect(Self.close(scores.lineOfSightCoverage, Double(named) / Double(members.count)))
        }
        // Unit c has 4 people (< 5): hidden, and b with it, since c alone could be derived.
        #expect(result.groups.map(\.group) == ["a", "b", "c"])
        #expect(result.groups[2] == .suppressed(group: "c"))
        #expect(result.groups[1] == .suppressed(group: "b"))
    }

    @Test("item ids as survey tools export them (Q1, Q2_1, G01Q01, L-data-technology, v2.1) load and score; others are refused")
    func surveyToolItemIDs() throws {
        let ids = ["Q1", "Q2_1", "G01Q01", "L-data-technology", "v2.1"]
        let yaml =
            "id: export\ntitle: Export\nitems:\n"
            + ids.map { "  - {id: \($0), text: \($0), type: likert, dimensions: [os-canvas/purpose]}" }.joined(separator: "\n") + "\n"
        let instrument = try InstrumentLoader.load(file: "i.yaml", text: yaml)
        #expect(instrument.likertItems.map(\.id) == ids)
        let csv =
            "respondent,unit,role," + ids.joined(separator: ",") + "\n" + (0..<5).map { "r\($0),u,,5,5,5,5,5" }.joined(separator: "\n")
        let responses = try AssessmentResponseReader.read(file: "r.csv", text: csv, instrument: instrument)
        let result = AssessmentScoring.score(instrument: instrument, responses: responses, options: .init(breakdown: .none))
        #expect(result.overall.scores?.dimensions.first { $0.dimension == "purpose" }?.score == 100)
        // Ids stay case-sensitive: q1 is not Q1.
        let lower = "respondent,unit,role,q1\nr1,u,,5\n"
        #expect(throws: FileProblems.self) { _ = try AssessmentResponseReader.read(file: "r.csv", text: lower, instrument: instrument) }
        for bad in ["Q 1", "a/b", "Q1!", "é"] {
            let problems = #expect(throws: FileProblems.self) {
                _ = try InstrumentLoader.load(file: "i.yaml", text: "id: x\ntitle: X\nitems:\n  - {id: '\(bad)', text: T, type: likert}\n")
            }
            #expect(problems?.description.contains(FileID.rule) == true, "\(bad)")
        }
    }

    @Test("layer balance: spread, weakest and the 1-4 weighted index")
    func layerBalance() throws {
        let instrument = try InstrumentLoader.load(file: "i.yaml", text: Self.instrumentYAML)
        let csv = "respondent,unit,role,q1,q2,q3,q4,q5,q6,los,why\n" + (0..<5).map { "r\($0),u,x,3,3,2,5,1,4,,x" }.joined(separator: "\n")
        let responses = try AssessmentResponseReader.read(file: "r.csv", text: csv, instrument: instrument)
        let result = AssessmentScoring.score(instrument: instrument, responses: responses, options: .init(breakdown: .none))
        let layers = try #require(result.overall.scores?.layers)
        // experience 5 -> 100, data-technology 4 -> 75, strategy mean(2, 4) = 3 -> 50, culture 1 -> 0
        #expect(layers.scores == ["experience": 100, "data-technology": 75, "strategy": 50, "culture-leadership": 0])
        #expect(layers.balance.spread == 100)
        #expect(layers.balance.weakest == "culture-leadership")
        let weighted: Double = 1 * 100 + 2 * 75 + 3 * 50 + 4 * 0
        #expect(layers.balance.index == weighted / 10)
        #expect(result.overall.scores?.lineOfSightCoverage == 0)
        #expect(result.groups.isEmpty)
        let custom = AssessmentScoring.score(
            instrument: instrument, responses: responses,
            options: .init(breakdown: .none, layerWeights: ["experience": 1, "data-technology": 1, "strategy": 1, "culture-leadership": 1]))
        #expect(custom.overall.scores?.layers?.balance.index == 56.25)
    }

    @Test("the JSON has the contract's keys, nulls included, and suppressed groups show no counts")
    func jsonKeys() throws {
        let instrument = try InstrumentLoader.load(file: "i.yaml", text: Self.instrumentYAML)
        let responses = try AssessmentResponseReader.read(file: "r.csv", text: Self.csv(seed: 7), instrument: instrument)
        let result = AssessmentScoring.score(instrument: instrument, responses: responses)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(Set(overall.keys) == ["group", "n", "dimensions", "layers", "line_of_sight_coverage"])
        let dimension = try #require((overall["dimensions"] as? [[String: Any]])?.first { $0["dimension"] as? String == "experience" })
        #expect(
            Set(dimension.keys) == [
                "framework", "dimension", "n", "mean", "sd", "ci95_low", "ci95_high", "score", "favorable", "unfavorable", "alpha",
                "vs_rest",
            ])
        #expect(dimension["alpha"] is NSNull)
        #expect(dimension["vs_rest"] is NSNull, "the overall result has no one else to compare with")
        let balance = try #require((overall["layers"] as? [String: Any])?["balance"] as? [String: Any])
        #expect(Set(balance.keys) == ["spread", "weakest", "index"])
        let suppressed = try #require((json["groups"] as? [[String: Any]])?.first { $0["group"] as? String == "c" })
        #expect(suppressed.count == 2 && suppressed["suppressed"] as? Bool == true)
    }
}

@Suite("Instrument and response files")
struct AssessmentFileTests {
    @Test(
        "instrument mistakes are located",
        arguments: [
            (
                "id: i\ntitle: T\nitems:\n  - id: a\n    text: A\n    type: slider\n",
                "i.yaml:6:11: unknown item type 'slider'; expected one of likert, choice, multi, text, outcome"
            ),
            (
                "id: i\ntitle: T\nitems:\n  - id: a\n    text: A\n    dimensions: [os-canvas/vibes]\n",
                "i.yaml:6:18: unknown dimension 'os-canvas/vibes'; write framework/dimension, e.g. os-canvas/resources or layers/strategy/customer"
            ),
            (
                "id: i\ntitle: T\nitems:\n  - id: a\n    text: A\n  - id: a\n    text: B\n",
                "i.yaml:6:5: duplicate item id 'a' (first on line 4)"
            ),
            (
                "id: i\ntitle: T\nitems:\n  - id: a\n    text: A\n    type: text\n    reverse: true\n",
                "i.yaml:4:5: only likert items can be reverse-scored"
            ),
        ])
    func instrumentProblems(text: String, expected: String) {
        let problems = #expect(throws: FileProblems.self) { try InstrumentLoader.load(file: "i.yaml", text: text) }
        #expect(problems?.problems.first?.description == expected)
    }

    static let instrument = try! InstrumentLoader.load(
        file: "i.yaml",
        text:
            "id: i\ntitle: T\nitems:\n  - {id: a, text: A, dimensions: [obsession/humility]}\n  - {id: b, text: B}\n  - {id: o, text: O, type: outcome}\n"
    )

    @Test(
        "response mistakes are located",
        arguments: [
            ("respondent,unit,role,a,b\nr1,u,x,6,1\n", "r.csv:2:8: '6' is not an answer to likert item 'a': expected 1-5, dk or empty"),
            ("respondent,unit,role,a,zz\nr1,u,x,1,1\n", "r.csv:1:24: 'zz' is not an item of instrument 'i'"),
            ("respondent,unit,role,a\nr1,u,x,1\nr1,u,x,2\n", "r.csv:3:1: respondent 'r1' appears twice (first on line 2)"),
            ("respondent,unit,role,a\nr1,u,x\n", "r.csv:2:6: expected 4 fields, found 3"),
            ("person,unit,role,a\nr1,u,x,1\n", "r.csv:1:1: column 1 must be 'respondent'; the header is respondent,unit,role,<item id>..."),
            (
                "respondent,unit,role,item,value\nr1,u,x,a,9\n",
                "r.csv:2:10: '9' is not an answer to likert item 'a': expected 1-5, dk or empty"
            ),
            (
                "respondent,unit,role,item,value\nr1,u,x,a,1\nr1,v,x,b,2\n",
                "r.csv:3:4: respondent 'r1' has a different unit or role on line 2"
            ),
            ("respondent,unit,role,item,value\nr1,u,x,a,1\nr1,u,x,a,2\n", "r.csv:3:8: respondent 'r1' answers item 'a' twice"),
        ])
    func responseProblems(text: String, expected: String) {
        let problems = #expect(throws: FileProblems.self) {
            try AssessmentResponseReader.read(file: "r.csv", text: text, instrument: Self.instrument)
        }
        #expect(problems?.problems.first?.description == expected)
    }

    @Test("wide and long forms read to the same responses")
    func wideEqualsLong() throws {
        let wide = "respondent,unit,role,a,b,o\nr1,u,x,4,dk,faster\nr2,v,y,,2,\n"
        let long = "respondent,unit,role,item,value\nr1,u,x,a,4\nr1,u,x,b,dk\nr1,u,x,o,faster\nr2,v,y,b,2\n"
        let fromWide = try AssessmentResponseReader.read(file: "w.csv", text: wide, instrument: Self.instrument)
        let fromLong = try AssessmentResponseReader.read(file: "l.csv", text: long, instrument: Self.instrument)
        #expect(fromWide == fromLong)
        #expect(fromWide.answers == [4, -1, 0, 2])
        #expect(fromWide.respondents.map(\.outcome) == ["faster", nil])
    }
}
