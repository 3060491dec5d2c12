/// Outcome-based segments (DESIGN.md, "Deeper analysis"): customers clustered by their unmet
/// outcomes. Each customer's profile holds, per outcome, importance minus satisfaction (a
/// rating missing on either side counts as no gap); k-means++ with a fixed seed groups the
/// profiles, k from 2 to 5 chosen by the mean silhouette unless given. Each segment then lists
/// the outcomes it finds underserved (opportunity above 10, scored as the study is), and how it
/// cuts across the segments the study was given.
public enum OutcomeSegments {
    public struct Segment: Encodable, Sendable, Equatable {
        /// `S1`, `S2`, ... from the largest.
        public var segment: String
        public var size: Int
        public var respondents: [String]
        /// Outcome ids the segment finds underserved, most underserved (highest opportunity) first.
        public var underserved: [String]
        /// How many of the segment's customers came from each given segment.
        public var given: [String: Int]
    }

    public struct Result: Encodable, Sendable, Equatable {
        public var k: Int
        /// The mean silhouette of the chosen clustering (on at most `silhouetteSample` customers).
        public var silhouette: Double?
        public var segments: [Segment]
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Silhouettes cost n² distances, so a larger study is judged on a seeded sample.
    public static let silhouetteSample = 2000
    static let restarts = 5

    public static func find(_ ratings: [OutcomeStudy.Rating], k fixed: Int? = nil, seed: UInt64 = 1) throws(Problem) -> Result {
        let outcomes = Array(Set(ratings.map(\.outcome))).sorted()
        let customers = Array(Set(ratings.map(\.respondent))).sorted()
        let range = fixed.map { $0...$0 } ?? 2...5
        guard customers.count > range.upperBound else {
            throw Problem(description: "\(customers.count) customers are too few to find \(range.upperBound) segments")
        }
        let outcomeIndex = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        let customerIndex = Dictionary(uniqueKeysWithValues: customers.enumerated().map { ($1, $0) })
        let d = outcomes.count
        var profiles = [Double](repeating: 0, count: customers.count * d)
        var givenSegment = [String](repeating: "", count: customers.count)
        for rating in ratings {
            let c = customerIndex[rating.respondent]!
            givenSegment[c] = rating.segment
            if let importance = rating.importance, let satisfaction = rating.satisfaction {
                profiles[c * d + outcomeIndex[rating.outcome]!] = Double(importance - satisfaction)
            }
        }
        let points = Points(values: profiles, dimensions: d, count: customers.count)
        var best: (labels: [Int], k: Int, silhouette: Double?)?
        let sample = points.sample(limit: silhouetteSample, seed: seed)
        for k in range {
            let labels = points.kMeans(k: k, seed: seed)
            let score = points.silhouette(labels: labels, k: k, among: sample)
            if best == nil || (score ?? -2) > (best!.silhouette ?? -2) { best = (labels, k, score) }
        }
        guard let best else { throw Problem(description: "no clustering") }
        // Segments by size, largest first (ties by their first customer), named S1, S2, ...
        var members = [[Int]](repeating: [], count: best.k)
        for (customer, label) in best.labels.enumerated() { members[label].append(customer) }
        let ordered = members.filter { !$0.isEmpty }.sorted { ($0.count, $1[0]) > ($1.count, $0[0]) }
        var byCustomer: [String: [OutcomeStudy.Rating]] = [:]
        for rating in ratings { byCustomer[rating.respondent, default: []].append(rating) }
        let segments = ordered.enumerated().map { index, group -> Segment in
            let ids = group.map { customers[$0] }
            let scores = OutcomeStudy.score(ids.flatMap { byCustomer[$0] ?? [] }, bySegment: false)
            var given: [String: Int] = [:]
            for customer in group { given[givenSegment[customer], default: 0] += 1 }
            return Segment(
                segment: "S\(index + 1)", size: group.count, respondents: ids,
                underserved: scores.filter { $0.status == .underserved }.map(\.outcome), given: given)
        }
        return Result(k: segments.count, silhouette: best.silhouette, segments: segments)
    }

    /// Customers' profiles, row-major.
    struct Points {
        let values: [Double]
        let dimensions: Int
        let count: Int

        func distance(_ a: Int, _ b: Int) -> Double {
            var sum = 0.0
            for j in 0..<dimensions {
                let difference = values[a * dimensions + j] - values[b * dimensions + j]
                sum += difference * difference
            }
            return sum
        }

