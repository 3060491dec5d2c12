/// The customer-value survey metrics, computed from individual answers (DESIGN.md,
/// "Metrics"): NPS = % of 9-10 minus % of 0-6 on a 0-10 scale; CSAT = % of 4-5 on 1-5;
/// CES = mean of a 1-7 "made it easy" scale and % of 5-7; time to first value in days
/// (median and mean).
///
/// Answers come as CSV: `respondent,segment,date,metric,value`, one row per answer, the date
/// written `YYYY-MM-DD` and `metric` one of `nps`, `csat`, `ces`, `ttfv`.
public enum CustomerMetrics {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case nps, csat, ces, ttfv

        public var title: String {
            switch self {
            case .nps: "Net Promoter Score"
            case .csat: "Customer satisfaction (CSAT)"
            case .ces: "Customer effort score (CES)"
            case .ttfv: "Time to first value"
            }
        }

        /// The values an answer may take, and how a wrong one is explained.
        func check(_ value: Double) -> String? {
            switch self {
            case .nps: (0...10).contains(value) && value == value.rounded() ? nil : "an NPS answer must be a whole number 0-10"
            case .csat: (1...5).contains(value) && value == value.rounded() ? nil : "a CSAT answer must be a whole number 1-5"
            case .ces: (1...7).contains(value) && value == value.rounded() ? nil : "a CES answer must be a whole number 1-7"
            case .ttfv: value >= 0 && value.isFinite ? nil : "time to first value must be a number of days, 0 or more"
            }
        }
    }

    public struct Answer: Codable, Equatable, Sendable {
        public var respondent: String
        public var segment: String
        public var date: String
        public var metric: Kind
        public var value: Double

        public init(respondent: String, segment: String, date: String, metric: Kind, value: Double) {
            self.respondent = respondent
            self.segment = segment
            self.date = date
            self.metric = metric
            self.value = value
        }
    }

    /// One metric over a set of answers. `score` is the figure the metric is known by: NPS
    /// (-100 to 100), CSAT (% 0-100), CES (mean 1-7), time to first value (median days).
    public struct Figure: Codable, Equatable, Sendable {
        public var metric: Kind
        public var segment: String?
        /// `YYYY-MM` when cut by month.
        public var period: String?
        public var n: Int
        public var score: Double
        public var mean: Double
        /// NPS promoters, CSAT 4-5, CES 5-7; nil for time to first value.
        public var topShare: Double?
        /// NPS detractors; nil otherwise.
        public var bottomShare: Double?

        public init(
            metric: Kind, segment: String? = nil, period: String? = nil, n: Int, score: Double, mean: Double, topShare: Double? = nil,
            bottomShare: Double? = nil
        ) {
            self.metric = metric
            self.segment = segment
            self.period = period
            self.n = n
            self.score = score
            self.mean = mean
            self.topShare = topShare
            self.bottomShare = bottomShare
        }

        enum CodingKeys: String, CodingKey {
            case metric, segment, period, n, score, mean
            case topShare = "top_share"
            case bottomShare = "bottom_share"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metric, forKey: .metric)
            try container.encode(segment, forKey: .segment)
            try container.encode(period, forKey: .period)
            try container.encode(n, forKey: .n)
            try container.encode(score, forKey: .score)
            try container.encode(mean, forKey: .mean)
            try container.encode(topShare, forKey: .topShare)
            try container.encode(bottomShare, forKey: .bottomShare)
        }
    }

    public static let header = ["respondent", "segment", "date", "metric", "value"]

    public static func read(file: String, bytes: [UInt8]) throws(FileProblems) -> [Answer] {
        try read(CSVTable(reader: CSVReader(file: file, bytes: bytes), required: header))
    }

    /// Reads the rows of a table opened with this header: a caller that checks more of each
    /// record (against a database, say) opens the file once for both.
    public static func read(_ table: CSVTable) throws(FileProblems) -> [Answer] {
        let columns = header.map { table.index(of: $0)! }
        var problems = FileProblems()
        var answers: [Answer] = []
        var firstLine: [String: Int] = [:]
        table.forEachRecord(&problems) { record, problems in
            let fields = columns.map { record[$0].trimmingSpaces() }
            let count = problems.total
            if fields[0].isEmpty { problems.append(table.problem(record, column: columns[0], "respondent is empty")) }
            if CalendarDay.start(fields[2]) == nil {
                problems.append(table.problem(record, column: columns[2], "date '\(fields[2])' must be written YYYY-MM-DD"))
            }
            let kind = Kind(rawValue: fields[3].lowercased())
            if kind == nil {
                problems.append(table.problem(record, column: columns[3], "metric '\(fields[3])' must be one of: nps, csat, ces, ttfv"))
            }
            let value = Double(fields[4])
            if let kind {
                if let message = value.map(kind.check) ?? "value '\(fields[4])' is not a number" {
                    problems.append(table.problem(record, column: columns[4], message))
                }
            }
            let key = [fields[0], fields[2], fields[3].lowercased()].joined(separator: "\u{0}")
            if let line = firstLine[key] {
                problems.append(
                    table.problem(
                        record, column: columns[3],
                        "respondent '\(fields[0])' answers \(fields[3]) twice on \(fields[2]) (first on line \(line))"))
            }
            firstLine[key] = firstLine[key] ?? record.line
            guard problems.total == count, let kind, let value else { return }
            answers.append(Answer(respondent: fields[0], segment: fields[1], date: fields[2], metric: kind, value: value))
        }
        try problems.throwIfAny()
        return answers
    }

    /// One figure per metric present, optionally cut by segment and by calendar month; ordered
    /// by metric, segment and period.
    public static func figures(_ answers: [Answer], bySegment: Bool = false, byMonth: Bool = false) -> [Figure] {
        struct Key: Hashable, Comparable {
            var metric: Int, segment: String, period: String
            static func < (a: Key, b: Key) -> Bool { (a.metric, a.segment, a.period) < (b.metric, b.segment, b.period) }
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        let groups = Dictionary(grouping: answers) {
            Key(metric: order[$0.metric]!, segment: bySegment ? $0.segment : "", period: byMonth ? String($0.date.prefix(7)) : "")
        }
        return groups.keys.sorted().map { key in
            var figure = figure(Kind.allCases[key.metric], values: groups[key]!.map(\.value))
            figure.segment = bySegment ? key.segment : nil
            figure.period = byMonth ? key.period : nil
            return figure
        }
    }

    /// The figure of one metric over the given answers (at least one).
    public static func figure(_ kind: Kind, values: [Double]) -> Figure {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        func share(_ range: ClosedRange<Double>) -> Double { Double(values.filter { range.contains($0) }.count) / n }
        switch kind {
        case .nps:
            let promoters = share(9...10), detractors = share(0...6)
            return Figure(
                metric: kind, n: values.count, score: (promoters - detractors) * 100, mean: mean, topShare: promoters,
                bottomShare: detractors)
        case .csat:
            let satisfied = share(4...5)
            return Figure(metric: kind, n: values.count, score: satisfied * 100, mean: mean, topShare: satisfied)
        case .ces:
            return Figure(metric: kind, n: values.count, score: mean, mean: mean, topShare: share(5...7))
        case .ttfv:
            return Figure(metric: kind, n: values.count, score: Statistics.median(values)!, mean: mean)
        }
    }
}
