import Foundation
import Testing

@testable import DNACore

@Suite("Outcome study, top tasks, task tests")
struct CustomerModelTests {
    @Test("opportunity scores by hand: I and S are top-2-box x 10, opportunity = I + max(I - S, 0)")
    func outcomes() throws {
        // setup: outcome "wait": importance 4,5,5,2 -> 7.5; satisfaction 1,2,4,1 -> 2.5 -> opportunity 12.5
        //        outcome "fees": importance 3,4 -> 5; satisfaction 5,5 -> 10 -> overserved, opportunity 5
        let csv = """
            respondent,segment,outcome,importance,satisfaction
            a,home,wait,4,1
            b,home,wait,5,2
            c,fleet,wait,5,4
            d,fleet,wait,2,1
            a,home,fees,3,5
            b,home,fees,4,5
            """
        // MUT
        let ratings = try OutcomeStudy.read(file: "o.csv", bytes: Array(csv.utf8))
        let overall = OutcomeStudy.score(ratings, bySegment: false)
        let bySegment = OutcomeStudy.score(ratings, bySegment: true)
        // validation
        #expect(overall.map(\.outcome) == ["wait", "fees"])
        #expect(
            overall[0]
                == .init(outcome: "wait", segment: nil, n: 4, importance: 7.5, satisfaction: 2.5, opportunity: 12.5, status: .underserved))
        #expect(
            overall[1] == .init(outcome: "fees", segment: nil, n: 2, importance: 5, satisfaction: 10, opportunity: 5, status: .overserved))
        #expect(bySegment.map { "\($0.segment!)/\($0.outcome)" } == ["fleet/wait", "home/wait", "home/fees"])
        let homeWait = try #require(bySegment.first { $0.segment == "home" && $0.outcome == "wait" })
        #expect(homeWait.importance == 10 && homeWait.satisfaction == 0 && homeWait.opportunity == 20 && homeWait.isExtreme)
    }

    @Test("served when satisfaction meets importance and opportunity is 10 or less")
    func served() throws {
        let ratings = try OutcomeStudy.read(
            file: "o.csv", bytes: Array("respondent,segment,outcome,importance,satisfaction\na,s,x,4,4\nb,s,x,2,2\n".utf8))
        #expect(OutcomeStudy.score(ratings, bySegment: false).first?.status == .served)
    }

    @Test(
        "bad outcome rows are located",
        arguments: [
            ("respondent,segment,outcome,importance,satisfaction\na,s,x,6,1\n", "o.csv:2:7: importance '6' must be 1-5 or empty"),
            (
                "respondent,segment,outcome,importance,satisfaction\na,s,x,4,1\na,s,x,3,3\n",
                "o.csv:3:5: respondent 'a' rates outcome 'x' twice (first on line 2)"
            ),
            (
                "respondent,segment,outcome,importance,satisfaction\na,s,x,4,1\na,t,y,3,3\n",
                "o.csv:3:3: respondent 'a' is in segment 's' on line 2"
            ),
        ])
    func outcomeProblems(text: String, expected: String) {
        let problems = #expect(throws: FileProblems.self) { try OutcomeStudy.read(file: "o.csv", bytes: Array(text.utf8)) }
        #expect(problems?.problems.first?.description == expected)
    }

    @Test("top tasks: shares, ranks with ties by id, long neck and top list")
    func topTasks() throws {
        // 10 votes: c 4, a 2, b 2, d 1, e 1
        let csv = "voter,task\n1,c\n1,a\n2,c\n2,b\n3,c\n3,d\n4,c\n4,a\n5,b\n5,e\n"
        let results = TopTasks.rank(try TopTasks.read(file: "v.csv", bytes: Array(csv.utf8)))
        #expect(results.map(\.task) == ["c", "a", "b", "d", "e"])
        #expect(results.map(\.votes) == [4, 2, 2, 1, 1])
        #expect(results.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(results.map(\.share) == [0.4, 0.2, 0.2, 0.1, 0.1])
        #expect(abs(results[2].cumulativeShare - 0.8) < 1e-12)
        // Before c: 0 < 0.25 -> long neck; before a: 0.4 -> not. Top: before a 0.4 < 0.5 -> top; before b 0.6 -> not.
        #expect(results.map(\.longNeck) == [true, false, false, false, false])
        #expect(results.map(\.top) == [true, true, false, false, false])
        let loose = TopTasks.rank(try TopTasks.read(file: "v.csv", bytes: Array(csv.utf8)), thresholds: .init(longNeck: 0.5, top: 0.7))
        #expect(loose.map(\.top) == [true, true, true, false, false])
    }

    @Test("a sixth pick, or the same task twice, is refused with its line")
    func tooManyPicks() {
        let six = "voter,task\n" + (1...6).map { "v,t\($0)" }.joined(separator: "\n")
        let problems = #expect(throws: FileProblems.self) { try TopTasks.read(file: "v.csv", bytes: Array(six.utf8)) }
        #expect(problems?.description == "v.csv:7:1: voter 'v' picks more than 5 tasks")
        let twice = #expect(throws: FileProblems.self) { try TopTasks.read(file: "v.csv", bytes: Array("voter,task\nv,a\nv,a\n".utf8)) }
        #expect(twice?.description == "v.csv:3:3: voter 'v' picks task 'a' twice (first on line 2)")
    }

    @Test("task tests: success and disaster rates, median over all attempts, score")
    func taskTests() throws {
        let csv = """
            participant,task,result,seconds,target_seconds
            p1,renew,success,30,60
            p2,renew,success,120,60
            p3,renew,failure,200,60
            p4,renew,disaster,40,60
            p1,claim,success,90,90
            """
        let results = TaskTests.score(try TaskTests.read(file: "t.csv", bytes: Array(csv.utf8)))
        #expect(results.map(\.task) == ["claim", "renew"])
        let renew = results[1]
        #expect(renew.n == 4 && renew.successRate == 0.5 && renew.disasterRate == 0.25)
        #expect(renew.medianSeconds == 80)  // 30, 40, 120, 200
        #expect(renew.score == 37.5)  // (100 + 50 + 0 + 0) / 4
        #expect(results[0].score == 100)
    }

    @Test("bad task-test rows are located")
    func taskTestProblems() {
        let problems = #expect(throws: FileProblems.self) {
            try TaskTests.read(file: "t.csv", bytes: Array("participant,task,result,seconds,target_seconds\np,t,won,0,60\n".utf8))
        }
        #expect(
            problems?.problems.map(\.description) == [
                "t.csv:2:5: result 'won' must be success, failure or disaster",
                "t.csv:2:9: seconds '0' must be a number of seconds above 0",
            ])
    }
}