        func distance(_ a: Int, toCentre centre: ArraySlice<Double>) -> Double {
            var sum = 0.0
            var j = centre.startIndex
            for index in 0..<dimensions {
                let difference = values[a * dimensions + index] - centre[j]
                sum += difference * difference
                j += 1
            }
            return sum
        }

        /// Lloyd's algorithm from k-means++ seeds, the best of a few seeded starts (least
        /// within-segment sum of squares).
        func kMeans(k: Int, seed: UInt64) -> [Int] {
            var best: (labels: [Int], inertia: Double)?
            for start in 0..<OutcomeSegments.restarts {
                var random = Xoshiro256(seed: seed, stream: UInt64(k * 100 + start))
                func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
                // k-means++: each next seed drawn with probability proportional to its
                // squared distance from the nearest seed so far.
                var seeds = [Int(random.next() % UInt64(count))]
                var nearest = (0..<count).map { distance($0, seeds[0]) }
                while seeds.count < k {
                    let total = nearest.reduce(0, +)
                    var target = uniform() * total, chosen = count - 1
                    if total > 0 {
                        for index in 0..<count {
                            target -= nearest[index]
                            if target <= 0 {
                                chosen = index
                                break
                            }
                        }
                    } else {
                        chosen = Int(random.next() % UInt64(count))
                    }
                    seeds.append(chosen)
                    for index in 0..<count { nearest[index] = min(nearest[index], distance(index, chosen)) }
                }
                var centres = seeds.flatMap { Array(values[($0 * dimensions)..<(($0 + 1) * dimensions)]) }
                var labels = [Int](repeating: -1, count: count)
                for _ in 0..<100 {
                    var changed = false
                    for index in 0..<count {
                        var closest = 0, closestDistance = Double.infinity
                        for c in 0..<k {
                            let value = distance(index, toCentre: centres[(c * dimensions)..<((c + 1) * dimensions)])
                            if value < closestDistance {
                                closest = c
                                closestDistance = value
                            }
                        }
                        if labels[index] != closest {
                            labels[index] = closest
                            changed = true
                        }
                    }
                    if !changed { break }
                    var sums = [Double](repeating: 0, count: k * dimensions), sizes = [Int](repeating: 0, count: k)
                    for index in 0..<count {
                        sizes[labels[index]] += 1
                        for j in 0..<dimensions { sums[labels[index] * dimensions + j] += values[index * dimensions + j] }
                    }
                    // A segment left empty keeps its centre.
                    for c in 0..<k where sizes[c] > 0 {
                        for j in 0..<dimensions { centres[c * dimensions + j] = sums[c * dimensions + j] / Double(sizes[c]) }
                    }
                }
                let inertia = (0..<count).reduce(0.0) {
                    $0 + distance($1, toCentre: centres[(labels[$1] * dimensions)..<((labels[$1] + 1) * dimensions)])
                }
                if best == nil || inertia < best!.inertia { best = (labels, inertia) }
            }
            return best!.labels
        }

        /// Up to `limit` customers, drawn without replacement with a seeded shuffle.
        func sample(limit: Int, seed: UInt64) -> [Int] {
            guard count > limit else { return Array(0..<count) }
            var random = Xoshiro256(seed: seed, stream: 999)
            var indices = Array(0..<count)
            for index in 0..<limit {
                let other = index + Int(random.next() % UInt64(count - index))
                indices.swapAt(index, other)
            }
            return Array(indices[0..<limit]).sorted()
        }

        /// The mean silhouette over `among`: for each customer, (b - a) / max(a, b) with a the
        /// mean distance to its own segment and b to the nearest other (Euclidean).
        func silhouette(labels: [Int], k: Int, among: [Int]) -> Double? {
            var total = 0.0, counted = 0
            for point in among {
                var sums = [Double](repeating: 0, count: k), sizes = [Int](repeating: 0, count: k)
                for other in among where other != point {
                    sums[labels[other]] += distance(point, other).squareRoot()
                    sizes[labels[other]] += 1
                }
                let own = labels[point]
                guard sizes[own] > 0 else { continue }
                let a = sums[own] / Double(sizes[own])
                let b = (0..<k).filter { $0 != own && sizes[$0] > 0 }.map { sums[$0] / Double(sizes[$0]) }.min()
                guard let b else { continue }
                let larger = max(a, b)
                total += larger > 0 ? (b - a) / larger : 0
                counted += 1
            }
            return counted > 0 ? total / Double(counted) : nil
        }
    }
}
