import DNACore
import DNAMail
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// Invitations and reminders for a wave, through the outbox and a real SMTP server, on both
/// databases: the mail carries a working personal link, a reminder goes only to those who
/// have not handed in, and the database cannot tie an answer to an e-mail.
@Suite(
    "Invitations by e-mail",
    .enabled(if: ProcessInfo.processInfo.environment["CDNA_TEST_SMTP_SERVER"] != nil, "scripts/test starts the SMTP server"))
struct InvitationTests {
    static let key = Data((0..<32).map { UInt8($0) })

    /// The text part of each mail the server accepted for a recipient whose address holds
    /// `run` (the spool also holds other tests' mails, and mails of other shapes).
    static func received(run: String) throws -> [String: [String]] {
        var mails: [String: [String]] = [:]
        let spool = MailOutboxTests.server.spool
        for name in try FileManager.default.contentsOfDirectory(atPath: spool).sorted() where name.hasSuffix(".eml") {
            let text = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
            let recipient = String(text.dropFirst("X-Envelope-To: ".count).prefix { $0 != "\r\n" })
            let parts = text.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")
            guard recipient.contains(run), parts.count > 1 else { continue }
            let base64 = parts[1].components(separatedBy: "\r\n--")[0]
            let body = String(decoding: Data(base64Encoded: base64.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
            mails[recipient, default: []].append(body)
        }
        return mails
    }

    static func link(in body: String) -> String? {
        body.split(separator: "\n").first { $0.hasPrefix("https://cdna.example/r/") }.map {
            String($0.dropFirst("https://cdna.example/r/".count).prefix { $0 != "?" })
        }
    }

    @Test(
        "a wave's participants get one mail each with a working link; a reminder reaches only those who have not handed in",
        arguments: TestDatabase.available)
    func inviteAndRemind(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            let run = UUID().uuidString.prefix(8).lowercased()
            let people = ["ann", "bo", "cy"].map { "\($0)-\(run)@example.com" }
            _ = try await ParticipantService(store: store).importFile(
                fixture.asAnalyst, workspace: "w", file: "p.csv",
                text:
                    "email,name,unit,language\n\(people[0]),Ann <b>,lab,\n\(people[1]),Bo,lab,nb-NO\n\(people[2]),Cy,lab,sv\nhq-\(run)@example.com,Head,hq,\n"
            )
            let wave = try await CampaignService(store: store).createCampaign(
                fixture.asAnalyst, workspace: "w", name: "Spring pulse", instrument: .builtIn("customer-dna"), opensAt: 1, closesAt: nil,
                population: ["lab": 3], now: 1)
            let invitations = InvitationService(store: store, linkKey: Self.key, publicURL: "https://cdna.example/")
            let sender = try MailOutboxTests.sender(store) { 100 }

            // Only the wave's units are invited, and only once however often it is asked.
            #expect(
                try await invitations.invite(fixture.asAnalyst, workspace: "w", campaign: wave.id, contact: "ana@x.test", now: 100) == 3)
            #expect(
                try await invitations.invite(fixture.asAnalyst, workspace: "w", campaign: wave.id, contact: "ana@x.test", now: 100) == 0)
            #expect(try await sender.sendDue() == MailSender.Round(sent: 3))
            let mails = try Self.received(run: String(run))
            #expect(people.allSatisfy { mails[$0]?.count == 1 } && mails["hq-\(run)@example.com"] == nil)
            let ann = try #require(mails[people[0]]?.first)
            #expect(ann.hasPrefix("Hello Ann <b>,") && ann.contains("Questions: ana@x.test.") && ann.contains("at least 5 people"))
            // Each mail is in the participant's language; one nobody translated (sv) gets the
            // instrument's default. A set language rides on the link, so the pages open in it.
            let bokmål = try #require(mails[people[1]]?.first)
            #expect(bokmål.hasPrefix("Hei Bo,") && bokmål.contains("«Kunde-DNA-kartlegging»") && bokmål.contains("Spørsmål: ana@x.test."))
            #expect(bokmål.contains("?lang=nb\n") && !ann.contains("?lang="))
            #expect(try #require(mails[people[2]]?.first).hasPrefix("Hello Cy,"))

            // The link in the mail opens the wave; Ann hands in.
            let links = AnswerLinkService(store: store)
            let annToken = try #require(Self.link(in: ann))
            let session = try #require(try await links.respondentSession(token: annToken))
            #expect(session.campaign.id == wave.id)
            var answers = RespondentAnswers(
                unitID: nil, roleID: nil,
                likert: [Int8](repeating: AssessmentResponses.missing, count: session.instrument.likertItems.count), outcome: nil,
                texts: [:])
            answers.likert[0] = 5
            try await links.saveRespondentAnswers(token: annToken, answers: answers, submit: true, now: 200)

            #expect(
                try await invitations.remind(fixture.asAnalyst, workspace: "w", campaign: wave.id, contact: "ana@x.test", now: 300) == 2)
            _ = try await MailOutboxTests.sender(store) { 300 }.sendDue()
            let after = try Self.received(run: String(run))
            #expect(after[people[0]]?.count == 1 && after[people[1]]?.count == 2 && after[people[2]]?.count == 2)
            // A reminder carries the same link as the invitation, so work started is not lost.
            let bo = try #require(after[people[1]])
            #expect(Self.link(in: bo[0]) == Self.link(in: bo[1]) && bo[1].contains("En påminnelse:"))

