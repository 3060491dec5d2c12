/// Key drivers (DESIGN.md, "Deeper analysis"): which predictor dimensions (the twelve forces
/// by default) carry how much of a target, by Johnson's relative weights with percentile
/// bootstrap intervals, for everyone and for each unit or role large enough to say it.
public enum DriverAnalysis {
    public struct Options: Sendable {
        /// `framework/dimension`, a likert item's id, or `line-of-sight`.
        public var target: String
        /// The framework whose dimensions are the predictors.
        public var framework: String
        public var breakdown: AssessmentScoring.Breakdown
        /// The anonymity threshold k; groups under max(k, 30) respondents are not analysed.
        public var minGroupSize: Int
        public var seed: UInt64
        public var resamples: Int
        public var frameworks: [Framework]
        /// How many cores share the resamples; the figures do not depend on it.
        public var parallelism: Int

        public init(
            target: String, framework: String = "os-canvas", breakdown: AssessmentScoring.Breakdown = .unit, minGroupSize: Int = 5,
            seed: UInt64 = 1, resamples: Int = 1000, frameworks: [Framework] = BuiltInFrameworks.all, parallelism: Int = 1
        ) {
            self.target = target
            self.framework = framework
            self.breakdown = breakdown
            self.minGroupSize = minGroupSize
            self.seed = seed
            self.resamples = resamples
            self.frameworks = frameworks
            self.parallelism = parallelism
        }
    }

    /// Why the analysis cannot run, naming the option to change.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public struct Driver: Encodable, Sendable, Equatable {
        public var dimension: String
        /// Pearson's correlation with the target.
        public var r: Double?
        /// The raw relative weight; the weights add up to `r2`.
        public var weight: Double?
        /// weight / r2.
        public var share: Double?
        public var ci95Low: Double?
        public var ci95High: Double?

