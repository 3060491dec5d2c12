import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import DNAWeb
import Foundation

/// `cdna customers ...`: the customer model file, studies and votes, task-test results and
/// customer-metric answers.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "The customer model: model file, studies and votes, task tests, customer metrics.",
        subcommands: [
            ModelImport.self, ModelExport.self, SurveyList.self, SurveyCreate.self, SurveyLinks.self, Invite.self, Remind.self,
            SurveyImport.self, SurveyResults.self, SurveyDelete.self, TaskResultsImport.self, MetricsImport.self,
        ])

    struct ModelImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-model",
            abstract: "Merge a customer-model YAML file (segments, jobs, outcomes, offerings, tasks) by code, all or nothing.")
        @Argument(help: "The YAML file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await workspace.withWorkspace { store, found in
                    let summary = try await CustomerModelService(store: store).importModel(
                        .commandLine, workspace: found.slug, file: file, text: text)
                    Console.out("Imported \(file): \(summary.added) records added, \(summary.updated) updated.")
                }
            }
        }
    }

    struct ModelExport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-model", abstract: "Write the customer model as YAML to standard output.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.withWorkspace { store, found in
                    Console.write(
                        CustomerModelDocument.yaml(try await CustomerModelService(store: store).model(.commandLine, workspace: found.slug)))
                }
            }
        }
    }

    struct SurveyList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "surveys", abstract: "List outcome studies and top-tasks votes.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.withWorkspace { store, found in
                    for (survey, progress) in try await SurveyService(store: store).surveys(.commandLine, workspace: found.slug) {
                        Console.out(
                            "\(survey.id)  \(survey.kind.rawValue)  \(survey.state(at: nowSeconds()).rawValue)  \(progress.submitted) answered  \(survey.name)"
                        )
                    }
                }
            }
        }
    }

    struct SurveyCreate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-survey", abstract: "Create an outcome study from chosen outcomes, or a top-tasks vote over the task list.")
        @Option(help: "outcome-study or top-tasks.") var kind: String
        @Option(help: "Name of the study or vote, for colleagues; customers never see it.") var name: String
        @Option(help: "The title customers see (default: one for the kind).") var publicTitle: String?
        @Option(help: "Outcome codes, comma-separated (outcome study; every outcome when left out).") var outcomes: String?
        @Option(help: "Opening day, YYYY-MM-DD (default today).") var opens: String?
        @Option(help: "Last day, YYYY-MM-DD.") var closes: String?
        @Option(help: "Long-neck share of votes (top-tasks).") var longNeck = 0.25
        @Option(help: "Top-task share of votes (top-tasks).") var top = 0.5
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                guard let kind = CustomerSurvey.Kind(rawValue: kind) else { throw CLIError("--kind must be outcome-study or top-tasks") }
                let opensAt = try opens.map { try day($0, "--opens") } ?? nowSeconds()
                let closesAt = try closes.map { try day($0, "--closes") + 86_400 }
                try await workspace.withWorkspace { store, found in
                    var codes = outcomes.map { $0.split(separator: ",").map { $0.trimmingSpaces() } } ?? []
                    if kind == .outcomeStudy, codes.isEmpty {
                        codes = try await CustomerModelService(store: store).model(.commandLine, workspace: found.slug).outcomes.map(\.code)
                    }
                    let survey = try await SurveyService(store: store).createSurvey(
                        .commandLine, workspace: found.slug, kind: kind, name: name, opensAt: opensAt, closesAt: closesAt, itemCodes: codes,
                        thresholds: TopTasks.Thresholds(longNeck: longNeck, top: top), publicTitle: publicTitle ?? "", now: nowSeconds())
                    Console.out("Created \(kind.title.lowercased()) '\(survey.name)' (\(survey.id)) with \(survey.items.count) items.")
                }
            }
        }
    }

    struct SurveyLinks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "survey-links", abstract: "Make single-use customer links and print them once, one per line.")
        @Option(help: "Survey id or exact name.") var survey: String
        @Option(help: "How many links.") var count: Int
        @Option(help: "Segment code the links are for (optional).") var segment: String?
        @OptionGroup var address: PublicURLOptions
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try CampaignRepository.checkLinkCount(count)
                let base = try address.base
                try await workspace.withWorkspace { store, found in
                    let target = try await findSurvey(survey, in: found, store: store)
                    let tokens = try await LinkService(store: store).customerLinks(
                        .commandLine, workspace: found.slug, survey: target.id, segment: segment, count: count, now: nowSeconds())
                    for token in tokens { Console.out(RespondentLinks.customerURL(base: base, token: token)) }
                }
            }
        }
    }

    struct SurveyImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-answers",
            abstract: "Import answers into a survey: respondent,segment,outcome,importance,satisfaction (study) or voter,task (vote).")
        @Option(help: "Survey id or exact name.") var survey: String
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let bytes = try readBytes(file)
                try await workspace.withWorkspace { store, found in
                    let target = try await findSurvey(survey, in: found, store: store)
                    let count = try await SurveyService(store: store).importAnswers(
                        .commandLine, workspace: found.slug, survey: target.id, file: file, bytes: bytes, now: nowSeconds())
                    Console.out("Imported \(file): the answers of \(count) customers into '\(target.name)'.")
                }
            }
        }
    }

    struct SurveyResults: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results", abstract: "Print a study's opportunity scores or a vote's ranked tasks (the keys of cdna analyze).")
        @Option(help: "Survey id or exact name.") var survey: String
        @Option(help: "json, csv or md.") var format: OutputFormat = .md
        @Flag(help: "Cut an outcome study by segment.") var bySegment = false
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.withWorkspace { store, found in
                    let target = try await findSurvey(survey, in: found, store: store)
                    let results = try await SurveyService(store: store).results(
                        .commandLine, workspace: found.slug, survey: target.id, segment: bySegment ? "*" : nil)
                    Console.write(results.render(format))
                }
            }
        }
    }

    struct TaskResultsImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-task-results",
            abstract: "Import a task-test round's results: participant,task,result,seconds,target_seconds (the round is created if new).")
        @Option(help: "Round name.") var round: String
        @Option(help: "Day the round was held, YYYY-MM-DD (for a new round).") var heldOn: String?
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let bytes = try readBytes(file)
                try await workspace.withWorkspace { store, found in
                    var target = try await CustomerModelService(store: store).taskTrend(.commandLine, workspace: found.slug).rounds.first {
                        $0.name == round
                    }
                    if target == nil {
                        // Check the file before creating the round, so a bad file leaves nothing behind.
                        _ = try TaskTests.read(file: file, bytes: bytes)
                        target = try await CustomerModelService(store: store).createTaskRound(
                            .commandLine, workspace: found.slug, name: round, heldOn: heldOn ?? CalendarDay.string(nowSeconds()),
                            now: nowSeconds())
                    }
                    let count = try await CustomerModelService(store: store).importAttempts(
                        .commandLine, workspace: found.slug, round: target!.id, file: file, bytes: bytes)
                    Console.out("Imported \(file): \(count) results into round '\(round)'.")
                }
            }
        }
    }

    struct MetricsImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-metrics",
            abstract: "Import NPS, CSAT, CES and time-to-first-value answers: respondent,segment,date,metric,value.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let bytes = try readBytes(file)
                try await workspace.withWorkspace { store, found in
                    let count = try await CustomerModelService(store: store).importCustomerMetrics(
                        .commandLine, workspace: found.slug, file: file, bytes: bytes)
                    Console.out("Imported \(file): \(count) answers.")
                }
            }
        }
    }
}

/// Finds a survey by id or by its exact name.
func findSurvey(_ reference: String, in workspace: Workspace, store: Store) async throws -> CustomerSurvey {
    let surveys = try await SurveyService(store: store).surveys(.commandLine, workspace: workspace.slug).map(\.survey)
    guard let found = surveys.first(where: { $0.id == reference }) ?? surveys.first(where: { $0.name == reference }) else {
        throw CLIError("no survey '\(reference)' in workspace '\(workspace.slug)'; `cdna customers surveys` shows them")
    }
    return found
}
