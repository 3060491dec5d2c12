import Testing

@testable import DNACore

@Suite("Org chart")
struct OrgChartTests {
    @Test("a valid chart parses in any order")
    func valid() throws {
        let rows = try OrgChart.parse(file: "o.csv", text: "unit,parent,name\nteam,dept,Team\ndept,,Department\n")
        #expect(rows.map(\.unit) == ["team", "dept"])
        #expect(rows[0].parent == "dept")
        #expect(rows[1].parent == nil)
    }

    @Test(
        "mistakes are located by line and column",
        arguments: [
            ("unit,parent,name\na,,A\nb,zz,B\n", "o.csv:3:3: parent 'zz' is not a unit in this file or in the workspace"),
            ("unit,parent,name\na,,A\na,,Again\n", "o.csv:3:1: unit 'a' appears twice (first on line 2)"),
            ("unit,parent,name\na,,\n", "o.csv:2:4: name is empty"),
            ("unit,parent,name\na,a,A\n", "o.csv:2:3: unit 'a' cannot be its own parent"),
            ("unit,parent,name\n,,A\n", "o.csv:2:1: unit code is empty"),
            ("unit,parent,name\na,,A,extra\n", "o.csv:2:6: expected 3 fields, found 4"),
            ("unit,parent,name\na,b,A\nb,c,B\nc,a,C\n", "o.csv:2:3: units form a cycle: a -> b -> c -> a"),
        ])
    func mistakes(text: String, expected: String) {
        let problems = #expect(throws: FileProblems.self) { try OrgChart.parse(file: "o.csv", text: text) }
        #expect(problems?.problems.first?.description == expected)
    }

    @Test("parents may be units already in the workspace, and cycles through them are found")
    func existingParents() throws {
        let rows = try OrgChart.parse(file: "o.csv", text: "unit,parent,name\nnew,old,New\n", existing: ["old": nil])
        #expect(rows.first?.parent == "old")
        let problems = #expect(throws: FileProblems.self) {
            try OrgChart.parse(file: "o.csv", text: "unit,parent,name\nold,new,Old\n", existing: ["new": "old", "old": nil])
        }
        #expect(problems?.problems.first?.message.hasPrefix("units form a cycle") == true)
    }

    @Test("problems are capped at 50 with a count of the rest")
    func cap() {
        let text = "unit,parent,name\n" + (1...80).map { "u\($0),missing,U" }.joined(separator: "\n")
        let problems = #expect(throws: FileProblems.self) { try OrgChart.parse(file: "o.csv", text: text) }
        #expect(problems?.problems.count == 50)
        #expect(problems?.total == 80)
        #expect(problems?.description.hasSuffix("... and 30 more problems") == true)
    }

    @Test("the unit tree gives subtrees, paths and depth-first order")
    func tree() {
        let tree = UnitTree(parents: ["root": nil, "a": "root", "b": "root", "a1": "a"])
        #expect(tree.subtree(of: "a") == ["a", "a1"])
        #expect(tree.path(to: "a1") == ["root", "a", "a1"])
        #expect(tree.depthFirst == ["root", "a", "a1", "b"])
        #expect(UnitTree.cycles(parents: ["x": "y", "y": "x", "z": nil]) == [["x", "y", "x"]])
    }
}