        enum CodingKeys: String, CodingKey {
            case dimension, r, weight, share
            case ci95Low = "ci95_low"
            case ci95High = "ci95_high"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dimension, forKey: .dimension)
            try container.encode(r, forKey: .r)
            try container.encode(weight, forKey: .weight)
            try container.encode(share, forKey: .share)
            try container.encode(ci95Low, forKey: .ci95Low)
            try container.encode(ci95High, forKey: .ci95High)
        }
    }

    /// The figures for one set of respondents; nil figures when there are under 3, a column
    /// does not vary, or the predictors are linearly dependent.
    public struct Result: Encodable, Sendable, Equatable {
        public var target: String
        public var n: Int
        public var r2: Double?
        public var drivers: [Driver]

        enum CodingKeys: String, CodingKey { case target, n, r2, drivers }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(target, forKey: .target)
            try container.encode(n, forKey: .n)
            try container.encode(r2, forKey: .r2)
            try container.encode(drivers, forKey: .drivers)
        }
    }

    public enum Group: Encodable, Sendable, Equatable {
        case shown(group: String, Result)
        case suppressed(group: String)

        public var name: String {
            switch self {
            case .shown(let group, _), .suppressed(let group): group
            }
        }

        public var result: Result? {
            if case .shown(_, let result) = self { return result }
            return nil
        }

        private enum Keys: String, CodingKey { case group, suppressed }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .shown(let group, let result):
                try container.encode(group, forKey: .group)
                try result.encode(to: encoder)
            case .suppressed(let group):
                try container.encode(group, forKey: .group)
                try container.encode(true, forKey: .suppressed)
            }
        }
    }

    public struct Report: Encodable, Sendable, Equatable {
        public var overall: Result
        public var groups: [Group]
    }

    /// The smallest group analysed: bootstrap intervals of correlations need more than k.
    public static let smallestGroup = 30

    /// Whether the analysis can run on answers to `instrument` with these options, before any
    /// answer is read: the target exists and the framework has items.
    public static func check(instrument: Instrument, options: Options) throws(Problem) {
        _ = try setUp(instrument: instrument, options: options)
    }

    static func setUp(
        instrument: Instrument, options: Options
    ) throws(Problem) -> (target: Target, predictors: [DimensionPlan.Dimension]) {
        let plan = DimensionPlan(instrument: instrument, frameworks: options.frameworks)
        let target = try Target(options.target, instrument: instrument, plan: plan)
        let predictors = plan.dimensions.filter {
            $0.ref.framework == options.framework && $0.ref.element == nil && $0.ref != target.dimension?.ref
        }
        guard !predictors.isEmpty else {
            let known = Set(plan.dimensions.map(\.ref.framework)).sorted().joined(separator: ", ")
            throw Problem(
                description:
                    "--framework \(options.framework): the instrument has no items in its dimensions (it has items in: \(known.isEmpty ? "none" : known))"
            )
        }
        return (target, predictors)
    }

    public static func analyze(instrument: Instrument, responses: AssessmentResponses, options: Options) throws(Problem) -> Report {
        let (target, predictors) = try setUp(instrument: instrument, options: options)
        // Listwise: a respondent counts with a score in every predictor and a target value.
        var rows: [[Double]] = [], groupOf: [String] = []
        for index in responses.respondents.indices {
            var row: [Double] = []
            for dimension in predictors {
                guard let score = AssessmentScoring.respondentMean(dimension, respondent: index, responses: responses) else { break }
                row.append(score)
            }
            guard row.count == predictors.count, let value = target.value(respondent: index, responses: responses) else { continue }
            row.append(value)
            rows.append(row)
            let respondent = responses.respondents[index]
            groupOf.append(options.breakdown == .role ? respondent.role : respondent.unit)
        }
        let names = predictors.map(\.label)
        let overall = result(rows: rows, names: names, options: options)
        var groups: [Group] = []
        if options.breakdown != .none {
            var members: [String: [[Double]]] = [:]
            for (row, group) in zip(rows, groupOf) { members[group, default: []].append(row) }
            let smallest = max(options.minGroupSize, smallestGroup)
            groups = members.keys.sorted().map { name in
                let rows = members[name]!
                return rows.count < smallest
                    ? .suppressed(group: name) : .shown(group: name, result(rows: rows, names: names, options: options))
            }
        }
        return Report(overall: overall, groups: groups)
    }

    static func result(rows: [[Double]], names: [String], options: Options) -> Result {
        let empty = Result(
            target: options.target, n: rows.count, r2: nil,
            drivers: names.map { Driver(dimension: $0, r: nil, weight: nil, share: nil, ci95Low: nil, ci95High: nil) })
        let sample = DriverSample(rows: rows, columns: names.count + 1)
        guard let correlations = sample.correlations(), let fitted = RelativeWeights.weights(rxx: correlations.rxx, rxy: correlations.rxy)
        else { return empty }
        let resampled = sample.bootstrap(resamples: options.resamples, seed: options.seed, parallelism: options.parallelism)
            .compactMap { $0 }
        // Too many resamples without weights (a column that hardly varies) make no interval.
        let intervals = resampled.count * 2 >= options.resamples && !resampled.isEmpty
        let drivers = names.enumerated().map { index, name in
            let sorted = intervals ? resampled.map { $0[index] }.sorted() : []
            return Driver(
                dimension: name, r: correlations.rxy[index], weight: fitted.weights[index],
                share: fitted.r2 > 0 ? fitted.weights[index] / fitted.r2 : nil,
                ci95Low: intervals ? Statistics.percentile(sorted: sorted, 0.025) : nil,
                ci95High: intervals ? Statistics.percentile(sorted: sorted, 0.975) : nil)
        }
        return Result(target: options.target, n: rows.count, r2: fitted.r2, drivers: drivers)
    }

    /// What is explained: a dimension's respondent score, one item's answer after reversal, or
    /// whether the person named a customer outcome.
    struct Target {
        var dimension: DimensionPlan.Dimension?
        var item: DimensionPlan.Item?

        init(_ text: String, instrument: Instrument, plan: DimensionPlan) throws(Problem) {
            if text == "line-of-sight" {
                guard instrument.outcomeItem != nil else {
                    throw Problem(description: "--target line-of-sight: the instrument has no line-of-sight (outcome) item")
                }
                return
            }
            if text.contains("/") {
                guard let ref = DimensionRef(text), let found = plan.dimensions.first(where: { $0.ref == ref }) else {
                    throw Problem(description: "--target \(text): no dimension of that name has items in the instrument")
                }
                dimension = found
                return
            }
            guard let index = instrument.likertItems.firstIndex(where: { $0.id == text }) else {
                throw Problem(
                    description: "--target \(text): expected framework/dimension, the id of an agreement item, or line-of-sight")
            }
            item = DimensionPlan.Item(index: index, reverse: instrument.likertItems[index].reverse)
        }

        func value(respondent: Int, responses: AssessmentResponses) -> Double? {
            if let dimension { return AssessmentScoring.respondentMean(dimension, respondent: respondent, responses: responses) }
            if let item { return AssessmentScoring.scoredAnswer(responses, respondent: respondent, item: item).map(Double.init) }
            return responses.respondents[respondent].outcome == nil ? 0 : 1
        }
    }
}
