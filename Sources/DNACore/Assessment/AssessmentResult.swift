/// The scored result of an assessment, with the JSON keys of the public contract.
public struct AssessmentResult: Encodable, Sendable, Equatable {
    public var overall: GroupResult
    public var groups: [GroupResult]

    public enum GroupResult: Encodable, Sendable, Equatable {
        case shown(GroupScores)
        /// Fewer than k respondents, or derivable from shown groups: only the name is given.
        case suppressed(group: String)

        public var group: String {
            switch self {
            case .shown(let scores): scores.group
            case .suppressed(let group): group
            }
        }

        public var scores: GroupScores? {
            if case .shown(let scores) = self { return scores }
            return nil
        }

        private enum Keys: String, CodingKey { case group, suppressed }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .shown(let scores): try scores.encode(to: encoder)
            case .suppressed(let group):
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(group, forKey: .group)
                try container.encode(true, forKey: .suppressed)
            }
        }
    }

    public struct GroupScores: Encodable, Sendable, Equatable {
        public var group: String
        public var n: Int
        public var dimensions: [DimensionScore]
        public var layers: LayerBalance?
        /// Share (0-1) of respondents who named a customer outcome; nil without an outcome item.
        public var lineOfSightCoverage: Double?

        enum CodingKeys: String, CodingKey {
            case group, n, dimensions, layers
            case lineOfSightCoverage = "line_of_sight_coverage"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try container.encode(n, forKey: .n)
            try container.encode(dimensions, forKey: .dimensions)
            try container.encode(layers, forKey: .layers)
            try container.encode(lineOfSightCoverage, forKey: .lineOfSightCoverage)
        }

        public func dimension(_ framework: String, _ dimension: String) -> DimensionScore? {
            dimensions.first { $0.framework == framework && $0.dimension == dimension }
        }
    }

    public struct DimensionScore: Encodable, Sendable, Equatable {
        public var framework: String
        /// The dimension id; an element of a layer is written `layer/element`.
        public var dimension: String
        public var n: Int
        public var mean: Double
        public var sd: Double?
        public var ci95Low: Double?
        public var ci95High: Double?
        /// The mean on 0-100: (mean - 1) / 4 x 100.
        public var score: Double
        /// Share (0-1) of the group's answers in the dimension that are 4-5 after reversal.
        public var favorable: Double
        /// Share (0-1) of those answers that are 1-2.
        public var unfavorable: Double
        /// Cronbach's alpha; nil under 3 items or without enough complete answers.
        public var alpha: Double?
        /// The group against everyone else (see `AssessmentResult.comparingGroups`); nil for
        /// the overall result and when either side has under 2 respondents.
        public var vsRest: VersusRest? = nil

        enum CodingKeys: String, CodingKey {
            case framework, dimension, n, mean, sd, score, favorable, unfavorable, alpha
            case ci95Low = "ci95_low"
            case ci95High = "ci95_high"
            case vsRest = "vs_rest"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(framework, forKey: .framework)
            try container.encode(dimension, forKey: .dimension)
            try container.encode(n, forKey: .n)
            try container.encode(mean, forKey: .mean)
            try container.encode(sd, forKey: .sd)
            try container.encode(ci95Low, forKey: .ci95Low)
            try container.encode(ci95High, forKey: .ci95High)
            try container.encode(score, forKey: .score)
            try container.encode(favorable, forKey: .favorable)
            try container.encode(unfavorable, forKey: .unfavorable)
            try container.encode(alpha, forKey: .alpha)
            try container.encode(vsRest, forKey: .vsRest)
        }
    }

    /// A group's dimension against everyone else's (DESIGN.md, "Deeper analysis").
    public struct VersusRest: Encodable, Sendable, Equatable {
        /// Group score minus the score of everyone else, 0-100 scale.
        public var difference: Double
        /// Welch's two-sided p-value on the respondent scores of the group and of the rest.
        public var pValue: Double
        /// Benjamini-Hochberg's q-value over every shown group x dimension of the result.
        public var qValue: Double
        /// The smallest difference (0-100 scale) detectable at alpha 0.05 with 80% power.
        public var mdd: Double

        enum CodingKeys: String, CodingKey {
            case difference, mdd
            case pValue = "p_value"
            case qValue = "q_value"
        }
    }

    public struct LayerBalance: Encodable, Sendable, Equatable {
        /// Each layer's 0-100 score, by layer id.
        public var scores: [String: Double]
        public var balance: Balance

        public struct Balance: Encodable, Sendable, Equatable {
            /// Highest minus lowest layer score (0-100 scale).
            public var spread: Double
            /// The layer with the lowest score.
            public var weakest: String
            /// Influence-weighted mean of the layer scores (0-100 scale).
            public var index: Double
        }
    }
}

