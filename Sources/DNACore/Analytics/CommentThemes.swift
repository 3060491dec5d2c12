import Foundation

/// Themes in open answers, found here without any outside service (DESIGN.md capability 7).
///
/// Each answer becomes a TF-IDF vector over the stems of `CommentWords` (sublinear term
/// frequency 1 + ln tf, smoothed idf ln((1 + n) / (1 + df)) + 1, unit length), over the 500
/// stems found in most answers among those in at least two answers and in at most 90% of them.
/// Spherical k-means (cosine similarity, k-means++ seeds, the best of five seeded starts) groups
/// the vectors; k runs from 2 to 8 (at most one theme per five answers) and the k with the
/// highest mean silhouette under cosine distance is kept. A theme is labelled by the three stems
/// that weigh most in its centre, each shown as the word people wrote most often for it. Answers
/// with no vocabulary stem, or none in common with any theme, stay unthemed.
public enum CommentThemes {
    public struct Theme: Sendable, Equatable {
        /// The top three terms, "invoice, billing, error".
        public var label: String
        /// Up to six terms, heaviest first.
        public var terms: [String]
        /// Indices of the answers in this theme.
        public var members: [Int]
        /// Up to three answers closest to the theme's centre, as indices.
        public var examples: [Int]
    }

    public struct Result: Sendable, Equatable {
        /// Largest first.
        public var themes: [Theme]
        /// The theme index of each answer, nil when unthemed.
        public var themeOf: [Int?]
        public var silhouette: Double?
    }

    static let vocabularySize = 500
    static let fitSample = 4000
    static let silhouetteSample = 1000
    static let restarts = 5
    /// Fewer answers with words in the vocabulary than this give no themes.
    public static let minimumAnswers = 10

    public static func find(_ answers: [String], seed: UInt64 = 1, maxThemes: Int = 8) -> Result {
        let corpus = Corpus(answers)
        let usable = corpus.vectors.indices.filter { !corpus.vectors[$0].isEmpty }
        var result = Result(themes: [], themeOf: Array(repeating: nil, count: answers.count), silhouette: nil)
        guard usable.count >= minimumAnswers else { return result }
        let upper = min(maxThemes, max(2, usable.count / 5))
        let fit = Self.sample(usable, limit: fitSample, seed: seed, stream: 1)
        let judged = Self.sample(fit, limit: silhouetteSample, seed: seed, stream: 2)
        var best: (centres: [[Double]], silhouette: Double)?
        for k in 2...upper {
            let centres = corpus.sphericalKMeans(fit, k: k, seed: seed)
            let labels = judged.map { corpus.nearest($0, centres)?.centre ?? -1 }
            let score = corpus.silhouette(judged, labels: labels, k: k) ?? -2
            if best == nil || score > best!.silhouette { best = (centres, score) }
        }
        guard let best else { return result }
        var members = [[(answer: Int, similarity: Double)]](repeating: [], count: best.centres.count)
        for answer in usable {
            guard let nearest = corpus.nearest(answer, best.centres) else { continue }
            members[nearest.centre].append((answer, nearest.similarity))
        }
        let order = members.indices.filter { !members[$0].isEmpty }.sorted {
            (members[$0].count, members[$1][0].answer) > (members[$1].count, members[$0][0].answer)
        }
        for (position, centre) in order.enumerated() {
            let heaviest = best.centres[centre].indices.filter { best.centres[centre][$0] > 0 }
                .sorted { (best.centres[centre][$0], $1) > (best.centres[centre][$1], $0) }.prefix(6)
            let terms = heaviest.map { corpus.shownWord[$0] }
            var examples: [Int] = []
            var seen: Set<String> = []
            for member in members[centre].sorted(by: { ($0.similarity, $1.answer) > ($1.similarity, $0.answer) }) {
                guard examples.count < 3 else { break }
                if seen.insert(CommentWords.tokens(answers[member.answer]).joined(separator: " ")).inserted {
                    examples.append(member.answer)
                }
            }
            for member in members[centre] { result.themeOf[member.answer] = position }
            result.themes.append(
                Theme(
                    label: terms.prefix(3).joined(separator: ", "), terms: Array(terms), members: members[centre].map(\.answer).sorted(),
                    examples: examples))
        }
        result.silhouette = best.silhouette
        return result
    }

    /// Up to `limit` of `indices`, drawn without replacement with a seeded shuffle, in order.
    static func sample(_ indices: [Int], limit: Int, seed: UInt64, stream: UInt64) -> [Int] {
        guard indices.count > limit else { return indices }
        var random = Xoshiro256(seed: seed, stream: stream)
        var pool = indices
        for index in 0..<limit { pool.swapAt(index, index + Int(random.next() % UInt64(pool.count - index))) }
        return pool[0..<limit].sorted()
    }

    /// The answers as unit TF-IDF vectors over the vocabulary.
    struct Corpus {
        /// Per answer, (term, weight) sorted by term.
        var vectors: [[(term: Int, weight: Double)]]
        /// Per term, the word people wrote most often for its stem.
        var shownWord: [String]

