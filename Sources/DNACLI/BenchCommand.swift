import ArgumentParser
import DNACore
import DNAStore
import Foundation

/// Benchmark helpers for scripts/bench: generated data sets and in-process timings that the
/// script sets beside its peers. Timings here are measurements, never pass/fail checks.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark helpers: generate data sets, time stored scorecards (used by scripts/bench).",
        subcommands: [AssessmentData.self, CustomerData.self, Scorecard.self, ImportTarget.self, ResultsSetup.self, LineOfSightChecks.self])

    struct AssessmentData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assessment-data",
            abstract: "Write instrument.yaml and responses.csv: N respondents x M likert items over the 12 forces, by unit.")
        @Option(help: "Respondents.") var respondents = 100_000
        @Option(help: "Likert items (a multiple of 12 spreads them evenly over the forces).") var items = 60
        @Option(help: "Units.") var units = 40
        @Option(help: "Seed, so every run writes the same file.") var seed: UInt64 = 1
        @Option(help: "Output directory.") var output: String

        func run() throws {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let forces = BuiltInFrameworks.framework("os-canvas")!.dimensions.map(\.id)
            let elements = BuiltInFrameworks.framework("layers")!.dimensions.flatMap { layer in
                layer.elements.map { "\(layer.id)/\($0.id)" }
            }
            let traits = [
                "obsession/humility", "obsession/agility", "obsession/simplicity", "empowerment/organize", "empowerment/sense-making",
                "empowerment/decisions", "empowerment/improvement",
            ]
            var yaml = "id: bench\ntitle: Benchmark instrument\nitems:\n"
            for index in 0..<items {
                yaml += "  - id: q\(index + 1)\n    text: Statement \(index + 1)\n"
                yaml +=
                    "    dimensions: [os-canvas/\(forces[index % forces.count]), layers/\(elements[index % elements.count]), \(traits[index % traits.count])]\n"
                if index % 7 == 3 { yaml += "    reverse: true\n" }
            }
            try yaml.write(toFile: output + "/instrument.yaml", atomically: true, encoding: .utf8)

            var random = SeededRandom(seed: seed)
            guard FileManager.default.createFile(atPath: output + "/responses.csv", contents: nil),
                let handle = FileHandle(forWritingAtPath: output + "/responses.csv")
            else { throw CLIError("cannot write \(output)/responses.csv") }
            defer { try? handle.close() }
            var buffer = "respondent,unit,role," + (1...items).map { "q\($0)" }.joined(separator: ",") + "\n"
            for row in 0..<respondents {
                let attitude = random.normal() * 0.7
                buffer += "r\(row),u\(random.below(units)),role\(random.below(12)),"
                for item in 0..<items {
                    let draw = random.below(50)
                    if draw == 0 {
                        buffer += ""
                    } else if draw == 1 {
                        buffer += "dk"
                    } else {
                        buffer += String(Int(max(1, min(5, (3.3 + attitude + random.normal() * 0.8).rounded()))))
                    }
                    buffer += item == items - 1 ? "\n" : ","
                }
                if buffer.utf8.count > 1 << 20 {
                    handle.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            handle.write(Data(buffer.utf8))
        }
    }

    struct CustomerData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "customer-data",
            abstract:
                "Write outcomes.csv (an outcome study, 20 outcomes per customer, 3 segments) and votes.csv (a top-tasks vote over 80 tasks)."
        )
        @Option(help: "Ratings in the outcome study (rows).") var ratings = 1_000_000
        @Option(help: "Votes in the top-tasks vote (rows).") var votes = 1_000_000
        @Option(help: "Seed, so every run writes the same files.") var seed: UInt64 = 2
        @Option(help: "Output directory.") var output: String

        func run() throws {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            var random = SeededRandom(seed: seed)
            let outcomes = 20, segments = ["households", "small-business", "brokers"]
            // Each outcome has its own chance of a 4-5 on importance and on satisfaction.
            let chances = (0..<outcomes).map { _ in (0.2 + 0.7 * random.uniform(), 0.1 + 0.8 * random.uniform()) }
            func answer(_ top: Double) -> String {
                let draw = random.uniform()
                if draw < 0.02 { return "" }
                return String(draw < top ? 4 + random.below(2) : 1 + random.below(3))
            }
            try writeLines(output + "/outcomes.csv", header: "respondent,segment,outcome,importance,satisfaction", count: ratings) { row in
                let respondent = row / outcomes, outcome = row % outcomes
                let segment = segments[respondent % segments.count]
                return "c\(respondent),\(segment),o\(outcome + 1),\(answer(chances[outcome].0)),\(answer(chances[outcome].1))"
            }
            // Task popularity falls off like the long necks of real votes (Zipf-like); each
            // voter picks up to five distinct tasks.
            let tasks = 80
            let weights = (1...tasks).map { 1 / pow(Double($0), 1.1) }
            let total = weights.reduce(0, +)
            var voter = 0, picked: [Int] = [], wanted = 1 + random.below(5)
            try writeLines(output + "/votes.csv", header: "voter,task", count: votes) { _ in
                if picked.count == wanted {
                    voter += 1
                    picked = []
                    wanted = 1 + random.below(5)
                }
                while true {
                    var target = random.uniform() * total, task = 0
                    while task < tasks - 1, target > weights[task] {
                        target -= weights[task]
                        task += 1
                    }
                    if !picked.contains(task) {
                        picked.append(task)
                        return "v\(voter),t\(task + 1)"
                    }
                }
            }
        }

        private func writeLines(_ path: String, header: String, count: Int, _ line: (Int) -> String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw CLIError("cannot write \(path)")
            }
            defer { try? handle.close() }
            var buffer = header + "\n"
            for row in 0..<count {
                buffer += line(row) + "\n"
                if buffer.utf8.count > 1 << 20 {
                    handle.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            handle.write(Data(buffer.utf8))
        }
    }

    struct Scorecard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a generated data set into a fresh workspace once, then time the stored scorecard (P2).")
        @Option(help: "Directory written by `cdna bench assessment-data`.") var input: String
        @Option(help: "Timed repetitions; the best and the median are printed.") var repetitions: Int = 5
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let now = nowSeconds()
                    let slug = "bench"
                    let workspace: Workspace
                    let campaign: Campaign
                    if let existing = try? await store.workspaces.workspace(slug: slug),
                        let found = try await store.campaigns.all(workspaceID: existing.id).first
                    {
                        (workspace, campaign) = (existing, found)
                    } else {
                        (workspace, campaign) = try await BenchWorkspace.create(
                            store, input: input, slug: slug, waves: 1, now: now, chart: BenchWorkspace.flatChart)
                    }
                    var times: [Double] = []
                    var groups = 0
                    for _ in 0..<max(1, repetitions) {
                        let started = DispatchTime.now().uptimeNanoseconds
                        let scorecard = try await store.scorecards.scorecard(workspace: workspace, campaign: campaign, breakdown: .unit)
                        times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                        groups = scorecard.result.groups.count
                    }
                    times.sort()
                    Console.out(
                        "scorecard \(store.kind.rawValue): best \(String(format: "%.3f", times[0])) s, median \(String(format: "%.3f", times[times.count / 2])) s (\(groups) unit groups)"
                    )
                }
            }
        }
    }

    /// P5: the line-of-sight checks on a generated graph, timed in process (the checks, not
    /// YAML parsing). The graph is layered like a real one (few strategies, many initiatives
    /// and outcomes) with a sprinkle of wrong-direction edges, dangling metrics and a cycle,
    /// so every check does its work.
    struct LineOfSightChecks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "line-of-sight", abstract: "Time the line-of-sight checks on a generated graph (P5), best of --runs.")
        @Option(help: "Nodes.") var nodes = 100_000
        @Option(help: "Edges.") var edges = 500_000
        @Option(help: "Timed runs.") var runs = 5
        @Option(help: "Seed.") var seed: UInt64 = 5
        @Option(help: "Also write the graph as YAML to this file (for cdna analyze line-of-sight).") var output: String?

        func run() throws {
            let model = Self.graph(nodes: nodes, edges: edges, seed: seed)
            if let output { try LineOfSightDocument.yaml(model).write(toFile: output, atomically: true, encoding: .utf8) }
            var times: [Double] = []
            var report: LineOfSightCheck.Report?
            for _ in 0..<max(runs, 1) {
                let start = DispatchTime.now().uptimeNanoseconds
                report = LineOfSightCheck.check(model)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let best = times.min()!, median = Statistics.median(times)!
            let findings = Dictionary(grouping: report!.findings, by: \.kind.rawValue).mapValues(\.count).sorted { $0.key < $1.key }
            print(
                "P5 line-of-sight checks, \(nodes) nodes / \(model.edges.count) edges: best \(String(format: "%.3f", best)) s, median \(String(format: "%.3f", median)) s over \(times.count) runs; target 0.200 s (best is \(String(format: "%.1f", 0.2 / best))x under it)"
            )
            print(
                "  findings: " + findings.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + "; \(report!.coverage.withLineOfSight) of \(report!.coverage.initiatives) initiatives with a line of sight")
        }

        static func graph(nodes count: Int, edges edgeCount: Int, seed: UInt64) -> LineOfSightModel {
            var random = SeededRandom(seed: seed)
            // Shares of node types: 1% strategies, 4% capabilities, 45% initiatives, 40% outcomes, 10% impacts.
            let shares: [(LineOfSightModel.NodeType, Double)] = [
                (.strategy, 0.01), (.capability, 0.04), (.initiative, 0.45), (.outcome, 0.40), (.impact, 0.10),
            ]
            var nodes: [LineOfSightModel.Node] = []
            var byType: [LineOfSightModel.NodeType: [Int]] = [:]
            for (type, share) in shares {
                for _ in 0..<max(1, Int(Double(count) * share)) where nodes.count < count {
                    byType[type, default: []].append(nodes.count)
                    nodes.append(
                        .init(
                            id: "n\(nodes.count)", type: type, title: "", effort: Double(1 + random.below(20)),
                            budget: Double(random.below(500))))
                }
            }
            // Sorted: a Set's order changes from process to process, and the graph must not.
            let pairs = LineOfSightModel.allowedEdges.map { ($0[0], $0[1]) }.sorted { ($0.0.rank, $0.1.rank) < ($1.0.rank, $1.1.rank) }
            var edges: [LineOfSightModel.Edge] = []
            edges.reserveCapacity(edgeCount)
            for index in 0..<edgeCount {
                if index % 10_000 == 9_999 {
                    // A wrong-direction edge now and then.
                    let from = byType[.impact]!, to = byType[.initiative]!
                    edges.append(.init(from: nodes[from[random.below(from.count)]].id, to: nodes[to[random.below(to.count)]].id))
                    continue
                }
                let (a, b) = pairs[random.below(pairs.count)]
                let from = byType[a]!, to = byType[b]!
                edges.append(.init(from: nodes[from[random.below(from.count)]].id, to: nodes[to[random.below(to.count)]].id))
            }
            let metrics = (0..<count / 5).map { LineOfSightModel.Attachment(id: "m\($0)", node: "n\(random.below(count + count / 100))") }
            let evidence = (0..<count / 50).map { LineOfSightModel.Attachment(id: "e\($0)", node: "n\(random.below(count))") }
            return LineOfSightModel(nodes: nodes, edges: edges, metrics: metrics, evidence: evidence)
        }
    }

    /// P4's target: the workspace, units, roles and an empty campaign for a generated data
    /// set, so the benchmark times `cdna import responses` alone.
    struct ImportTarget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-target",
            abstract: "Create an empty campaign for a generated data set (P4) and print its id.")
        @Option(help: "Directory written by `cdna bench assessment-data`.") var input: String
        @Option(help: "Workspace slug to create.") var workspace = "bench"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                // Unit and role codes come from the start of the file: the generator cycles
                // through all of them within its first rows, and a gigabyte is not read here.
                guard let handle = FileHandle(forReadingAtPath: input + "/responses.csv") else {
                    throw CLIError("cannot read \(input)/responses.csv")
                }
                let head = String(decoding: try handle.read(upToCount: 4 << 20) ?? Data(), as: UTF8.self)
                try? handle.close()
                let (units, roles) = BenchWorkspace.codes(head.split(separator: "\n").dropFirst().dropLast())
                try await database.withStore { store in
                    let now = nowSeconds()
                    let created = try await BenchWorkspace.organization(
                        store, slug: workspace, roles: roles, chart: BenchWorkspace.flatChart(units), now: now)
                    let campaign = try await BenchWorkspace.campaign(store, created, input: input, name: "Bench", opensAt: now - 10)
                    Console.out(campaign.id)
                }
            }
        }
    }
}

