/// A forest of units keyed by code, for the questions the analyses ask of it: who is under
/// whom, and which sub-units roll up into a unit.
public struct UnitTree: Sendable {
    public let parentOf: [String: String]
    public let childrenOf: [String: [String]]
    public let roots: [String]

    /// Builds the tree; callers validate first (`cycles(parents:)`), so a cycle here is a
    /// programming error and its members are simply left out of `roots`.
    public init(parents: [String: String?]) {
        var parentOf: [String: String] = [:]
        var childrenOf: [String: [String]] = [:]
        var roots: [String] = []
        for (unit, parent) in parents {
            if let parent, parents[parent] != nil {
                parentOf[unit] = parent
                childrenOf[parent, default: []].append(unit)
            } else {
                roots.append(unit)
            }
        }
        for key in childrenOf.keys { childrenOf[key]!.sort() }
        self.parentOf = parentOf
        self.childrenOf = childrenOf
        self.roots = roots.sorted()
    }

    /// The unit and everything below it, depth first.
    public func subtree(of unit: String) -> [String] {
        var result: [String] = []
        var stack = [unit]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: (childrenOf[next] ?? []).reversed())
        }
        return result
    }

    /// Units from a root down to `unit`.
    public func path(to unit: String) -> [String] {
        var path = [unit]
        var seen: Set<String> = [unit]
        while let parent = parentOf[path[0]], seen.insert(parent).inserted { path.insert(parent, at: 0) }
        return path
    }

    public func depth(of unit: String) -> Int { path(to: unit).count - 1 }

    /// Units in display order: each root followed by its subtree.
    public var depthFirst: [String] { roots.flatMap { subtree(of: $0) } }

    /// Every cycle in a parent map, each as the list of codes around it, in a stable order.
    public static func cycles(parents: [String: String?]) -> [[String]] {
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var cycles: [[String]] = []
        for start in parents.keys.sorted() where state[start] == nil {
            var path: [String] = []
            var current: String? = start
            while let unit = current, state[unit] == nil {
                state[unit] = 1
                path.append(unit)
                current = parents[unit] ?? nil
            }
            if let unit = current, state[unit] == 1, let index = path.firstIndex(of: unit) {
                cycles.append(Array(path[index...]) + [unit])
            }
            for unit in path { state[unit] = 2 }
        }
        return cycles
    }
}
