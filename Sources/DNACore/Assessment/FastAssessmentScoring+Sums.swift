/// The sums behind the fast scorer: where each dimension's sums live, one group's sums in
/// raw memory, the hot loop that adds a respondent, and the step from sums to the contract's
/// figures. Every statistic is an additive sum, so groups and workers merge exactly.
extension FastAssessmentScoring {
    /// What each column holds and where each dimension's sums live.
    struct Layout {
        enum Column {
            case likert(Int)
            case outcome
            case skipped
        }

        var columns: [Column]
        var bodyStart: Int
        var plan: DimensionPlan
        var reverse: [Bool]
        /// Per dimension: the offset of its sums in a group's array and its item count.
        var offsets: [Int]
        var stride: Int
        var likertCount: Int
        /// The plan flattened for the hot loop: dimension d's items are
        /// `flatItems[itemStart[d]..<itemStart[d + 1]]` (likert indexes).
        var flatItems: [Int]
        var itemStart: [Int]

        init?(instrument: Instrument, bytes: UnsafeRawBufferPointer, frameworks: [Framework]) {
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var headerEnd = newline
            if headerEnd > 0 && bytes[headerEnd - 1] == UInt8(ascii: "\r") { headerEnd -= 1 }
            guard let header = String(validating: UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd]), as: UTF8.self),
                !header.contains("\"")
            else { return nil }
            let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard names.count >= 3, names[0] == "respondent", names[1] == "unit", names[2] == "role" else { return nil }
            let likertIndex = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
            var columns: [Column] = []
            var seen: Set<String> = []
            for name in names.dropFirst(3) {
                guard seen.insert(name).inserted, let item = instrument.item(name) else { return nil }
                switch item.type {
                case .likert: columns.append(.likert(likertIndex[name]!))
                case .outcome: columns.append(.outcome)
                case .text: columns.append(.skipped)
                case .choice, .multi: return nil
                }
            }
            self.init(instrument: instrument, frameworks: frameworks, columns: columns, bodyStart: newline + 1)
        }

        /// The plan alone, for answers already in memory (`columns` describes a CSV header).
        init(instrument: Instrument, frameworks: [Framework], columns: [Column] = [], bodyStart: Int = 0) {
            self.columns = columns
            self.bodyStart = bodyStart
            plan = DimensionPlan(instrument: instrument, frameworks: frameworks)
            reverse = instrument.likertItems.map(\.reverse)
            likertCount = instrument.likertItems.count
            var offsets: [Int] = []
            var next = 0
            for dimension in plan.dimensions {
                offsets.append(next)
                next += Sums.size(items: dimension.items.count)
            }
            self.offsets = offsets
            stride = next
            flatItems = plan.dimensions.flatMap { $0.items.map(\.index) }
            itemStart = [0]
            for dimension in plan.dimensions { itemStart.append(itemStart.last! + dimension.items.count) }
        }

        /// Runs `body` with unsafe views of the plan's arrays, for the hot loop.
        func withHot<Result>(_ body: (Hot) -> Result) -> Result {
            flatItems.withUnsafeBufferPointer { items in
                itemStart.withUnsafeBufferPointer { starts in
                    offsets.withUnsafeBufferPointer { offsets in
                        body(Hot(items: items, starts: starts, offsets: offsets))
                    }
                }
            }
        }
    }

    /// Positions inside a dimension's sums. Every slot is a whole number, so sums are exact,
    /// can be added in any order and stored: a respondent's dimension mean is total / count,
    /// and keeping the totals (and their squares) per count gives the sum of the means and of
    /// their squares without adding a single fraction.
    enum Sums {
        static let respondents = 0, answers = 1, favorable = 2, unfavorable = 3
        /// Then, for each count c in 1...k answered items: the sum of the respondents'
        /// totals, then of the totals squared.
        static let byCount = 4
        static func total(count: Int) -> Int { byCount + 2 * (count - 1) }
        /// Then, for dimensions with three or more items (Cronbach's alpha, listwise):
        /// complete rows, the sum of their totals and of their squares, then each item's sum
        /// and sum of squares.
        static func complete(items k: Int) -> Int { byCount + 2 * k }
        static func size(items k: Int) -> Int { byCount + 2 * k + (k >= 3 ? 3 + 2 * k : 0) }
    }

    /// One group's sums in raw memory, so the hot loop touches no reference counts.
    final class GroupStorage: @unchecked Sendable {
        let counts: UnsafeMutableBufferPointer<Int>

        init(stride: Int) {
            counts = .allocate(capacity: max(1, stride))
            counts.initialize(repeating: 0)
        }

        deinit {
            counts.deallocate()
        }
    }

    /// Unsafe views of the layout's arrays for the hot loop, valid during one scan.
    struct Hot {
        var items: UnsafeBufferPointer<Int>
        var starts: UnsafeBufferPointer<Int>
        var offsets: UnsafeBufferPointer<Int>
    }

    /// Turns a group's sums into the contract's figures.
    final class Scorer {
        let layout: Layout
        let options: AssessmentScoring.Options
        let hasOutcome: Bool
        /// Student's t quantile is costly and most dimensions of a group share their n: each
        /// scorer asks the process-wide table once per n.
        private var quantiles: [Int: Double] = [:]

        init(layout: Layout, options: AssessmentScoring.Options, hasOutcome: Bool) {
            self.layout = layout
            self.options = options
            self.hasOutcome = hasOutcome
        }

        func combine(_ storage: GroupStorage) -> [Int] {
            Array(UnsafeBufferPointer(storage.counts))
        }

        func t975(_ n: Int) -> Double {
            if let known = quantiles[n] { return known }
            let value = StudentT.quantile975(sampleSize: n)
            quantiles[n] = value
            return value
        }

        func scores(_ name: String, _ sums: [Int], n: Int, named: Int) -> AssessmentResult.GroupScores {
            let dimensions = layout.plan.dimensions.enumerated().compactMap { index, dimension in
                score(dimension, sums, base: layout.offsets[index])
            }
            return AssessmentResult.GroupScores(
                group: name, n: n, dimensions: dimensions, layers: AssessmentScoring.layerBalance(dimensions, options: options),
                lineOfSightCoverage: hasOutcome && n > 0 ? Double(named) / Double(n) : nil)
        }

        func score(
            _ dimension: DimensionPlan.Dimension, _ sums: [Int], base: Int
        ) -> AssessmentResult.DimensionScore? {
            guard let means = Self.respondentMeans(sums, base: base, items: dimension.items.count) else { return nil }
            let n = means.n
            let mean = means.sum / n
            let sd = n >= 2 ? Self.sampleVariance(sum: means.sum, squares: means.squares, n: n).squareRoot() : nil
            // The same interval as Statistics.confidenceInterval95, with the quantile cached.
            let half = sd.map { t975(Int(n)) * $0 / n.squareRoot() }
            let answers = Double(sums[base + Sums.answers])
            var alpha: Double?
            let k = dimension.items.count
            if k >= 3 {
                let first = base + Sums.complete(items: k)
                let complete = Double(sums[first])
                if complete >= 2 {
                    var itemVariances = 0.0
                    for position in 0..<k {
                        itemVariances += Self.sampleVariance(
                            sum: Double(sums[first + 3 + 2 * position]), squares: Double(sums[first + 4 + 2 * position]), n: complete)
                    }
                    let totalVariance = Self.sampleVariance(sum: Double(sums[first + 1]), squares: Double(sums[first + 2]), n: complete)
                    if totalVariance > 1e-12 { alpha = Double(k) / Double(k - 1) * (1 - itemVariances / totalVariance) }
                }
            }
            return AssessmentResult.DimensionScore(
                framework: dimension.ref.framework, dimension: dimension.label, n: Int(n), mean: mean, sd: sd,
                ci95Low: half.map { mean - $0 },
                ci95High: half.map { mean + $0 }, score: (mean - 1) / 4 * 100, favorable: Double(sums[base + Sums.favorable]) / answers,
                unfavorable: Double(sums[base + Sums.unfavorable]) / answers, alpha: alpha)
        }

        /// How many respondents answered the dimension, and the sum of their means and of
        /// their squared means; nil when nobody did.
        static func respondentMeans(_ sums: [Int], base: Int, items k: Int) -> (n: Double, sum: Double, squares: Double)? {
            let n = sums[base + Sums.respondents]
            guard n > 0 else { return nil }
            var sum = 0.0, squares = 0.0
            for count in 1...max(1, k) {
                let slot = base + Sums.total(count: count)
                let c = Double(count)
                sum += Double(sums[slot]) / c
                squares += Double(sums[slot + 1]) / (c * c)
            }
            return (Double(n), sum, squares)
        }

        static func sampleVariance(sum: Double, squares: Double, n: Double) -> Double {
            max(0, (squares - sum * sum / n) / (n - 1))
        }
    }
}

