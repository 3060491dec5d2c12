import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

/// Deleting and erasing from the command line. Each says what goes first; on a terminal it
/// asks, and without one it deletes only with --yes, so a script never deletes by accident.
struct Confirmation: ParsableArguments {
    @Flag(help: "Delete without asking (needed when standard input is not a terminal).") var yes = false

    /// Prints `consequence` (what goes), then asks unless --yes was given.
    func confirm(_ consequence: String) throws {
        Console.out(consequence)
        if yes { return }
        guard isatty(STDIN_FILENO) != 0 else { throw CLIError("nothing was deleted: add --yes to delete without being asked") }
        Console.write("Type yes to delete, anything else to keep it: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else { throw CLIError("nothing was deleted") }
    }
}

extension CampaignCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a campaign with its responses, open answers, links, invitations and their mail.")
        @Option(help: "The campaign's id (see 'cdna campaign list').") var campaign: String
        @OptionGroup var confirmation: Confirmation
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await deleteRecord(.campaign(campaign), noun: "campaign", workspace: workspace, confirmation: confirmation)
        }
    }
}

extension CustomerCommand {
    struct SurveyDelete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-survey",
            abstract: "Delete an outcome study or top-tasks vote with its respondents, answers, links, invitations and their mail.")
        @Option(help: "The survey's id (see 'cdna customers surveys').") var survey: String
        @OptionGroup var confirmation: Confirmation
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await deleteRecord(.survey(survey), noun: "survey", workspace: workspace, confirmation: confirmation)
        }
    }
}

extension ParticipantsCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a participant record with its invitations and the mail to them ('cdna erase' removes every trace).")
        @Option(help: "The participant's e-mail address.") var email: String
        @OptionGroup var confirmation: Confirmation
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let people = try await ParticipantService(store: store).participants(.commandLine, workspace: workspace.workspace)
                    let address = email.trimmingSpaces().lowercased()
                    guard let person = people.first(where: { $0.email.lowercased() == address }) else {
                        throw CLIError("no participant with e-mail '\(email)' in \(workspace.workspace)")
                    }
                    try await delete(
                        .participant(person.id), noun: "participant", store: store, workspace: workspace, confirmation: confirmation)
                }
            }
        }
    }
}

private func deleteRecord(
    _ record: LifecycleService.Record, noun: String, workspace: WorkspaceOptions, confirmation: Confirmation
) async throws {
    try await runCommand {
        try await workspace.database.withStore { store in
            try await delete(record, noun: noun, store: store, workspace: workspace, confirmation: confirmation)
        }
    }
}

private func delete(
    _ record: LifecycleService.Record, noun: String, store: Store, workspace: WorkspaceOptions, confirmation: Confirmation
) async throws {
    let lifecycle = LifecycleService(store: store)
    let (name, footprint) = try await lifecycle.footprint(.commandLine, workspace: workspace.workspace, of: record)
    try confirmation.confirm("Deleting the \(noun) '\(name)' removes it with \(footprint.summary).")
    let deleted = try await lifecycle.delete(.commandLine, workspace: workspace.workspace, record)
    Console.out("Deleted the \(noun) '\(name)' with \(deleted.summary).")
}

struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person from a workspace: every record that names them, and their account unless another workspace has them.",
        discussion: """
            Removes their participant record, invitations, mail, the manager field naming them, customer answers filed under \
            their address, their membership and, when no other workspace has them, their user account with its sessions and \
            API tokens. The audit log keeps that an erasure happened and what it removed, with their address replaced.
            """)
    @Option(help: "The person's e-mail address.") var email: String
    @OptionGroup var confirmation: Confirmation
    @OptionGroup var workspace: WorkspaceOptions

    func run() async throws {
        try await runCommand {
            try await workspace.database.withStore { store in
                let lifecycle = LifecycleService(store: store)
                let preview = try await lifecycle.erase(.commandLine, workspace: workspace.workspace, email: email, apply: false)
                guard !preview.footprint.parts.isEmpty else { throw CLIError("nothing in \(workspace.workspace) names '\(email)'") }
                try confirmation.confirm("Erasing \(email) from \(workspace.workspace) removes \(preview.footprint.summary).")
                let erased = try await lifecycle.erase(.commandLine, workspace: workspace.workspace, email: email, apply: true)
                Console.out("Erased: \(erased.footprint.summary).")
                if let kept = erased.accountKept { Console.out("The user account was kept: \(kept).") }
            }
        }
    }
}

extension UserCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a user account with its memberships, sessions and API tokens ('cdna erase' also removes their name).")
        @Option(help: "The user's e-mail address.") var email: String
        @OptionGroup var confirmation: Confirmation
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await runCommand {
                try await database.withStore { store in
                    let address = email.trimmingSpaces().lowercased()
                    guard let user = try await store.accounts.users().first(where: { $0.email == address }) else {
                        throw CLIError("no user with e-mail '\(email)'")
                    }
                    let lifecycle = LifecycleService(store: store)
                    let footprint = try await lifecycle.userFootprint(.commandLine, userID: user.id)
                    try confirmation.confirm("Deleting the user \(user.email) removes \(footprint.summary).")
                    let deleted = try await lifecycle.deleteUser(.commandLine, userID: user.id)
                    Console.out("Deleted the user \(user.email) with \(deleted.summary).")
                }
            }
        }
    }
}

extension WorkspaceCommand {
    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How long open answers are kept: deleted --days after they were given (checked hourly by cdna serve), or --keep.")
        @Option(help: "Days from 1 to \(LifecycleRepository.maximumRetentionDays).") var days: Int?
        @Flag(help: "Keep open answers for good (the default).") var keep = false
        @Flag(help: "Also delete the expired answers now instead of waiting for the server.") var now = false
        @OptionGroup var workspace: WorkspaceOptions

        func validate() throws {
            guard (days != nil) != keep else { throw ValidationError("give either --days N or --keep") }
        }

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let lifecycle = LifecycleService(store: store)
                    let set = try await lifecycle.setOpenAnswerRetention(.commandLine, workspace: workspace.workspace, days: days)
                    Console.out(
                        set.openAnswerRetentionDays.map {
                            "Open answers in \(set.slug) are deleted \($0 == 1 ? "1 day" : "\($0) days") after they were given."
                        }
                            ?? "Open answers in \(set.slug) are kept.")
                    if now {
                        let deleted = try await lifecycle.runRetention(now: nowSeconds()).filter { $0.workspaceID == set.id }
                        Console.out("Deleted \(Footprint.Kind.openAnswers.counted(deleted.reduce(0) { $0 + $1.deleted })) now.")
                    }
                }
            }
        }
    }
}

extension WorkspaceCommand {
    struct CommentThreshold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "comment-threshold",
            abstract:
                "How many people must have written before a group's open answers and their themes are shown (default 10, never below k).")
        @Argument(help: "People, from the workspace's k.") var people: Int
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await runCommand {
                try await workspace.database.withStore { store in
                    let set = try await LifecycleService(store: store).setCommentThreshold(
                        .commandLine, workspace: workspace.workspace, threshold: people)
                    Console.out(
                        "Open answers in \(set.slug) are shown for groups where at least \(set.effectiveCommentThreshold) people wrote.")
                }
            }
        }
    }
}
