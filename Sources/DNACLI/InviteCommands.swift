import ArgumentParser
import DNAApp
import DNACore
import DNAStore
import Foundation

/// The key personal invitation links are made from (an HMAC of the invitation's id), so a
/// reminder can carry the same link without the link being stored. It lives outside the
/// database: `CDNA_LINK_KEY` (base64, at least 32 bytes), or with SQLite a file `link.key`
/// beside the database, made on first use and readable by its owner only. Every server and
/// command of one installation must use the same key.
enum LinkKey {
    static func load(_ location: DatabaseLocation, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Data {
        if let text = environment["CDNA_LINK_KEY"], !text.isEmpty {
            guard let key = Data(base64Encoded: text), key.count >= 32 else {
                throw CLIError("CDNA_LINK_KEY must be at least 32 bytes in base64, e.g. the output of `openssl rand -base64 32`")
            }
            return key
        }
        guard case .sqlite(let path) = location else {
            throw CLIError("set CDNA_LINK_KEY (e.g. `openssl rand -base64 32`) to the same value for every server of this database")
        }
        let file = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("link.key").path
        if let existing = FileManager.default.contents(atPath: file) {
            guard existing.count >= 32 else {
                throw CLIError("\(file) holds fewer than 32 bytes; remove it only if no invitation was sent")
            }
            return existing
        }
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        guard FileManager.default.createFile(atPath: file, contents: key, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write the link key to \(file)")
        }
        return key
    }
}

/// Whom an invitation tells people to ask: `--contact`, else the sender's address.
enum MailContact {
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let from = environment["CDNA_MAIL_FROM"], !from.isEmpty { return from }
        return "the person who sent you this survey"
    }
}

/// What every invite and remind command does around its own work: the public address, the
/// workspace, the link key and whom to ask, then what the work says, printed.
private func runMailing(
    _ address: PublicURLOptions, _ workspace: WorkspaceOptions, contact: String?,
    _ body: @escaping (Store, Workspace, _ base: String, _ linkKey: Data, _ contact: String) async throws -> String
) async throws {
    try await runCommand {
        let base = try address.base
        try await workspace.withWorkspace { store, found in
            Console.out(try await body(store, found, base, try LinkKey.load(store.location), MailContact.resolve(contact)))
        }
    }
}

/// What `campaign invite` and `campaign remind` both take, and the service they both call.
struct InvitationOptions: ParsableArguments {
    @Option(help: "Campaign id or exact name.") var campaign: String
    @Option(help: "Whom the mail tells people to ask, e.g. your e-mail address (default: CDNA_MAIL_FROM).") var contact: String?
    @OptionGroup var address: PublicURLOptions
    @OptionGroup var workspace: WorkspaceOptions

    /// Runs `action` on the invitation service for the named wave and prints what it says.
    func run(
        _ action: @escaping (InvitationService, _ workspace: String, Campaign, _ contact: String) async throws -> String
    ) async throws {
        try await runMailing(address, workspace, contact: contact) { store, found, base, key, contact in
            let target = try await findCampaign(campaign, in: found, store: store)
            return try await action(InvitationService(store: store, linkKey: key, publicURL: base), found.slug, target, contact)
        }
    }
}

extension CampaignCommand {
    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail a personal single-use link to every participant of the wave's units not invited yet.",
            discussion: "The mails go into the outbox; a `cdna serve` with --smtp-url sends them.")
        @OptionGroup var options: InvitationOptions

        func run() async throws {
            try await options.run { service, workspace, wave, contact in
                let count = try await service.invite(
                    .commandLine, workspace: workspace, campaign: wave.id, contact: contact, now: nowSeconds())
                return "Invited \(count) participants to '\(wave.name)'; the mails wait in the outbox."
            }
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail a reminder, with the same link, to everyone invited to the wave who has not handed in.")
        @OptionGroup var options: InvitationOptions

        func run() async throws {
            try await options.run { service, workspace, wave, contact in
                let count = try await service.remind(
                    .commandLine, workspace: workspace, campaign: wave.id, contact: contact, now: nowSeconds())
                return "Reminded \(count) participants who have not handed in '\(wave.name)'."
            }
        }
    }
}

/// What `customers invite` and `customers remind` both take, and the service they both call.
struct CustomerInvitationOptions: ParsableArguments {
    @Option(help: "Survey (study or vote) id or exact name.") var survey: String
    @Option(help: "Whom the mail tells customers to ask, e.g. your e-mail address (default: CDNA_MAIL_FROM).") var contact: String?
    @OptionGroup var address: PublicURLOptions
    @OptionGroup var workspace: WorkspaceOptions

    func run(
        _ action: @escaping (CustomerInvitationService, _ workspace: String, CustomerSurvey, _ contact: String) async throws -> String
    ) async throws {
        try await runMailing(address, workspace, contact: contact) { store, found, base, key, contact in
            let target = try await findSurvey(survey, in: found, store: store)
            return try await action(CustomerInvitationService(store: store, linkKey: key, publicURL: base), found.slug, target, contact)
        }
    }
}

extension CustomerCommand {
    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail a personal single-use link for a study or vote to every address of a list not invited yet.",
            discussion: """
                The list is a CSV with the header email,name,language,segment (only email is needed): the mail and the \
                pages are in the customer's language, and a segment saves them the question. A list with a mistake sends \
                nothing. The mails go into the outbox; a `cdna serve` with --smtp-url sends them.
                """)
        @Argument(help: "The customer address list (CSV).") var addresses: String
        @OptionGroup var options: CustomerInvitationOptions

        func run() async throws {
            let file = addresses
            try await options.run { service, workspace, survey, contact in
                let count = try await service.invite(
                    .commandLine, workspace: workspace, survey: survey.id, file: file, text: try readTextFile(file), contact: contact,
                    now: nowSeconds())
                return "Invited \(count) customers to '\(survey.name)'; the mails wait in the outbox."
            }
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail a reminder, with the same link, to every customer invited to the study or vote who has not answered.")
        @OptionGroup var options: CustomerInvitationOptions

        func run() async throws {
            try await options.run { service, workspace, survey, contact in
                let count = try await service.remind(
                    .commandLine, workspace: workspace, survey: survey.id, contact: contact, now: nowSeconds())
                return "Reminded \(count) customers who have not answered '\(survey.name)'."
            }
        }
    }
}
