import Testing

@testable import DNACore

@Suite("Participants file")
struct ParticipantsFileTests {
    static let units: Set<String> = ["claims", "sales"]
    static let roles: Set<String> = ["agent"]

    static func parse(_ text: String, managers: [String: String] = [:]) throws(FileProblems) -> [ParticipantRow] {
        try ParticipantsFile.parse(file: "p.csv", text: text, units: units, roles: roles, managers: managers).rows
    }

    @Test("rows are read with e-mails in lower case, tags in canonical case and empty fields as nil")
    func valid() throws {
        let rows = try Self.parse(
            """
            email,name,unit,role,language,manager_email
            Kari.Nordmann@Example.NO,Kari Nordmann,claims,agent,NB-no,Boss@example.no
            boss@example.no,Bo Ss,sales,,,
            """)
        #expect(
            rows == [
                ParticipantRow(
                    email: "kari.nordmann@example.no", name: "Kari Nordmann", unit: "claims", role: "agent", language: "nb-NO",
                    managerEmail: "boss@example.no", line: 2),
                ParticipantRow(email: "boss@example.no", name: "Bo Ss", unit: "sales", line: 3),
            ])
    }

    @Test("only email and unit are required columns, in any order, and the file says which others it has")
    func optionalColumns() throws {
        let contents = try ParticipantsFile.parse(
            file: "p.csv", text: "unit,email,language\nsales,a@example.com,\n", units: Self.units, roles: Self.roles)
        #expect(contents.rows == [ParticipantRow(email: "a@example.com", unit: "sales", line: 2)])
        #expect(contents.columns == ["language"] && contents.has("language") && !contents.has("name"))
    }

    @Test(
        "mistakes are located by line and column",
        arguments: [
            ("email,unit\nnot-an-address,claims\n", "p.csv:2:1: email 'not-an-address' must have exactly one @"),
            (
                "email,unit\na b@example.com,claims\n",
                "p.csv:2:1: email 'a b@example.com' contains a space or a character addresses cannot hold"
            ),
            ("email,unit\na@localhost,claims\n", "p.csv:2:1: email 'a@localhost' needs a domain such as example.com after the @"),
            ("email,unit\n,claims\n", "p.csv:2:1: email is empty"),
            ("email,unit\na@x.io,claims\nA@X.io,sales\n", "p.csv:3:1: 'a@x.io' appears twice (first on line 2)"),
            ("email,unit\na@x.io,nowhere\n", "p.csv:2:8: unit 'nowhere' is not a unit of this workspace"),
            ("email,unit\na@x.io,\n", "p.csv:2:8: unit is empty"),
            ("email,unit,role\na@x.io,claims,boss\n", "p.csv:2:15: role 'boss' is not a role of this workspace"),
            ("email,unit,language\na@x.io,claims,xx\n", "p.csv:2:15: language 'xx' is not an ISO 639-1 language code"),
            (
                "email,unit,language\na@x.io,claims,english\n",
                "p.csv:2:15: language 'english' must start with a two-letter code such as en, nb, de, fr or es"
            ),
            (
                "email,unit,language\na@x.io,claims,de-CH-x\n",
                "p.csv:2:15: language 'de-CH-x' is not a well-formed BCP 47 tag ('x' cannot stand there)"
            ),
            ("email,unit,manager_email\na@x.io,claims,a@x.io\n", "p.csv:2:15: a participant cannot be their own manager"),
            ("email,unit,manager_email\na@x.io,claims,boss\n", "p.csv:2:15: manager_email 'boss' must have exactly one @"),
            (
                "email,unit,manager_email\na@x.io,claims,b@x.io\nb@x.io,claims,c@x.io\nc@x.io,sales,a@x.io\n",
                "p.csv:2:15: managers form a cycle: a@x.io -> b@x.io -> c@x.io -> a@x.io"
            ),
            ("email,unit\na@x.io,claims,extra\n", "p.csv:2:15: expected 2 fields, found 3"),
            ("email,name\na@x.io,A\n", "p.csv:1:1: missing column 'unit'; the header must be email,unit"),
            ("email,unit,phone\na@x.io,claims,1\n", "p.csv:1:12: unknown column 'phone'"),
        ])
    func mistakes(text: String, expected: String) {
        let problems = #expect(throws: FileProblems.self) { try Self.parse(text) }
        #expect(problems?.problems.first?.description == expected)
    }

    @Test("a cycle through people already stored is found, and every problem of the file is listed")
    func storedManagers() {
        let cycle = #expect(throws: FileProblems.self) {
            try Self.parse("email,unit,manager_email\nboss@x.io,sales,a@x.io\n", managers: ["a@x.io": "boss@x.io"])
        }
        #expect(cycle?.problems.map(\.description) == ["p.csv:2:17: managers form a cycle: a@x.io -> boss@x.io -> a@x.io"])
        let many = #expect(throws: FileProblems.self) { try Self.parse("email,unit,language\nx,nowhere,zz\n") }
        #expect(many?.problems.count == 3)
    }

    @Test("the manager chain: every cycle once, and everyone under a manager")
    func chain() {
        #expect(ManagerChain.cycles(["b": "a", "a": "b", "c": "a", "d": "d"]) == [["a", "b"], ["d"]])
        #expect(ManagerChain.cycles(["a": "boss", "b": "a"]).isEmpty)
        #expect(ManagerChain.reports(of: "boss", in: ["a": "boss", "b": "a", "c": "b", "x": "other"]) == ["a", "b", "c"])
    }

    @Test("language tags: canonical case, Norwegian read as bokmål, untranslated languages known but not translated")
    func languages() throws {
        #expect(try LanguageTag.canonical("ZH-hant-tw").get() == "zh-Hant-TW")
        #expect(try LanguageTag.canonical("es-419").get() == "es-419")
        #expect(try LanguageTag.canonical("de-CH-1996").get() == "de-CH-1996")
        #expect(LanguageTag.translation(for: "nb-NO") == "nb")
        #expect(LanguageTag.translation(for: "no") == "nb")
        #expect(LanguageTag.translation(for: "de-AT") == "de")
        #expect(LanguageTag.translation(for: "sv") == nil)
        #expect((try? LanguageTag.canonical("sv").get()) == "sv")
    }
}
