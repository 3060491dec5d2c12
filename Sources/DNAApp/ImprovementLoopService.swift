import DNACore
import DNAStore

/// The improvement loop's use cases: hypotheses and their moves, evidence and its links,
/// decisions, the loop's figures (humility, agility), metrics with their measurements, and
/// objectives. Reading needs viewer access, changing analyst; each change returns the record
/// as stored and is written to the audit log as the caller's.
public struct ImprovementLoopService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func hypotheses(_ caller: Caller?, workspace slug: String) async throws -> [Hypothesis] {
        try await access.reading(slug, caller) { try await store.lineOfSight.hypotheses(workspaceID: $0.id) }
    }

    public func addHypothesis(_ caller: Caller?, workspace slug: String, _ card: Hypothesis) async throws -> Hypothesis {
        try await access.changing(slug, caller) { workspace in
            try await store.lineOfSight.addHypothesis(workspaceID: workspace.id, card)
            return try await hypothesis(workspace, card.code)
        }
    }

    /// Moves a hypothesis along its states; closing it records what was learned.
    public func moveHypothesis(
        _ caller: Caller?, workspace slug: String, code: String, to status: Hypothesis.Status, learning: Hypothesis.Learning?,
        on day: String
    ) async throws -> Hypothesis {
        try await access.changing(slug, caller) { workspace in
            try await store.lineOfSight.moveHypothesis(workspaceID: workspace.id, code: code, to: status, learning: learning, on: day)
            return try await hypothesis(workspace, code)
        }
    }

    public func evidence(_ caller: Caller?, workspace slug: String, search: String? = nil) async throws -> [EvidenceItem] {
        try await access.reading(slug, caller) { try await store.lineOfSight.evidence(workspaceID: $0.id, search: search) }
    }

    public func addEvidence(_ caller: Caller?, workspace slug: String, _ item: EvidenceItem) async throws -> EvidenceItem {
        try await access.changing(slug, caller) { workspace in
            let code = try await store.lineOfSight.addEvidence(workspaceID: workspace.id, item)
            return try await evidence(workspace, code)
        }
    }

    public func linkEvidence(
        _ caller: Caller?, workspace slug: String, evidence code: String, _ link: EvidenceLink
    ) async throws
        -> EvidenceItem
    {
        try await access.changing(slug, caller) { workspace in
            try await store.lineOfSight.linkEvidence(workspaceID: workspace.id, evidence: code, link)
            return try await evidence(workspace, code)
        }
    }

    public func decisions(_ caller: Caller?, workspace slug: String) async throws -> [DecisionRecord] {
        try await access.reading(slug, caller) { try await store.lineOfSight.decisions(workspaceID: $0.id) }
    }

    public func logDecision(_ caller: Caller?, workspace slug: String, _ decision: DecisionRecord) async throws -> DecisionRecord {
        try await access.changing(slug, caller) { workspace in
            let code = try await store.lineOfSight.logDecision(workspaceID: workspace.id, decision)
            guard let logged = try await store.lineOfSight.decisions(workspaceID: workspace.id).first(where: { $0.code == code }) else {
                throw StoreError.notFound("no decision '\(code)'")
            }
            return logged
        }
    }

    /// How the organization learns (humility) and how fast it acts on what it learns (agility).
    public func loopFigures(_ caller: Caller?, workspace slug: String) async throws -> (humility: Humility.Report, agility: Agility.Report)
    {
        try await access.reading(slug, caller) { try await store.lineOfSight.loopFigures(workspaceID: $0.id) }
    }

    public func metrics(_ caller: Caller?, workspace slug: String) async throws -> [MetricDefinition] {
        try await access.reading(slug, caller) { try await store.lineOfSight.metricDefinitions(workspaceID: $0.id) }
    }

    public func saveMetric(_ caller: Caller?, workspace slug: String, _ metric: MetricDefinition) async throws -> MetricDefinition {
        try await access.changing(slug, caller) { workspace in
            try await store.lineOfSight.saveMetric(workspaceID: workspace.id, metric)
            guard
                let saved = try await store.lineOfSight.metricDefinitions(workspaceID: workspace.id).first(where: { $0.code == metric.code }
                )
            else {
                throw StoreError.notFound("no metric '\(metric.code)'")
            }
            return saved
        }
    }

    public func measurements(_ caller: Caller?, workspace slug: String, metric: String? = nil) async throws -> [MetricValue] {
        try await access.reading(slug, caller) { try await store.lineOfSight.measurements(workspaceID: $0.id, metric: metric) }
    }

    /// Adds values of known metrics, all or none; answers how many.
    public func addMeasurements(_ caller: Caller?, workspace slug: String, _ values: [MetricValue]) async throws -> Int {
        try await access.changing(slug, caller) { try await store.lineOfSight.addMeasurements(workspaceID: $0.id, values) }
        return values.count
    }

    /// Imports a measurements CSV, all or nothing; problems are thrown as `FileProblems`.
    public func importMeasurements(_ caller: Caller?, workspace slug: String, file: String, bytes: [UInt8]) async throws -> Int {
        try await access.changing(slug, caller) {
            try await store.lineOfSight.importMeasurements(workspaceID: $0.id, file: file, bytes: bytes)
        }
    }

    public func objectives(_ caller: Caller?, workspace slug: String) async throws -> [Objective] {
        try await access.reading(slug, caller) { try await store.lineOfSight.objectives(workspaceID: $0.id) }
    }

    public func saveObjective(_ caller: Caller?, workspace slug: String, _ objective: Objective) async throws -> Objective {
        try await access.changing(slug, caller) { try await store.lineOfSight.saveObjective(workspaceID: $0.id, objective) }
        return objective
    }

    private func hypothesis(_ workspace: Workspace, _ code: String) async throws -> Hypothesis {
        guard let card = try await store.lineOfSight.hypotheses(workspaceID: workspace.id).first(where: { $0.code == code }) else {
            throw StoreError.notFound("no hypothesis '\(code)'")
        }
        return card
    }

    private func evidence(_ workspace: Workspace, _ code: String) async throws -> EvidenceItem {
        guard let item = try await store.lineOfSight.evidence(workspaceID: workspace.id).first(where: { $0.code == code }) else {
            throw StoreError.notFound("no evidence '\(code)'")
        }
        return item
    }
}

