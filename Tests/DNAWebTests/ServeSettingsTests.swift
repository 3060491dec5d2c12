import ArgumentParser
import CMemoryTuning
import Foundation
import Testing

@testable import DNACLI

@Suite("Start-up configuration")
struct ServeSettingsTests {
    @Test("every bad setting is named in one message")
    func allProblemsTogether() throws {
        // setup
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cdna-not-a-dir-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let database = try DatabaseOptions.parse(["--data", file.path])
        // MUT
        let error = #expect(throws: ConfigurationError.self) {
            try ServeSettings.resolve(
                host: nil, port: "99999", database: database,
                environment: ["CDNA_SECURE_COOKIES": "maybe", "CDNA_ADMIN_PASSWORD": "short"])
        }
        // validation
        #expect(
            error?.problems == [
                "port '99999' (--port): expected a number from 1 to 65535",
                "CDNA_SECURE_COOKIES 'maybe': expected true or false",
                "CDNA_ADMIN_PASSWORD: must have at least 10 characters",
                "data directory \(file.path): exists and is not a directory",
            ])
        #expect(error?.description.hasPrefix("cannot start: 4 bad settings") == true)
    }

    @Test("the SMTP URL and sender: read from the flag or the environment, a wrong one named without its password")
    func mailSettings() throws {
        let database = try DatabaseOptions.parse(["--data", FileManager.default.temporaryDirectory.path])
        let none = try ServeSettings.resolve(host: nil, port: nil, database: database, environment: [:])
        #expect(none.mail == nil)
        let flag = try ServeSettings.resolve(
            host: nil, port: nil, smtpURL: "smtps://relay.example:465", database: database,
            environment: ["CDNA_SMTP_URL": "smtp://ignored:25", "CDNA_MAIL_FROM": "surveys@example.com"])
        #expect(flag.mail?.host == "relay.example" && flag.mail?.security == .implicitTLS && flag.mail?.from == "surveys@example.com")
        let error = #expect(throws: ConfigurationError.self) {
            _ = try ServeSettings.resolve(
                host: nil, port: nil, database: database, environment: ["CDNA_SMTP_URL": "smtp://u:topsecret@relay:25"])
        }
        let message = String(describing: error.map { $0 } as Any)
        #expect(message.contains("CDNA_SMTP_URL: CDNA_MAIL_FROM must be the sender's address"), "\(message)")
        #expect(!message.contains("topsecret"))
    }

    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let database = try DatabaseOptions.parse(["--database-url", "postgres://u:p@db.example:5432/cdna"])
        let settings = try ServeSettings.resolve(
            host: nil, port: "9000", database: database,
            environment: ["CDNA_HOST": "0.0.0.0", "CDNA_PORT": "7000", "CDNA_DATA": "/ignored"])
        #expect(settings.configuration.host == "0.0.0.0")
        #expect(settings.configuration.port == 9000)
        #expect(settings.configuration.database == .postgres(url: "postgres://u:p@db.example:5432/cdna"))
    }

    @Test("a URL that is not PostgreSQL's, or both --data and --database-url, is refused")
    func databaseChoice() throws {
        var problems: [String] = []
        _ = try DatabaseOptions.parse(["--database-url", "mysql://x/y"]).location(environment: [:], problems: &problems)
        _ = try DatabaseOptions.parse(["--data", "d", "--database-url", "postgres://h/db"]).location(environment: [:], problems: &problems)
        #expect(
            problems == [
                "database URL: expected postgres://user:password@host:port/database",
                "--data and --database-url: give one or the other, not both",
            ])
    }

    @Test("single sign-on settings: each missing or wrong one named; password sign-in off needs a provider")
    func singleSignOnSettings() throws {
        let database = try DatabaseOptions.parse(["--data", FileManager.default.temporaryDirectory.path])
        let error = #expect(throws: ConfigurationError.self) {
            try ServeSettings.resolve(
                host: nil, port: nil, database: database,
                environment: ["CDNA_OIDC_ISSUER": "http://login.example.org", "CDNA_PASSWORD_SIGNIN": "sometimes"])
        }
        #expect(
            error?.problems == [
                "CDNA_OIDC_ISSUER 'http://login.example.org': expected https:// (plain http:// only for a provider on this machine)",
                "CDNA_OIDC_CLIENT_ID: required with CDNA_OIDC_ISSUER; it is the client id the provider gave this server",
                "CDNA_PUBLIC_URL (or --public-url): required with CDNA_OIDC_ISSUER, since the provider sends people back to <public url>/auth/oidc/callback",
                "CDNA_PASSWORD_SIGNIN 'sometimes': expected on or off",
            ])
        let alone = #expect(throws: ConfigurationError.self) {
            try ServeSettings.resolve(host: nil, port: nil, database: database, environment: ["CDNA_PASSWORD_SIGNIN": "off"])
        }
        #expect(alone?.problems.first?.hasPrefix("CDNA_PASSWORD_SIGNIN=off needs single sign-on") == true)

        let settings = try ServeSettings.resolve(
            host: nil, port: nil, publicURL: "https://dna.example.org/", database: database,
            environment: [
                "CDNA_OIDC_ISSUER": "https://login.example.org/realms/staff/", "CDNA_OIDC_CLIENT_ID": "cdna",
                "CDNA_OIDC_CLIENT_SECRET": "s", "CDNA_OIDC_GROUPS_CLAIM": "roles", "CDNA_PASSWORD_SIGNIN": "off",
            ])
        #expect(settings.openID?.issuer == "https://login.example.org/realms/staff")
        #expect(settings.openID?.redirectURI == "https://dna.example.org/auth/oidc/callback")
        #expect(settings.openID?.groupsClaim == "roles" && settings.openID?.clientSecret == "s")
        #expect(!settings.configuration.passwordSignIn)
        #expect(try ServeSettings.resolve(host: nil, port: nil, database: database, environment: [:]).openID == nil)
    }

    #if os(Linux)
        @Test("the server's allocator setting takes on glibc (it keeps freed blocks for the next request)")
        func keepsFreedMemory() {
            #expect(cdna_keep_freed_memory(32 << 20, 64 << 20) == 1)
        }
    #endif
}
