import Testing

@testable import DNACore

@Suite("Open answers: words, themes, folding and the comment threshold")
struct CommentAnalysisTests {
    @Test("one stem for a word's forms in the five languages; stop words and numbers drop out")
    func stems() {
        #expect(CommentWords.stem("invoices") == CommentWords.stem("invoice"))
        #expect(CommentWords.stem("deliveries") == "delivery")
        #expect(CommentWords.stem("Rechnungen".lowercased()) == CommentWords.stem("rechnung"))
        #expect(CommentWords.stem("møtene") == CommentWords.stem("møter"))
        #expect(CommentWords.stems("The customers and our 2024 budget, l'équipe!") == ["budget", CommentWords.stem("équipe")])
    }

    /// Three themes of their own words in answers padded with shared filler.
    static func corpus() -> [String] {
        let themes = [
            ["invoice", "billing", "refund", "payment"], ["phone", "queue", "callback", "hotline"],
            ["website", "login", "password", "portal"],
        ]
        let filler = ["often", "slow", "today", "again", "week", "simple", "messy", "still"]
        var random = Xoshiro256(seed: 3, stream: 0)
        return (0..<90).map { index in
            let own = themes[index % 3], pick = { (list: [String]) in list[Int(random.next() % UInt64(list.count))] }
            return [pick(own), pick(filler), pick(own), pick(filler), pick(own)].joined(separator: " and the ")
        }
    }

    @Test("planted themes are found again, each led by its own words, every answer in its theme")
    func plantedThemes() throws {
        let answers = Self.corpus()
        let found = CommentThemes.find(answers)
        #expect(found.themes.count == 3)
        for theme in found.themes {
            let owners = Set(theme.members.map { $0 % 3 })
            #expect(owners.count == 1, "theme \(theme.label) mixes planted themes")
            #expect(theme.examples.count == 3 && theme.terms.count <= 6 && theme.label.split(separator: ",").count == 3)
        }
        #expect(found.themeOf.allSatisfy { $0 != nil })
        #expect(CommentThemes.find(answers) == found, "seeded: the same answers give the same themes")
        #expect(CommentThemes.find(Array(answers.prefix(9))).themes.isEmpty, "under ten answers there are no themes")
    }

    @Test("near-duplicates fold into one line with their count; the order is the same every time")
    func folding() {
        let answers =
            Array(repeating: "Budget decisions take far too long here.", count: 4) + [
                "budget decisions take FAR too long here", "Budget decisions take far too long here!!",
                "Our meetings never mention customers.", "Nobody reads the survey.",
            ]
        let folded = CommentFolding.fold(answers)
        #expect(folded.first == CommentFolding.Folded(text: "Budget decisions take far too long here.", count: 6))
        #expect(folded.count == 3 && folded.map(\.count).reduce(0, +) == answers.count)
        #expect(CommentFolding.fold(answers.reversed()) == folded, "the order answers came in leaves no trace")
    }

    @Test("a group under the comment threshold shows nothing, nor one that would give it away by subtraction")
    func threshold() {
        let sizes = [("claims", 30), ("finance", 20), ("sales", 12), ("legal", 4)]
        var answers: [CommentAnalysis.Answer] = []
        let texts = Self.corpus()
        for (group, size) in sizes {
            for index in 0..<size {
                answers.append(.init(respondent: "\(group)\(index)", group: group, text: texts[answers.count % texts.count]))
            }
        }
        let report = CommentAnalysis.analyze(answers, options: .init(minComments: 10))
        let groups = Dictionary(uniqueKeysWithValues: report.groups.map { ($0.group, $0) })
        #expect(groups["legal"]?.suppressed == true && groups["legal"]?.comments == nil && groups["legal"]?.themes == nil)
        #expect(groups["sales"]?.suppressed == true, "alone, legal could be had as everyone minus the shown units")
        #expect(groups["claims"]?.respondents == 30 && groups["claims"]?.themes?.map(\.count).reduce(0, +) == 30)
        #expect(report.themes.map(\.count).reduce(0, +) + (report.unthemed ?? 0) == answers.count)
        let high = CommentAnalysis.analyze(answers, options: .init(minComments: 100))
        #expect(high.suppressed && high.themes.isEmpty && high.comments.isEmpty && high.groups.allSatisfy(\.suppressed))
        #expect(CommentAnalysis.analyze(answers, options: .init(minComments: 2, minGroupSize: 8)).minComments == 8)
    }

    @Test("a force's answers are those that speak of it, in any of the five languages")
    func forceWords() throws {
        let canvas = try #require(BuiltInFrameworks.framework("os-canvas"))
        let meetings = try #require(canvas.dimensions.first { $0.id == "meetings" })
        #expect(ForceWords.speaks("Our weekly meetings never look at complaints", of: meetings))
        #expect(ForceWords.speaks("Møtene våre handler aldri om kundene", of: meetings))
        #expect(!ForceWords.speaks("The budget is too small", of: meetings))
    }
}
