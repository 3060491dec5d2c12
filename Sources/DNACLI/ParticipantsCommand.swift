import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

struct ParticipantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participants", abstract: "The people a workspace's waves are sent to: import, list and delete.",
        subcommands: [Import.self, List.self, Delete.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import participants from CSV email,name,unit,role,language,manager_email, merged by e-mail, all or nothing.")
        @Argument(help: "The CSV file; only the email and unit columns are required.") var file: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                let text = try readTextFile(file)
                try await workspace.database.withStore { store in
                    let result = try await ParticipantService(store: store).importFile(
                        .commandLine, workspace: workspace.workspace, file: file, text: text)
                    Console.out("Imported \(file): \(result.added) participants added, \(result.updated) changed.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List participants as CSV in the import's columns, so the output can be edited and imported again.")
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.withWorkspace { store, found in
                    let organization = OrganizationService(store: store)
                    let units = Dictionary(
                        uniqueKeysWithValues: try await organization.units(.commandLine, workspace: found.slug).map { ($0.id, $0.code) })
                    let roles = Dictionary(
                        uniqueKeysWithValues: try await organization.roles(.commandLine, workspace: found.slug).map { ($0.id, $0.code) })
                    let people = try await ParticipantService(store: store).participants(.commandLine, workspace: found.slug)
                    let rows = people.map { person in
                        [
                            person.email, person.name, units[person.unitID] ?? "", person.roleID.flatMap { roles[$0] } ?? "",
                            person.language ?? "", person.managerEmail ?? "",
                        ]
                    }
                    Console.write(AnalysisOutput.csv(header: ParticipantsFile.header, rows: rows))
                }
            }
        }
    }
}
