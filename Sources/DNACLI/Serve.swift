import ArgumentParser
import CMemoryTuning
import DNAApp
import DNAIdentity
import DNAMail
import DNAStore
import DNAWeb
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (pages, JSON API, /healthz, /readyz, /metrics).",
        discussion: """
            On first start with an empty database an administrator admin@localhost is created and \
            its password printed once; set CDNA_ADMIN_PASSWORD to choose it. Environment: CDNA_HOST, \
            CDNA_PORT, CDNA_PUBLIC_URL, CDNA_IDLE_TIMEOUT (seconds, default 20), CDNA_DATA, CDNA_DATABASE_URL, CDNA_ADMIN_PASSWORD, CDNA_SECURE_COOKIES, CDNA_LOG_LEVEL,             CDNA_SMTP_URL and CDNA_MAIL_FROM (with them the server sends the mail outbox: invitations and reminders). \
            Single sign-on: CDNA_OIDC_ISSUER, CDNA_OIDC_CLIENT_ID, CDNA_OIDC_CLIENT_SECRET (the redirect URI to register at \
            the provider is <public url>/auth/oidc/callback), CDNA_OIDC_GROUPS_CLAIM (default groups); CDNA_PASSWORD_SIGNIN=off \
            turns password sign-in off.
            """)

    @Option(help: "Address to listen on (default 127.0.0.1; env CDNA_HOST).")
    var host: String?

    @Option(help: "Port to listen on (default 8080; env CDNA_PORT).")
    var port: String?

    @Option(
        help: """
            The address people reach the server at, used in the links it hands out, e.g. \
            https://dna.example.org (default http://HOST:PORT; env CDNA_PUBLIC_URL).
            """)
    var publicURL: String?

    @Option(
        help: """
            Where mail goes: smtp://[user:pass@]host:port (STARTTLS when offered; ?tls=required insists) or             smtps://host:465; the sender is CDNA_MAIL_FROM (env CDNA_SMTP_URL). Without it mail waits in the outbox.
            """)
    var smtpURL: String?

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Load the Harbor Mutual demo organization if it is not there yet.")
    var demo = false

    /// A results page of a large organization builds arrays of several megabytes and frees
    /// them. glibc's defaults hand such blocks back to the system at once (mmap above a
    /// threshold that starts at 128 KiB, heap trimmed past 128 KiB free), so the next view
    /// faults the same pages in again: on P6's data that was 6% of the server's time, and the
    /// first fifty views of a fresh server ran 15-25 ms slower at p95 (BENCHMARKS.md, "P6 after
    /// issue 16's review"). A server keeps up to this much instead; the command-line tools,
    /// which run once, keep the defaults.
    static func keepFreedMemory() {
        _ = cdna_keep_freed_memory(32 << 20, 64 << 20)
    }

    func run() async throws {
        Self.keepFreedMemory()
        // What the server does on its own (the first admin, the demo) is the system's doing;
        // each request names its own actor (see the web's AuthMiddleware).
        try await runCommand(as: .system) {
            let environment = ProcessInfo.processInfo.environment
            var settings = try ServeSettings.resolve(
                host: host, port: port, publicURL: publicURL, smtpURL: smtpURL, database: database, environment: environment)
            try await database.withStore { store in
                settings.configuration.database = store.location
                // Pages invite by e-mail when there is a link key; with PostgreSQL only if
                // CDNA_LINK_KEY is set, since every server must share it.
                settings.configuration.linkKey = try? LinkKey.load(store.location, environment: environment)
                settings.configuration.sendsMail = settings.mail != nil
                let logger = CLILogging.logger("cdna")
                var openID: OpenIDProvider?
                if let oidc = settings.openID { openID = try await Self.identityProvider(oidc, logger: logger) }
                let dependencies = AppDependencies(store: store, configuration: settings.configuration, logger: logger, openID: openID)
                try await prepare(dependencies, adminPassword: settings.adminPassword)
                let app = buildApplication(dependencies)
                logger.info(
                    "CustomerDNA listening",
                    metadata: [
                        "url": "http://\(settings.configuration.host):\(settings.configuration.port)", "database": "\(store.location)",
                    ])
                let now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // Every server runs the retention job; their deletes do not overlap.
                    let lifecycle = LifecycleService(store: store)
                    group.addTask { await lifecycle.runRetentionJob(now: now, logger: CLILogging.logger("cdna.retention")) }
                    if let mail = settings.mail {
                        // One sender per process; several processes on one PostgreSQL share the
                        // outbox without sending a mail twice (see MailOutboxRepository.claimDue).
                        logger.info("sending the mail outbox", metadata: ["smtp": "\(mail.summary)", "from": "\(mail.from)"])
                        let sender = MailSender(
                            store: store, settings: mail,
                            fromName: { id in (try? await store.workspaces.workspace(id: id))?.name ?? "CustomerDNA" },
                            now: now, logger: CLILogging.logger("cdna.mail"))
                        group.addTask { await sender.run() }
                        // The wave's reminder days are run here too: only a server that sends
                        // mail reminds by schedule, and each day runs once across servers.
                        if let linkKey = settings.configuration.linkKey {
                            let invitations = InvitationService(
                                store: store, linkKey: linkKey, publicURL: settings.configuration.publicBaseURL)
                            group.addTask {
                                await invitations.runReminders(contact: mail.from, now: now, logger: CLILogging.logger("cdna.reminders"))
                            }
                        }
                    }
                    try await app.runService()
                    group.cancelAll()
                }
            }
        }
    }

    /// The identity provider, read once now: a provider that answers with the wrong issuer or
    /// no keys stops the start with the setting to fix; one that cannot be reached is asked
    /// again at each sign-in, which shows an error page meanwhile.
    static func identityProvider(_ settings: OpenIDSettings, logger: Logger) async throws -> OpenIDProvider {
        let provider = OpenIDProvider(
            settings: settings, transport: HTTPProviderTransport(), clock: { Int64(Date().timeIntervalSince1970) })
        do {
            try await provider.discover()
            logger.info("single sign-on through the identity provider", metadata: ["issuer": "\(settings.issuer)"])
        } catch .misconfigured(let problem) {
            throw ConfigurationError(problems: [problem])
        } catch {
            logger.warning(
                "the identity provider cannot be reached; single sign-on shows an error page until it can",
                metadata: ["issuer": "\(settings.issuer)", "reason": "\(error.description)"])
        }
        return provider
    }

    /// First-start work: the administrator, and the demo workspace when asked for.
    private func prepare(_ dependencies: AppDependencies, adminPassword: String?) async throws {
        let accounts = dependencies.accounts
        if let created = try await accounts.ensureAdministrator(password: adminPassword) {
            if let password = created.generatedPassword {
                Console.out("Created administrator \(created.user.email) with password: \(password)")
                Console.out("It is shown only now; change it with `cdna user reset-password --email \(created.user.email)`.")
            } else {
                Console.out("Created administrator \(created.user.email) with the password from CDNA_ADMIN_PASSWORD.")
            }
        }
        if demo {
            try await DemoLoader.load(dependencies.store)
        }
    }
}

