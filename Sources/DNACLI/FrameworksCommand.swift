import ArgumentParser
import DNAApp
import DNACore
import DNAStore

struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks", abstract: "List, show, check and add frameworks.",
        subcommands: [List.self, Show.self, Check.self, Add.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in frameworks.")
        func run() async throws {
            for framework in BuiltInFrameworks.all {
                Console.out("\(framework.id)\t\(framework.name)\t\(framework.dimensions.count) dimensions")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a framework's dimensions (a built-in id or a file).")
        @Argument(help: "A built-in framework id, or the path of a framework YAML file.") var framework: String

        func run() async throws {
            try await runCommand {
                let found: Framework
                if let builtIn = BuiltInFrameworks.framework(framework) {
                    found = builtIn
                } else if framework.hasSuffix(".yaml") || framework.hasSuffix(".yml") {
                    found = try FrameworkLoader.load(file: framework, text: try readTextFile(framework))
                } else {
                    throw CLIError("no built-in framework '\(framework)'; built-in: \(BuiltInFrameworks.ids.joined(separator: ", "))")
                }
                Console.out("\(found.name) (\(found.id))\n\(found.description)\n")
                for dimension in found.dimensions {
                    let weight = dimension.weight.map { " [weight \($0)]" } ?? ""
                    Console.out("\(found.id)/\(dimension.id)\t\(dimension.name)\(weight)\t\(dimension.description)")
                    for element in dimension.elements {
                        Console.out("  \(found.id)/\(dimension.id)/\(element.id)\t\(element.name)\t\(element.description)")
                    }
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a framework file; problems are printed as FILE:LINE:COLUMN: message.")
        @Argument var file: String

        func run() async throws {
            try await runCommand {
                let framework = try FrameworkLoader.load(file: file, text: try readTextFile(file))
                Console.out("\(file): framework '\(framework.id)' with \(framework.dimensions.count) dimensions is valid.")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a framework file to a workspace.")
        @Argument var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await workspace.withWorkspace { store, found in
                    let framework = try await OrganizationService(store: store).addFramework(
                        .commandLine, workspace: found.slug, file: file, source: text, now: nowSeconds())
                    Console.out("Added framework '\(framework.id)' to \(workspace).")
                }
            }
        }
    }
}
