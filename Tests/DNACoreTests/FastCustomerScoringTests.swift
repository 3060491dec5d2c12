import Testing

@testable import DNACore

/// The fast paths of `analyze outcomes` and `analyze top-tasks` give exactly the full readers'
/// results on clean files and step aside on anything the full readers must judge.
@Suite("Fast customer scoring")
struct FastCustomerScoringTests {
    static func outcomesCSV(seed: UInt64, crlf: Bool = false) -> String {
        var random = SeededRandom(seed: seed)
        var lines = ["respondent,segment,outcome,importance,satisfaction"]
        for respondent in 0..<(50 + random.below(200)) {
            let segment = ["a", "b", "", "c-d"][respondent % 4]
            // Rows of one respondent need not be together.
            for outcome in (0..<70).shuffled(using: &random).prefix(1 + random.below(8)) {
                let value = { (r: inout SeededRandom) in r.below(7) == 0 ? "" : String(1 + r.below(5)) }
                lines.append("r\(respondent),\(segment),o\(outcome),\(value(&random)),\(value(&random))")
            }
        }
        lines.shuffle(using: &random)
        lines.sort { $0.hasPrefix("respondent") && !$1.hasPrefix("respondent") }
        return lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
    }

    static func fastOutcomes(_ text: String, bySegment: Bool) -> [OutcomeStudy.Score]? {
        Array(text.utf8).withUnsafeBytes { FastCustomerScoring.outcomes(csv: $0, bySegment: bySegment) }
    }

    static func fastVotes(_ text: String) -> [TopTasks.Result]? {
        Array(text.utf8).withUnsafeBytes { FastCustomerScoring.topTasks(csv: $0, thresholds: TopTasks.Thresholds(longNeck: 0.3, top: 0.6)) }
    }

    @Test("outcome scores equal the full reader's, overall and by segment, LF and CRLF", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func outcomesEqual(seed: UInt64) throws {
        for crlf in [false, true] {
            let text = Self.outcomesCSV(seed: seed, crlf: crlf)
            let ratings = try OutcomeStudy.read(file: "o.csv", bytes: Array(text.utf8))
            for bySegment in [false, true] {
                let fast = try #require(Self.fastOutcomes(text, bySegment: bySegment))
                #expect(fast == OutcomeStudy.score(ratings, bySegment: bySegment))
            }
        }
    }

    @Test("top-task ranks equal the full reader's", arguments: [1, 2, 3] as [UInt64])
    func votesEqual(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var lines = ["voter,task"]
        for voter in 0..<300 {
            // Voters see lists of different lengths, so some tasks get few votes.
            for task in (0..<(20 + voter % 70)).shuffled(using: &random).prefix(1 + random.below(5)) { lines.append("v\(voter),t\(task)") }
        }
        let text = lines.joined(separator: "\n")
        let votes = try TopTasks.read(file: "v.csv", bytes: Array(text.utf8))
        let fast = try #require(Self.fastVotes(text))
        #expect(fast == TopTasks.rank(votes, thresholds: TopTasks.Thresholds(longNeck: 0.3, top: 0.6)))
    }

    @Test("anything the full reader must judge is left to it")
    func fallbacks() {
        let header = "respondent,segment,outcome,importance,satisfaction\n"
        for body in [
            "a,x,o1,4,6\n", "a,x,o1,4,4\na,x,o1,3,3\n", "a,x,o1,4,4\na,y,o2,3,3\n", ",x,o1,4,4\n", "a,x,,4,4\n", "a,x,o1,4\n",
            "\"a\",x,o1,4,4\n", "a, x,o1,4,4\n", "a,x,o1,44,4\n", "a,Ärzte,o1,4,4\n", "a,x,o1,4,4\n\nb,x,o1,4,4\n",
        ] {
            #expect(Self.fastOutcomes(header + body, bySegment: true) == nil, "\(body)")
        }
        #expect(Self.fastOutcomes("respondent,outcome,segment,importance,satisfaction\na,o1,x,4,4\n", bySegment: false) == nil)
        #expect(Self.fastOutcomes("\u{FEFF}" + header + "a,x,o1,4,4\n", bySegment: false) == nil)
        #expect(Self.fastOutcomes(header + "a,x,o1,4,4\n", bySegment: false)?.first?.importance == 10)
        let picks = (1...6).map { "v,t\($0)" }.joined(separator: "\n")
        #expect(Self.fastVotes("voter,task\n" + picks) == nil, "six picks")
        #expect(Self.fastVotes("voter,task\nv,t1\nv,t1\n") == nil, "a task picked twice")
        #expect(Self.fastVotes("voter,task\nv,\n") == nil)
        #expect(Self.fastVotes("voter,task\n" + picks.split(separator: "\n").dropLast().joined(separator: "\n"))?.count == 5)
    }
}
