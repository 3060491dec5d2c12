/// A workspace's line-of-sight graph as stored: the nodes with what the contract's YAML does
/// not carry (a strategy's theory, an initiative's status and ship date), the edges, the
/// metrics that measure nodes and the evidence that supports them.
public struct LineOfSightGraph: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case planned, active, shipped, stopped
    }

    public struct Node: Codable, Equatable, Sendable {
        public var code: String
        public var type: LineOfSightModel.NodeType
        public var title: String
        /// A strategy's theory, or any note.
        public var description: String
        public var effort: Double?
        public var budget: Double?
        /// Initiatives only.
        public var status: Status?
        public var shippedOn: String?

        public init(
            code: String, type: LineOfSightModel.NodeType, title: String, description: String = "", effort: Double? = nil,
            budget: Double? = nil, status: Status? = nil, shippedOn: String? = nil
        ) {
            self.code = code
            self.type = type
            self.title = title
            self.description = description
            self.effort = effort
            self.budget = budget
            self.status = status
            self.shippedOn = shippedOn
        }

        /// The first thing wrong with the node on its own, or nil.
        public var problem: String? {
            if let message = UnitCode.problem(code) { return "node \(message)" }
            if title.trimmingSpaces().isEmpty && type != .outcome { return "the \(type.rawValue) needs a title" }
            for (name, value) in [("effort", effort), ("budget", budget)] {
                if let value, !(value >= 0 && value.isFinite) { return "\(name) must be a number of 0 or more" }
            }
            if type != .initiative && (status != nil || shippedOn != nil) { return "only initiatives have a status and a ship date" }
            if let shippedOn {
                if CalendarDay.start(shippedOn) == nil { return "the ship date must be written YYYY-MM-DD" }
                if status != .shipped { return "a ship date needs the status shipped" }
            }
            return nil
        }

        enum CodingKeys: String, CodingKey {
            case code, type, title, description, effort, budget, status
            case shippedOn = "shipped_on"
        }
    }

    public var nodes: [Node]
    public var edges: [LineOfSightModel.Edge]
    /// Metric code -> node code.
    public var metrics: [LineOfSightModel.Attachment]
    /// Evidence code -> node code, supporting links only.
    public var evidence: [LineOfSightModel.Attachment]

    public init(
        nodes: [Node] = [], edges: [LineOfSightModel.Edge] = [], metrics: [LineOfSightModel.Attachment] = [],
        evidence: [LineOfSightModel.Attachment] = []
    ) {
        self.nodes = nodes
        self.edges = edges
        self.metrics = metrics
        self.evidence = evidence
    }

    /// The contract's model of this graph: what `cdna analyze line-of-sight` reads, so the
    /// server's checks and the command's are the same code on the same data.
    public var model: LineOfSightModel {
        LineOfSightModel(
            nodes: nodes.map { .init(id: $0.code, type: $0.type, title: $0.title, effort: $0.effort, budget: $0.budget) }, edges: edges,
            metrics: metrics, evidence: evidence)
    }

    /// The part of the graph a strategy leads to, the strategy included; edges and
    /// attachments are kept when both ends are in it.
    public func filtered(byStrategy code: String) -> LineOfSightGraph {
        restricted(to: model.downstream(of: code))
    }

    /// The nodes in `keep`, with the edges and attachments whose ends are all in it.
    func restricted(to keep: Set<String>) -> LineOfSightGraph {
        LineOfSightGraph(
            nodes: nodes.filter { keep.contains($0.code) }, edges: edges.filter { keep.contains($0.from) && keep.contains($0.to) },
            metrics: metrics.filter { keep.contains($0.node) }, evidence: evidence.filter { keep.contains($0.node) })
    }
}

extension LineOfSightGraph {
    /// Every node and edge on some path through `code`: what leads to it, what it leads to, and
    /// the node itself. An edge u -> v lies on such a path when v leads to the node (or is it)
    /// or u follows from it (or is it). Unknown codes give empty sets.
    public func paths(through code: String) -> (nodes: Set<String>, edges: Set<Int>) {
        guard nodes.contains(where: { $0.code == code }) else { return ([], []) }
        var next: [String: [String]] = [:], previous: [String: [String]] = [:]
        for edge in edges {
            next[edge.from, default: []].append(edge.to)
            previous[edge.to, default: []].append(edge.from)
        }
        func reach(_ links: [String: [String]]) -> Set<String> {
            var seen: Set<String> = [code], queue = [code]
            while let current = queue.popLast() {
                for neighbour in links[current] ?? [] where seen.insert(neighbour).inserted { queue.append(neighbour) }
            }
            return seen
        }
        let upstream = reach(previous), downstream = reach(next)
        let onPath = Set(edges.indices.filter { upstream.contains(edges[$0].to) || downstream.contains(edges[$0].from) })
        return (upstream.union(downstream), onPath)
    }

    /// The nodes with a finding of `kind` and every path through them, so each flagged node is
    /// seen with what leads to it and what it leads to.
    public func filtered(byFinding kind: LineOfSightCheck.Kind, in report: LineOfSightCheck.Report) -> LineOfSightGraph {
        var keep: Set<String> = []
        for finding in report.findings where finding.kind == kind && !keep.contains(finding.node) {
            keep.formUnion(paths(through: finding.node).nodes)
        }
        return restricted(to: keep)
    }

    /// For each node, the first strategy (by code) it is reached from, the strategy itself for
    /// a strategy; nodes no strategy reaches are absent. A drawing that groups by this key and
    /// then by code keeps every node where it was when something unrelated changes.
    public func firstStrategies() -> [String: String] {
        var next: [String: [String]] = [:]
        for edge in edges { next[edge.from, default: []].append(edge.to) }
        var first: [String: String] = [:]
        for strategy in nodes.filter({ $0.type == .strategy }).map(\.code).sorted() {
            var queue = [strategy]
            while let current = queue.popLast() {
                guard first[current] == nil else { continue }
                first[current] = strategy
                queue.append(contentsOf: next[current] ?? [])
            }
        }
        return first
    }

    /// The nodes an edge from `code` may go to under the model's rules and does not go to yet.
    public func allowedTargets(of code: String) -> [Node] {
        guard let source = nodes.first(where: { $0.code == code }) else { return [] }
        let present = Set(edges.filter { $0.from == code }.map(\.to))
        return nodes.filter { LineOfSightModel.allows(source.type, $0.type) && !present.contains($0.code) }
            .sorted { ($0.type.rank, $0.code) < ($1.type.rank, $1.code) }
    }
}
