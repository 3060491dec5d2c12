import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

/// `cdna line-of-sight ...`: a workspace's line-of-sight graph as the contract's YAML, its
/// checks (the same code as `cdna analyze line-of-sight`) and metric measurements.
struct LineOfSightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "line-of-sight", abstract: "A workspace's line of sight: model file, checks, metric values.",
        subcommands: [Import.self, Export.self, Check.self, ImportValues.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge a line-of-sight YAML file (nodes, edges, metrics, evidence) by code, all or nothing.")
        @Argument(help: "The YAML file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await workspace.database.withStore { store in
                    let summary = try await LineOfSightService(store: store).importModel(
                        .commandLine, workspace: workspace.workspace, file: file, text: text)
                    Console.out(
                        "Imported \(file): \(summary.nodesAdded) nodes added, \(summary.nodesUpdated) updated, \(summary.edgesAdded) edges added."
                    )
                    if !summary.metricsCreated.isEmpty {
                        Console.out("New metric definitions to complete: \(summary.metricsCreated.joined(separator: ", ")).")
                    }
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Write the graph as the line-of-sight YAML that `cdna analyze line-of-sight` reads.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    Console.write(try await LineOfSightService(store: store).exportModel(.commandLine, workspace: workspace.workspace))
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "The line-of-sight findings and coverage of the stored graph.")
        @Option(help: "Output format: json, csv or md.") var format: OutputFormat = .md
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let report = try await LineOfSightService(store: store).check(.commandLine, workspace: workspace.workspace)
                    Console.write(AnalysisOutput.render(report, as: format))
                }
            }
        }
    }

    struct ImportValues: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-values", abstract: "Import metric measurements: metric,date,value, all or nothing.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let bytes = try readBytes(file)
                try await workspace.database.withStore { store in
                    let count = try await ImprovementLoopService(store: store).importMeasurements(
                        .commandLine, workspace: workspace.workspace, file: file, bytes: bytes)
                    Console.out("Imported \(file): \(count) values.")
                }
            }
        }
    }
}
