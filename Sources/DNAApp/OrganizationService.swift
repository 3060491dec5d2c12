import DNACore
import DNAStore

/// The organization's use cases: units and roles, one by one or from an org chart file, and
/// the frameworks it is assessed with. Each
/// checks the caller's access to the workspace (reading needs viewer, changing analyst) and
/// makes its change as the caller, so pages, API and command line share one rule each.
public struct OrganizationService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func units(_ caller: Caller?, workspace slug: String) async throws -> [OrgUnit] {
        try await access.reading(slug, caller) { try await store.organization.units(workspaceID: $0.id) }
    }

    public func unit(_ caller: Caller?, workspace slug: String, id: String) async throws -> OrgUnit {
        try await access.reading(slug, caller) { try await store.organization.unit(workspaceID: $0.id, id: id) }
    }

    public func addUnit(_ caller: Caller?, workspace slug: String, code: String, name: String, parentID: String?) async throws -> OrgUnit {
        try await access.changing(slug, caller) {
            try await store.organization.addUnit(workspaceID: $0.id, code: code, name: name, parentID: parentID)
        }
    }

    /// Imports an org chart file, all or nothing; problems are thrown as `FileProblems`.
    public func importOrgChart(
        _ caller: Caller?, workspace slug: String, file: String, text: String
    ) async throws -> (
        added: Int, updated: Int
    ) {
        try await access.changing(slug, caller) { try await store.organization.importOrgChart(workspaceID: $0.id, file: file, text: text) }
    }

    public func deleteUnit(_ caller: Caller?, workspace slug: String, id: String) async throws {
        try await access.changing(slug, caller) { try await store.organization.deleteUnit(workspaceID: $0.id, id: id) }
    }

    public func roles(_ caller: Caller?, workspace slug: String) async throws -> [Role] {
        try await access.reading(slug, caller) { try await store.organization.roles(workspaceID: $0.id) }
    }

    public func addRole(_ caller: Caller?, workspace slug: String, code: String, name: String, unitID: String?) async throws -> Role {
        try await access.changing(slug, caller) {
            try await store.organization.addRole(workspaceID: $0.id, code: code, name: name, unitID: unitID)
        }
    }

    public func deleteRole(_ caller: Caller?, workspace slug: String, id: String) async throws {
        try await access.changing(slug, caller) { try await store.organization.deleteRole(workspaceID: $0.id, id: id) }
    }

    /// The frameworks the organization is assessed with: the built-in ones and its own.
    public func frameworks(_ caller: Caller?, workspace slug: String) async throws -> [Framework] {
        try await access.reading(slug, caller) { try await store.frameworks.all(workspaceID: $0.id) }
    }

    public func framework(_ caller: Caller?, workspace slug: String, id: String) async throws -> Framework {
        guard let framework = try await frameworks(caller, workspace: slug).first(where: { $0.id == id }) else {
            throw StoreError.notFound("no framework '\(id)'")
        }
        return framework
    }

    /// Adds a framework file of the workspace's own; its mistakes are located by line.
    public func addFramework(_ caller: Caller?, workspace slug: String, file: String, source: String, now: Int64) async throws -> Framework
    {
        try await access.changing(slug, caller) {
            try await store.frameworks.addFramework(workspaceID: $0.id, file: file, source: source, now: now)
        }
    }
}