@Suite("Line of sight")
struct LineOfSightTests {
    static let model = """
        nodes:
          - {id: s1, type: strategy, title: Win on service}
          - {id: s2, type: strategy, title: Cut cost}
          - {id: c1, type: capability, title: Claims platform}
          - {id: i1, type: initiative, title: Photo claims, effort: 3, budget: 100}
          - {id: i2, type: initiative, title: New intranet, effort: 5, budget: 300}
          - {id: i3, type: initiative, title: Price rise, effort: 2, budget: 100}
          - {id: i4, type: initiative, title: Chat bot, effort: 0, budget: 0}
          - {id: o1, type: outcome, title: Minimize time to settle}
          - {id: o2, type: outcome, title: Minimize repeat calls}
          - {id: b1, type: impact, title: Retention}
        edges:
          - {from: s1, to: c1}
          - {from: c1, to: i1}
          - {from: i1, to: o1}
          - {from: o1, to: b1}
          - {from: s2, to: i2}
          - {from: s2, to: i3}
          - {from: i3, to: b1}
          - {from: i4, to: o2}
          - {from: b1, to: s1}
          - {from: i4, to: ghost}
        metrics:
          - {id: m1, measures: o1}
          - {id: m2, measures: nowhere}
        evidence:
          - {id: e1, supports: s1}
        """

