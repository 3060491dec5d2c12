/// Task performance: success rate, disaster rate, median time and a 0-100 score per task.
public enum TaskTests {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case success, failure, disaster
    }

    public struct Attempt: Sendable, Equatable {
        public var participant: String
        public var task: String
        public var result: Outcome
        public var seconds: Double
        public var targetSeconds: Double

        public init(participant: String, task: String, result: Outcome, seconds: Double, targetSeconds: Double) {
            self.participant = participant
            self.task = task
            self.result = result
            self.seconds = seconds
            self.targetSeconds = targetSeconds
        }

        /// 0 for failure or disaster, else 100 x min(1, target / actual).
        public var score: Double {
            result == .success ? 100 * min(1, targetSeconds / seconds) : 0
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var task: String
        public var n: Int
        public var successRate: Double
        public var disasterRate: Double
        public var medianSeconds: Double
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case task, n, score
            case successRate = "success_rate"
            case disasterRate = "disaster_rate"
            case medianSeconds = "median_seconds"
        }
    }

    public static let header = ["participant", "task", "result", "seconds", "target_seconds"]

    public static func read(file: String, bytes: [UInt8]) throws(FileProblems) -> [Attempt] {
        try read(CSVTable(reader: CSVReader(file: file, bytes: bytes), required: header))
    }

    /// Reads the rows of a table opened with this header: a caller that checks more of each
    /// record (against a database, say) opens the file once for both.
    public static func read(_ table: CSVTable) throws(FileProblems) -> [Attempt] {
        let columns = header.map { table.index(of: $0)! }
        var problems = FileProblems()
        var attempts: [Attempt] = []
        var firstLine: [String: Int] = [:]
        table.forEachRecord(&problems) { record, problems in
            let participant = record[columns[0]].trimmingSpaces(), task = record[columns[1]].trimmingSpaces()
            if participant.isEmpty { problems.append(table.problem(record, column: columns[0], "participant is empty")) }
            if task.isEmpty { problems.append(table.problem(record, column: columns[1], "task is empty")) }
            let resultText = record[columns[2]].trimmingSpaces().lowercased()
            let result = Outcome(rawValue: resultText)
            if result == nil {
                problems.append(table.problem(record, column: columns[2], "result '\(resultText)' must be success, failure or disaster"))
            }
            var times: [Double] = []
            for offset in 3...4 {
                let text = record[columns[offset]].trimmingSpaces()
                if let value = Double(text), value > 0, value.isFinite {
                    times.append(value)
                } else {
                    problems.append(
                        table.problem(record, column: columns[offset], "\(header[offset]) '\(text)' must be a number of seconds above 0"))
                }
            }
            let key = participant + "\u{0}" + task
            if let line = firstLine[key] {
                problems.append(
                    table.problem(
                        record, column: columns[1], "participant '\(participant)' attempts task '\(task)' twice (first on line \(line))"))
                return
            }
            firstLine[key] = record.line
            guard let result, times.count == 2, !participant.isEmpty, !task.isEmpty else { return }
            attempts.append(Attempt(participant: participant, task: task, result: result, seconds: times[0], targetSeconds: times[1]))
        }
        try problems.throwIfAny()
        return attempts
    }

    /// One result per task, ordered by task id.
    public static func score(_ attempts: [Attempt]) -> [Result] {
        let byTask = Dictionary(grouping: attempts, by: \.task)
        return byTask.keys.sorted().map { task in
            let all = byTask[task]!
            let n = Double(all.count)
            return Result(
                task: task, n: all.count,
                successRate: Double(all.filter { $0.result == .success }.count) / n,
                disasterRate: Double(all.filter { $0.result == .disaster }.count) / n,
                medianSeconds: Statistics.median(all.map(\.seconds))!,
                score: all.map(\.score).reduce(0, +) / n)
        }
    }

    /// One task's figures in each round it was tested, and whether it got easier for
    /// customers between the first and the last of those rounds.
    public struct Trend: Encodable, Sendable, Equatable {
        public struct Round: Encodable, Sendable, Equatable {
            public var round: String
            public var result: Result
        }

        public var task: String
        public var rounds: [Round]
        /// Last round's score minus the first's; nil when tested in one round only.
        public var scoreChange: Double?

        /// Easier when the score rose and the success rate did not fall.
        public var easier: Bool? {
            guard let first = rounds.first?.result, let last = rounds.last?.result, rounds.count > 1 else { return nil }
            return last.score > first.score && last.successRate >= first.successRate
        }

        enum CodingKeys: String, CodingKey {
            case task, rounds, easier
            case scoreChange = "score_change"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(task, forKey: .task)
            try container.encode(rounds, forKey: .rounds)
            try container.encode(scoreChange, forKey: .scoreChange)
            try container.encode(easier, forKey: .easier)
        }
    }

    /// Scores every round and lines the results up per task, rounds in the order given.
    public static func trend(_ rounds: [(round: String, attempts: [Attempt])]) -> [Trend] {
        var byTask: [String: [Trend.Round]] = [:]
        for (round, attempts) in rounds {
            for result in score(attempts) { byTask[result.task, default: []].append(Trend.Round(round: round, result: result)) }
        }
        return byTask.keys.sorted().map { task in
            let series = byTask[task]!
            return Trend(
                task: task, rounds: series, scoreChange: series.count > 1 ? series.last!.result.score - series.first!.result.score : nil)
        }
    }
}
