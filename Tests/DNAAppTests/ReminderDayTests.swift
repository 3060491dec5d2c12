import DNACore
import DNAStore
import DNATestSupport
import Foundation
import Testing

@testable import DNAApp

/// A wave's reminder days: set per wave, run once each by whichever server gets there first,
/// reaching only the invited who have not handed in; and the "opened the link" count.
@Suite("Reminder days")
struct ReminderDayTests {
    static let day: Int64 = 86_400
    static let opens: Int64 = 1_000 * 86_400

    /// A wave opened at `opens` with three invited participants in the lab.
    static func invitedWave(_ store: Store) async throws -> (ServiceFixture, Campaign, InvitationService) {
        let fixture = try await ServiceFixture.make(store)
        _ = try await ParticipantService(store: store).importFile(
            fixture.asAnalyst, workspace: "w", file: "p.csv",
            text: "email,name,unit,language\nann@x.test,Ann,lab,\nbo@x.test,Bo,lab,de\ncy@x.test,Cy,lab,\n")
        let wave = try await CampaignService(store: store).createCampaign(
            fixture.asAnalyst, workspace: "w", name: "Pulse", instrument: .builtIn("customer-dna"), opensAt: opens, closesAt: nil,
            population: ["lab": 3], now: opens)
        let invitations = InvitationService(store: store, linkKey: Data(repeating: 7, count: 32), publicURL: "https://cdna.example")
        _ = try await invitations.invite(fixture.asAnalyst, workspace: "w", campaign: wave.id, contact: "ana@x.test", now: opens)
        return (fixture, wave, invitations)
    }

