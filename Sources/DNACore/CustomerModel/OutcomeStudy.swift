/// Outcome-driven opportunity scoring (DESIGN.md, "Customer model"): importance and
/// satisfaction as top-2-box share x 10; opportunity = I + max(I - S, 0).
public enum OutcomeStudy {
    public struct Rating: Sendable, Equatable {
        public var respondent: String
        public var segment: String
        public var outcome: String
        /// 1-5, or nil when left empty.
        public var importance: Int?
        public var satisfaction: Int?

        public init(respondent: String, segment: String, outcome: String, importance: Int?, satisfaction: Int?) {
            self.respondent = respondent
            self.segment = segment
            self.outcome = outcome
            self.importance = importance
            self.satisfaction = satisfaction
        }
    }

    public enum Status: String, Codable, Sendable {
        case underserved, served, overserved
    }

    public struct Score: Codable, Sendable, Equatable {
        public var outcome: String
        /// Nil when the study is not cut by segment.
        public var segment: String?
        public var n: Int
        public var importance: Double
        public var satisfaction: Double
        public var opportunity: Double
        public var status: Status

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(segment, forKey: .segment)
            try container.encode(n, forKey: .n)
            try container.encode(importance, forKey: .importance)
            try container.encode(satisfaction, forKey: .satisfaction)
            try container.encode(opportunity, forKey: .opportunity)
            try container.encode(status, forKey: .status)
        }

        /// Opportunity above 15 marks an extreme opportunity.
        public var isExtreme: Bool { opportunity > 15 }
    }

    public static let header = ["respondent", "segment", "outcome", "importance", "satisfaction"]

    public static func read(file: String, bytes: [UInt8]) throws(FileProblems) -> [Rating] {
        try read(CSVTable(reader: CSVReader(file: file, bytes: bytes), required: header))
    }

    /// Reads the rows of a table opened with this header: a caller that checks more of each
    /// record (against a database, say) opens the file once for both.
    public static func read(_ table: CSVTable) throws(FileProblems) -> [Rating] {
        let columns = header.map { table.index(of: $0)! }
        var problems = FileProblems()
        var ratings: [Rating] = []
        var firstLine: [String: Int] = [:]
        var segmentOf: [String: (segment: String, line: Int)] = [:]
        table.forEachRecord(&problems) { record, problems in
            let respondent = record[columns[0]].trimmingSpaces(), segment = record[columns[1]].trimmingSpaces()
            let outcome = record[columns[2]].trimmingSpaces()
            if respondent.isEmpty { problems.append(table.problem(record, column: columns[0], "respondent is empty")) }
            if outcome.isEmpty { problems.append(table.problem(record, column: columns[2], "outcome is empty")) }
            if let earlier = segmentOf[respondent], earlier.segment != segment {
                problems.append(
                    table.problem(
                        record, column: columns[1], "respondent '\(respondent)' is in segment '\(earlier.segment)' on line \(earlier.line)")
                )
            } else {
                segmentOf[respondent] = (segment, record.line)
            }
            let key = respondent + "\u{0}" + outcome
            if let line = firstLine[key] {
                problems.append(
                    table.problem(
                        record, column: columns[2], "respondent '\(respondent)' rates outcome '\(outcome)' twice (first on line \(line))"))
                return
            }
            firstLine[key] = record.line
            var values: [Int?] = []
            for (offset, name) in ["importance", "satisfaction"].enumerated() {
                let text = record[columns[3 + offset]].trimmingSpaces()
                if text.isEmpty {
                    values.append(nil)
                } else if let value = Int(text), (1...5).contains(value) {
                    values.append(value)
                } else {
                    problems.append(table.problem(record, column: columns[3 + offset], "\(name) '\(text)' must be 1-5 or empty"))
                    values.append(nil)
                }
            }
            ratings.append(
                Rating(respondent: respondent, segment: segment, outcome: outcome, importance: values[0], satisfaction: values[1]))
        }
        try problems.throwIfAny()
        return ratings
    }

    /// Scores every outcome, overall or per segment, ordered by segment and then by
    /// opportunity (highest first, ties by outcome id).
    public static func score(_ ratings: [Rating], bySegment: Bool) -> [Score] {
        var tallies: [String: [String: Tally]] = [:]
        for rating in ratings {
            tallies[bySegment ? rating.segment : "", default: [:]][rating.outcome, default: Tally()]
                .add(importance: rating.importance, satisfaction: rating.satisfaction)
        }
        return scores(tallies, bySegment: bySegment)
    }

    /// What one outcome's ratings (in one segment) add up to.
    public struct Tally: Sendable, Equatable {
        public var n = 0, importanceTop = 0, importanceCount = 0, satisfactionTop = 0, satisfactionCount = 0

        public init() {}

        public mutating func add(importance: Int?, satisfaction: Int?) {
            n += 1
            if let importance {
                importanceCount += 1
                if importance >= 4 { importanceTop += 1 }
            }
            if let satisfaction {
                satisfactionCount += 1
                if satisfaction >= 4 { satisfactionTop += 1 }
            }
        }
    }

    /// Scores from tallies by segment ("" when not cut) and outcome, ordered as `score` orders.
    public static func scores(_ tallies: [String: [String: Tally]], bySegment: Bool) -> [Score] {
        var scores: [Score] = []
        for segment in tallies.keys.sorted() {
            var segmentScores: [Score] = []
            for (outcome, tally) in tallies[segment]! {
                let importance = tally.importanceCount == 0 ? 0 : Double(tally.importanceTop) / Double(tally.importanceCount) * 10
                let satisfaction = tally.satisfactionCount == 0 ? 0 : Double(tally.satisfactionTop) / Double(tally.satisfactionCount) * 10
                let opportunity = importance + max(importance - satisfaction, 0)
                let status: Status = opportunity > 10 ? .underserved : satisfaction > importance ? .overserved : .served
                segmentScores.append(
                    Score(
                        outcome: outcome, segment: bySegment ? segment : nil, n: tally.n, importance: importance,
                        satisfaction: satisfaction, opportunity: opportunity, status: status))
            }
            scores += segmentScores.sorted { ($0.opportunity, $1.outcome) > ($1.opportunity, $0.outcome) }
        }
        return scores
    }
}
