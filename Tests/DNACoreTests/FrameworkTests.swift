import Testing

@testable import DNACore

@Suite("Frameworks as data")
struct FrameworkTests {
    @Test("built-in frameworks carry the contract's ids in the contract's order")
    func builtInIDs() {
        // MUT
        let ids = BuiltInFrameworks.all.map(\.id)
        let dimensions = Dictionary(uniqueKeysWithValues: BuiltInFrameworks.all.map { ($0.id, $0.dimensions.map(\.id)) })
        // validation
        #expect(ids == ["os-canvas", "layers", "empowerment", "obsession"])
        #expect(
            dimensions["os-canvas"] == [
                "purpose", "authority", "structure", "strategy", "resources", "innovation", "workflow", "meetings",
                "information", "membership", "mastery", "compensation",
            ])
        #expect(dimensions["layers"] == ["experience", "data-technology", "strategy", "culture-leadership"])
        #expect(dimensions["empowerment"] == ["organize", "sense-making", "decisions", "improvement"])
        #expect(dimensions["obsession"] == ["humility", "agility", "simplicity"])
    }

    @Test("layers have weights 1-4 and the contract's elements")
    func layerElements() throws {
        let layers = try #require(BuiltInFrameworks.framework("layers"))
        #expect(layers.dimensions.map(\.weight) == [1, 2, 3, 4])
        #expect(
            layers.dimensions.map { $0.elements.map(\.id) } == [
                ["activation", "response", "product-service"],
                ["technology", "data", "ai"],
                ["customer", "customer-to-business"],
                ["culture", "leadership", "ways-of-working"],
            ])
    }

    @Test("every built-in dimension has a name and a description")
    func namedAndDescribed() {
        for framework in BuiltInFrameworks.all {
            for dimension in framework.dimensions + framework.dimensions.flatMap(\.elements) {
                #expect(!dimension.name.isEmpty, "\(framework.id)/\(dimension.id)")
                #expect(dimension.description.count > 20, "\(framework.id)/\(dimension.id)")
            }
        }
    }

    @Test(
        "bad framework files are refused with the line and column of each mistake",
        arguments: [
            (
                "id: x\nname: X\ncolour: red\ndimensions:\n  - id: a\n    name: A\n",
                ["f.yaml:3:1: unknown key 'colour' in framework; known keys: description, dimensions, id, name"]
            ),
            (
                "id: x\nname: X\ndimensions:\n  - id: a\n    name: A\n  - id: a\n    name: B\n",
                ["f.yaml:6:5: duplicate dimension id 'a' (first on line 4)"]
            ),
            (
                "id: x\nname: X\ndimensions:\n  - id: a\n    name: A\n    weight: -2\n",
                ["f.yaml:6:13: weight must be a positive number, got -2.0"]
            ),
            (
                "id: x\nname: X\ndimensions:\n  - id: a\n    name: A\n    weight: heavy\n",
                ["f.yaml:6:13: weight must be a number"]
            ),
            (
                "id: Bad Id\ndimensions:\n  - id: a\n",
                [
                    "f.yaml:1:5: framework id 'Bad Id' is not valid: \(Identifier.rule)",
                    "f.yaml:1:1: framework is missing 'name'",
                    "f.yaml:3:5: dimension is missing 'name'",
                ]
            ),
            ("id: x\nname: [unclosed\n", ["f.yaml:3:1: YAML: did not find expected ',' or ']'"]),
        ])
    func badFiles(text: String, expected: [String]) {
        // MUT
        let problems = #expect(throws: FileProblems.self) { try FrameworkLoader.load(file: "f.yaml", text: text) }
        // validation
        #expect(problems?.problems.map(\.description) == expected)
    }

    @Test("a user framework with elements and weights loads")
    func userFramework() throws {
        let text = """
            id: service-design
            name: Service design maturity
            dimensions:
              - id: research
                name: Research
                weight: 2.5
                elements:
                  - id: interviews
                    name: Interviews
            """
        let framework = try FrameworkLoader.load(file: "sd.yaml", text: text)
        #expect(framework.dimensions[0].weight == 2.5)
        #expect(framework.dimensions[0].elements.map(\.id) == ["interviews"])
    }

    @Test("dimension references parse and know their layer")
    func references() {
        #expect(DimensionRef("layers/strategy/customer")?.parent == DimensionRef("layers/strategy"))
        #expect(DimensionRef("os-canvas/resources")?.element == nil)
        #expect(DimensionRef("os-canvas") == nil)
        #expect(DimensionRef("a/b/c/d") == nil)
        #expect(DimensionRef("a//b") == nil)
    }
}

@Suite("YAML problems are located")
struct YAMLLocationTests {
    @Test(
        "syntax errors, control characters and repeated keys name their line and column",
        arguments: [
            ("id: x\ntitle: [unclosed\n", 3), ("a: 1\nb: \"tab\u{01}\"\n", 2), ("a: 1\nb:\n  c: 1\n  c: 2\n", 3),
        ])
    func located(text: String, line: Int) {
        do {
            _ = try YAMLNode.parse(file: "f.yaml", text: text)
            Issue.record("parsed a broken file")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.line == line, "\(error.problems)")
        }
    }

    @Test("a file that is not UTF-8 names the first bad byte's line and column")
    func notUTF8() {
        let problem = TextPosition.invalidUTF8(file: "f.csv", bytes: Array("ab\ncd".utf8) + [0xFF, 0x41])
        #expect(problem?.description == "f.csv:2:3: the file is not UTF-8 text: byte 0xFF cannot start or continue a character")
        #expect(TextPosition.invalidUTF8(file: "f.csv", bytes: Array("é\n".utf8)) == nil)
    }
}
