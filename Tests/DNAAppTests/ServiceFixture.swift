import DNACore
import DNAStore

@testable import DNAApp

/// What most service tests start from: workspace `w` made by an analyst (ana@x.test), a
/// viewer (vic@x.test) and two units, hq and lab under it.
struct ServiceFixture {
    let workspace: Workspace
    let analyst: User
    let viewer: User

    var asAnalyst: Caller { .person(analyst, via: .api) }
    var asViewer: Caller { .person(viewer, via: .page) }

    static func make(_ store: Store) async throws -> ServiceFixture {
        let analyst = try await store.accounts.createUser(email: "ana@x.test", name: "Ana", passwordHash: "-", instanceAdmin: false, now: 1)
        let viewer = try await store.accounts.createUser(email: "vic@x.test", name: "Vic", passwordHash: "-", instanceAdmin: false, now: 1)
        let workspace = try await store.workspaces.create(slug: "w", name: "W", creator: analyst.id, now: 1)
        try await store.accounts.setMembership(Membership(workspaceID: workspace.id, userID: viewer.id, access: .viewer))
        _ = try await store.organization.importOrgChart(
            workspaceID: workspace.id, file: "org.csv", text: "unit,parent,name\nhq,,HQ\nlab,hq,Lab\n")
        return ServiceFixture(workspace: workspace, analyst: analyst, viewer: viewer)
    }
}
