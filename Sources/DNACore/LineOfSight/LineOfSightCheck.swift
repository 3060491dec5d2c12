import Dispatch

/// The checks of the line-of-sight graph, in time linear in nodes + edges.
public enum LineOfSightCheck {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case insideOut = "inside-out"
        case impactWithoutOutcome = "impact-without-outcome"
        case unmeasured
        case noEvidence = "no-evidence"
        case cycle
        case dangling
        case badEdge = "bad-edge"
    }

    public struct Finding: Codable, Sendable, Equatable {
        /// A finding in words the pages look up in the catalogue; `message` is its English,
        /// the text of the JSON and the CLI.
        public init(kind: Kind, node: String, wording: AdminText) {
            self.kind = kind
            self.node = node
            self.wording = wording
            message = wording.text(in: "en")
        }

        public init(kind: Kind, node: String, message: String) {
            self.init(kind: kind, node: node, wording: AdminText(verbatim: message))
        }

        public var kind: Kind
        public var node: String
        public var message: String
        public var wording: AdminText

        enum CodingKeys: String, CodingKey { case kind, node, message }

        /// Findings are equal when they say the same, however their wording was put together
        /// (a finding read back from JSON has only its English).
        public static func == (lhs: Finding, rhs: Finding) -> Bool {
            (lhs.kind, lhs.node, lhs.message) == (rhs.kind, rhs.node, rhs.message)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                kind: try container.decode(Kind.self, forKey: .kind), node: try container.decode(String.self, forKey: .node),
                message: try container.decode(String.self, forKey: .message))
        }
    }

    public struct Coverage: Codable, Sendable, Equatable {
        public var initiatives: Int
        public var withLineOfSight: Int
        /// Share (0-1) of initiative effort that has a full line of sight; nil without effort.
        public var effortShare: Double?
        /// The same for budget.
        public var budgetShare: Double?

        enum CodingKeys: String, CodingKey {
            case initiatives
            case withLineOfSight = "with_line_of_sight"
            case effortShare = "effort_share"
            case budgetShare = "budget_share"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(initiatives, forKey: .initiatives)
            try container.encode(withLineOfSight, forKey: .withLineOfSight)
            try container.encode(effortShare, forKey: .effortShare)
            try container.encode(budgetShare, forKey: .budgetShare)
        }
    }

    public struct Report: Codable, Sendable, Equatable {
        public var findings: [Finding]
        public var coverage: Coverage
        /// Initiatives with a full line of sight, for pages that highlight them.
        public var initiativesWithLineOfSight: [String]

        enum CodingKeys: String, CodingKey {
            case findings, coverage
            case initiativesWithLineOfSight = "initiatives_with_line_of_sight"
        }
    }

    public static func check(_ model: LineOfSightModel) -> Report {
        let count = model.nodes.count
        var index: [String: Int] = [:]
        index.reserveCapacity(count)
        for (position, node) in model.nodes.enumerated() where index[node.id] == nil { index[node.id] = position }
        let types = model.nodes.map(\.type)
        var findings: [Finding] = []

        // Adjacency in compressed form: every edge between known nodes for cycles, the
        // allowed ones (reversed) for reachability.
        var all: [(Int, Int)] = [], allowedReversed: [(Int, Int)] = []
        all.reserveCapacity(model.edges.count)
        allowedReversed.reserveCapacity(model.edges.count)
        let ends = resolve(model.edges, index: index)
        for (position, edge) in model.edges.enumerated() {
            let from = ends[2 * position], to = ends[2 * position + 1]
            guard from >= 0, to >= 0 else {
                let missing = from < 0 ? edge.from : edge.to
                findings.append(
                    Finding(kind: .dangling, node: missing, wording: "edge \(edge.from) -> \(edge.to) names the unknown node '\(missing)'"))
                continue
            }
            all.append((from, to))
            if LineOfSightModel.allows(types[from], types[to]) {
                allowedReversed.append((to, from))
            } else {
                findings.append(
                    Finding(
                        kind: .badEdge, node: edge.from,
                        wording:
                            "edge \(edge.from) -> \(edge.to) goes \(AdminText(wording: types[from].rawValue)) -> \(AdminText(wording: types[to].rawValue)), which the model does not allow"
                    ))
            }
        }
        let reverse = Adjacency(count: count, edges: allowedReversed)

        // Nodes from which an impact is reachable, then outcomes among them, then the nodes
        // that reach such an outcome: those initiatives have a full line of sight.
        let reachesImpact = reverse.reachable(from: (0..<count).filter { types[$0] == .impact })
        let reachesOutcome = reverse.reachable(from: (0..<count).filter { types[$0] == .outcome })
        let fullLineOfSight = reverse.reachable(from: (0..<count).filter { types[$0] == .outcome && reachesImpact[$0] })

        var measured = [Bool](repeating: false, count: count), evidenced = [Bool](repeating: false, count: count)
        for metric in model.metrics {
            if let node = index[metric.node] {
                measured[node] = true
            } else {
                findings.append(
                    Finding(kind: .dangling, node: metric.node, wording: "metric '\(metric.id)' measures the unknown node '\(metric.node)'")
                )
            }
        }
        for item in model.evidence {
            if let node = index[item.node] {
                evidenced[node] = true
            } else {
                findings.append(
                    Finding(kind: .dangling, node: item.node, wording: "evidence '\(item.id)' supports the unknown node '\(item.node)'"))
            }
        }

        var initiatives = 0, withLineOfSight = 0
        var effortTotal = 0.0, effortCovered = 0.0, budgetTotal = 0.0, budgetCovered = 0.0
        var covered: [String] = []
        for (position, node) in model.nodes.enumerated() where index[node.id] == position {
            switch node.type {
            case .initiative:
                initiatives += 1
                effortTotal += node.effort ?? 0
                budgetTotal += node.budget ?? 0
                if fullLineOfSight[position] {
                    withLineOfSight += 1
                    effortCovered += node.effort ?? 0
                    budgetCovered += node.budget ?? 0
                    covered.append(node.id)
                }
                if !reachesOutcome[position] {
                    findings.append(
                        Finding(kind: .insideOut, node: node.id, wording: "initiative '\(node.title)' reaches no customer outcome"))
                }
                if reachesImpact[position] && !fullLineOfSight[position] {
                    findings.append(
                        Finding(
                            kind: .impactWithoutOutcome, node: node.id,
                            wording: "initiative '\(node.title)' reaches business impact only through paths with no customer outcome"))
                }
            case .outcome, .impact:
                if !measured[position] {
                    findings.append(
                        Finding(
                            kind: .unmeasured, node: node.id,
                            wording: "\(AdminText(wording: node.type.rawValue)) '\(node.title)' has no metric"))
                }
            case .strategy:
                if !evidenced[position] {
                    findings.append(Finding(kind: .noEvidence, node: node.id, wording: "strategy '\(node.title)' has no evidence"))
                }
            case .capability:
                break
            }
        }
        for cycle in Adjacency(count: count, edges: all).cycles() {
            let ids = cycle.map { model.nodes[$0].id }
            findings.append(Finding(kind: .cycle, node: ids[0], wording: "these nodes lie on a cycle: \(ids.joined(separator: ", "))"))
        }

        // Sorted by kind, node and message, comparing bytes: the order is the same for every
        // run and cheaper than Unicode-aware comparison on tens of thousands of findings.
        findings.sort {
            let (a, b) = ($0.kind.order, $1.kind.order)
            if a != b { return a < b }
            if $0.node != $1.node { return $0.node.utf8.lexicographicallyPrecedes($1.node.utf8) }
            return $0.message.utf8.lexicographicallyPrecedes($1.message.utf8)
        }
        return Report(
            findings: findings,
            coverage: Coverage(
                initiatives: initiatives, withLineOfSight: withLineOfSight,
                effortShare: effortTotal > 0 ? effortCovered / effortTotal : nil,
                budgetShare: budgetTotal > 0 ? budgetCovered / budgetTotal : nil),
            initiativesWithLineOfSight: covered)
    }
}

