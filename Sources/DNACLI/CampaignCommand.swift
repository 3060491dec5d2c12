import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import DNAWeb
import Foundation

struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Assessment campaigns (waves): list, create, make respondent links, invite and remind by e-mail, delete.",
        subcommands: [List.self, Create.self, Links.self, Invite.self, Remind.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's campaigns with their response counts.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.withWorkspace { store, found in
                    for (campaign, progress) in try await CampaignService(store: store).overview(.commandLine, workspace: found.slug).waves
                    {
                        Console.out(
                            "\(campaign.id)  \(campaign.name)  \(campaign.state(at: nowSeconds()).rawValue)  \(progress.submitted) of \(progress.invited) answered"
                        )
                    }
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a campaign and print its id.")
        @Option(help: "Campaign name.") var name: String
        @Option(help: "Built-in instrument id.") var instrument = "customer-dna"
        @Option(help: "An instrument YAML file instead of a built-in one.") var instrumentFile: String?
        @Option(help: "Opening date YYYY-MM-DD (default today).") var opens: String?
        @Option(help: "Last day YYYY-MM-DD (default: open-ended).") var closes: String?
        @Option(name: .customLong("unit"), help: "A unit of the population as CODE=PEOPLE, e.g. claims=40; repeat for each unit.")
        var units: [String] = []
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let now = nowSeconds()
                let opensAt = try opens.map { try day($0, "--opens") } ?? now
                let closesAt = try closes.map { try day($0, "--closes") + 86_400 }
                let choice: InstrumentChoice =
                    try instrumentFile.map { .file(name: $0, source: try readTextFile($0)) } ?? .builtIn(instrument)
                var population: [String: Int] = [:]
                for entry in units {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let count = Int(parts[1]), count >= 0 else {
                        throw CLIError("--unit \(entry): write CODE=PEOPLE, e.g. claims=40")
                    }
                    population[parts[0]] = count
                }
                try await workspace.database.withStore { store in
                    let campaign = try await CampaignService(store: store).createCampaign(
                        .commandLine, workspace: workspace.workspace, name: name, instrument: choice, opensAt: opensAt, closesAt: closesAt,
                        population: population, now: now)
                    Console.out(campaign.id)
                }
            }
        }
    }

    struct Links: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make single-use respondent links for one unit and print them as CSV (they cannot be shown again).")
        @Option(help: "Campaign id or exact name.") var campaign: String
        @Option(help: "Unit code.") var unit: String
        @Option(help: "How many links.") var count: Int
        @OptionGroup var address: PublicURLOptions
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try CampaignRepository.checkLinkCount(count)
                let base = try address.base
                try await workspace.withWorkspace { store, found in
                    let target = try await findCampaign(campaign, in: found, store: store)
                    let tokens = try await LinkService(store: store).respondentLinks(
                        .commandLine, workspace: found.slug, campaign: target.id, unitCode: unit, count: count, now: nowSeconds())
                    Console.out("unit,link")
                    for token in tokens { Console.out("\(unit),\(RespondentLinks.url(base: base, token: token))") }
                }
            }
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write a campaign's leadership report (html, pdf, md) or its scores (csv, json); small groups are never shown. PDF needs headless Chromium."
    )
    @Option(help: "Campaign id or exact name.") var campaign: String
    @Option(help: "html, pdf, md, csv or json (pdf through headless Chromium; CDNA_CHROMIUM names it if not on the PATH).")
    var format = "html"
    @Option(help: "Groups: unit (sub-units rolled up), role or none.") var by = "unit"
    @Option(help: "Framework for the heatmap and ranking.") var framework = "os-canvas"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        try await runCommand {
            guard let format = LeadershipReport.Format(rawValue: format) else {
                throw CLIError("--format must be html, pdf, md, csv or json")
            }
            guard let breakdown = AssessmentScoring.Breakdown(rawValue: by) else { throw CLIError("--by must be unit, role or none") }
            try await workspace.withWorkspace { store, found in
                let target = try await findCampaign(campaign, in: found, store: store)
                let report = try await CampaignService(store: store).report(
                    .commandLine, workspace: found.slug, campaign: target.id, breakdown: breakdown)
                let actions = try await ActionPlanService(store: store).actions(
                    .commandLine, workspace: found.slug, today: CalendarDay.string(nowSeconds()), wave: target.id)
                let bytes: Data
                if format == .pdf {
                    do {
                        bytes = Data(
                            try await LeadershipReport.pdf(
                                scorecard: report.scorecard, workspaceName: found.name, frameworks: report.frameworks,
                                frameworkID: framework, actions: actions))
                    } catch let failure as PDFPrinter.Failure {
                        throw CLIError(failure.description)
                    }
                } else {
                    bytes = Data(
                        LeadershipReport.render(
                            format, scorecard: report.scorecard, workspaceName: found.name, frameworks: report.frameworks,
                            frameworkID: framework, actions: actions
                        ).utf8)
                }
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: bytes) else { throw CLIError("cannot write \(output)") }
                    Console.error("Wrote \(output).")
                } else {
                    FileHandle.standardOutput.write(bytes)
                }
            }
        }
    }
}