        init(_ answers: [String]) {
            var documentFrequency: [String: Int] = [:]
            var written: [String: [String: Int]] = [:]
            let counted: [[String: Int]] = answers.map { answer in
                var counts: [String: Int] = [:]
                for (word, stem) in CommentWords.words(answer) {
                    counts[stem, default: 0] += 1
                    written[stem, default: [:]][word, default: 0] += 1
                }
                for stem in counts.keys { documentFrequency[stem, default: 0] += 1 }
                return counts
            }
            let n = answers.count
            let vocabulary = documentFrequency.filter { $0.value >= 2 && Double($0.value) <= 0.9 * Double(n) }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(CommentThemes.vocabularySize).map(\.key).sorted()
            let termOf = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
            shownWord = vocabulary.map { stem in
                written[stem]!.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            }
            let idf = vocabulary.map { log(Double(1 + n) / Double(1 + documentFrequency[$0]!)) + 1 }
            vectors = counted.map { counts in
                var vector = counts.compactMap { stem, count -> (term: Int, weight: Double)? in
                    guard let term = termOf[stem] else { return nil }
                    return (term, (1 + log(Double(count))) * idf[term])
                }.sorted { $0.term < $1.term }
                let length = vector.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
                for index in vector.indices { vector[index].weight /= length }
                return vector
            }
        }

        func similarity(_ a: Int, _ b: Int) -> Double {
            var i = 0, j = 0, sum = 0.0
            let x = vectors[a], y = vectors[b]
            while i < x.count && j < y.count {
                if x[i].term == y[j].term {
                    sum += x[i].weight * y[j].weight
                    i += 1
                    j += 1
                } else if x[i].term < y[j].term {
                    i += 1
                } else {
                    j += 1
                }
            }
            return sum
        }

        func similarity(_ answer: Int, centre: [Double]) -> Double {
            vectors[answer].reduce(0) { $0 + $1.weight * centre[$1.term] }
        }

        /// The most similar centre; nil when the answer shares no term with any.
        func nearest(_ answer: Int, _ centres: [[Double]]) -> (centre: Int, similarity: Double)? {
            var best: (centre: Int, similarity: Double)?
            for (index, centre) in centres.enumerated() {
                let value = similarity(answer, centre: centre)
                if value > 0 && value > (best?.similarity ?? 0) { best = (index, value) }
            }
            return best
        }

        /// Unit centres after Lloyd's iterations from k-means++ seeds (cosine distance), the
        /// best of a few seeded starts by total similarity of the answers to their centres.
        func sphericalKMeans(_ points: [Int], k: Int, seed: UInt64) -> [[Double]] {
            let terms = shownWord.count
            var best: (centres: [[Double]], fit: Double)?
            for start in 0..<CommentThemes.restarts {
                var random = Xoshiro256(seed: seed, stream: UInt64(1000 + k * 100 + start))
                var seeds = [points[Int(random.next() % UInt64(points.count))]]
                var distance = points.map { 1 - similarity($0, seeds[0]) }
                while seeds.count < k {
                    let total = distance.reduce(0, +)
                    var target = Double(random.next() >> 11) / Double(1 << 53) * total
                    var chosen = points[Int(random.next() % UInt64(points.count))]
                    if total > 0 {
                        for (position, point) in points.enumerated() {
                            target -= distance[position]
                            if target <= 0 {
                                chosen = point
                                break
                            }
                        }
                    }
                    seeds.append(chosen)
                    for (position, point) in points.enumerated() {
                        distance[position] = min(distance[position], 1 - similarity(point, chosen))
                    }
                }
                var centres = seeds.map { seed in
                    var centre = [Double](repeating: 0, count: terms)
                    for entry in vectors[seed] { centre[entry.term] = entry.weight }
                    return centre
                }
                var labels = [Int](repeating: -1, count: points.count)
                var fit = 0.0
                for _ in 0..<50 {
                    var changed = false
                    fit = 0
                    for (position, point) in points.enumerated() {
                        let nearest = self.nearest(point, centres)
                        fit += nearest?.similarity ?? 0
                        let label = nearest?.centre ?? -1
                        if labels[position] != label {
                            labels[position] = label
                            changed = true
                        }
                    }
                    if !changed { break }
                    var sums = [[Double]](repeating: [Double](repeating: 0, count: terms), count: k)
                    for (position, point) in points.enumerated() where labels[position] >= 0 {
                        for entry in vectors[point] { sums[labels[position]][entry.term] += entry.weight }
                    }
                    // A centre left with no answers keeps its place.
                    for c in 0..<k {
                        let length = sums[c].reduce(0) { $0 + $1 * $1 }.squareRoot()
                        if length > 0 { centres[c] = sums[c].map { $0 / length } }
                    }
                }
                if best == nil || fit > best!.fit { best = (centres, fit) }
            }
            return best!.centres
        }

        /// The mean silhouette under cosine distance; an unthemed answer (label -1) is left out.
        func silhouette(_ points: [Int], labels: [Int], k: Int) -> Double? {
            var total = 0.0, counted = 0
            for (position, point) in points.enumerated() where labels[position] >= 0 {
                var sums = [Double](repeating: 0, count: k), sizes = [Int](repeating: 0, count: k)
                for (other, neighbour) in points.enumerated() where other != position && labels[other] >= 0 {
                    sums[labels[other]] += 1 - similarity(point, neighbour)
                    sizes[labels[other]] += 1
                }
                let own = labels[position]
                guard sizes[own] > 0,
                    let b = (0..<k).filter({ $0 != own && sizes[$0] > 0 }).map({ sums[$0] / Double(sizes[$0]) }).min()
                else { continue }
                let a = sums[own] / Double(sizes[own])
                let larger = max(a, b)
                total += larger > 0 ? (b - a) / larger : 0
                counted += 1
            }
            return counted > 0 ? total / Double(counted) : nil
        }
    }
}
