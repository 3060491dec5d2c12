/// The assessment scoring contract of DESIGN.md, as one pure function of an instrument and
/// its responses. The server and `cdna analyze assessment` both call it.
public enum AssessmentScoring {
    public enum Breakdown: String, Sendable, CaseIterable {
        case unit, role, none
    }

    public struct Options: Sendable {
        public var breakdown: Breakdown
        /// The anonymity threshold k.
        public var minGroupSize: Int
        /// Influence weights of the layers, by layer id; defaults to the framework's 1-4.
        public var layerWeights: [String: Double]?
        public var frameworks: [Framework]

        public init(
            breakdown: Breakdown = .unit, minGroupSize: Int = 5, layerWeights: [String: Double]? = nil,
            frameworks: [Framework] = BuiltInFrameworks.all
        ) {
            self.breakdown = breakdown
            self.minGroupSize = minGroupSize
            self.layerWeights = layerWeights
            self.frameworks = frameworks
        }
    }

    /// A group of respondents to report on. `parent` is the index of the enclosing group in
    /// the same list (a unit's parent unit), or nil when the group sits directly under `all`.
    /// Parents come before their children.
    public struct Group: Sendable, Equatable {
        public var name: String
        public var members: [Int]
        public var parent: Int?

        public init(name: String, members: [Int], parent: Int? = nil) {
            self.name = name
            self.members = members
            self.parent = parent
        }
    }

    /// Scores a flat breakdown by the unit or role written on each response, as
    /// `cdna analyze assessment` does.
    public static func score(instrument: Instrument, responses: AssessmentResponses, options: Options = Options()) -> AssessmentResult {
        var groups: [Group] = []
        if options.breakdown != .none {
            var membersByName: [String: [Int]] = [:]
            for (index, respondent) in responses.respondents.enumerated() {
                membersByName[options.breakdown == .unit ? respondent.unit : respondent.role, default: []].append(index)
            }
            groups = membersByName.keys.sorted().map { Group(name: $0, members: membersByName[$0]!) }
        }
        return score(instrument: instrument, responses: responses, groups: groups, options: options)
    }

    /// Scores the whole population as `all` and each group, hiding the groups the anonymity
    /// rule forbids (see `Anonymity.visibleTree`). Hidden groups are never scored.
    public static func score(
        instrument: Instrument, responses: AssessmentResponses, groups: [Group], options: Options = Options()
    ) -> AssessmentResult {
        let plan = DimensionPlan(instrument: instrument, frameworks: options.frameworks)
        let hasOutcomeItem = instrument.outcomeItem != nil
        let everyone = Array(responses.respondents.indices)
        let visibility = Anonymity.visibleTree(
            rootSize: everyone.count, groups: groups.map { ($0.members.count, $0.parent) }, minGroupSize: options.minGroupSize)
        let overall: AssessmentResult.GroupResult =
            visibility.parentShown
            ? .shown(
                scoreGroup("all", members: everyone, responses: responses, plan: plan, hasOutcomeItem: hasOutcomeItem, options: options))
            : .suppressed(group: "all")
        let results = groups.enumerated().map { index, group -> AssessmentResult.GroupResult in
            guard visibility.childShown[index] else { return .suppressed(group: group.name) }
            return .shown(
                scoreGroup(
                    group.name, members: group.members, responses: responses, plan: plan, hasOutcomeItem: hasOutcomeItem, options: options))
        }
        return AssessmentResult(overall: overall, groups: results).comparingGroups()
    }

    static func scoreGroup(
        _ name: String, members: [Int], responses: AssessmentResponses, plan: DimensionPlan, hasOutcomeItem: Bool, options: Options
    ) -> AssessmentResult.GroupScores {
        let dimensions = plan.dimensions.compactMap { dimension in
            scoreDimension(dimension, members: members, responses: responses)
        }
        let coverage: Double? =
            hasOutcomeItem && !members.isEmpty
            ? Double(members.filter { responses.respondents[$0].outcome != nil }.count) / Double(members.count) : nil
        return AssessmentResult.GroupScores(
            group: name, n: members.count, dimensions: dimensions,
            layers: layerBalance(dimensions, options: options), lineOfSightCoverage: coverage)
    }