extension LineOfSightCheck {
    /// Every edge's two node positions (-1 for an unknown id), in edge order. Looking up a
    /// million ids is most of the work on a large graph, so big graphs are split across the
    /// cores; the index is only read.
    static func resolve(_ edges: [LineOfSightModel.Edge], index: [String: Int]) -> [Int] {
        let parts = edges.count >= 100_000 ? 2 : 1
        let box = ResolvedEnds(parts: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (edges.count * part / parts)..<(edges.count * (part + 1) / parts)
            var ends: [Int] = []
            ends.reserveCapacity(range.count * 2)
            for position in range {
                ends.append(index[edges[position].from] ?? -1)
                ends.append(index[edges[position].to] ?? -1)
            }
            box.set(part, ends)
        }
        return box.joined()
    }

    /// Each part's results, written by exactly one worker each.
    final class ResolvedEnds: @unchecked Sendable {
        private var parts: [[Int]]
        init(parts: Int) { self.parts = Array(repeating: [], count: parts) }
        func set(_ part: Int, _ ends: [Int]) { parts[part] = ends }
        func joined() -> [Int] { parts.count == 1 ? parts[0] : Array(parts.joined()) }
    }
}

extension LineOfSightCheck.Kind {
    /// The order findings are listed in: the order of the cases.
    var order: Int {
        switch self {
        case .insideOut: 0
        case .impactWithoutOutcome: 1
        case .unmeasured: 2
        case .noEvidence: 3
        case .cycle: 4
        case .dangling: 5
        case .badEdge: 6
        }
    }
}

