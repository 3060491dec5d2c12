import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// Studies and votes sent to a customer address list: one mail per address in the
/// customer's language, a working single-use link with the segment issued, reminders only for
/// those who have not answered, and nothing in the database that ties an answer to an address.
@Suite("Customer invitations by e-mail")
struct CustomerInvitationTests {
    static let key = Data(repeating: 9, count: 32)

    @Test(
        "a study is mailed to a list in each customer's language; reminders reach only those who have not answered",
        arguments: TestDatabase.available)
    func inviteAndRemind(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            _ = try await store.customerModels.importCustomerModel(
                workspaceID: fixture.workspace.id, file: "m.yaml",
                text: """
                    segments: [{code: smb, name: Small firms}]
                    jobs: [{code: claim, statement: Get a claim paid}]
                    outcomes:
                      - {code: o1, job: claim, direction: minimize, metric: the time it takes, object: to get paid}
                      - {code: o2, job: claim, direction: minimize, metric: the number of forms, object: to fill in}
                    """)
            let survey = try await SurveyService(store: store).createSurvey(
                fixture.asAnalyst, workspace: "w", kind: .outcomeStudy, name: "Internal name <x>", opensAt: 1, closesAt: nil,
                itemCodes: ["o1", "o2"], thresholds: .init(), now: 1)
            let service = CustomerInvitationService(store: store, linkKey: Self.key, publicURL: "https://cdna.example")
            let list = "email,name,language,segment\nkari@x.test,Kari,nb,smb\nbo@x.test,,,\ncy@x.test,Cy,fr-CA,\n"
            #expect(
                try await service.invite(
                    fixture.asAnalyst, workspace: "w", survey: survey.id, file: "a.csv", text: list, contact: "ana@x.test", now: 10)
                    == 3)
            // The same list again invites nobody twice; a list with a mistake sends nothing.
            #expect(
                try await service.invite(
                    fixture.asAnalyst, workspace: "w", survey: survey.id, file: "a.csv", text: list, contact: "x", now: 11)
                    == 0)
            await #expect(throws: FileProblems.self) {
                _ = try await service.invite(
                    fixture.asAnalyst, workspace: "w", survey: survey.id, file: "a.csv", text: "email\nnew@x.test\nbad\n", contact: "x",
                    now: 12)
            }
            let mails = try await store.mailOutbox.mails(workspaceID: fixture.workspace.id, purpose: "survey-invitation:\(survey.id)")
            #expect(mails.map(\.recipient).sorted() == ["bo@x.test", "cy@x.test", "kari@x.test"])
            let kari = try #require(mails.first { $0.recipient == "kari@x.test" })
            #expect(kari.subject == "W: fortell oss hva som betyr noe for deg")
            #expect(kari.bodyText.hasPrefix("Hei Kari,") && kari.bodyText.contains("«Hva som betyr noe for deg»"))
            #expect(!kari.bodyText.contains("Internal name") && kari.bodyText.contains("Spørsmål: ana@x.test."))
            #expect(try #require(mails.first { $0.recipient == "cy@x.test" }).bodyText.hasPrefix("Bonjour Cy,"))
            let bo = try #require(mails.first { $0.recipient == "bo@x.test" })
            #expect(bo.bodyText.hasPrefix("Hello,") && !bo.bodyText.contains("?lang="))

            // Kari's link opens the study with her segment issued, in bokmål; she answers.
            let line = try #require(kari.bodyText.split(separator: "\n").first { $0.hasPrefix("https://cdna.example/c/") })
            #expect(line.hasSuffix("?lang=nb"))
            let token = String(line.dropFirst("https://cdna.example/c/".count).prefix { $0 != "?" })
            let links = AnswerLinkService(store: store)
            try await links.markSurveyOpened(token: token, now: 20)
            let session = try #require(try await links.surveySession(token: token, now: 20))
            #expect(session.survey.id == survey.id && session.issuedSegment == "smb")
            try await links.saveSurveyAnswers(
                token: token, segment: "", ratings: ["o1": SurveyRating(importance: 5, satisfaction: 2)], picks: [], submit: true, now: 30)
            let statuses = try await service.statuses(fixture.asAnalyst, workspace: "w", survey: survey.id)
            #expect(statuses.map(\.email) == ["bo@x.test", "cy@x.test", "kari@x.test"])
            #expect(statuses.map(\.answered) == [false, false, true] && statuses.map(\.openedOn) == [nil, nil, 0])

            #expect(try await service.remind(fixture.asAnalyst, workspace: "w", survey: survey.id, contact: "ana@x.test", now: 40) == 2)
            let reminders = try await store.mailOutbox.mails(workspaceID: fixture.workspace.id, purpose: "survey-reminder:\(survey.id)")
            #expect(reminders.map(\.recipient).sorted() == ["bo@x.test", "cy@x.test"])
            #expect(try #require(reminders.first { $0.recipient == "cy@x.test" }).subject == "Rappel : W aimerait avoir votre avis")
            // A viewer may not invite; a closed survey invites nobody and says why.
            await #expect(throws: AccessError.self) {
                _ = try await service.remind(fixture.asViewer, workspace: "w", survey: survey.id, contact: "x", now: 50)
            }
            _ = try await SurveyService(store: store).setOpen(fixture.asAnalyst, workspace: "w", survey: survey.id, open: false, now: 60)
            let closed = await #expect(throws: StoreError.self) {
                _ = try await service.remind(fixture.asAnalyst, workspace: "w", survey: survey.id, contact: "x", now: 70)
            }
            #expect(closed == .invalid("'Internal name <x>' has closed; reopen it to invite or remind customers"))

            // Nothing ties an answer to an address: the invitation's columns lead nowhere near
            // the respondents, and Kari's link row went with her answers.
            let columns = try await store.read { db in
                try await db.raw(
                    database == .sqlite
                        ? "SELECT name FROM pragma_table_info('survey_invitations')"
                        : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'survey_invitations'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(!columns.isEmpty && !columns.contains { $0.contains("respondent") || $0.contains("answer") }, "\(columns)")
            let left = try await store.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM survey_tokens WHERE token_hash = \(bind: Secrets.hash(token))").first()?.decode(
                    column: "n", as: Int.self)
            }
            #expect(left == 0)
        }
    }
}