    static func scoreDimension(
        _ dimension: DimensionPlan.Dimension, members: [Int], responses: AssessmentResponses
    ) -> AssessmentResult.DimensionScore? {
        var respondentMeans: [Double] = []
        var favorable = 0, unfavorable = 0, answers = 0
        var complete: [[Double]] = []
        // Alpha is defined from three items on; below that the complete rows are not needed.
        let needsAlpha = dimension.items.count >= 3
        for member in members {
            var sum = 0, count = 0
            var row: [Double] = []
            for item in dimension.items {
                guard let value = scoredAnswer(responses, respondent: member, item: item) else { continue }
                sum += value
                count += 1
                if needsAlpha { row.append(Double(value)) }
                if value >= 4 { favorable += 1 } else if value <= 2 { unfavorable += 1 }
            }
            answers += count
            if count > 0 { respondentMeans.append(Double(sum) / Double(count)) }
            if needsAlpha && count == dimension.items.count { complete.append(row) }
        }
        guard let mean = Statistics.mean(respondentMeans) else { return nil }
        let sd = Statistics.standardDeviation(respondentMeans)
        let interval = sd.flatMap { Statistics.confidenceInterval95(mean: mean, sd: $0, n: respondentMeans.count) }
        return AssessmentResult.DimensionScore(
            framework: dimension.ref.framework, dimension: dimension.label, n: respondentMeans.count, mean: mean, sd: sd,
            ci95Low: interval?.low, ci95High: interval?.high, score: (mean - 1) / 4 * 100,
            favorable: Double(favorable) / Double(answers), unfavorable: Double(unfavorable) / Double(answers),
            alpha: needsAlpha ? Statistics.cronbachAlpha(complete) : nil)
    }

    /// An answer after reverse scoring, or nil when missing or "don't know".
    @inline(__always)
    static func scoredAnswer(_ responses: AssessmentResponses, respondent: Int, item: DimensionPlan.Item) -> Int? {
        let raw = responses.answer(respondent: respondent, item: item.index)
        guard raw > 0 else { return nil }
        return item.reverse ? 6 - Int(raw) : Int(raw)
    }

    /// One respondent's mean over the dimension's answered items (after reversal); nil when
    /// they answered none.
    static func respondentMean(_ dimension: DimensionPlan.Dimension, respondent: Int, responses: AssessmentResponses) -> Double? {
        var sum = 0, count = 0
        for item in dimension.items {
            guard let value = scoredAnswer(responses, respondent: respondent, item: item) else { continue }
            sum += value
            count += 1
        }
        return count > 0 ? Double(sum) / Double(count) : nil
    }

    /// Each member's mean over the dimension's answered items; members with none are left out.
    static func respondentMeans(_ dimension: DimensionPlan.Dimension, members: [Int], responses: AssessmentResponses) -> [Double] {
        members.compactMap { respondentMean(dimension, respondent: $0, responses: responses) }
    }

    static func layerBalance(_ dimensions: [AssessmentResult.DimensionScore], options: Options) -> AssessmentResult.LayerBalance? {
        guard let layers = options.frameworks.first(where: { $0.id == "layers" }) else { return nil }
        var scores: [String: Double] = [:]
        var weightedSum = 0.0, weightTotal = 0.0
        for layer in layers.dimensions {
            guard let score = dimensions.first(where: { $0.framework == "layers" && $0.dimension == layer.id })?.score else { continue }
            scores[layer.id] = score
            let weight = options.layerWeights?[layer.id] ?? layer.weight ?? 1
            weightedSum += weight * score
            weightTotal += weight
        }
        guard let high = scores.values.max(), let low = scores.values.min(), weightTotal > 0 else { return nil }
        // Ties for the weakest go to the least influential layer, the framework's first.
        let weakest = layers.dimensions.first { scores[$0.id] == low }!.id
        return AssessmentResult.LayerBalance(
            scores: scores, balance: .init(spread: high - low, weakest: weakest, index: weightedSum / weightTotal))
    }
}

/// Which likert items feed which reported dimension, in framework order. A layer's score
/// uses the items tagged with the layer or with any of its elements.
struct DimensionPlan {
    struct Item {
        var index: Int
        var reverse: Bool
    }

    struct Dimension {
        var ref: DimensionRef
        var items: [Item]
        /// `dimension`, or `dimension/element` for an element.
        var label: String { ref.element.map { "\(ref.dimension)/\($0)" } ?? ref.dimension }
    }

    let dimensions: [Dimension]

    init(instrument: Instrument, frameworks: [Framework]) {
        var itemsByRef: [DimensionRef: [Item]] = [:]
        for (index, item) in instrument.likertItems.enumerated() {
            var refs = Set(item.dimensions)
            for ref in item.dimensions { if let parent = ref.parent { refs.insert(parent) } }
            for ref in refs { itemsByRef[ref, default: []].append(Item(index: index, reverse: item.reverse)) }
        }
        var ordered: [Dimension] = []
        var placed: Set<DimensionRef> = []
        for framework in frameworks {
            for dimension in framework.dimensions {
                let ref = DimensionRef(framework: framework.id, dimension: dimension.id)
                let refs = [ref] + dimension.elements.map { DimensionRef(framework: framework.id, dimension: dimension.id, element: $0.id) }
                for ref in refs {
                    if let items = itemsByRef[ref] {
                        ordered.append(Dimension(ref: ref, items: items))
                        placed.insert(ref)
                    }
                }
            }
        }
        for ref in itemsByRef.keys.sorted() where !placed.contains(ref) {
            ordered.append(Dimension(ref: ref, items: itemsByRef[ref]!))
        }
        dimensions = ordered
    }
}
