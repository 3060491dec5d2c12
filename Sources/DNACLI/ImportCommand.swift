import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import files into a workspace, all or nothing.",
        subcommands: [OrgChartImport.self, ResponsesImport.self])

    struct OrgChartImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org-chart", abstract: "Import an org chart CSV with the header unit,parent,name.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await workspace.database.withStore { store in
                    let result = try await OrganizationService(store: store).importOrgChart(
                        .commandLine, workspace: workspace.workspace, file: file, text: text)
                    Console.out("Imported \(file): \(result.added) units added, \(result.updated) updated.")
                }
            }
        }
    }
}

extension ImportCommand {
    struct ResponsesImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "responses",
            abstract: "Import assessment responses into a campaign: respondent,unit,role,<item id>... or respondent,unit,role,item,value.")
        @Option(help: "Campaign id or exact name.") var campaign: String
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                guard let handle = FileHandle(forReadingAtPath: file) else { throw CLIError("cannot read \(file)") }
                defer { try? handle.close() }
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
                try await workspace.withWorkspace { store, found in
                    let target = try await findCampaign(campaign, in: found, store: store)
                    // The file is read a chunk at a time; memory holds one chunk whatever its size.
                    let source = ResponseFileSource(
                        CSVChunks(file: file) { count in try handle.read(upToCount: count).map { [UInt8]($0) } ?? [] })
                    let bar = ProgressBar(totalBytes: size)
                    let count = try await ResponseService(store: store).importResponses(
                        .commandLine, workspace: found.slug, campaign: target.id, source: source, now: nowSeconds()
                    ) { rows, bytes in bar.update(rows: rows, bytes: bytes) }
                    bar.finish()
                    Console.out("Imported \(file): \(count) responses into '\(target.name)'.")
                }
            }
        }
    }
}

/// Finds a campaign by id or by its exact name.
func findCampaign(_ reference: String, in workspace: Workspace, store: Store) async throws -> Campaign {
    let campaigns = try await CampaignService(store: store).campaigns(.commandLine, workspace: workspace.slug)
    guard let found = campaigns.first(where: { $0.id == reference }) ?? campaigns.first(where: { $0.name == reference }) else {
        throw CLIError("no campaign '\(reference)' in workspace '\(workspace.slug)'; `cdna campaign list` shows them")
    }
    return found
}
