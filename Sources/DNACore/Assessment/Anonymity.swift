/// The anonymity rule, in one place below every output: no group under k is shown, and no
/// group can be recovered by subtracting the shown groups from their parent.
public enum Anonymity {
    public struct Visibility: Equatable, Sendable {
        public var parentShown: Bool
        public var childShown: [Bool]
    }

    /// Decides which groups of a breakdown may be shown. Children under k are hidden; when
    /// the hidden children would be recoverable from the parent (exactly one hidden, or the
    /// hidden ones together fewer than k), the smallest shown children are hidden too until
    /// the remainder is safe. A parent under k hides everything.
    public static func visibleGroups(parentSize: Int, childSizes: [Int], minGroupSize k: Int) -> Visibility {
        guard parentSize >= k else {
            return Visibility(parentShown: false, childShown: childSizes.map { _ in false })
        }
        var shown = childSizes.map { $0 >= k }
        func hiddenSizes() -> [Int] { childSizes.indices.filter { !shown[$0] }.map { childSizes[$0] } }
        while true {
            let hidden = hiddenSizes()
            let hiddenTotal = hidden.reduce(0, +)
            guard !hidden.isEmpty, hidden.count == 1 || hiddenTotal < k else { break }
            // Hide the smallest shown child (ties: the first), which exposes the least.
            guard let next = childSizes.indices.filter({ shown[$0] }).min(by: { childSizes[$0] < childSizes[$1] }) else { break }
            shown[next] = false
        }
        return Visibility(parentShown: true, childShown: shown)
    }
}

extension Anonymity {
    /// The rule for nested groups (units with their sub-units rolled up). Every group is
    /// checked against its parent and siblings as in `visibleGroups`; respondents who sit in
    /// the parent itself count as one more sibling that is never shown, so a small remainder
    /// forces suppression too. A hidden group hides all its descendants, so it cannot be
    /// rebuilt by adding up its children.
    ///
    /// `groups[i].parent` is the index of the enclosing group, or nil under the root; parents
    /// come before their children.
    public static func visibleTree(rootSize: Int, groups: [(size: Int, parent: Int?)], minGroupSize k: Int) -> Visibility {
        var childrenOf: [Int?: [Int]] = [:]
        for (index, group) in groups.enumerated() {
            precondition(group.parent.map { $0 < index } ?? true, "parents must come before their children")
            childrenOf[group.parent, default: []].append(index)
        }
        var shown = [Bool](repeating: false, count: groups.count)
        let rootShown = rootSize >= k
        func decide(parent: Int?, size: Int, parentShown: Bool) {
            let children = childrenOf[parent] ?? []
            guard !children.isEmpty else { return }
            let sizes = children.map { groups[$0].size }
            let remainder = size - sizes.reduce(0, +)
            if parentShown {
                let visibility = visibleGroups(
                    parentSize: size, childSizes: remainder > 0 ? sizes + [remainder] : sizes, minGroupSize: k)
                for (position, child) in children.enumerated() { shown[child] = visibility.childShown[position] }
            }
            for child in children { decide(parent: child, size: groups[child].size, parentShown: shown[child]) }
        }
        decide(parent: nil, size: rootSize, parentShown: rootShown)
        return Visibility(parentShown: rootShown, childShown: shown)
    }
}