/// A directed graph over node positions in compressed sparse row form.
struct Adjacency {
    let offsets: [Int]
    let targets: [Int]

    init(count: Int, edges: [(Int, Int)]) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for (from, _) in edges { offsets[from + 1] += 1 }
        for position in 0..<count { offsets[position + 1] += offsets[position] }
        var targets = [Int](repeating: 0, count: edges.count)
        var next = offsets
        for (from, to) in edges {
            targets[next[from]] = to
            next[from] += 1
        }
        self.offsets = offsets
        self.targets = targets
    }

    /// Marks every node reachable from `sources` (sources included).
    func reachable(from sources: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: offsets.count - 1)
        var stack = sources
        for source in sources { seen[source] = true }
        while let node = stack.popLast() {
            for edge in offsets[node]..<offsets[node + 1] where !seen[targets[edge]] {
                seen[targets[edge]] = true
                stack.append(targets[edge])
            }
        }
        return seen
    }

    /// Strongly connected components that contain a cycle (more than one node, or a
    /// self-loop), each in the order Tarjan's algorithm closes it. Iterative, so deep
    /// graphs cannot overflow the stack.
    func cycles() -> [[Int]] {
        let count = offsets.count - 1
        var indexOf = [Int](repeating: -1, count: count), lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = [], result: [[Int]] = []
        var nextIndex = 0
        for start in 0..<count where indexOf[start] < 0 {
            var work: [(node: Int, edge: Int)] = [(start, offsets[start])]
            indexOf[start] = nextIndex
            lowLink[start] = nextIndex
            nextIndex += 1
            stack.append(start)
            onStack[start] = true
            while !work.isEmpty {
                let (node, edge) = work[work.count - 1]
                if edge < offsets[node + 1] {
                    work[work.count - 1].edge += 1
                    let target = targets[edge]
                    if indexOf[target] < 0 {
                        indexOf[target] = nextIndex
                        lowLink[target] = nextIndex
                        nextIndex += 1
                        stack.append(target)
                        onStack[target] = true
                        work.append((target, offsets[target]))
                    } else if onStack[target] {
                        lowLink[node] = min(lowLink[node], indexOf[target])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                guard lowLink[node] == indexOf[node] else { continue }
                var component: [Int] = []
                while true {
                    let member = stack.removeLast()
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                let selfLoop = component.count == 1 && targets[offsets[node]..<offsets[node + 1]].contains(node)
                if component.count > 1 || selfLoop { result.append(component.sorted()) }
            }
        }
        return result
    }
}