/// The server's settings resolved from flags, then environment, then defaults. Every bad
/// value is collected, so one message names them all.
struct ServeSettings {
    var configuration: AppConfiguration
    var adminPassword: String?
    /// Where the outbox's mail goes; nil leaves it waiting.
    var mail: MailSettings?
    /// Single sign-on through the organization's identity provider, when set up.
    var openID: OpenIDSettings?

    static func resolve(
        host: String?, port: String?, publicURL: String? = nil, smtpURL: String? = nil, database: DatabaseOptions,
        environment: [String: String]
    ) throws -> ServeSettings {
        var problems: [String] = []
        let hostValue = host ?? environment["CDNA_HOST"] ?? "127.0.0.1"
        if hostValue.isEmpty || hostValue.contains(" ") {
            problems.append("host '\(hostValue)': expected an address such as 127.0.0.1 or 0.0.0.0")
        }
        let portText = port ?? environment["CDNA_PORT"] ?? "8080"
        let portValue = Int(portText) ?? -1
        if !(1...65535).contains(portValue) {
            problems.append("port '\(portText)' (\(port != nil ? "--port" : "CDNA_PORT")): expected a number from 1 to 65535")
        }
        var secure = false
        if let text = environment["CDNA_SECURE_COOKIES"] {
            switch text.lowercased() {
            case "1", "true", "yes": secure = true
            case "0", "false", "no", "": secure = false
            default: problems.append("CDNA_SECURE_COOKIES '\(text)': expected true or false")
            }
        }
        let password = environment["CDNA_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if let password, password.count < Accounts.minimumPasswordLength {
            problems.append("CDNA_ADMIN_PASSWORD: must have at least \(Accounts.minimumPasswordLength) characters")
        }
        let publicText = publicURL ?? environment["CDNA_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let publicValue = publicText.flatMap { Self.publicURL($0) }
        if let publicText, publicValue == nil {
            problems.append(
                "public URL '\(publicText)' (\(publicURL != nil ? "--public-url" : "CDNA_PUBLIC_URL")): expected http:// or https:// and a host, such as https://dna.example.org"
            )
        }
        let idleText = environment["CDNA_IDLE_TIMEOUT"] ?? "20"
        let idleValue = Int64(idleText) ?? -1
        if !(1...3600).contains(idleValue) { problems.append("CDNA_IDLE_TIMEOUT '\(idleText)': expected seconds from 1 to 3600") }
        var mail: MailSettings?
        if let smtpText = smtpURL ?? environment["CDNA_SMTP_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                mail = try MailSettings.parse(url: smtpText, from: environment["CDNA_MAIL_FROM"] ?? "")
            } catch {
                problems.append("\(smtpURL != nil ? "--smtp-url" : "CDNA_SMTP_URL"): \(error.description)")
            }
        }
        let openID = OpenIDSettings.resolve(environment: environment, publicURL: publicValue, problems: &problems)
        var passwordSignIn = true
        if let text = environment["CDNA_PASSWORD_SIGNIN"] {
            switch text.lowercased() {
            case "on", "": passwordSignIn = true
            case "off": passwordSignIn = false
            default: problems.append("CDNA_PASSWORD_SIGNIN '\(text)': expected on or off")
            }
        }
        if !passwordSignIn, environment["CDNA_OIDC_ISSUER"]?.isEmpty ?? true {
            problems.append("CDNA_PASSWORD_SIGNIN=off needs single sign-on (CDNA_OIDC_ISSUER): otherwise nobody could sign in to the pages")
        }
        let location = database.location(environment: environment, problems: &problems)
        guard problems.isEmpty, let location else { throw ConfigurationError(problems: problems) }
        var configuration = AppConfiguration(
            host: hostValue, port: portValue, database: location, secureCookies: secure, publicURL: publicValue, idleTimeout: idleValue)
        configuration.passwordSignIn = passwordSignIn
        return ServeSettings(configuration: configuration, adminPassword: password, mail: mail, openID: openID)
    }

    /// An absolute http(s) URL with a host and no query, without its trailing slash.
    static func publicURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty, components.query == nil,
            components.fragment == nil, components.user == nil, !text.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == " " })
        else { return nil }
        var result = text
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
