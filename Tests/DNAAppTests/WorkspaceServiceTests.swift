import DNACore
import DNAStore
import DNATestSupport
import Testing

@testable import DNAApp

/// Workspaces, members and the audit log as the pages, the API and the command line ask.
@Suite("Workspace service")
struct WorkspaceServiceTests {
    @Test("who may create workspaces and who administers them; members and the log are for admins", arguments: TestDatabase.available)
    func rules(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: an instance administrator, two plain users
            let root = try await store.accounts.createUser(
                email: "root@x.test", name: "Root", passwordHash: "-", instanceAdmin: true, now: 1)
            let ann = try await store.accounts.createUser(email: "ann@x.test", name: "Ann", passwordHash: "-", instanceAdmin: false, now: 1)
            let bob = try await store.accounts.createUser(email: "bob@x.test", name: "Bob", passwordHash: "-", instanceAdmin: false, now: 1)
            let service = WorkspaceService(store: store)
            let asRoot = Caller.person(root, via: .api), asAnn = Caller.person(ann, via: .page), asBob = Caller.person(bob, via: .api)
            let asOperator = Caller.commandLine(login: "ops")

            // MUT + validation: creating
            await #expect(throws: AccessError.forbidden("only an instance administrator can create workspaces")) {
                _ = try await service.createWorkspace(asAnn, slug: "a", name: "A", now: 1)
            }
            await #expect(throws: AccessError.signInNeeded) { _ = try await service.createWorkspace(nil, slug: "a", name: "A", now: 1) }
            let byRoot = try await service.createWorkspace(asRoot, slug: "root-made", name: "R", now: 1)
            let forAnn = try await service.createWorkspace(
                asOperator, slug: "anns", name: "Ann's", minGroupSize: 3, admin: ann.email, now: 1)
            let byOperator = try await service.createWorkspace(asOperator, slug: "ops-made", name: "O", now: 1)
            await #expect(throws: StoreError.notFound("no user 'nobody@x.test'")) {
                _ = try await service.createWorkspace(asOperator, slug: "ghost", name: "G", admin: "nobody@x.test", now: 1)
            }
            #expect(try await service.members(asRoot, workspace: byRoot.slug).map(\.user.email) == ["root@x.test"])
            #expect(try await service.members(asAnn, workspace: forAnn.slug).map(\.user.email) == ["ann@x.test"])
            #expect(try await service.members(asOperator, workspace: byOperator.slug).map(\.user.email) == ["root@x.test"])
            #expect(forAnn.minGroupSize == 3)

            // Who sees what: a person their memberships, the operator everything.
            #expect(try await service.workspaces(asAnn).map(\.workspace.slug) == ["anns"])
            #expect(Set(try await service.workspaces(asOperator).map(\.workspace.slug)) == ["root-made", "anns", "ops-made"])

            // Members and the log need admin access; outsiders cannot tell the workspace exists.
            _ = try await service.setMember(asAnn, workspace: "anns", email: bob.email, access: .analyst)
            await #expect(throws: AccessError.forbidden("this needs admin access to 'anns'; you have analyst")) {
                _ = try await service.auditLog(asBob, workspace: "anns")
            }
            await #expect(throws: AccessError.forbidden("this needs admin access to 'anns'; you have analyst")) {
                _ = try await service.setMember(asBob, workspace: "anns", email: bob.email, access: .admin)
            }
            await #expect(throws: StoreError.notFound("no workspace 'root-made'")) {
                _ = try await service.members(asAnn, workspace: "root-made")
            }
            let log = try await service.auditLog(asAnn, workspace: "anns")
            #expect(log.first?.action == "membership.set" && log.first?.actor == "ann@x.test" && log.first?.via == .page)
            #expect(log.last?.action == "workspace.create" && log.last?.actor == "cli:ops")
        }
    }
}
