import Foundation
import Testing

@testable import DNACore

@Suite("Fast assessment scoring")
struct FastAssessmentScoringTests {
    static let instrument = BuiltInInstruments.customerDNA

    /// A wide CSV over the bundled instrument with blanks, dk, outcomes, open text, CRLF
    /// line ends and a blank line, as survey tools write them.
    static func csv(seed: UInt64, rows: Int, units: Int) -> String {
        var random = SeededRandom(seed: seed)
        let items = instrument.items.filter { $0.type != .text } + instrument.items.filter { $0.type == .text }
        var lines = ["respondent,unit,role," + items.map(\.id).joined(separator: ",")]
        for row in 0..<rows {
            var fields = ["r\(row)", "unit-\(random.below(units))", random.below(4) == 0 ? "" : "role-\(random.below(3))"]
            for item in items {
                switch item.type {
                case .likert:
                    let draw = random.below(20)
                    fields.append(draw == 0 ? "" : draw == 1 ? (random.below(2) == 0 ? "dk" : "DK") : String(1 + random.below(5)))
                case .outcome: fields.append(["", "faster-claims", "cant-say", "clear-bills"][random.below(4)])
                default: fields.append(random.below(3) == 0 ? "" : "words here")
                }
            }
            lines.append(fields.joined(separator: ","))
            if row == rows / 2 { lines.append("") }
        }
        return lines.joined(separator: row(seed) ? "\r\n" : "\n") + "\n"
    }

    static func row(_ seed: UInt64) -> Bool { seed % 2 == 0 }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): abs(x - y) <= 1e-9 * max(1, abs(x))
        default: false
        }
    }

    static func expectSame(_ fast: AssessmentResult, _ slow: AssessmentResult) {
        let pairs = zip([fast.overall] + fast.groups, [slow.overall] + slow.groups)
        #expect(fast.groups.count == slow.groups.count)
        for (a, b) in pairs {
            #expect(a.group == b.group)
            guard let x = a.scores, let y = b.scores else {
                #expect(a.scores == nil && b.scores == nil, "\(a.group)")
                continue
            }
            #expect(x.n == y.n && close(x.lineOfSightCoverage, y.lineOfSightCoverage))
            #expect(x.dimensions.count == y.dimensions.count)
            for (d, e) in zip(x.dimensions, y.dimensions) {
                #expect(d.framework == e.framework && d.dimension == e.dimension && d.n == e.n)
                for (p, q) in [
                    (d.mean, e.mean), (d.sd, e.sd), (d.ci95Low, e.ci95Low), (d.ci95High, e.ci95High), (d.score, e.score),
                    (d.favorable, e.favorable), (d.unfavorable, e.unfavorable), (d.alpha, e.alpha),
                ] as [(Double?, Double?)] {
                    #expect(close(p, q), "\(x.group) \(d.framework)/\(d.dimension): \(String(describing: p)) vs \(String(describing: q))")
                }
            }
            #expect(close(x.layers?.balance.index, y.layers?.balance.index))
            #expect(x.layers?.balance.weakest == y.layers?.balance.weakest)
        }
    }

    @Test(
        "the fast path gives the full scorer's results",
        arguments: [(1, AssessmentScoring.Breakdown.unit, 1), (2, .role, 2), (3, .none, 3), (4, .unit, 2), (5, .unit, 7)]
            as [(UInt64, AssessmentScoring.Breakdown, Int)])
    func sameAsFullScorer(seed: UInt64, breakdown: AssessmentScoring.Breakdown, parallelism: Int) throws {
        let text = Self.csv(seed: seed, rows: 400, units: 9)
        let options = AssessmentScoring.Options(breakdown: breakdown, minGroupSize: 40)
        let slow = AssessmentScoring.score(
            instrument: Self.instrument,
            responses: try AssessmentResponseReader.read(file: "r.csv", text: text, instrument: Self.instrument),
            options: options)
        let fast = try #require(
            Array(text.utf8).withUnsafeBytes {
                FastAssessmentScoring.score(instrument: Self.instrument, csv: $0, options: options, parallelism: parallelism)
            })
        Self.expectSame(fast, slow)
        #expect(fast.groups.contains { $0.scores == nil } == slow.groups.contains { $0.scores == nil })
    }

    @Test("nested groups from memory give the full scorer's results", arguments: [11, 12, 13] as [UInt64])
    func nestedGroupsInMemory(seed: UInt64) throws {
        let text = Self.csv(seed: seed, rows: 300, units: 6)
        let responses = try AssessmentResponseReader.read(file: "r.csv", text: text, instrument: Self.instrument)
        // A tree: unit-0 holds units 1-3, unit-1 holds unit-4; unit-5 stands alone.
        let parentOf = ["unit-1": "unit-0", "unit-2": "unit-0", "unit-3": "unit-0", "unit-4": "unit-1"]
        let order = ["unit-0", "unit-1", "unit-4", "unit-2", "unit-3", "unit-5"]
        func within(_ unit: String, _ ancestor: String) -> Bool {
            var current: String? = unit
            while let name = current {
                if name == ancestor { return true }
                current = parentOf[name]
            }
            return false
        }
        let groups = order.map { name in
            AssessmentScoring.Group(
                name: name, members: responses.respondents.indices.filter { within(responses.respondents[$0].unit, name) },
                parent: parentOf[name].flatMap { order.firstIndex(of: $0) })
        }
        let options = AssessmentScoring.Options(minGroupSize: 30)
        let slow = AssessmentScoring.score(instrument: Self.instrument, responses: responses, groups: groups, options: options)
        let fast = FastAssessmentScoring.score(instrument: Self.instrument, responses: responses, groups: groups, options: options)
        Self.expectSame(fast, slow)
        #expect(fast.groups.map(\.group) == order)
    }

    @Test(
        "anything unusual is left to the full reader",
        arguments: [
            ("quoted field", "respondent,unit,role,purpose-customers\nr1,\"a,b\",,4\n"),
            ("bad value", "respondent,unit,role,purpose-customers\nr1,a,,6\n"),
            ("duplicate respondent", "respondent,unit,role,purpose-customers\nr1,a,,4\nr1,a,,5\n"),
            ("too few fields", "respondent,unit,role,purpose-customers\nr1,a\n"),
            ("too many fields", "respondent,unit,role,purpose-customers\nr1,a,,4,5\n"),
            ("spaces", "respondent,unit,role,purpose-customers\nr1, a,,4\n"),
            ("long form", "respondent,unit,role,item,value\nr1,a,,purpose-customers,4\n"),
            ("unknown item", "respondent,unit,role,nope\nr1,a,,4\n"),
        ])
    func fallsBack(what: String, text: String) {
        let result = Array(text.utf8).withUnsafeBytes { FastAssessmentScoring.score(instrument: Self.instrument, csv: $0) }
        #expect(result == nil, "\(what)")
    }
}
