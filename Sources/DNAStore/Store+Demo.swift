import DNACore
import SQLKit

extension Store {
    /// Loads the demo organization in one transaction, once; later calls find it and return
    /// it unchanged. A failure leaves no half-made demo behind.
    public func loadDemo(now: Int64) async throws -> Workspace {
        if let existing = try? await workspace(slug: DemoOrganization.slug) { return existing }
        let workspace = Workspace(id: makeID(), slug: DemoOrganization.slug, name: DemoOrganization.name, createdAt: now)
        let makeID = self.makeID
        try await write { db in
            try await Self.insert(workspace, into: db)
            _ = try await Self.importOrgChart(
                db, workspaceID: workspace.id, file: "demo org chart", text: DemoOrganization.orgChartCSV, makeID: makeID)
            let unitIDs = Dictionary(uniqueKeysWithValues: try await Self.units(db, workspaceID: workspace.id).map { ($0.code, $0.id) })
            for role in DemoOrganization.roles {
                let record = Role(id: makeID(), workspaceID: workspace.id, code: role.code, name: role.name, unitID: unitIDs[role.unit])
                try await Self.insert(record, into: db)
            }
        }
        return workspace
    }
}