/// A benchmark workspace made from `cdna bench assessment-data` files: the org chart the
/// caller draws over the file's unit codes, the file's roles, and `waves` campaigns that each
/// import the whole file (the newest last, so it is the one compared with the one before).
enum BenchWorkspace {
    static func create(
        _ store: Store, input: String, slug: String, waves: Int, now: Int64, chart: (Set<String>) -> String
    ) async throws -> (Workspace, Campaign) {
        let text = try readTextFile(input + "/responses.csv")
        let (units, roles) = codes(text.split(separator: "\n").dropFirst())
        let workspace = try await organization(store, slug: slug, roles: roles, chart: chart(units), now: now)
        var campaign: Campaign?
        for wave in 1...max(1, waves) {
            let made = try await Self.campaign(
                store, workspace, input: input, name: "Bench wave \(wave)", opensAt: now - Int64(waves - wave + 1) * 86_400)
            let started = Date()
            let count = try await store.campaigns.importResponses(
                workspaceID: workspace.id, campaignID: made.id, file: "responses.csv", text: text, now: now)
            Console.error("wave \(wave): imported \(count) responses in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            campaign = made
        }
        return (workspace, campaign!)
    }

    /// The unit and role codes of `respondent,unit,role,...` lines.
    static func codes(_ lines: some Sequence<Substring>) -> (units: Set<String>, roles: Set<String>) {
        var units: Set<String> = [], roles: Set<String> = []
        for line in lines {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            if fields.count > 1 { units.insert(String(fields[1])) }
            if fields.count > 2 { roles.insert(String(fields[2])) }
        }
        return (units, roles)
    }

    /// Every unit directly under one organization unit.
    static func flatChart(_ units: Set<String>) -> String {
        "unit,parent,name\norg,,Organization\n" + units.sorted().map { "\($0),org,Unit \($0)" }.joined(separator: "\n")
    }

    /// A new workspace with the org chart and the roles.
    static func organization(_ store: Store, slug: String, roles: Set<String>, chart: String, now: Int64) async throws -> Workspace {
        let workspace = try await store.workspaces.create(slug: slug, name: "Benchmark", now: now)
        _ = try await store.organization.importOrgChart(workspaceID: workspace.id, file: "bench org chart", text: chart)
        for role in roles.sorted() {
            _ = try await store.organization.addRole(workspaceID: workspace.id, code: role, name: role, unitID: nil)
        }
        return workspace
    }

    /// An empty campaign of the data set's instrument, sent to every unit.
    static func campaign(_ store: Store, _ workspace: Workspace, input: String, name: String, opensAt: Int64) async throws -> Campaign {
        let units = try await store.organization.units(workspaceID: workspace.id)
        return try await store.campaigns.create(
            workspaceID: workspace.id, name: name,
            instrument: .file(name: "instrument.yaml", source: try readTextFile(input + "/instrument.yaml")), opensAt: opensAt,
            closesAt: nil, population: Dictionary(uniqueKeysWithValues: units.map { ($0.id, 1) }), now: opensAt)
    }
}

extension BenchCommand {
    /// P6: a workspace whose organization has 1,000 units in four levels, with two waves.
    struct ResultsSetup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results-setup",
            abstract:
                "Make workspace p6 for the results-page benchmark (P6): 1,000 units (1 + 9 + 90 + 900 teams u0..u899) and two waves of a generated data set; prints the newest wave's id."
        )
        @Option(help: "Directory written by `cdna bench assessment-data --units 900`.") var input: String
        @Option(help: "Waves, each importing the whole file.") var waves = 2
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let (_, campaign) = try await BenchWorkspace.create(
                        store, input: input, slug: "p6", waves: waves, now: nowSeconds()
                    ) { teams in
                        var lines = ["unit,parent,name", "org,,Organization"]
                        lines += (0..<9).map { "d\($0),org,Division \($0)" }
                        lines += (0..<90).map { "g\($0),d\($0 / 10),Department \($0)" }
                        lines += teams.sorted().map { team in
                            let number = Int(team.dropFirst()) ?? 0
                            return "\(team),g\(min(89, number / 10)),Team \(team)"
                        }
                        return lines.joined(separator: "\n")
                    }
                    Console.out(campaign.id)
                }
            }
        }
    }
}
