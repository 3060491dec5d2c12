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
        /// `total / count` for every possible count and total of a dimension, computed once
        /// with the same division as the full scorer, so the hot loop only looks it up.
        var means: [Double]
        var meanRow: Int

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
                next += Sums.base + (dimension.items.count >= 3 ? 3 + 2 * dimension.items.count : 0)
            }
            self.offsets = offsets
            stride = next
            flatItems = plan.dimensions.flatMap { $0.items.map(\.index) }
            itemStart = [0]
            for dimension in plan.dimensions { itemStart.append(itemStart.last! + dimension.items.count) }
            let widest = plan.dimensions.map(\.items.count).max() ?? 0
            meanRow = 5 * widest + 1
            var means = [Double](repeating: 0, count: (widest + 1) * meanRow)
            for count in 1...max(1, widest) {
                for total in 0..<meanRow { means[count * meanRow + total] = Double(total) / Double(count) }
            }
            self.means = means
        }

        /// Runs `body` with unsafe views of the plan's arrays, for the hot loop.
        func withHot<Result>(_ body: (Hot) -> Result) -> Result {
            means.withUnsafeBufferPointer { means in
                flatItems.withUnsafeBufferPointer { items in
                    itemStart.withUnsafeBufferPointer { starts in
                        offsets.withUnsafeBufferPointer { offsets in
                            body(Hot(means: means, items: items, starts: starts, offsets: offsets, meanRow: meanRow))
                        }
                    }
                }
            }
        }
    }

    /// Positions inside a dimension's sums.
    enum Sums {
        static let respondents = 0, meanSum = 1, meanSquares = 2, answers = 3, favorable = 4, unfavorable = 5
        static let base = 6
        // Then, for dimensions with three or more items (Cronbach's alpha, listwise):
        static let complete = 6, totalSum = 7, totalSquares = 8, items = 9
    }

    /// One group's sums in raw memory, so the hot loop touches no reference counts.
    final class GroupStorage: @unchecked Sendable {
        let sums: UnsafeMutableBufferPointer<Double>
        let counts: UnsafeMutableBufferPointer<Int>

        init(stride: Int) {
            sums = .allocate(capacity: max(1, stride))
            sums.initialize(repeating: 0)
            counts = .allocate(capacity: max(1, stride))
            counts.initialize(repeating: 0)
        }

        deinit {
            sums.deallocate()
            counts.deallocate()
        }
    }

    /// Unsafe views of the layout's arrays for the hot loop, valid during one scan.
    struct Hot {
        var means: UnsafeBufferPointer<Double>
        var items: UnsafeBufferPointer<Int>
        var starts: UnsafeBufferPointer<Int>
        var offsets: UnsafeBufferPointer<Int>
        var meanRow: Int
    }

    /// Turns a group's sums into the contract's figures.
    final class Scorer {
        let layout: Layout
        let options: AssessmentScoring.Options
        let hasOutcome: Bool
        /// Student's t quantile is costly and most dimensions of a group share their n.
        private var quantiles: [Int: Double] = [:]

        init(layout: Layout, options: AssessmentScoring.Options, hasOutcome: Bool) {
            self.layout = layout
            self.options = options
            self.hasOutcome = hasOutcome
        }

        /// One array of doubles: each slot is either a sum of means or a count.
        func combine(_ storage: GroupStorage) -> [Double] {
            (0..<layout.stride).map { storage.sums[$0] + Double(storage.counts[$0]) }
        }

        func t975(_ n: Int) -> Double {
            if let known = quantiles[n] { return known }
            let value = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1))
            quantiles[n] = value
            return value
        }

        func scores(_ name: String, _ sums: [Double], n: Int, named: Int) -> AssessmentResult.GroupScores {
            let dimensions = layout.plan.dimensions.enumerated().compactMap { index, dimension in
                score(dimension, sums, base: layout.offsets[index])
            }
            return AssessmentResult.GroupScores(
                group: name, n: n, dimensions: dimensions, layers: AssessmentScoring.layerBalance(dimensions, options: options),
                lineOfSightCoverage: hasOutcome && n > 0 ? Double(named) / Double(n) : nil)
        }

        func score(
            _ dimension: DimensionPlan.Dimension, _ sums: [Double], base: Int
        ) -> AssessmentResult.DimensionScore? {
            let n = sums[base + Sums.respondents]
            guard n > 0 else { return nil }
            let mean = sums[base + Sums.meanSum] / n
            let sd =
                n >= 2
                ? Self.sampleVariance(sum: sums[base + Sums.meanSum], squares: sums[base + Sums.meanSquares], n: n).squareRoot() : nil
            // The same interval as Statistics.confidenceInterval95, with the quantile cached.
            let half = sd.map { t975(Int(n)) * $0 / n.squareRoot() }
            let answers = sums[base + Sums.answers]
            var alpha: Double?
            let k = dimension.items.count
            if k >= 3 {
                let complete = sums[base + Sums.complete]
                if complete >= 2 {
                    var itemVariances = 0.0
                    for position in 0..<k {
                        itemVariances += Self.sampleVariance(
                            sum: sums[base + Sums.items + 2 * position], squares: sums[base + Sums.items + 2 * position + 1], n: complete)
                    }
                    let totalVariance = Self.sampleVariance(
                        sum: sums[base + Sums.totalSum], squares: sums[base + Sums.totalSquares], n: complete)
                    if totalVariance > 1e-12 { alpha = Double(k) / Double(k - 1) * (1 - itemVariances / totalVariance) }
                }
            }
            return AssessmentResult.DimensionScore(
                framework: dimension.ref.framework, dimension: dimension.label, n: Int(n), mean: mean, sd: sd,
                ci95Low: half.map { mean - $0 },
                ci95High: half.map { mean + $0 }, score: (mean - 1) / 4 * 100, favorable: sums[base + Sums.favorable] / answers,
                unfavorable: sums[base + Sums.unfavorable] / answers, alpha: alpha)
        }

        static func sampleVariance(sum: Double, squares: Double, n: Double) -> Double {
            max(0, (squares - sum * sum / n) / (n - 1))
        }
    }
}

extension FastAssessmentScoring.GroupStorage {
    /// Adds one respondent's answers (reverse-scored, 0 for none) to a group's sums.
    func add(_ values: UnsafeBufferPointer<Int8>, hot: FastAssessmentScoring.Hot) {
        let sums = self.sums, counts = self.counts
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
            let mean = hot.means[count &* hot.meanRow &+ total]
            sums[base &+ FastAssessmentScoring.Sums.meanSum] += mean
            sums[base &+ FastAssessmentScoring.Sums.meanSquares] += mean * mean
            counts[base &+ FastAssessmentScoring.Sums.respondents] &+= 1
            counts[base &+ FastAssessmentScoring.Sums.answers] &+= count
            counts[base &+ FastAssessmentScoring.Sums.favorable] &+= favorable
            counts[base &+ FastAssessmentScoring.Sums.unfavorable] &+= unfavorable
            let size = last &- first
            if size >= 3 && count == size {
                counts[base &+ FastAssessmentScoring.Sums.complete] &+= 1
                counts[base &+ FastAssessmentScoring.Sums.totalSum] &+= total
                counts[base &+ FastAssessmentScoring.Sums.totalSquares] &+= total &* total
                var slot = base &+ FastAssessmentScoring.Sums.items
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
