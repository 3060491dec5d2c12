import DNACore
import DNAStore

/// The line of sight's use cases: the graph of strategies, capabilities, initiatives,
/// customer outcomes and business impacts, its model file and its check. Reading needs viewer
/// access, changing it analyst; every change is written to the audit log as the caller's.
public struct LineOfSightService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func graph(_ caller: Caller?, workspace slug: String) async throws -> LineOfSightGraph {
        try await access.reading(slug, caller) { try await store.lineOfSight.model(workspaceID: $0.id) }
    }

    /// The Customer DNA overview: the inside and outside views, the line of sight and the
    /// loop, each as its latest figures.
    public func overview(_ caller: Caller?, workspace slug: String) async throws -> CustomerDNAOverview {
        try await access.reading(slug, caller) { try await CustomerDNAOverview.load(store: store, workspace: $0) }
    }

    /// The findings of the check: chains that stop short, outcomes no initiative serves, ...
    public func check(_ caller: Caller?, workspace slug: String) async throws -> LineOfSightCheck.Report {
        try await access.reading(slug, caller) { try await store.lineOfSight.lineOfSightReport(workspaceID: $0.id) }
    }

    /// The model file (YAML) that `importModel` reads back.
    public func exportModel(_ caller: Caller?, workspace slug: String) async throws -> String {
        try await access.reading(slug, caller) { try await store.lineOfSight.exportLineOfSight(workspaceID: $0.id) }
    }

    /// Merges a model file into the graph, all or nothing; problems are thrown as `FileProblems`.
    public func importModel(
        _ caller: Caller?, workspace slug: String, file: String, text: String
    ) async throws
        -> LineOfSightImportSummary
    {
        try await access.changing(slug, caller) {
            try await store.lineOfSight.importLineOfSight(workspaceID: $0.id, file: file, text: text)
        }
    }

    /// Adds or updates a node, and answers it as stored.
    public func saveNode(_ caller: Caller?, workspace slug: String, _ node: LineOfSightGraph.Node) async throws -> LineOfSightGraph.Node {
        try await access.changing(slug, caller) { workspace in
            try await store.lineOfSight.saveNode(workspaceID: workspace.id, node)
            guard let saved = try await store.lineOfSight.model(workspaceID: workspace.id).nodes.first(where: { $0.code == node.code })
            else {
                throw StoreError.notFound("no node '\(node.code)'")
            }
            return saved
        }
    }

    public func deleteNode(_ caller: Caller?, workspace slug: String, code: String) async throws {
        try await access.changing(slug, caller) { try await store.lineOfSight.deleteNode(workspaceID: $0.id, code: code) }
    }

    public func addEdge(_ caller: Caller?, workspace slug: String, from: String, to: String) async throws -> LineOfSightModel.Edge {
        try await access.changing(slug, caller) { try await store.lineOfSight.addEdge(workspaceID: $0.id, from: from, to: to) }
        return LineOfSightModel.Edge(from: from, to: to)
    }

    public func deleteEdge(_ caller: Caller?, workspace slug: String, from: String, to: String) async throws {
        try await access.changing(slug, caller) { try await store.lineOfSight.deleteEdge(workspaceID: $0.id, from: from, to: to) }
    }
}
