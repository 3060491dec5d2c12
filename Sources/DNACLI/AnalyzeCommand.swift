import ArgumentParser
import DNACore
import Foundation

extension OutputFormat: ExpressibleByArgument {}
extension AssessmentScoring.Breakdown: ExpressibleByArgument {}

/// Stateless analysis of files: the same scoring code the server runs, with no database.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Score files without a database (assessment, outcomes, top tasks, task tests, line of sight).",
        discussion: "Bad files exit with status 2 and one FILE:LINE:COLUMN: message line per problem (at most 50).",
        subcommands: [
            Assessment.self, Drivers.self, Comments.self, Outcomes.self, TopTasksCommand.self, TaskTestsCommand.self, LineOfSight.self,
        ])

    struct FormatOption: ParsableArguments {
        @Option(help: "Output format: json, csv or md.") var format: OutputFormat = .json
    }

    struct Assessment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score an assessment: dimensions, layer balance, coverage, reliability.")
        @Option(help: "Instrument YAML file.") var instrument: String
        @Option(help: "Responses CSV, wide (respondent,unit,role,<item>...) or long (respondent,unit,role,item,value).") var responses:
            String
        @Option(help: "Breakdown: unit, role or none.") var by: AssessmentScoring.Breakdown = .unit
        @Option(help: "Anonymity threshold k: smaller groups are never shown.") var minGroup: Int = 5
        @Option(help: "Extra framework YAML files the instrument's dimensions may name.") var framework: [String] = []
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard minGroup >= 1 else { throw ValidationError("--min-group must be at least 1") }
        }

        func run() async throws {
            try await runCommand {
                var frameworks = BuiltInFrameworks.all
                for file in framework { frameworks.append(try FrameworkLoader.load(file: file, text: try readTextFile(file))) }
                let instrument = try InstrumentLoader.load(file: instrument, text: try readTextFile(instrument), frameworks: frameworks)
                let options = AssessmentScoring.Options(breakdown: by, minGroupSize: minGroup, frameworks: frameworks)
                // Mapped, not copied: the fast path reads the file in place on every core and
                // falls back to the full reader (which locates every problem) when it must.
                let mapped = try mapFile(responses)
                let fast = mapped.withUnsafeBytes { bytes in
                    FastAssessmentScoring.score(
                        instrument: instrument, csv: bytes, options: options, parallelism: ProcessInfo.processInfo.activeProcessorCount)
                }
                let result: AssessmentResult
                if let fast {
                    result = fast
                } else {
                    let data = try AssessmentResponseReader.read(file: responses, bytes: Array(mapped), instrument: instrument)
                    result = AssessmentScoring.score(instrument: instrument, responses: data, options: options)
                }
                Console.write(AnalysisOutput.render(result, as: output.format))
            }
        }
    }

    struct Drivers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Key drivers: Johnson's relative weights of a framework's dimensions for a target, with bootstrap intervals.")
        @Option(help: "Instrument YAML file.") var instrument: String
        @Option(help: "Responses CSV, wide or long, as for `analyze assessment`.") var responses: String
        @Option(help: "What is explained: framework/dimension, an agreement item's id, or line-of-sight.") var target: String
        @Option(help: "The framework whose dimensions are the predictors (default os-canvas, the twelve forces).") var framework: String =
            "os-canvas"
        @Option(help: "Also per unit, per role, or none.") var by: AssessmentScoring.Breakdown = .unit
        @Option(help: "Anonymity threshold k: groups under max(k, 30) respondents are not shown.") var minGroup: Int = 5
        @Option(help: "Seed of the 1,000 bootstrap resamples; the same seed gives the same intervals.") var seed: UInt64 = 1
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard minGroup >= 1 else { throw ValidationError("--min-group must be at least 1") }
        }

        func run() async throws {
            try await runCommand {
                let (instrument, data) = try readAssessment(instrument: instrument, responses: responses)
                let options = DriverAnalysis.Options(
                    target: target, framework: framework, breakdown: by, minGroupSize: minGroup, seed: seed,
                    parallelism: ProcessInfo.processInfo.activeProcessorCount)
                let report: DriverAnalysis.Report
                do {
                    report = try DriverAnalysis.analyze(instrument: instrument, responses: data, options: options)
                } catch let problem as DriverAnalysis.Problem {
                    throw CLIError(problem.description)
                }
                Console.write(AnalysisOutput.render(report, as: output.format))
            }
        }
    }

    struct Comments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open answers: themes found in them, counts by group, near-duplicates folded, under a comment threshold.")
        @Option(help: "Instrument YAML file.") var instrument: String
        @Option(help: "Responses CSV, wide or long, as for `analyze assessment`.") var responses: String
        @Option(help: "Counts and answers per unit, per role, or none.") var by: AssessmentScoring.Breakdown = .unit
        @Option(help: "Comment threshold: a group where fewer people wrote shows no answers and no theme counts.") var minComments: Int =
            10
        @Option(help: "Anonymity threshold k; the comment threshold is never below it.") var minGroup: Int = 5
        @Option(name: .customLong("item"), help: "A text item to read (repeatable; default every text item).") var items: [String] = []
        @Option(help: "Seed of the theme finder; the same seed finds the same themes.") var seed: UInt64 = 1
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard minComments >= 1 else { throw ValidationError("--min-comments must be at least 1") }
            guard minGroup >= 1 else { throw ValidationError("--min-group must be at least 1") }
        }

        func run() async throws {
            try await runCommand {
                let (instrument, data) = try readAssessment(instrument: instrument, responses: responses)
                let options = CommentAnalysis.Options(
                    breakdown: by, minComments: minComments, minGroupSize: minGroup, items: items.isEmpty ? nil : items, seed: seed)
                let answers: [CommentAnalysis.Answer]
                do {
                    answers = try CommentAnalysis.answers(instrument: instrument, responses: data, items: options.items, breakdown: by)
                } catch let problem as CommentAnalysis.Problem {
                    throw CLIError(problem.description)
                }
                Console.write(AnalysisOutput.render(CommentAnalysis.analyze(answers, options: options), as: output.format))
            }
        }
    }

    struct Outcomes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score an outcome study: importance, satisfaction, opportunity.")
        @Option(help: "CSV respondent,segment,outcome,importance,satisfaction.") var responses: String
        @Option(help: "Cut by segment (the only breakdown).") var by: String?
        @Flag(help: "Find segments by the customers' unmet outcomes (k-means++, k from 2 to 5 by silhouette).") var findSegments = false
        @Option(help: "With --find-segments: this many segments instead of the best of 2 to 5.") var k: Int?
        @OptionGroup var output: FormatOption

        func validate() throws {
            if let by, by != "segment" { throw ValidationError("--by accepts only 'segment'") }
            if let k, !(2...20).contains(k) { throw ValidationError("--k must be from 2 to 20") }
            if k != nil && !findSegments { throw ValidationError("--k goes with --find-segments") }
        }

        func run() async throws {
            try await runCommand {
                let mapped = try mapFile(responses)
                if findSegments {
                    let ratings = try OutcomeStudy.read(file: responses, bytes: Array(mapped))
                    do {
                        Console.write(AnalysisOutput.render(try OutcomeSegments.find(ratings, k: k), as: output.format))
                    } catch let problem as OutcomeSegments.Problem {
                        throw CLIError(problem.description)
                    }
                    return
                }
                let bySegment = by == "segment"
                let scores =
                    try mapped.withUnsafeBytes { FastCustomerScoring.outcomes(csv: $0, bySegment: bySegment) }
                    ?? OutcomeStudy.score(try OutcomeStudy.read(file: responses, bytes: Array(mapped)), bySegment: bySegment)
                Console.write(AnalysisOutput.render(scores, as: output.format))
            }
        }
    }

    struct TopTasksCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "top-tasks", abstract: "Rank a top-tasks vote: share, long neck, top tasks.")
        @Option(help: "CSV voter,task, one row per pick (at most 5 per voter).") var votes: String
        @Option(help: "Cumulative share that closes the long neck.") var longNeck: Double = 0.25
        @Option(help: "Cumulative share that closes the top-task list.") var top: Double = 0.5
        @OptionGroup var output: FormatOption

        func validate() throws {
            guard (0...1).contains(longNeck), (0...1).contains(top) else {
                throw ValidationError("--long-neck and --top are shares from 0 to 1")
            }
        }

        func run() async throws {
            try await runCommand {
                let mapped = try mapFile(votes)
                let thresholds = TopTasks.Thresholds(longNeck: longNeck, top: top)
                let results =
                    try mapped.withUnsafeBytes { FastCustomerScoring.topTasks(csv: $0, thresholds: thresholds) }
                    ?? TopTasks.rank(try TopTasks.read(file: votes, bytes: Array(mapped)), thresholds: thresholds)
                Console.write(AnalysisOutput.render(results, as: output.format))
            }
        }
    }

    struct TaskTestsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "task-tests", abstract: "Score task tests: success, disasters, time, score.")
        @Option(help: "CSV participant,task,result,seconds,target_seconds.") var results: String
        @OptionGroup var output: FormatOption

        func run() async throws {
            try await runCommand {
                let attempts = try TaskTests.read(file: results, bytes: try readBytes(results))
                Console.write(AnalysisOutput.render(TaskTests.score(attempts), as: output.format))
            }
        }
    }

    struct LineOfSight: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "line-of-sight", abstract: "Check a line-of-sight model: findings and coverage.")
        @Option(help: "Model YAML with nodes, edges, metrics and evidence.") var model: String
        @OptionGroup var output: FormatOption

        func run() async throws {
            try await runCommand {
                let graph = try LineOfSightLoader.load(file: model, text: try readTextFile(model))
                Console.write(AnalysisOutput.render(LineOfSightCheck.check(graph), as: output.format))
            }
        }
    }
}

/// The file mapped into memory, not copied: the fast paths read it in place and fall back to
/// the full readers (which locate every problem) when they must.
func mapFile(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw CLIError("cannot read \(path)")
    }
}

/// The instrument and the responses to it, read from the files named, for the analyses of
/// one wave on files.
func readAssessment(instrument path: String, responses: String) throws -> (Instrument, AssessmentResponses) {
    let instrument = try InstrumentLoader.load(file: path, text: try readTextFile(path), frameworks: BuiltInFrameworks.all)
    return (instrument, try AssessmentResponseReader.read(file: responses, bytes: try readBytes(responses), instrument: instrument))
}