    @Test("each finding kind and the coverage, exactly")
    func findings() throws {
        // MUT
        let report = LineOfSightCheck.check(try LineOfSightLoader.load(file: "g.yaml", text: Self.model))
        // validation
        let found = Set(report.findings.map { "\($0.kind.rawValue) \($0.node)" })
        #expect(
            found == [
                "inside-out i2", "inside-out i3", "impact-without-outcome i3", "unmeasured o2", "unmeasured b1", "no-evidence s2",
                "dangling ghost", "dangling nowhere", "bad-edge b1", "cycle s1",
            ])
        // b1 -> s1 is not allowed (a bad edge), and it closes the cycle s1 -> c1 -> i1 -> o1 -> b1.
        #expect(report.findings.first { $0.kind == .cycle }?.message == "these nodes lie on a cycle: s1, c1, i1, o1, b1")
        #expect(report.coverage.initiatives == 4)
        #expect(report.coverage.withLineOfSight == 1)
        #expect(report.coverage.effortShare == 0.3)
        #expect(report.coverage.budgetShare == 0.2)
        #expect(report.initiativesWithLineOfSight == ["i1"])
    }

    @Test("a cycle is reported once, through any edges, and a self-loop counts")
    func cycles() throws {
        let text =
            "nodes:\n  - {id: a, type: initiative}\n  - {id: b, type: initiative}\n  - {id: c, type: outcome}\nedges:\n  - {from: a, to: b}\n  - {from: b, to: a}\n  - {from: c, to: c}\n"
        let report = LineOfSightCheck.check(try LineOfSightLoader.load(file: "g.yaml", text: text))
        #expect(
            report.findings.filter { $0.kind == .cycle }.map(\.message) == [
                "these nodes lie on a cycle: a, b", "these nodes lie on a cycle: c",
            ])
    }

    @Test("structural mistakes are file problems with positions")
    func fileProblems() {
        let problems = #expect(throws: FileProblems.self) {
            try LineOfSightLoader.load(file: "g.yaml", text: "nodes:\n  - {id: a, type: project}\n  - {id: a, type: outcome}\n")
        }
        #expect(
            problems?.problems.map(\.description) == [
                "g.yaml:2:19: unknown node type 'project'; expected strategy, capability, initiative, outcome or impact",
                "g.yaml:3:5: duplicate node id 'a' (first on line 2)",
            ])
    }

    @Test("property: a chain strategy -> capability -> initiative -> outcome -> impact always has full coverage")
    func chains() {
        for length in 1...50 {
            var nodes: [LineOfSightModel.Node] = [], edges: [LineOfSightModel.Edge] = []
            for index in 0..<length {
                let types: [LineOfSightModel.NodeType] = [.strategy, .capability, .initiative, .outcome, .impact]
                for type in types { nodes.append(.init(id: "\(type)\(index)", type: type, title: "", effort: 1, budget: nil)) }
                for (from, to) in zip(types, types.dropFirst()) { edges.append(.init(from: "\(from)\(index)", to: "\(to)\(index)")) }
            }
            let report = LineOfSightCheck.check(LineOfSightModel(nodes: nodes, edges: edges))
            #expect(report.coverage.withLineOfSight == length && report.coverage.effortShare == 1)
            #expect(!report.findings.contains { $0.kind == .insideOut || $0.kind == .cycle || $0.kind == .badEdge })
        }
    }

    @Test("the model file writes any wording back unchanged and names unknown keys and jobs by line")
    func modelDocument() throws {
        let model = CustomerModel(
            segments: [.init(code: "s", name: "Brokers: \"independent\"", description: "# not a comment\nsecond line")],
            jobs: [.init(code: "j", statement: "- starts like a list, ends: with a colon:", step: .monitor)],
            outcomes: [
                .init(code: "o", job: "j", direction: .minimize, metric: "the time", object: "{to} [report] 'it'", clarifier: "ünïcode ✓")
            ],
            offerings: [.init(code: "app", name: "App", kind: .app, jobs: ["j"])], tasks: [.init(code: "t", title: "null")])
        #expect(try CustomerModelDocument.read(file: "m", text: CustomerModelDocument.yaml(model)) == model)
        #expect(try CustomerModelDocument.read(file: "m", text: "outcomes: []\n") == CustomerModel())
        do {
            _ = try CustomerModelDocument.read(
                file: "m.yaml", text: "offerings:\n  - {code: a, name: A, kind: shop, jobs: [x]}\nextra: 1\n")
            Issue.record("a bad file was read")
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    "m.yaml:2:30: offering kind 'shop' must be one of: product, service, information, app, channel",
                    "m.yaml:2:43: unknown job 'x'; jobs are named by their code in the jobs section",
                    "m.yaml:3:1: unknown key 'extra' in the customer model; known keys: jobs, offerings, outcomes, segments, tasks",
                ])
        }
    }
}
