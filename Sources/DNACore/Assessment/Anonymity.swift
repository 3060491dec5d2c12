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