extension FastAssessmentScoring.GroupStorage {
    /// Adds one respondent's answers (reverse-scored, 0 for none) to a group's sums.
    func add(_ values: UnsafeBufferPointer<Int8>, hot: FastAssessmentScoring.Hot) {
        FastAssessmentScoring.add(values, to: counts, hot: hot)
    }
}

extension FastAssessmentScoring {
    /// The hot loop: adds one respondent's answers (reverse-scored, 0 for none) to sums.
    static func add(_ values: UnsafeBufferPointer<Int8>, to counts: UnsafeMutableBufferPointer<Int>, hot: Hot) {
        let items = hot.items, starts = hot.starts
        for dimension in 0..<hot.offsets.count {
            let first = starts[dimension], last = starts[dimension &+ 1]
            var total = 0, count = 0, favorable = 0, unfavorable = 0
            // Branch-free and without overflow checks (answers are 0-5, a missing one is
            // 0): (v + 7) >> 3 is 1 for an answer, (v + 4) >> 3 for 4-5, and an answer
            // minus (v + 5) >> 3 leaves 1-2.
            for position in first..<last {
                let value = Int(values[items[position]])
                let answered = (value &+ 7) &>> 3
                total &+= value
                count &+= answered
                favorable &+= (value &+ 4) &>> 3
                unfavorable &+= answered &- ((value &+ 5) &>> 3)
            }
            if count == 0 { continue }
            let base = hot.offsets[dimension]
            counts[base &+ Sums.respondents] &+= 1
            counts[base &+ Sums.answers] &+= count
            counts[base &+ Sums.favorable] &+= favorable
            counts[base &+ Sums.unfavorable] &+= unfavorable
            let byCount = base &+ Sums.byCount &+ 2 &* (count &- 1)
            counts[byCount] &+= total
            counts[byCount &+ 1] &+= total &* total
            let size = last &- first
            if size >= 3 && count == size {
                let complete = base &+ Sums.byCount &+ 2 &* size
                counts[complete] &+= 1
                counts[complete &+ 1] &+= total
                counts[complete &+ 2] &+= total &* total
                var slot = complete &+ 3
                for position in first..<last {
                    let value = Int(values[items[position]])
                    counts[slot] &+= value
                    counts[slot &+ 1] &+= value &* value
                    slot &+= 2
                }
            }
        }
    }
}
