/// The typed graph strategy -> capability -> initiative -> customer outcome -> business
/// impact, with metrics and evidence attached to nodes (DESIGN.md, "Line-of-sight model").
public struct LineOfSightModel: Sendable, Equatable {
    public enum NodeType: String, Codable, Sendable, CaseIterable {
        case strategy, capability, initiative, outcome, impact
    }

    public struct Node: Sendable, Equatable {
        public var id: String
        public var type: NodeType
        public var title: String
        public var effort: Double?
        public var budget: Double?

        public init(id: String, type: NodeType, title: String, effort: Double? = nil, budget: Double? = nil) {
            self.id = id
            self.type = type
            self.title = title
            self.effort = effort
            self.budget = budget
        }
    }

    public struct Edge: Codable, Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// A metric or a piece of evidence, attached to one node.
    public struct Attachment: Codable, Sendable, Equatable {
        public var id: String
        public var node: String

        public init(id: String, node: String) {
            self.id = id
            self.node = node
        }
    }

    public var nodes: [Node]
    public var edges: [Edge]
    public var metrics: [Attachment]
    public var evidence: [Attachment]

    public init(nodes: [Node], edges: [Edge], metrics: [Attachment] = [], evidence: [Attachment] = []) {
        self.nodes = nodes
        self.edges = edges
        self.metrics = metrics
        self.evidence = evidence
    }

    /// The type pairs an edge may connect, in the direction of value.
    public static let allowedEdges: Set<[NodeType]> = [
        [.strategy, .capability], [.strategy, .initiative], [.capability, .initiative],
        [.initiative, .outcome], [.initiative, .impact], [.outcome, .impact],
    ]
}

/// Reads the line-of-sight YAML. Structural mistakes (unknown keys, unknown node types,
/// duplicate ids) are file problems; graph-level mistakes (bad edges, dangling references,
/// cycles) are findings of the checks, so a whole model can be reviewed at once.
public enum LineOfSightLoader {
    /// The line each node, edge, metric and evidence entry starts on, in model order, so a
    /// reader that checks more (against a workspace) can point at the entry.
    public struct Lines: Sendable, Equatable {
        public var nodes: [Int] = []
        public var edges: [Int] = []
        public var metrics: [Int] = []
        public var evidence: [Int] = []
    }

    public static func load(file: String, text: String) throws(FileProblems) -> LineOfSightModel {
        try loadLocated(file: file, text: text).model
    }

    public static func loadLocated(file: String, text: String) throws(FileProblems) -> (model: LineOfSightModel, lines: Lines) {
        var lines = Lines()
        let root = try YAMLNode.parse(file: file, text: text)
        var fields = try YAMLFields(root, what: "model", allowed: ["nodes", "edges", "metrics", "evidence"])
        let nodes =
            fields.value("nodes", in: "model", required: true) { (node: YAMLNode) throws(FileProblems) -> [LineOfSightModel.Node] in
                try readNodes(node, lines: &lines.nodes)
            } ?? []
        let edges =
            fields.value("edges", in: "model") { (list: YAMLNode) throws(FileProblems) -> [LineOfSightModel.Edge] in
                try readEach(list, what: "edge", lines: &lines.edges) { (node: YAMLNode) throws(FileProblems) -> LineOfSightModel.Edge in
                    var edge = try YAMLFields(node, what: "edge", allowed: ["from", "to"])
                    let from = edge.string("from", in: "edge", required: true), to = edge.string("to", in: "edge", required: true)
                    try edge.problems.throwIfAny()
                    return LineOfSightModel.Edge(from: from!, to: to!)
                }
            } ?? []
        let metrics =
            fields.value("metrics", in: "model") { (list: YAMLNode) throws(FileProblems) -> [LineOfSightModel.Attachment] in
                try readAttachments(list, what: "metric", key: "measures", lines: &lines.metrics)
            } ?? []
        let evidence =
            fields.value("evidence", in: "model") { (list: YAMLNode) throws(FileProblems) -> [LineOfSightModel.Attachment] in
                try readAttachments(list, what: "evidence", key: "supports", lines: &lines.evidence)
            } ?? []
        try fields.problems.throwIfAny()
        return (LineOfSightModel(nodes: nodes, edges: edges, metrics: metrics, evidence: evidence), lines)
    }

    private static func readEach<T>(
        _ list: YAMLNode, what: String, lines: inout [Int], _ read: (YAMLNode) throws(FileProblems) -> T
    ) throws(FileProblems) -> [T] {
        var problems = FileProblems()
        var values: [T] = []
        for node in try list.sequence("\(what)s") {
            do {
                values.append(try read(node))
                lines.append(node.line)
            } catch { problems.append(contentsOf: error) }
        }
        try problems.throwIfAny()
        return values
    }

    private static func readNodes(_ list: YAMLNode, lines: inout [Int]) throws(FileProblems) -> [LineOfSightModel.Node] {
        var firstLine: [String: Int] = [:]
        return try readEach(list, what: "node", lines: &lines) { (node: YAMLNode) throws(FileProblems) -> LineOfSightModel.Node in
            var fields = try YAMLFields(node, what: "node", allowed: ["id", "type", "title", "effort", "budget"])
            let id = fields.string("id", in: "node", required: true)
            let type = fields.value("type", in: "node", required: true) {
                (node: YAMLNode) throws(FileProblems) -> LineOfSightModel.NodeType in
                let name = try node.string("type")
                guard let type = LineOfSightModel.NodeType(rawValue: name) else {
                    throw FileProblems([
                        node.problem("unknown node type '\(name)'; expected strategy, capability, initiative, outcome or impact")
                    ])
                }
                return type
            }
            let title = fields.string("title", in: "node") ?? id ?? ""
            let effort = fields.value("effort", in: "node") { (node: YAMLNode) throws(FileProblems) -> Double in try amount(node, "effort")
            }
            let budget = fields.value("budget", in: "node") { (node: YAMLNode) throws(FileProblems) -> Double in try amount(node, "budget")
            }
            if let id {
                if let line = firstLine[id] {
                    fields.problems.append(node.problem("duplicate node id '\(id)' (first on line \(line))"))
                } else {
                    firstLine[id] = node.line
                }
            }
            try fields.problems.throwIfAny()
            return LineOfSightModel.Node(id: id!, type: type!, title: title, effort: effort, budget: budget)
        }
    }

    private static func readAttachments(
        _ list: YAMLNode, what: String, key: String, lines: inout [Int]
    ) throws(FileProblems) -> [LineOfSightModel.Attachment] {
        try readEach(list, what: what, lines: &lines) { (node: YAMLNode) throws(FileProblems) -> LineOfSightModel.Attachment in
            var fields = try YAMLFields(node, what: what, allowed: ["id", key])
            let id = fields.string("id", in: what, required: true), target = fields.string(key, in: what, required: true)
            try fields.problems.throwIfAny()
            return LineOfSightModel.Attachment(id: id!, node: target!)
        }
    }

    private static func amount(_ node: YAMLNode, _ what: String) throws(FileProblems) -> Double {
        let value = try node.double(what)
        guard value >= 0, value.isFinite else { throw FileProblems([node.problem("\(what) must be a number of 0 or more")]) }
        return value
    }
}
