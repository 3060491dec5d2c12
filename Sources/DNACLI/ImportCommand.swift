import ArgumentParser
import DNACore
import DNAStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import files into a workspace, all or nothing.", subcommands: [OrgChartImport.self])

    struct OrgChartImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org-chart", abstract: "Import an org chart CSV with the header unit,parent,name.")
        @Option(help: "Workspace slug.") var workspace: String
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await database.withStore { store in
                    let found = try await store.workspace(slug: workspace)
                    let result = try await store.importOrgChart(workspaceID: found.id, file: file, text: text)
                    Console.out("Imported \(file): \(result.added) units added, \(result.updated) updated.")
                }
            }
        }
    }
}
