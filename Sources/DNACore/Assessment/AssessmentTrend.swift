/// Wave-over-wave change per dimension: the difference of the group means and Welch's t-test
/// on the two waves' respondent dimension scores.
public enum AssessmentTrend {
    public struct Change: Encodable, Sendable, Equatable {
        public var framework: String
        public var dimension: String
        public var previousMean: Double
        public var mean: Double
        /// `mean - previousMean`, on the 1-5 scale.
        public var change: Double
        /// The change on the 0-100 scale.
        public var scoreChange: Double
        /// Welch's two-sided p-value; nil when a wave has fewer than two scores.
        public var pValue: Double?
        /// `pValue` after Holm's correction across the dimensions of the same framework.
        public var pHolm: Double? = nil

        enum CodingKeys: String, CodingKey {
            case framework, dimension, mean, change
            case previousMean = "previous_mean"
            case scoreChange = "score_change"
            case pValue = "p_value"
            case pHolm = "p_holm"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(framework, forKey: .framework)
            try container.encode(dimension, forKey: .dimension)
            try container.encode(previousMean, forKey: .previousMean)
            try container.encode(mean, forKey: .mean)
            try container.encode(change, forKey: .change)
            try container.encode(scoreChange, forKey: .scoreChange)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(pHolm, forKey: .pHolm)
        }
    }

    /// Sets each change's `pHolm`: Holm's correction over the p-values of the dimensions of
    /// one framework, so a framework of twelve forces is not twelve chances of a false alarm.
    public static func correctedForFramework(_ changes: [Change]) -> [Change] {
        var result = changes
        for framework in Set(changes.map(\.framework)) {
            let indices = changes.indices.filter { changes[$0].framework == framework }
            let adjusted = Statistics.holmAdjusted(indices.map { changes[$0].pValue })
            for (index, p) in zip(indices, adjusted) { result[index].pHolm = p }
        }
        return result
    }

    public struct Wave: Sendable {
        public var instrument: Instrument
        public var responses: AssessmentResponses
        public var members: [Int]

        public init(instrument: Instrument, responses: AssessmentResponses, members: [Int]) {
            self.instrument = instrument
            self.responses = responses
            self.members = members
        }
    }

    /// Compares the dimensions both waves measure, in the current wave's order. The caller
    /// decides whether the group may be shown in both waves.
    public static func compare(previous: Wave, current: Wave, frameworks: [Framework] = BuiltInFrameworks.all) -> [Change] {
        let before = DimensionPlan(instrument: previous.instrument, frameworks: frameworks)
        let beforeByKey = Dictionary(before.dimensions.map { ("\($0.ref.framework)/\($0.label)", $0) }, uniquingKeysWith: { a, _ in a })
        let after = DimensionPlan(instrument: current.instrument, frameworks: frameworks)
        return correctedForFramework(
            after.dimensions.compactMap { dimension in
                guard let earlier = beforeByKey["\(dimension.ref.framework)/\(dimension.label)"] else { return nil }
                let a = AssessmentScoring.respondentMeans(earlier, members: previous.members, responses: previous.responses)
                let b = AssessmentScoring.respondentMeans(dimension, members: current.members, responses: current.responses)
                guard let meanA = Statistics.mean(a), let meanB = Statistics.mean(b) else { return nil }
                return Change(
                    framework: dimension.ref.framework, dimension: dimension.label, previousMean: meanA, mean: meanB,
                    change: meanB - meanA, scoreChange: (meanB - meanA) / 4 * 100, pValue: Statistics.welchPValue(a, b))
            })
    }
}
