import DNACore

/// One level of a large unit tree at a time, for the results page: an organization of a
/// thousand units would otherwise draw a thousand heatmap rows (a 2 MB page nobody reads).
/// The page shows the top-level units, the units on the path to the opened one, and the
/// opened unit's sub-units; every shown unit with sub-units links one level further.
/// Without `?open=` the top levels are open. Downloads still hold every group.
struct UnitDrill {
    /// Trees up to this many groups are shown whole.
    static let wholeTreeLimit = 40

    /// Group codes in report order with their parent's code (nil for a top-level unit).
    private let parents: [String: String?]
    private let order: [String]
    /// The opened unit and its ancestors, top first.
    let path: [String]
    /// Units whose sub-units are shown: the path, or the top level when nothing is opened.
    private let opened: Set<String>
    private let visible: Set<String>

    /// Nil when the breakdown is not by unit or the tree is small enough to show whole.
    init?(scorecard: Scorecard, open: String?) {
        guard scorecard.breakdown == .unit, scorecard.result.groups.count > Self.wholeTreeLimit else { return nil }
        // Groups come in pre-order with their depth: a group's parent is the last group
        // seen one level up.
        var parents: [String: String?] = [:]
        var lastAtDepth: [Int: String] = [:]
        var order: [String] = []
        for group in scorecard.result.groups {
            let depth = scorecard.groupDepths[group.group] ?? 0
            parents[group.group] = depth == 0 ? nil : lastAtDepth[depth - 1]
            lastAtDepth[depth] = group.group
            order.append(group.group)
        }
        self.parents = parents
        self.order = order
        var path: [String] = []
        if let open, parents[open] != nil {
            var cursor: String? = open
            while let code = cursor {
                path.insert(code, at: 0)
                cursor = parents[code] ?? nil
            }
        }
        self.path = path
        // The top level is always shown, and so are the children of every unit on the path;
        // with nothing opened, the top-level units count as opened.
        let opened = path.isEmpty ? Set(order.filter { parents[$0] == .some(nil) }) : Set(path)
        self.opened = opened
        visible = Set(order.filter { code in parents[code] == .some(nil) || (parents[code]!).map(opened.contains) == true })
    }

    func shows(_ group: String) -> Bool { visible.contains(group) }

    /// Shown units that have sub-units and are not opened yet, in report order, with how
    /// many sub-units each has.
    var openable: [(code: String, children: Int)] {
        var children: [String: Int] = [:]
        for parent in parents.values.compactMap({ $0 }) { children[parent, default: 0] += 1 }
        return order.filter { visible.contains($0) && !opened.contains($0) && children[$0] != nil }.map { ($0, children[$0]!) }
    }
}