    @Test("days are set per wave; passed, out-of-range or too many days are refused; run days stay", arguments: TestDatabase.available)
    func settingDays(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (fixture, wave, invitations) = try await Self.invitedWave(store)
            let campaigns = CampaignService(store: store)
            let set = try await campaigns.setReminderDays(
                fixture.asAnalyst, workspace: "w", campaign: wave.id, days: [7, 3, 3], now: Self.opens)
            #expect(set.map(\.day) == [3, 7] && set[0].dueAt == Self.opens + 3 * Self.day && set.allSatisfy { $0.ranAt == nil })
            for (days, message) in [
                ([0], "reminder day 0 is outside 1 to 365 days after opening"),
                ([400], "reminder day 400 is outside 1 to 365 days after opening"),
                (Array(1...11), "at most 10 reminder days; 11 were given"),
            ] {
                let refused = await #expect(throws: StoreError.self) {
                    _ = try await campaigns.setReminderDays(
                        fixture.asAnalyst, workspace: "w", campaign: wave.id, days: days, now: Self.opens)
                }
                #expect(refused == .invalid(message))
            }
            // Day 3 runs; on day 5 day 2 cannot be added (it passed), day 3 stays as a record.
            let runs = try await invitations.remindDue(now: Self.opens + 3 * Self.day, contact: "ana@x.test")
            #expect(runs == [InvitationService.ReminderRun(campaignID: wave.id, day: 3, reminded: 3)])
            let passed = await #expect(throws: StoreError.self) {
                _ = try await campaigns.setReminderDays(
                    fixture.asAnalyst, workspace: "w", campaign: wave.id, days: [2, 10], now: Self.opens + 5 * Self.day)
            }
            #expect(passed == .invalid("day 2 after opening (1972-09-29) has already passed; remind now instead"))
            let after = try await campaigns.setReminderDays(
                fixture.asAnalyst, workspace: "w", campaign: wave.id, days: [10], now: Self.opens + 5 * Self.day)
            #expect(after.map(\.day) == [3, 10] && after[0].reminded == 3 && after[0].ranAt == Self.opens + 3 * Self.day)
            // A viewer may read them but not set them.
            #expect(try await campaigns.reminderDays(fixture.asViewer, workspace: "w", campaign: wave.id).count == 2)
            await #expect(throws: AccessError.self) {
                _ = try await campaigns.setReminderDays(fixture.asViewer, workspace: "w", campaign: wave.id, days: [], now: Self.opens)
            }
        }
    }

    @Test(
        "a reminder day reminds only those who have not handed in, once, even when servers run it together",
        arguments: TestDatabase.available)
    func runningDays(database: TestDatabase) async throws {
        try await database.withStore { store in
            let (fixture, wave, invitations) = try await Self.invitedWave(store)
            _ = try await CampaignService(store: store).setReminderDays(
                fixture.asAnalyst, workspace: "w", campaign: wave.id, days: [3, 7], now: Self.opens)
            #expect(try await invitations.remindDue(now: Self.opens + 3 * Self.day - 1, contact: "x").isEmpty)

            // Ann opens her link and hands in; Bo only opens his.
            let links = AnswerLinkService(store: store)
            let statuses = try await invitations.statuses(fixture.asAnalyst, workspace: "w", campaign: wave.id)
            let ann = InvitationService.secret(for: statuses[0].id, keyData: Data(repeating: 7, count: 32))
            let bo = InvitationService.secret(for: statuses[1].id, keyData: Data(repeating: 7, count: 32))
            try await links.markOpened(token: ann, now: Self.opens + Self.day)
            try await links.markOpened(token: bo, now: Self.opens + 2 * Self.day)
            try await links.markOpened(token: bo, now: Self.opens + 2 * Self.day + 10)
            let session = try #require(try await links.respondentSession(token: ann))
            var answers = RespondentAnswers(
                unitID: nil, roleID: nil,
                likert: [Int8](repeating: AssessmentResponses.missing, count: session.instrument.likertItems.count), outcome: nil,
                texts: [:])
            answers.likert[0] = 4
            try await links.saveRespondentAnswers(token: ann, answers: answers, submit: true, now: Self.opens + Self.day)
            let opened = try await invitations.statuses(fixture.asAnalyst, workspace: "w", campaign: wave.id)
            #expect(opened.map(\.openedOn) == [Self.opens + Self.day, Self.opens + 2 * Self.day, nil])
            #expect(opened.map(\.handedIn) == [true, false, false])

            // Four servers reach day 3 together: one of them reminds Bo and Cy, the rest nothing.
            let now = Self.opens + 3 * Self.day + 30
            let runs = try await withThrowingTaskGroup(of: [InvitationService.ReminderRun].self) { group in
                for _ in 0..<4 { group.addTask { try await invitations.remindDue(now: now, contact: "ana@x.test") } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(runs == [InvitationService.ReminderRun(campaignID: wave.id, day: 3, reminded: 2)])
            let reminders = try await store.mailOutbox.mails(workspaceID: fixture.workspace.id, purpose: "reminder:\(wave.id)")
            #expect(reminders.map(\.recipient).sorted() == ["bo@x.test", "cy@x.test"])
            // Bo reads German: his reminder is in German.
            #expect(reminders.first { $0.recipient == "bo@x.test" }?.subject == "Erinnerung: W bittet um Ihre Antworten")
            #expect(try await invitations.remindDue(now: now + 60, contact: "x").isEmpty)

            // A closed wave's days do not run.
            _ = try await CampaignService(store: store).setOpen(
                fixture.asAnalyst, workspace: "w", campaign: wave.id, open: false, now: Self.opens + 4 * Self.day)
            #expect(try await invitations.remindDue(now: Self.opens + 8 * Self.day, contact: "x").isEmpty)
            let log = try await store.auditLog.entries(workspaceID: fixture.workspace.id, since: nil, limit: 50)
            #expect(log.contains { $0.action == "campaign.remind" && $0.actor == "system:scheduler" && $0.via == .system })
            #expect(log.contains { $0.action == "campaign.reminder-days" && $0.summary == "set the reminder days to 3, 7" })
        }
    }
}
