import DNACore
import DNAStore
import DNATestSupport
import Foundation
import SQLKit
import Testing

@testable import DNAApp

/// Deleting, erasing and retention on both databases, on the demo: what the confirmation
/// counts is what goes, nothing else goes with it, an erased person leaves no trace but the
/// fact, and expired open answers go once however many servers run the job.
@Suite("Deleting, erasing and retention")
struct LifecycleTests {
    static let now: Int64 = 1_800_000_000
    static let admin = Caller.commandLine(login: "ops")

    static func count(_ store: Store, _ query: SQLQueryString) async throws -> Int {
        try await store.read { db in try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 }
    }

    /// A running wave of the demo with every participant of two units invited by e-mail, so
    /// there are invitations and mail to delete.
    static func invitedWave(_ store: Store, _ demo: Workspace) async throws -> String {
        let campaign = try await CampaignService(store: store).createCampaign(
            admin, workspace: demo.slug, name: "Invited wave", instrument: .builtIn("customer-dna"), opensAt: now - 10, closesAt: nil,
            population: ["claims": 10, "digital": 10, "exec": 5], now: now)
        let invited = try await InvitationService(store: store, linkKey: Data(repeating: 7, count: 32), publicURL: "https://x.test")
            .invite(admin, workspace: demo.slug, campaign: campaign.id, contact: "ops@x.test", now: now)
        #expect(invited > 5)
        return campaign.id
    }

    @Test("deleting a wave takes what its confirmation counted and nothing of the other waves", arguments: TestDatabase.available)
    func deleteWave(database: TestDatabase) async throws {
        try await database.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            let lifecycle = LifecycleService(store: store)
            let invited = try await Self.invitedWave(store, demo)
            let waves = try await CampaignService(store: store).campaigns(Self.admin, workspace: demo.slug)
            let spring = try #require(waves.first { $0.name.contains("spring") })
            let autumn = try #require(waves.first { $0.name.contains("autumn") })
            let autumnBefore = try await Self.count(store, "SELECT COUNT(*) AS n FROM responses WHERE campaign_id = \(bind: autumn.id)")

            let (name, footprint) = try await lifecycle.footprint(Self.admin, workspace: demo.slug, of: .campaign(spring.id))
            #expect(name == spring.name)
            #expect(footprint.count(of: .responses) > 100 && footprint.count(of: .openAnswers) > 10)
            #expect(try await lifecycle.delete(Self.admin, workspace: demo.slug, .campaign(spring.id)) == footprint)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM responses WHERE campaign_id = \(bind: spring.id)") == 0)
            #expect(
                try await Self.count(store, "SELECT COUNT(*) AS n FROM responses WHERE campaign_id = \(bind: autumn.id)") == autumnBefore)