extension AssessmentResult {
    /// z for a two-sided alpha of 0.05 plus z for 80% power.
    static let detectableFactor = 1.959963985 + 0.841621234

    /// Every shown group's dimensions compared with everyone else: the difference of
    /// scores, Welch's p-value on respondent scores, the Benjamini-Hochberg q-value over all
    /// of them, and the minimum detectable difference. Everyone else's figures come from the
    /// overall result less the group (sizes, sums and sums of squares of respondent scores
    /// subtract exactly), so no answer is read twice.
    public consuming func comparingGroups() -> AssessmentResult {
        guard let everyone = overall.scores else { return self }
        var result = self
        var slots: [(group: Int, dimension: Int)] = []
        var pValues: [Double?] = []
        var found: [VersusRest?] = []
        for (groupIndex, group) in result.groups.enumerated() {
            guard let scores = group.scores else { continue }
            for (dimensionIndex, dimension) in scores.dimensions.enumerated() {
                let all = everyone.dimension(dimension.framework, dimension.dimension)
                let comparison = all.flatMap { Self.versusRest(group: dimension, everyone: $0) }
                slots.append((groupIndex, dimensionIndex))
                pValues.append(comparison?.pValue)
                found.append(comparison)
            }
        }
        let qValues = Statistics.benjaminiHochberg(pValues)
        // Each group's scores are taken out once, given all their comparisons and put back:
        // writing a group back per cell would copy its dimensions once per dimension.
        var position = 0
        while position < slots.count {
            let group = slots[position].group
            guard case .shown(var scores) = result.groups[group] else {
                position += 1
                continue
            }
            // Left empty while the scores are out, so they are the only owner of their
            // dimensions and take the comparisons without being copied.
            result.groups[group] = .suppressed(group: scores.group)
            while position < slots.count && slots[position].group == group {
                if var comparison = found[position], let q = qValues[position] {
                    comparison.qValue = q
                    scores.dimensions[slots[position].dimension].vsRest = comparison
                }
                position += 1
            }
            result.groups[group] = .shown(scores)
        }
        return result
    }

    /// The comparison with q not yet known; nil when either side has under 2 respondents.
    static func versusRest(group g: DimensionScore, everyone a: DimensionScore) -> VersusRest? {
        let ng = Double(g.n), na = Double(a.n), nr = na - ng
        guard ng >= 2, nr >= 2, let sg = g.sd, let sa = a.sd else { return nil }
        let sumRest = na * a.mean - ng * g.mean
        let squaresRest = ((na - 1) * sa * sa + na * a.mean * a.mean) - ((ng - 1) * sg * sg + ng * g.mean * g.mean)
        let meanRest = sumRest / nr
        let varianceRest = max(0, (squaresRest - sumRest * sumRest / nr) / (nr - 1))
        let varianceGroup = sg * sg
        guard
            let p = Statistics.welchPValue(
                meanA: g.mean, varianceA: varianceGroup, countA: ng, meanB: meanRest, varianceB: varianceRest, countB: nr)
        else { return nil }
        return VersusRest(
            difference: (g.mean - meanRest) / 4 * 100, pValue: p, qValue: p,
            mdd: detectableFactor * (varianceGroup / ng + varianceRest / nr).squareRoot() * 25)
    }
}
