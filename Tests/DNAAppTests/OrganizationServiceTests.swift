import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// The organization's use cases, called as pages, the API and the command line call them.
@Suite("Organization service")
struct OrganizationServiceTests {
    @Test("who may read and change units and roles, and whom the audit log names", arguments: TestDatabase.available)
    func accessAndAudit(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: a workspace with a viewer, an analyst and an outsider
            let viewer = try await store.accounts.createUser(
                email: "vic@x.test", name: "Vic", passwordHash: "-", instanceAdmin: false, now: 1)
            let analyst = try await store.accounts.createUser(
                email: "ana@x.test", name: "Ana", passwordHash: "-", instanceAdmin: false, now: 1)
            let outsider = try await store.accounts.createUser(
                email: "eve@x.test", name: "Eve", passwordHash: "-", instanceAdmin: false, now: 1)
            let workspace = try await store.workspaces.create(slug: "w", name: "W", creator: analyst.id, now: 1)
            try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: viewer.id, access: .viewer))
            let service = OrganizationService(store: store)
            let asViewer = Caller.person(viewer, via: .page), asAnalyst = Caller.person(analyst, via: .api, viaToken: true)
            let asOutsider = Caller.person(outsider, via: .api), asOperator = Caller.commandLine(login: "ops")

            // MUT + validation: changes need analyst access; the operator may do anything
            let hq = try await service.addUnit(asAnalyst, workspace: "w", code: "hq", name: "HQ", parentID: nil)
            let imported = try await service.importOrgChart(
                asOperator, workspace: "w", file: "org.csv", text: "unit,parent,name\nsales,hq,Sales\n")
            #expect(imported.added == 1)
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                _ = try await service.addUnit(asViewer, workspace: "w", code: "x", name: "X", parentID: nil)
            }
            await #expect(throws: AccessError.forbidden("this needs analyst access to 'w'; you have viewer")) {
                try await service.deleteUnit(asViewer, workspace: "w", id: hq.id)
            }
            #expect(try await service.units(asViewer, workspace: "w").map(\.code) == ["hq", "sales"])
            // An outsider cannot tell the workspace exists; nobody signed in is asked to.
            await #expect(throws: StoreError.notFound("no workspace 'w'")) { _ = try await service.units(asOutsider, workspace: "w") }
            await #expect(throws: StoreError.notFound("no workspace 'w'")) { _ = try await service.roles(asOutsider, workspace: "w") }
            await #expect(throws: AccessError.signInNeeded) { _ = try await service.units(nil, workspace: "w") }
            let role = try await service.addRole(asAnalyst, workspace: "w", code: "Q2_lead", name: "Lead", unitID: hq.id)
            #expect(try await service.roles(asViewer, workspace: "w").map(\.code) == ["Q2_lead"])
            try await service.deleteRole(asOperator, workspace: "w", id: role.id)

            let log = try await store.auditLog.entries(workspaceID: workspace.id)
            let named = log.map { "\($0.action) \($0.actor) \($0.via.rawValue)" }
            #expect(
                named == [
                    "role.delete cli:ops cli", "role.add ana@x.test (API token) api", "org-chart.import cli:ops cli",
                    "unit.add ana@x.test (API token) api", "membership.set system system",
                    "workspace.create system system",
                ])
        }
    }
}
