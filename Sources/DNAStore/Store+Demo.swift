import DNACore

extension Store {
    /// Loads the demo organization once; later calls find it and return it unchanged.
    public func loadDemo(now: Int64) async throws -> Workspace {
        if let existing = try? await workspace(slug: DemoOrganization.slug) { return existing }
        let workspace = try await createWorkspace(slug: DemoOrganization.slug, name: DemoOrganization.name, now: now)
        _ = try await importOrgChart(workspaceID: workspace.id, file: "demo org chart", text: DemoOrganization.orgChartCSV)
        let unitIDs = Dictionary(uniqueKeysWithValues: try await units(workspaceID: workspace.id).map { ($0.code, $0.id) })
        for role in DemoOrganization.roles {
            _ = try await addRole(workspaceID: workspace.id, code: role.code, name: role.name, unitID: unitIDs[role.unit])
        }
        return workspace
    }
}
