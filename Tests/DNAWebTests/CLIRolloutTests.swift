import DNACore
import DNAStore
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The roll-out commands run as a user would: participants, and invitations sent by a real
/// `cdna serve --smtp-url` through the test SMTP server.
@Suite("cdna roll-out commands")
struct CLIRolloutTests {
    /// A running `cdna serve` on `data` that sends its outbox to `smtpURL` as
    /// surveys@harbor.example; the caller terminates it.
    static func serve(data: String, port: Int, smtpURL: String) throws -> Process {
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: CLITests.binary)
        serve.arguments = ["serve", "--data", data, "--port", String(port), "--smtp-url", smtpURL]
        var environment = ProcessInfo.processInfo.environment
        environment["CDNA_MAIL_FROM"] = "surveys@harbor.example"
        environment["CDNA_LOG_LEVEL"] = "error"
        environment["CDNA_ADMIN_PASSWORD"] = "a long enough secret"
        serve.environment = environment
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        return serve
    }

    @Test("participants: a bad file is refused with its lines, a good one is merged, and the list imports again")
    func participants() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let bad = directory.appendingPathComponent("bad.csv")
        try "email,unit,language\nann@example.org,claims,xx\nann@example.org,claims,\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.cdna(["participants", "import", "--workspace", "harbor", "--data", data, bad.path])
        #expect(refused.status == 2)
        #expect(
            refused.error.split(separator: "\n").map(String.init) == [
                "\(bad.path):2:24: language 'xx' is not an ISO 639-1 language code",
                "\(bad.path):3:1: 'ann@example.org' appears twice (first on line 2)",
            ], "\(refused.error)")
        let good = directory.appendingPathComponent("good.csv")
        try
            "email,name,unit,language,manager_email\nAnn@Example.org,\"Ann, the lead\",claims,nb,\nbo@example.org,Bo,claims,de,ann@example.org\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let imported = try CLITests.cdna(["participants", "import", "--workspace", "harbor", "--data", data, good.path])
        #expect(imported.status == 0 && imported.output == "Imported \(good.path): 2 participants added, 0 changed.\n")
        let list = try CLITests.cdna(["participants", "list", "--workspace", "harbor", "--data", data])
        let lines = list.output.split(separator: "\n").map(String.init)
        // The demo's 42 participants and the two imported, by e-mail, in the import's columns.
        #expect(lines.first == "email,name,unit,role,language,manager_email" && lines.count == 1 + 42 + 2)
        #expect(lines.contains(#"ann@example.org,"Ann, the lead",claims,,nb,"#))
        #expect(lines.contains("bo@example.org,Bo,claims,,de,ann@example.org"))
        // What `list` writes is a participants file: importing it again changes nothing.
        let again = directory.appendingPathComponent("again.csv")
        try list.output.write(to: again, atomically: true, encoding: .utf8)
        let reimported = try CLITests.cdna(["participants", "import", "--workspace", "harbor", "--data", data, again.path])
        #expect(reimported.output == "Imported \(again.path): 0 participants added, 0 changed.\n")
    }

    @Test("customers invite: a bad address list sends nothing and says where; a good one invites each address once; remind")
    func customerInvitations() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let created = try CLITests.cdna([
            "customers", "create-survey", "--workspace", "harbor", "--data", data, "--kind", "top-tasks", "--name", "Vote now",
            "--public-title", "Tell us",
        ])
        #expect(created.status == 0, "\(created.error)")
        let list = directory.appendingPathComponent("a.csv")
        try "email,name,language,segment\nkari@x.test,Kari,nb,brokers\nbo@x.test,,,nope\n".write(
            to: list, atomically: true, encoding: .utf8)
        let invite = ["customers", "invite", "--workspace", "harbor", "--data", data, "--survey", "Vote now", list.path]
        let refused = try CLITests.cdna(invite)
        #expect(refused.status == 2 && refused.error.contains("\(list.path):3:13: segment 'nope' is not a segment of this workspace"))
        try "email,name,language,segment\nkari@x.test,Kari,nb,brokers\nbo@x.test,,,\n".write(to: list, atomically: true, encoding: .utf8)
        let invited = try CLITests.cdna(invite)
        #expect(
            invited.status == 0 && invited.output == "Invited 2 customers to 'Vote now'; the mails wait in the outbox.\n",
            "\(invited.error)")
        #expect(try CLITests.cdna(invite).output == "Invited 0 customers to 'Vote now'; the mails wait in the outbox.\n")
        let remind = try CLITests.cdna(["customers", "remind", "--workspace", "harbor", "--data", data, "--survey", "Vote now"])
        #expect(remind.output == "Reminded 2 customers who have not answered 'Vote now'.\n")
    }

    @Test("instruments check: problems fail with their place, missing translations are listed, --strict fails on them")
    func instrumentCheck() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("i.yaml")
        try "id: t\nlanguages: [en, nb]\ntitle: {en: T, nb: Tn}\nitems:\n  - {id: q1, text: {en: One, nb: En}}\n  - {id: q2, text: Two}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let partial = try CLITests.cdna(["instruments", "check", file.path])
        #expect(partial.status == 0 && partial.output.contains("instrument 't' with 2 items in en, nb is valid; 1 text is not translated."))
        #expect(partial.error == "\(file.path): warning: nb: item q2 is not translated; the item q2 in the default language is shown\n")
        #expect(try CLITests.cdna(["instruments", "check", "--strict", file.path]).status == 1)
        try "id: t\ntitle: {en: T, de: X}\nitems:\n  - {id: q, text: Q}\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try CLITests.cdna(["instruments", "check", file.path])
        #expect(bad.status == 2 && bad.error.contains("\(file.path):2:16: 'de' is not one of the instrument's languages (en)"))
        let list = try CLITests.cdna(["instruments", "list"])
        #expect(list.output.contains("customer-dna\tCustomer DNA assessment\t42 items\ten,nb,de,fr,es"))
    }

    @Test(
        "invitations: `campaign invite` puts one mail per participant in the outbox, `serve --smtp-url` sends them, `remind` reaches the rest",
        .enabled(if: ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"] != nil, "scripts/test starts the SMTP server"))
    func invitations() async throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        let server = try #require(
            try JSONSerialization.jsonObject(
                with: FileManager.default.contents(atPath: ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"]!)!)
                as? [String: Any])
        let port = try #require((server["ports"] as? [String: Int])?["plain"]), spool = try #require(server["spool"] as? String)
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let run = UUID().uuidString.prefix(8).lowercased()
        let file = directory.appendingPathComponent("people.csv")
        try "email,name,unit\nmia-\(run)@example.com,Mia,claims\nnoah-\(run)@example.com,Noah,claims\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLITests.cdna(["participants", "import", "--workspace", "harbor", "--data", data, file.path]).status == 0)
        let wave = "Invitations \(run)"
        let created = try CLITests.cdna([
            "campaign", "create", "--workspace", "harbor", "--name", wave, "--unit", "claims=2", "--data", data,
        ])
        #expect(created.status == 0, "\(created.error)")
        let invited = try CLITests.cdna(
            [
                "campaign", "invite", "--workspace", "harbor", "--campaign", wave, "--contact", "people@harbor.example", "--data", data,
                "--public-url", "https://dna.harbor.example",
            ])
        #expect(invited.status == 0, "\(invited.error)")
        // The demo's four claims people and the two imported.
        #expect(invited.output == "Invited 6 participants to '\(wave)'; the mails wait in the outbox.\n")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("link.key").path))

        // The server sends the outbox through the test SMTP server.
        let serve = try Self.serve(data: data, port: Int.random(in: 20_000...60_000), smtpURL: "smtp://localhost:\(port)")
        defer { serve.terminate() }
        func mails(to address: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".eml") }.compactMap { name in
                let text = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
                return text.hasPrefix("X-Envelope-To: \(address)\r\n") ? text : nil
            }
        }
        var waited = 0
        while try mails(to: "noah-\(run)@example.com").isEmpty && waited < 300 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        let noah = try mails(to: "noah-\(run)@example.com")
        #expect(noah.count == 1 && noah[0].contains("From: \"Harbor Mutual\" <surveys@harbor.example>"))
        #expect(try mails(to: "mia-\(run)@example.com").count == 1)

        // Without --contact the mail names the sender's address as the one to ask.
        let reminded = try CLITests.cdna(
            ["campaign", "remind", "--workspace", "harbor", "--campaign", wave, "--data", data],
            environment: ["CDNA_MAIL_FROM": "surveys@harbor.example"])
        // Nobody has handed in, so all six are reminded.
        #expect(
            reminded.status == 0 && reminded.output == "Reminded 6 participants who have not handed in '\(wave)'.\n", "\(reminded.error)")
        waited = 0
        while try mails(to: "noah-\(run)@example.com").count < 2 && waited < 300 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        let reminder = try #require(try mails(to: "noah-\(run)@example.com").first { $0.contains("Subject: Reminder") })
        let body = reminder.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
        let text = String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        #expect(text.contains("Questions: surveys@harbor.example."), "\(text)")
    }

    @Test("an SMTP server nobody answers on does not stop the server: /readyz stays ready and the mails wait with the reason")
    func unreachableMail() async throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.path
        #expect(try CLITests.cdna(["demo", "--data", data]).status == 0)
        let created = try CLITests.cdna([
            "campaign", "create", "--workspace", "harbor", "--name", "Unreachable", "--unit", "claims=4", "--data", data,
        ])
        let waveID = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let invited = try CLITests.cdna(["campaign", "invite", "--workspace", "harbor", "--campaign", waveID, "--data", data])
        #expect(invited.status == 0 && invited.output.hasPrefix("Invited 4 participants"), "\(invited.error)")

        // Port 1 on the loopback: nothing listens, every connection is refused at once.
        let port = Int.random(in: 20_000...60_000)
        let serve = try Self.serve(data: data, port: port, smtpURL: "smtp://127.0.0.1:1")
        defer { serve.terminate() }
        func ready() async -> Bool {
            guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/readyz")!) else {
                return false
            }
            return (response as? HTTPURLResponse)?.statusCode == 200
        }
        var waited = 0
        while !(await ready()) && waited < 300 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        #expect(await ready(), "the server answers /readyz")

        // The sender tried, failed for now and keeps every mail with why; the server stays ready.
        let location = DatabaseLocation.sqlite(path: data + "/" + DatabaseLocation.sqliteFileName)
        var failing: [OutboxMail] = []
        waited = 0
        while waited < 300 {
            failing = try await Store.open(location).closing { store in
                let workspace = try await store.workspaces.workspace(slug: "harbor")
                return try await store.mailOutbox.mails(workspaceID: workspace.id, purpose: "invitation:" + waveID)
            }
            if failing.count == 4 && failing.allSatisfy({ $0.lastError != nil }) { break }
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        #expect(failing.count == 4 && failing.allSatisfy { $0.state == .pending && $0.lastError != nil }, "\(failing.map(\.lastError))")
        #expect(failing.first?.lastError == "the connection to 127.0.0.1:1 failed: Connection refused")
        #expect(await ready(), "mail failing does not make the server unready")
    }
}
