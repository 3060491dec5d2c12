import DNACore
import Foundation
import Testing

/// Runs the built `cdna` binary as a user would: exit codes, standard output and the
/// `FILE:LINE:COLUMN: message` lines on standard error. scripts/test builds it first.
@Suite("cdna command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/cdna").path

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func cdna(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CDNA_DATABASE_URL")
        env.removeValue(forKey: "CDNA_DATA")
        env["CDNA_LOG_LEVEL"] = "error"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile(), error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the binary exists: scripts/test builds it before the tests")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build it with `swift build` first")
    }

    @Test("help lists every command")
    func help() throws {
        let run = try Self.cdna(["--help"])
        for command in [
            "serve", "demo", "migrate", "workspace", "user", "token", "import", "participants", "campaign", "report", "customers",
            "line-of-sight",
            "frameworks",
            "analyze", "audit",
        ] {
            #expect(run.output.contains("  \(command) "), "\(command)")
        }
    }

    @Test("demo, import and frameworks work on a data directory; a bad import is refused whole")
    func organization() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try Self.cdna(["demo", "--data", data]).status == 0)
        let bad = directory.appendingPathComponent("bad.csv")
        try "unit,parent,name\nlab,harbor,Lab\nshop,nowhere,Shop\nlab2,,\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.cdna(["import", "org-chart", "--workspace", "harbor", "--data", data, bad.path])
        #expect(refused.status == 2)
        #expect(
            refused.error.split(separator: "\n").map(String.init) == [
                "\(bad.path):3:6: parent 'nowhere' is not a unit in this file or in the workspace",
                "\(bad.path):4:7: name is empty",
            ])
        let good = directory.appendingPathComponent("good.csv")
        try "unit,parent,name\nlab,harbor,Innovation lab\n".write(to: good, atomically: true, encoding: .utf8)
        let imported = try Self.cdna(["import", "org-chart", "--workspace", "harbor", "--data", data, good.path])
        #expect(imported.output == "Imported \(good.path): 1 units added, 0 updated.\n")
        #expect(try Self.cdna(["workspace", "list", "--data", data]).output.hasPrefix("harbor\tHarbor Mutual\tk=5"))
        let show = try Self.cdna(["frameworks", "show", "layers"])
        #expect(show.output.contains("layers/strategy/customer-to-business\tCustomer to business"))
    }

    @Test("users: add with a password from standard input, then reset it")
    func users() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        let added = try Self.cdna(
            ["user", "add", "--email", "Ann@Example.org", "--name", "Ann", "--data", data], input: "a long enough secret\n")
        #expect(added.status == 0 && added.output == "Added user ann@example.org.\n")
        let short = try Self.cdna(
            ["user", "reset-password", "--email", "ann@example.org", "--data", data], environment: ["CDNA_PASSWORD": "short"])
        #expect(short.status == 1 && short.error == "error: the password must have at least 10 characters\n")
        let missing = try Self.cdna(
            ["user", "reset-password", "--email", "bob@example.org", "--data", data], environment: ["CDNA_PASSWORD": "long enough password"]
        )
        #expect(missing.status == 1 && missing.error == "error: no user with e-mail 'bob@example.org'\n")
    }

    @Test("serve refuses bad settings in one message, including an unreachable database")
    func badSettings() throws {
        let run = try Self.cdna(["serve", "--port", "0x50"], environment: ["CDNA_SECURE_COOKIES": "sometimes"])
        #expect(run.status == 2)
        #expect(
            run.error == """
                cannot start: 2 bad settings
                  - port '0x50' (--port): expected a number from 1 to 65535
                  - CDNA_SECURE_COOKIES 'sometimes': expected true or false

                """)
        let unreachable = try Self.cdna(["serve", "--database-url", "postgres://nobody@127.0.0.1:1/none"])
        #expect(unreachable.status == 2)
        #expect(
            unreachable.error.hasPrefix(
                "cannot start: 1 bad setting\n  - database: cannot open PostgreSQL at postgres://nobody@127.0.0.1:1/none"))
    }

    @Test("analyze prints contract JSON, and bad files as FILE:LINE:COLUMN lines with exit 2")
    func analyze() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let votes = directory.appendingPathComponent("votes.csv")
        try "voter,task\n1,renew\n1,claim\n2,renew\n".write(to: votes, atomically: true, encoding: .utf8)
        let ranked = try Self.cdna(["analyze", "top-tasks", "--votes", votes.path])
        #expect(ranked.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(ranked.output.utf8)) as? [[String: Any]])
        #expect(rows.first?["task"] as? String == "renew" && rows.first?["cumulative_share"] != nil)

        let bad = directory.appendingPathComponent("bad.csv")
        try "participant,task,result,seconds,target_seconds\np,t,won,10,20\nq,t,success,-1,20\n".write(
            to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.cdna(["analyze", "task-tests", "--results", bad.path])
        #expect(refused.status == 2)
        #expect(
            refused.error
                == "\(bad.path):2:5: result 'won' must be success, failure or disaster\n\(bad.path):3:13: seconds '-1' must be a number of seconds above 0\n"
        )
        #expect(refused.output.isEmpty)

        let csv = try Self.cdna(["analyze", "top-tasks", "--votes", votes.path, "--format", "csv"])
        #expect(csv.output.hasPrefix("task,votes,share,cumulative_share,rank,long_neck,top\nrenew,2,"))
    }

    @Test("a campaign from the command line: create, links, import responses, report")
    func campaignCommands() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        #expect(try Self.cdna(["demo"] + data).status == 0)
        let created = try Self.cdna(
            ["campaign", "create", "--workspace", "harbor", "--name", "Winter", "--unit", "claims=9"] + data)
        #expect(created.status == 0, "\(created.error)")
        let campaignID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let links = try Self.cdna(
            ["campaign", "links", "--workspace", "harbor", "--campaign", "Winter", "--unit", "claims", "--count", "2"] + data)
        #expect(links.status == 0 && links.output.split(separator: "\n").count == 3)
        #expect(links.output.hasPrefix("unit,link\nclaims,http://127.0.0.1:8080/r/"))
        // Links start with the configured public address, as the server's do; a bad one is refused.
        let published = try Self.cdna(
            ["campaign", "links", "--workspace", "harbor", "--campaign", "Winter", "--unit", "claims", "--count", "1"] + data,
            environment: ["CDNA_PUBLIC_URL": "https://dna.example.org/"])
        #expect(published.output.hasPrefix("unit,link\nclaims,https://dna.example.org/r/"), "\(published.error)")
        let badAddress = try Self.cdna(
            [
                "campaign", "links", "--workspace", "harbor", "--campaign", "Winter", "--unit", "claims", "--count", "1",
                "--public-url", "ftp://x",
            ] + data)
        #expect(badAddress.status != 0 && badAddress.error.contains("public URL 'ftp://x' (--public-url)"))

        let file = directory.appendingPathComponent("responses.csv")
        var rows = ["respondent,unit,role,purpose-customers,line-of-sight"]
        for index in 0..<6 { rows.append("p\(index),claims,claims-handler,\(index % 5 + 1),settlement-time") }
        rows.append("p9,claims,nobody,3,")
        try rows.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let refused = try Self.cdna(["import", "responses", "--workspace", "harbor", "--campaign", campaignID, file.path] + data)
        #expect(refused.status == 2)
        #expect(refused.error == "\(file.path):8:11: 'nobody' is not a role code of this workspace (leave it empty for none)\n")
        rows.removeLast()
        try rows.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = try Self.cdna(["import", "responses", "--workspace", "harbor", "--campaign", campaignID, file.path] + data)
        #expect(imported.status == 0 && imported.output.contains("6 responses"))

        let report = try Self.cdna(["report", "--workspace", "harbor", "--campaign", "Winter", "--format", "json"] + data)
        #expect(report.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["n"] as? Int == 6)
        #expect(overall["line_of_sight_coverage"] as? Double == 1.0)
        let purpose = try #require((overall["dimensions"] as? [[String: Any]])?.first { $0["dimension"] as? String == "purpose" })
        // Answers 1,2,3,4,5,1 on one item: mean 16 / 6.
        #expect(abs((purpose["mean"] as? Double ?? 0) - 16.0 / 6.0) < 1e-12)
        let markdown = try Self.cdna(["report", "--workspace", "harbor", "--campaign", "Winter", "--format", "md"] + data)
        #expect(markdown.output.contains("# Customer DNA report: Harbor Mutual, Winter"))
        #expect(markdown.output.contains("Compared with Pulse, autumn"))
    }

    @Test("the customer model from the command line: model file, a study with links and answers, results equal to analyze")
    func customerCommands() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        #expect(try Self.cdna(["demo"] + data).status == 0)
        let exported = try Self.cdna(["customers", "export-model", "--workspace", "harbor"] + data)
        #expect(exported.status == 0 && exported.output.contains("\"prevent-loss\""))
        let model = directory.appendingPathComponent("model.yaml")
        try
            "outcomes:\n  - {code: quote-clarity, job: place-client, direction: increase, metric: the likelihood, object: of a clear quote}\n  - {code: x, job: nojob, direction: up, metric: m, object: o}\n"
            .write(to: model, atomically: true, encoding: .utf8)
        let refused = try Self.cdna(["customers", "import-model", "--workspace", "harbor", model.path] + data)
        #expect(refused.status == 2)
        #expect(
            refused.error.split(separator: "\n").map(String.init) == [
                "\(model.path):3:20: unknown job 'nojob'; jobs are named by their code in the jobs section",
                "\(model.path):3:38: outcome direction 'up' must be one of: minimize, increase",
            ])
        try
            "outcomes:\n  - {code: quote-clarity, job: place-client, direction: increase, metric: the likelihood, object: of a clear quote}\n"
            .write(to: model, atomically: true, encoding: .utf8)
        let merged = try Self.cdna(["customers", "import-model", "--workspace", "harbor", model.path] + data)
        #expect(merged.output == "Imported \(model.path): 1 records added, 0 updated.\n")

        let created = try Self.cdna(
            [
                "customers", "create-survey", "--workspace", "harbor", "--kind", "outcome-study", "--name", "Broker check", "--outcomes",
                "quote-clarity,broker-quote-time", "--opens", "2020-01-01",
            ] + data)
        #expect(created.status == 0 && created.output.contains("with 2 items"), "\(created.error)")
        let links = try Self.cdna(
            ["customers", "survey-links", "--workspace", "harbor", "--survey", "Broker check", "--count", "3"] + data)
        #expect(
            links.output.split(separator: "\n").allSatisfy { $0.hasPrefix("http://127.0.0.1:8080/c/") }
                && links.output.split(separator: "\n").count == 3)
        let answers = directory.appendingPathComponent("answers.csv")
        try
            "respondent,segment,outcome,importance,satisfaction\nb1,brokers,quote-clarity,5,2\nb1,brokers,broker-quote-time,4,4\nb2,brokers,quote-clarity,4,1\nb3,,broker-quote-time,2,\n"
            .write(to: answers, atomically: true, encoding: .utf8)
        let imported = try Self.cdna(
            ["customers", "import-answers", "--workspace", "harbor", "--survey", "Broker check", answers.path] + data)
        #expect(imported.output.contains("the answers of 3 customers"), "\(imported.error)")
        let stored = try Self.cdna(
            ["customers", "results", "--workspace", "harbor", "--survey", "Broker check", "--format", "json"] + data)
        let analyzed = try Self.cdna(["analyze", "outcomes", "--responses", answers.path, "--format", "json"])
        #expect(stored.status == 0 && stored.output == analyzed.output, "the server's scores are the stateless analysis's")
        let scores = try #require(try JSONSerialization.jsonObject(with: Data(stored.output.utf8)) as? [[String: Any]])
        #expect(scores.first?["outcome"] as? String == "quote-clarity" && scores.first?["opportunity"] as? Double == 20)

        let metrics = directory.appendingPathComponent("metrics.csv")
        try "respondent,segment,date,metric,value\nz,brokers,2026-02-30,nps,9\n".write(to: metrics, atomically: true, encoding: .utf8)
        let badMetrics = try Self.cdna(["customers", "import-metrics", "--workspace", "harbor", metrics.path] + data)
        #expect(badMetrics.status == 2 && badMetrics.error == "\(metrics.path):2:11: date '2026-02-30' must be written YYYY-MM-DD\n")
    }

    @Test("the line of sight from the command line: the stored graph's check equals analyze on its export; a wrong edge has its line")
    func lineOfSightCommands() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        #expect(try Self.cdna(["demo"] + data).status == 0)
        let exported = try Self.cdna(["line-of-sight", "export", "--workspace", "harbor"] + data)
        #expect(exported.status == 0)
        let model = directory.appendingPathComponent("g.yaml")
        try exported.output.write(to: model, atomically: true, encoding: .utf8)
        let analyzed = try Self.cdna(["analyze", "line-of-sight", "--model", model.path, "--format", "json"])
        let checked = try Self.cdna(["line-of-sight", "check", "--workspace", "harbor", "--format", "json"] + data)
        #expect(analyzed.status == 0 && checked.status == 0 && analyzed.output == checked.output)
        #expect(checked.output.contains("initiative 'Data lake migration' reaches no customer outcome"))

        let wrong = directory.appendingPathComponent("wrong.yaml")
        try "nodes:\n  - {id: pilot, type: initiative, title: Pilot}\nedges:\n  - {from: retention, to: pilot}\n".write(
            to: wrong, atomically: true, encoding: .utf8)
        let refused = try Self.cdna(["line-of-sight", "import", "--workspace", "harbor", wrong.path] + data)
        #expect(refused.status == 2)
        #expect(
            refused.error
                == "\(wrong.path):4:5: retention -> pilot: an edge may not go impact -> initiative: value flows strategy -> capability -> initiative -> outcome -> impact; did you mean initiative -> impact?\n"
        )
        let values = directory.appendingPathComponent("values.csv")
        try "metric,date,value\nretention-rate,2026-11-01,86.4\n".write(to: values, atomically: true, encoding: .utf8)
        let imported = try Self.cdna(["line-of-sight", "import-values", "--workspace", "harbor", values.path] + data)
        #expect(imported.status == 0 && imported.output == "Imported \(values.path): 1 values.\n")
    }

    @Test("every command that takes --workspace checks it the same way, before opening any database")
    func workspaceOption() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in [
            ["campaign", "list"], ["import", "org-chart", "org.csv"], ["audit"], ["customers", "surveys"], ["line-of-sight", "export"],
            ["frameworks", "add", "f.yaml"],
        ] {
            let run = try Self.cdna(command + ["--workspace", "Bad Slug", "--data", directory.path])
            #expect(run.status == 64, "\(command)")
            #expect(run.error.contains("--workspace 'Bad Slug' is not a workspace slug: \(Identifier.rule)"), "\(command): \(run.error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no database was made")
    }
}
