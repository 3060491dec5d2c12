extension LineOfSightModel.NodeType {
    /// Where the type sits in the direction of value; every allowed edge goes to a later rank,
    /// so a graph with only allowed edges has no cycle.
    public var rank: Int {
        switch self {
        case .strategy: 0
        case .capability: 1
        case .initiative: 2
        case .outcome: 3
        case .impact: 4
        }
    }

    public var title: String {
        switch self {
        case .strategy: "Strategy"
        case .capability: "Capability"
        case .initiative: "Initiative"
        case .outcome: "Customer outcome"
        case .impact: "Business impact"
        }
    }
}

extension LineOfSightModel {
    /// Why an edge between these types is refused, or nil when the model allows it. The
    /// message names the direction of value and, when the reverse is allowed, suggests it.
    public static func edgeProblem(from: NodeType, to: NodeType) -> String? {
        if allows(from, to) { return nil }
        var message =
            "an edge may not go \(from.rawValue) -> \(to.rawValue): value flows strategy -> capability -> initiative -> outcome -> impact"
        if allows(to, from) {
            message += "; did you mean \(to.rawValue) -> \(from.rawValue)?"
        } else {
            let targets = NodeType.allCases.filter { allows(from, $0) }.map(\.rawValue)
            message +=
                targets.isEmpty
                ? "; no edge may start at \(from.rawValue) nodes"
                : "; from \(from.rawValue) nodes an edge may go to: \(targets.joined(separator: ", "))"
        }
        return message
    }

    /// Whether the model allows an edge between these types: `allowedEdges` as a table by
    /// rank, so the checks can ask once per edge without allocating.
    public static func allows(_ from: NodeType, _ to: NodeType) -> Bool {
        allowedTable[from.rank * 5 + to.rank]
    }

    private static let allowedTable: [Bool] = {
        var table = [Bool](repeating: false, count: 25)
        for pair in allowedEdges { table[pair[0].rank * 5 + pair[1].rank] = true }
        return table
    }()

    /// The nodes a strategy leads to along allowed edges, the strategy included; the
    /// graph view's filter. Unknown codes give an empty set.
    public func downstream(of code: String) -> Set<String> {
        var next: [String: [String]] = [:]
        for edge in edges { next[edge.from, default: []].append(edge.to) }
        guard nodes.contains(where: { $0.id == code }) else { return [] }
        var seen: Set<String> = [code]
        var stack = [code]
        while let node = stack.popLast() {
            for target in next[node] ?? [] where seen.insert(target).inserted { stack.append(target) }
        }
        return seen
    }
}

/// Writes the line-of-sight YAML of the contract, which `LineOfSightLoader` reads back to an
/// equal model. Texts are double-quoted scalars so no title can turn into YAML syntax.
public enum LineOfSightDocument {
    public static func yaml(_ model: LineOfSightModel) -> String {
        var out = "# CustomerDNA line-of-sight model\n"
        out += "nodes:" + (model.nodes.isEmpty ? " []\n" : "\n")
        for node in model.nodes {
            var fields = ["id: \(quote(node.id))", "type: \(node.type.rawValue)", "title: \(quote(node.title))"]
            if let effort = node.effort { fields.append("effort: \(number(effort))") }
            if let budget = node.budget { fields.append("budget: \(number(budget))") }
            out += "  - {" + fields.joined(separator: ", ") + "}\n"
        }
        out += "edges:" + (model.edges.isEmpty ? " []\n" : "\n")
        for edge in model.edges { out += "  - {from: \(quote(edge.from)), to: \(quote(edge.to))}\n" }
        out += "metrics:" + (model.metrics.isEmpty ? " []\n" : "\n")
        for metric in model.metrics { out += "  - {id: \(quote(metric.id)), measures: \(quote(metric.node))}\n" }
        out += "evidence:" + (model.evidence.isEmpty ? " []\n" : "\n")
        for item in model.evidence { out += "  - {id: \(quote(item.id)), supports: \(quote(item.node))}\n" }
        return out
    }

    /// Whole numbers without a fraction, others as Swift prints them (shortest round trip).
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func quote(_ text: String) -> String { YAMLNode.quoted(text) }
}
