import DNACore
import DNATestSupport
import Foundation
import Testing

@testable import DNAStore

@Suite("Participants in the store")
struct ParticipantStoreTests {
    static func workspace(_ store: Store) async throws -> Workspace {
        let workspace = try await store.workspaces.create(slug: "w", name: "W", now: 1)
        _ = try await store.organization.importOrgChart(
            workspaceID: workspace.id, file: "o.csv", text: "unit,parent,name\nhq,,HQ\nclaims,hq,Claims\n")
        _ = try await store.organization.addRole(workspaceID: workspace.id, code: "agent", name: "Agent", unitID: nil)
        return workspace
    }

    @Test(
        "an import merges by e-mail: new people are added, known ones changed, others kept; a column left out keeps what is stored",
        arguments: TestDatabase.available)
    func merge(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.workspace(store)
            let first = try await store.participants.importFile(
                workspaceID: workspace.id, file: "p.csv",
                text:
                    "email,name,unit,role,language,manager_email\nKari@Example.no,Kari,claims,agent,nb,boss@example.no\nboss@example.no,Boss,hq,,,\n"
            )
            #expect(first == (added: 2, updated: 0))
            let second = try await store.participants.importFile(
                workspaceID: workspace.id, file: "p2.csv",
                text: "email,unit,language\nkari@example.no,hq,de\nnew@example.no,claims,\nboss@example.no,hq,\n")
            #expect(second == (added: 1, updated: 1))
            let people = try await store.participants.all(workspaceID: workspace.id)
            #expect(people.map(\.email) == ["boss@example.no", "kari@example.no", "new@example.no"])
            let kari = try #require(people.first { $0.email == "kari@example.no" })
            let units = try await store.organization.units(workspaceID: workspace.id)
            #expect(kari.unitID == units.first { $0.code == "hq" }?.id)
            // The second file has no name, role or manager column: those stay as the first file
            // set them. Its language column changes Kari's, and its unit moves her.
            #expect(kari.language == "de" && kari.name == "Kari" && kari.managerEmail == "boss@example.no")
            let agent = try await store.organization.roles(workspaceID: workspace.id).first?.id
            #expect(kari.roleID != nil && kari.roleID == agent, "\(String(describing: kari.roleID)) \(String(describing: agent))")
            // An empty field, unlike a missing column, clears the value.
            _ = try await store.participants.importFile(
                workspaceID: workspace.id, file: "p3.csv", text: "email,unit,manager_email\nkari@example.no,hq,\n")
            let cleared = try await store.participants.all(workspaceID: workspace.id).first { $0.email == "kari@example.no" }
            #expect(cleared?.managerEmail == nil && cleared?.language == "de")
        }
    }

    @Test("a file with one bad row writes nothing, and names the row", arguments: TestDatabase.available)
    func allOrNothing(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.workspace(store)
            let refused = await #expect(throws: FileProblems.self) {
                _ = try await store.participants.importFile(
                    workspaceID: workspace.id, file: "p.csv", text: "email,unit\na@example.com,claims\nb@example.com,nowhere\n")
            }
            #expect(refused?.problems.map(\.description) == ["p.csv:3:15: unit 'nowhere' is not a unit of this workspace"])
            #expect(try await store.participants.all(workspaceID: workspace.id).isEmpty)
            let log = try await store.auditLog.entries(workspaceID: workspace.id, since: nil, limit: 10)
            #expect(!log.contains { $0.action == "participants.import" })
        }
    }

    @Test("the audit log says a file was imported and how many people changed, never who", arguments: TestDatabase.available)
    func audit(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.workspace(store)
            _ = try await store.participants.importFile(
                workspaceID: workspace.id, file: "p.csv", text: "email,unit\nsecret.person@example.com,claims\n")
            let entry = try #require(try await store.auditLog.entries(workspaceID: workspace.id, since: nil, limit: 10).first)
            #expect(entry.action == "participants.import" && entry.summary == "imported participants: 1 added, 0 changed")
            #expect(!entry.summary.contains("secret") && !entry.record.contains("secret"))
        }
    }

    @Test("a unit with participants cannot be deleted from under them", arguments: TestDatabase.available)
    func unitInUse(database: TestDatabase) async throws {
        try await database.withStore { store in
            let workspace = try await Self.workspace(store)
            _ = try await store.participants.importFile(
                workspaceID: workspace.id, file: "p.csv", text: "email,unit\na@example.com,claims\n")
            let claims = try #require(try await store.organization.units(workspaceID: workspace.id).first { $0.code == "claims" })
            await #expect(throws: StoreError.self) { try await store.organization.deleteUnit(workspaceID: workspace.id, id: claims.id) }
            #expect(try await store.participants.all(workspaceID: workspace.id).count == 1)
        }
    }
}