/// What the improvement loop's pages show, each read in one use case with one access check.
extension ImprovementLoopService {
    /// The hypotheses and what a new one may name: strategies and initiatives of the line of
    /// sight, metrics and customer segments.
    public struct HypothesesView: Sendable {
        public var access: Access
        public var hypotheses: [Hypothesis]
        public var graph: LineOfSightGraph
        public var metrics: [MetricDefinition]
        public var segments: [CustomerModel.Segment]
    }

    public func hypothesesView(_ caller: Caller?, workspace slug: String) async throws -> HypothesesView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        return HypothesesView(
            access: access, hypotheses: try await store.lineOfSight.hypotheses(workspaceID: workspace.id),
            graph: try await store.lineOfSight.model(workspaceID: workspace.id),
            metrics: try await store.lineOfSight.metricDefinitions(workspaceID: workspace.id),
            segments: try await store.customerModels.model(workspaceID: workspace.id).segments)
    }

    /// The decisions with the share that cited evidence, and what a new one may name.
    public struct DecisionsView: Sendable {
        public var access: Access
        public var decisions: [DecisionRecord]
        public var humility: Humility.Report
        public var units: [OrgUnit]
        public var graph: LineOfSightGraph
        public var evidence: [EvidenceItem]
    }

    public func decisionsView(_ caller: Caller?, workspace slug: String) async throws -> DecisionsView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        let decisions = try await store.lineOfSight.decisions(workspaceID: workspace.id)
        return DecisionsView(
            access: access, decisions: decisions,
            humility: try await store.lineOfSight.loopFigures(workspaceID: workspace.id, decisions: decisions).humility,
            units: try await store.organization.units(workspaceID: workspace.id),
            graph: try await store.lineOfSight.model(workspaceID: workspace.id),
            evidence: try await store.lineOfSight.evidence(workspaceID: workspace.id))
    }

    /// Metrics with their values, objectives pairing them, and the nodes a metric may measure.
    public struct MetricsView: Sendable {
        public var access: Access
        public var metrics: [MetricDefinition]
        public var measurements: [MetricValue]
        public var objectives: [Objective]
        public var graph: LineOfSightGraph
    }

    public func metricsView(_ caller: Caller?, workspace slug: String) async throws -> MetricsView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        return MetricsView(
            access: access, metrics: try await store.lineOfSight.metricDefinitions(workspaceID: workspace.id),
            measurements: try await store.lineOfSight.measurements(workspaceID: workspace.id),
            objectives: try await store.lineOfSight.objectives(workspaceID: workspace.id),
            graph: try await store.lineOfSight.model(workspaceID: workspace.id))
    }

    /// How fast decisions ship, with the decisions' titles.
    public func agilityView(_ caller: Caller?, workspace slug: String) async throws -> (agility: Agility.Report, titles: [String: String]) {
        try await access.reading(slug, caller) { workspace in
            let decisions = try await store.lineOfSight.decisions(workspaceID: workspace.id)
            let agility = try await store.lineOfSight.loopFigures(workspaceID: workspace.id, decisions: decisions).agility
            return (agility, Dictionary(decisions.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
