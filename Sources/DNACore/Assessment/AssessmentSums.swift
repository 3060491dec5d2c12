/// The additive sums behind a campaign's scores, for keeping them rather than re-reading
/// every answer: the sums of a set of respondents are whole numbers, so the sums of two sets
/// add up to the sums of their union exactly, in any order. A results page then adds up one
/// cell per unit instead of scoring 100,000 respondents.
///
/// A cell's meaning depends on the plan (which items feed which dimension). The plan of a
/// campaign is fixed (its instrument is frozen and frameworks are never changed), and its
/// `fingerprint` lets a store notice sums kept under another plan or another version of this
/// layout, and rebuild them.
public struct AssessmentSumsPlan: Sendable {
    let layout: FastAssessmentScoring.Layout
    let hasOutcome: Bool
    /// Identifies the plan and the layout of the sums; equal fingerprints, equal meaning.
    public let fingerprint: String
    /// How many numbers a cell holds.
    public var width: Int { layout.stride }
    /// How many likert items a respondent's stored answers hold.
    public var likertCount: Int { layout.likertCount }

    public init(instrument: Instrument, frameworks: [Framework]) {
        layout = FastAssessmentScoring.Layout(instrument: instrument, frameworks: frameworks)
        hasOutcome = instrument.outcomeItem != nil
        // Bump the version when `FastAssessmentScoring.Sums` changes its layout.
        var description = "sums-v1;\(layout.likertCount);" + layout.reverse.map { $0 ? "r" : "-" }.joined() + ";"
        for dimension in layout.plan.dimensions {
            description +=
                "\(dimension.ref.framework)/\(dimension.label):" + dimension.items.map { String($0.index) }.joined(separator: ",")
            description += ";"
        }
        fingerprint = Self.fnv1a(description)
    }

    /// Adds one respondent: their likert answers as stored (0 missing, -1 "don't know",
    /// 1-5 as given, in the instrument's likert order) and whether they named an outcome.
    public func add(likert: [Int8], named: Bool, to cell: inout AssessmentCell) {
        precondition(cell.sums.count == width, "a cell of another plan")
        var row = [Int8](repeating: 0, count: max(1, layout.likertCount))
        for index in 0..<min(likert.count, layout.likertCount) {
            let raw = likert[index]
            row[index] = raw > 0 ? (layout.reverse[index] ? 6 - raw : raw) : 0
        }
        cell.respondents += 1
        if named { cell.named += 1 }
        layout.withHot { hot in
            row.withUnsafeBufferPointer { row in
                cell.sums.withUnsafeMutableBufferPointer { FastAssessmentScoring.add(row, to: $0, hot: hot) }
            }
        }
    }

    /// A group to score: its name, the index of the group it sits in, and its sums.
    public struct Group: Sendable {
        public var name: String
        public var parent: Int?
        public var cell: AssessmentCell

        public init(name: String, parent: Int?, cell: AssessmentCell) {
            self.name = name
            self.parent = parent
            self.cell = cell
        }
    }

    /// The contract's figures for everyone and for each group, the anonymity rule applied
    /// over the tree of groups as `AssessmentScoring` applies it.
    public func score(everyone: AssessmentCell, groups: [Group], options: AssessmentScoring.Options) -> AssessmentResult {
        let scorer = FastAssessmentScoring.Scorer(layout: layout, options: options, hasOutcome: hasOutcome)
        let visibility = Anonymity.visibleTree(
            rootSize: everyone.respondents, groups: groups.map { ($0.cell.respondents, $0.parent) }, minGroupSize: options.minGroupSize)
        let overall: AssessmentResult.GroupResult =
            visibility.parentShown
            ? .shown(scorer.scores("all", everyone.sums, n: everyone.respondents, named: everyone.named)) : .suppressed(group: "all")
        let results = groups.enumerated().map { index, group -> AssessmentResult.GroupResult in
            guard visibility.childShown[index] else { return .suppressed(group: group.name) }
            return .shown(scorer.scores(group.name, group.cell.sums, n: group.cell.respondents, named: group.cell.named))
        }
        return AssessmentResult(overall: overall, groups: results).comparingGroups()
    }

    /// Wave-over-wave change of one group from the sums of both waves: the figures of
    /// `AssessmentTrend.compare` (difference of means, Welch's p-value) without the answers.
    public func trend(current: AssessmentCell, previous: AssessmentCell, previousPlan: AssessmentSumsPlan) -> [AssessmentTrend.Change] {
        var earlier: [String: (offset: Int, items: Int)] = [:]
        for (index, dimension) in previousPlan.layout.plan.dimensions.enumerated() {
            let key = "\(dimension.ref.framework)/\(dimension.label)"
            if earlier[key] == nil { earlier[key] = (previousPlan.layout.offsets[index], dimension.items.count) }
        }
        return AssessmentTrend.correctedForFramework(
            layout.plan.dimensions.enumerated().compactMap { index, dimension in
                guard let before = earlier["\(dimension.ref.framework)/\(dimension.label)"],
                    let a = FastAssessmentScoring.Scorer.respondentMeans(previous.sums, base: before.offset, items: before.items),
                    let b = FastAssessmentScoring.Scorer.respondentMeans(
                        current.sums, base: layout.offsets[index], items: dimension.items.count)
                else { return nil }
                let meanA = a.sum / a.n, meanB = b.sum / b.n
                let pValue: Double? =
                    a.n >= 2 && b.n >= 2
                    ? Statistics.welchPValue(
                        meanA: meanA, varianceA: FastAssessmentScoring.Scorer.sampleVariance(sum: a.sum, squares: a.squares, n: a.n),
                        countA: a.n,
                        meanB: meanB, varianceB: FastAssessmentScoring.Scorer.sampleVariance(sum: b.sum, squares: b.squares, n: b.n),
                        countB: b.n)
                    : nil
                return AssessmentTrend.Change(
                    framework: dimension.ref.framework, dimension: dimension.label, previousMean: meanA, mean: meanB, change: meanB - meanA,
                    scoreChange: (meanB - meanA) / 4 * 100, pValue: pValue)
            })
    }

    /// FNV-1a, 64 bits, as hex: a short stable name for the plan's description.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The sums of a set of respondents under one plan: how many there are, how many named a
/// customer outcome, and the plan's whole-number sums (see `FastAssessmentScoring.Sums`).
public struct AssessmentCell: Sendable, Equatable {
    public var respondents: Int
    public var named: Int
    public var sums: [Int]

    public init(width: Int) {
        respondents = 0
        named = 0
        sums = [Int](repeating: 0, count: width)
    }

    public init(respondents: Int, named: Int, sums: [Int]) {
        self.respondents = respondents
        self.named = named
        self.sums = sums
    }

    /// Adds another cell of the same plan.
    public mutating func add(_ other: AssessmentCell) {
        precondition(sums.count == other.sums.count, "cells of different plans")
        respondents += other.respondents
        named += other.named
        sums.withUnsafeMutableBufferPointer { sums in
            other.sums.withUnsafeBufferPointer { other in
                for index in 0..<sums.count { sums[index] &+= other[index] }
            }
        }
    }
}