            let statuses = try await invitations.statuses(fixture.asAnalyst, workspace: "w", campaign: wave.id)
            #expect(statuses.map(\.handedIn) == [true, false, false] && statuses.map(\.reminders) == [0, 1, 1])
            // A closed wave invites and reminds nobody, and says why.
            _ = try await CampaignService(store: store).setOpen(fixture.asAnalyst, workspace: "w", campaign: wave.id, open: false, now: 400)
            let closed = await #expect(throws: StoreError.self) {
                _ = try await invitations.remind(fixture.asAnalyst, workspace: "w", campaign: wave.id, contact: "x", now: 500)
            }
            #expect(closed == .invalid("'Spring pulse' has closed; reopen it to invite or remind people"))
            // A viewer may not invite.
            await #expect(throws: AccessError.self) {
                _ = try await invitations.invite(fixture.asViewer, workspace: "w", campaign: wave.id, contact: "x", now: 1)
            }

            // From the database alone, no answer can be tied to an e-mail: the only rows that
            // name a person are participants and invitations, and no column of theirs, nor of
            // any row they point at, leads to a response.
            let tables = try await database.tables(of: store)
            for table in ["participants", "invitations"] {
                let columns = try await store.read { db in
                    try await db.raw(
                        database == .sqlite
                            ? "SELECT name FROM pragma_table_info(\(bind: table))"
                            : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table)"
                    ).all().map { try $0.decode(column: "name", as: String.self) }
                }
                #expect(!columns.contains { $0.contains("response") }, "\(table): \(columns)")
            }
            #expect(tables.contains("invitations"))
            // Ann's link is gone with her hand-in; her invitation's hash points nowhere.
            let annHash = Secrets.hash(annToken)
            let left = try await store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM respondent_tokens WHERE token_hash = \(bind: annHash)").first()?.decode(
                    column: "n", as: Int.self)
            }
            #expect(left == 0)
        }
    }

    @Test("the link's secret is the invitation's HMAC under the key: stable, and different under another key")
    func secrets() {
        let other = Data(repeating: 7, count: 32)
        let secret = InvitationService.secret(for: "inv-1", keyData: Self.key)
        #expect(secret == InvitationService.secret(for: "inv-1", keyData: Self.key) && secret.count == 43)
        #expect(
            secret != InvitationService.secret(for: "inv-2", keyData: Self.key)
                && secret != InvitationService.secret(for: "inv-1", keyData: other))
        #expect(!secret.contains("+") && !secret.contains("/") && !secret.contains("="))
    }
}
