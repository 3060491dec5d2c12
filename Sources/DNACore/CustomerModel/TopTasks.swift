/// Top-tasks identification: each voter picks up to five tasks; the tasks that take the
/// first 25% of votes are the long neck, the first 50% the top tasks.
public enum TopTasks {
    public static let maximumPicks = 5

    public struct Vote: Sendable, Equatable {
        public var voter: String
        public var task: String

        public init(voter: String, task: String) {
            self.voter = voter
            self.task = task
        }
    }

    public struct Thresholds: Codable, Equatable, Sendable {
        public var longNeck: Double
        public var top: Double

        public init(longNeck: Double = 0.25, top: Double = 0.5) {
            self.longNeck = longNeck
            self.top = top
        }

        enum CodingKeys: String, CodingKey {
            case longNeck = "long_neck"
            case top
        }

        /// Both shares must lie in (0, 1] and the long neck may not be wider than the top tasks.
        public var problem: String? {
            guard longNeck > 0, longNeck <= 1, top > 0, top <= 1 else { return "thresholds must be shares above 0 and at most 1" }
            return longNeck <= top ? nil : "the long-neck threshold may not be above the top-task threshold"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var task: String
        public var votes: Int
        public var share: Double
        public var cumulativeShare: Double
        public var rank: Int
        public var longNeck: Bool
        public var top: Bool

        enum CodingKeys: String, CodingKey {
            case task, votes, share, rank, top
            case cumulativeShare = "cumulative_share"
            case longNeck = "long_neck"
        }
    }

    public static func read(file: String, bytes: [UInt8]) throws(FileProblems) -> [Vote] {
        try read(CSVTable(reader: CSVReader(file: file, bytes: bytes), required: ["voter", "task"]))
    }

    /// Reads the rows of a table opened with this header: a caller that checks more of each
    /// record (against a database, say) opens the file once for both.
    public static func read(_ table: CSVTable) throws(FileProblems) -> [Vote] {
        let voterColumn = table.index(of: "voter")!, taskColumn = table.index(of: "task")!
        var problems = FileProblems()
        var votes: [Vote] = []
        var picks: [String: [String: Int]] = [:]
        table.forEachRecord(&problems) { record, problems in
            let voter = record[voterColumn].trimmingSpaces(), task = record[taskColumn].trimmingSpaces()
            if voter.isEmpty || task.isEmpty {
                problems.append(
                    table.problem(record, column: voter.isEmpty ? voterColumn : taskColumn, "\(voter.isEmpty ? "voter" : "task") is empty"))
                return
            }
            if let line = picks[voter]?[task] {
                problems.append(
                    table.problem(record, column: taskColumn, "voter '\(voter)' picks task '\(task)' twice (first on line \(line))"))
                return
            }
            picks[voter, default: [:]][task] = record.line
            if picks[voter]!.count > maximumPicks {
                problems.append(table.problem(record, column: voterColumn, "voter '\(voter)' picks more than \(maximumPicks) tasks"))
                return
            }
            votes.append(Vote(voter: voter, task: task))
        }
        try problems.throwIfAny()
        return votes
    }

    /// Ranks tasks by votes (ties by task id). A task is in the long neck when the
    /// cumulative share before it is under the long-neck threshold; in the top tasks likewise.
    public static func rank(_ votes: [Vote], tasks: [String] = [], thresholds: Thresholds = Thresholds()) -> [Result] {
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: tasks.map { ($0, 0) })
        for vote in votes { counts[vote.task, default: 0] += 1 }
        return rank(counts: counts, thresholds: thresholds)
    }

    /// Ranks tasks from their vote counts (a task with no votes counts 0).
    public static func rank(counts: [String: Int], thresholds: Thresholds = Thresholds()) -> [Result] {
        let total = Double(counts.values.reduce(0, +))
        let ordered = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var results: [Result] = []
        var cumulativeVotes = 0
        for (index, entry) in ordered.enumerated() {
            let before = total == 0 ? 0 : Double(cumulativeVotes) / total
            cumulativeVotes += entry.value
            results.append(
                Result(
                    task: entry.key, votes: entry.value, share: total == 0 ? 0 : Double(entry.value) / total,
                    cumulativeShare: total == 0 ? 0 : Double(cumulativeVotes) / total, rank: index + 1,
                    longNeck: total > 0 && before < thresholds.longNeck, top: total > 0 && before < thresholds.top))
        }
        return results
    }
}