            let wave = try await lifecycle.footprint(Self.admin, workspace: demo.slug, of: .campaign(invited)).footprint
            #expect(wave.count(of: .invitations) == wave.count(of: .mails) && wave.count(of: .invitations) > 5)
            _ = try await lifecycle.delete(Self.admin, workspace: demo.slug, .campaign(invited))
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM mail_outbox") == 0)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM invitations") == 0)

            let entries = try await store.auditLog.entries(workspaceID: demo.id)
            #expect(entries.filter { $0.action == "campaign.delete" }.count == 2)
            #expect(entries.contains { $0.summary == "deleted the campaign '\(spring.name)' with \(footprint.summary)" })
            await #expect(throws: StoreError.self) { try await lifecycle.delete(Self.admin, workspace: demo.slug, .campaign(spring.id)) }
        }
    }

    @Test("only an admin deletes; an analyst is refused and nothing goes", arguments: TestDatabase.available)
    func onlyAdmins(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            try await store.accounts.setMembership(
                Membership(workspaceID: fixture.workspace.id, userID: fixture.analyst.id, access: .analyst))
            let campaign = try await CampaignService(store: store).createCampaign(
                Self.admin, workspace: "w", name: "Wave", instrument: .builtIn("customer-dna"), opensAt: 0, closesAt: nil,
                population: ["hq": 10], now: Self.now)
            let lifecycle = LifecycleService(store: store)
            await #expect(throws: AccessError.self) {
                try await lifecycle.delete(fixture.asAnalyst, workspace: "w", .campaign(campaign.id))
            }
            await #expect(throws: AccessError.self) {
                try await lifecycle.erase(fixture.asAnalyst, workspace: "w", email: "vic@x.test", apply: true)
            }
            await #expect(throws: AccessError.self) {
                try await lifecycle.setOpenAnswerRetention(fixture.asViewer, workspace: "w", days: 1)
            }
            #expect(try await CampaignService(store: store).campaigns(Self.admin, workspace: "w").count == 1)
            await #expect(throws: AccessError.self) { try await lifecycle.deleteUser(fixture.asAnalyst, userID: fixture.viewer.id) }
        }
    }

    @Test(
        "erasing a person leaves no trace of their address, and the audit log says an erasure happened", arguments: TestDatabase.available)
    func erase(database: TestDatabase) async throws {
        try await database.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            _ = try await Self.invitedWave(store, demo)
            let lifecycle = LifecycleService(store: store)
            // A manager of the demo who is invited, has an account and has acted in the workspace.
            let people = try await store.participants.all(workspaceID: demo.id)
            let invited = try await store.read { db in
                try await db.raw("SELECT p.email AS email FROM invitations i JOIN participants p ON p.id = i.participant_id").all()
                    .map { try $0.decode(column: "email", as: String.self) }
            }
            let email = try #require(
                people.first { person in invited.contains(person.email) && people.contains { $0.managerEmail == person.email } }?.email)
            let user = try await store.accounts.createUser(email: email, name: "Manager", passwordHash: "-", instanceAdmin: false, now: 1)
            try await store.accounts.setMembership(Membership(workspaceID: demo.id, userID: user.id, access: .admin))
            try await store.accounts.createSession(
                tokenHash: "session-hash", userID: user.id, csrfToken: "c", now: 1, expiresAt: Self.now * 2)
            _ = try await store.accounts.createAPIToken(userID: user.id, name: "t", tokenHash: "token-hash", now: 1)
            _ = try await store.accounts.recordLoginFailure(key: "pair:\(email)|192.0.2.1", now: Self.now, window: 900)
            _ = try await LifecycleService(store: store).setOpenAnswerRetention(.person(user, via: .page), workspace: demo.slug, days: 400)
            _ = try await LifecycleService(store: store).setOpenAnswerRetention(
                .person(user, via: .api, viaToken: true), workspace: demo.slug, days: nil)

            let preview = try await lifecycle.erase(Self.admin, workspace: demo.slug, email: email.uppercased(), apply: false)
            for kind: Footprint.Kind in [
                .participants, .invitations, .mails, .managerReferences, .memberships, .accounts, .sessions, .apiTokens, .signInRecords,
            ] {
                #expect(preview.footprint.count(of: kind) >= 1, "\(kind) not counted")
            }
            #expect(preview.footprint.count(of: .auditEntriesAnonymized) >= 3)
            let erased = try await lifecycle.erase(Self.admin, workspace: demo.slug, email: " \(email) ", apply: true)
            #expect(erased.footprint == preview.footprint && erased.accountKept == nil)

            // The address is nowhere in the database any more.
            for table in try await database.tables(of: store) where table != "schema_migrations" {
                let rows = try await store.read { db in try await db.raw("SELECT * FROM \(ident: table)").all() }
                for row in rows {
                    for column in row.allColumns {
                        let value = (try? row.decode(column: column, as: String?.self)) ?? nil
                        #expect(value?.lowercased().contains(email) != true, "\(table).\(column) still names the person")
                    }
                }
            }
            let entries = try await store.auditLog.entries(workspaceID: demo.id, limit: 1000)
            let erasure = try #require(entries.first { $0.action == "person.erase" })
            #expect(erasure.summary.hasPrefix("erased a person: 1 participant record"))
            #expect(entries.filter { $0.actor.hasPrefix(LifecycleRepository.erasedPerson) }.count == 2)
            #expect(try await store.accounts.users().allSatisfy { $0.email != email })
            await #expect(throws: StoreError.self) {
                try await lifecycle.erase(Self.admin, workspace: demo.slug, email: email, apply: true)
            }
        }
    }

    @Test("a person still in another workspace keeps their account", arguments: TestDatabase.available)
    func eraseKeepsSharedAccount(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            let other = try await store.workspaces.create(slug: "other", name: "Other", creator: fixture.analyst.id, now: 1)
            try await store.accounts.setMembership(Membership(workspaceID: other.id, userID: fixture.viewer.id, access: .viewer))
            let erased = try await LifecycleService(store: store).erase(Self.admin, workspace: "w", email: "vic@x.test", apply: true)
            #expect(erased.footprint.count(of: .memberships) == 1 && erased.footprint.count(of: .accounts) == 0)
            #expect(erased.accountKept == "still a member of 1 other workspace")
            #expect(try await store.accounts.users().contains { $0.email == "vic@x.test" })
        }
    }

    @Test("expired open answers go once, however many servers run the job at the same time", arguments: TestDatabase.available)
    func retention(database: TestDatabase) async throws {
        try await database.withStore { store in
            let demo = try await store.loadDemo(now: Self.now)
            let lifecycle = LifecycleService(store: store)
            let texts: SQLQueryString = "SELECT COUNT(*) AS n FROM response_texts"
            let before = try await Self.count(store, texts)
            let waves = try await CampaignService(store: store).campaigns(Self.admin, workspace: demo.slug)
            let spring = try #require(waves.first { $0.name.contains("spring") })
            let springTexts = try await Self.count(
                store,
                "SELECT COUNT(*) AS n FROM response_texts t JOIN responses r ON r.id = t.response_id WHERE r.campaign_id = \(bind: spring.id)"
            )
            #expect(springTexts > 0 && springTexts < before)
            // A period that reaches back between the two waves' answers.
            let springLatest = try await Self.count(
                store, "SELECT MAX(COALESCE(submitted_at, started_at)) AS n FROM responses WHERE campaign_id = \(bind: spring.id)")
            let othersEarliest = try await Self.count(
                store, "SELECT MIN(COALESCE(submitted_at, started_at)) AS n FROM responses WHERE campaign_id <> \(bind: spring.id)")
            let days = Int((Self.now - Int64(springLatest + othersEarliest) / 2) / 86_400)
            _ = try await lifecycle.setOpenAnswerRetention(Self.admin, workspace: demo.slug, days: days)
            #expect(try await store.workspaces.workspace(id: demo.id).openAnswerRetentionDays == days)
            await #expect(throws: StoreError.self) { try await lifecycle.setOpenAnswerRetention(Self.admin, workspace: demo.slug, days: 0) }

            let runs = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await lifecycle.runRetention(now: Self.now).reduce(0) { $0 + $1.deleted } } }
                return try await group.reduce(0, +)
            }
            #expect(runs == springTexts)
            #expect(try await Self.count(store, texts) == before - springTexts)
            let logged = try await store.auditLog.entries(workspaceID: demo.id).filter { $0.action == "open-answers.retention" }
            #expect(logged.count == 1 && logged.first?.actor == "system:scheduler")
            #expect(try await lifecycle.runRetention(now: Self.now).isEmpty)
        }
    }

    @Test("a user account is deleted by an instance administrator, never the last one or oneself", arguments: TestDatabase.available)
    func deleteUser(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await ServiceFixture.make(store)
            let root = try await store.accounts.createUser(
                email: "root@x.test", name: "Root", passwordHash: "-", instanceAdmin: true, now: 1)
            let lifecycle = LifecycleService(store: store)
            await #expect(throws: AccessError.self) { try await lifecycle.deleteUser(.person(root, via: .page), userID: root.id) }
            await #expect(throws: StoreError.self) { try await lifecycle.deleteUser(Self.admin, userID: root.id) }
            let gone = try await lifecycle.deleteUser(.person(root, via: .page), userID: fixture.viewer.id)
            #expect(gone.count(of: .accounts) == 1 && gone.count(of: .memberships) == 1)
            #expect(try await store.accounts.users().map(\.email) == ["ana@x.test", "root@x.test"])
        }
    }
}
