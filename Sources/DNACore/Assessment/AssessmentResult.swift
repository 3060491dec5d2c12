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

        enum CodingKeys: String, CodingKey {
            case framework, dimension, n, mean, sd, score, favorable, unfavorable, alpha
            case ci95Low = "ci95_low"
            case ci95High = "ci95_high"
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
