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

/// What the line-of-sight page shows, read with one access check.
extension LineOfSightService {
    public struct GraphView: Sendable {
        public var access: Access
        public var graph: LineOfSightGraph
        public var report: LineOfSightCheck.Report
        /// The customer model's outcomes: the node form offers them, and the connect form
        /// offers those not in the graph yet.
        public var outcomes: [CustomerModel.Outcome]
        /// The chosen node's details, when one is chosen and in the graph.
        public var details: NodeDetails?
    }

    /// Everything attached to one node: what measures it, what supports it, which hypotheses
    /// test it, what the check found, and what it connects.
    public struct NodeDetails: Sendable {
        public var node: LineOfSightGraph.Node
        public var findings: [LineOfSightCheck.Finding]
        public var metrics: [MetricDefinition]
        public var evidence: [EvidenceItem]
        public var hypotheses: [Hypothesis]
        public var from: [LineOfSightGraph.Node]
        public var to: [LineOfSightGraph.Node]
        /// Graph nodes an edge from this node may go to and does not yet.
        public var allowedTargets: [LineOfSightGraph.Node]
        /// Customer-model outcomes not in the graph that an edge from this node may go to
        /// (connecting one adds it).
        public var outcomesToAdd: [CustomerModel.Outcome]
    }

    public func graphView(_ caller: Caller?, workspace slug: String, node code: String? = nil) async throws -> GraphView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        let graph = try await store.lineOfSight.model(workspaceID: workspace.id)
        let report = LineOfSightCheck.check(graph.model)
        let outcomes = try await store.customerModels.model(workspaceID: workspace.id).outcomes
        var view = GraphView(access: access, graph: graph, report: report, outcomes: outcomes)
        guard let code, let node = graph.nodes.first(where: { $0.code == code }) else { return view }
        let metricCodes = Set(graph.metrics.filter { $0.node == code }.map(\.id))
        let byCode = Dictionary(graph.nodes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let inGraph = Set(byCode.keys)
        view.details = NodeDetails(
            node: node, findings: report.findings.filter { $0.node == code },
            metrics: try await store.lineOfSight.metricDefinitions(workspaceID: workspace.id).filter {
                metricCodes.contains($0.code) || $0.node == code
            },
            evidence: try await store.lineOfSight.evidence(workspaceID: workspace.id, node: code),
            hypotheses: try await store.lineOfSight.hypotheses(workspaceID: workspace.id).filter {
                $0.strategy == code || $0.initiative == code
            },
            from: graph.edges.filter { $0.to == code }.compactMap { byCode[$0.from] },
            to: graph.edges.filter { $0.from == code }.compactMap { byCode[$0.to] },
            allowedTargets: graph.allowedTargets(of: code),
            outcomesToAdd: LineOfSightModel.allows(node.type, .outcome) ? outcomes.filter { !inGraph.contains($0.code) } : [])
        return view
    }
}
