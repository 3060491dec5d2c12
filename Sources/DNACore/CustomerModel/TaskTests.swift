/// Task performance: success rate, disaster rate, median time and a 0-100 score per task.
public enum TaskTests {
    public enum Outcome: String, Sendable, CaseIterable {
        case success, failure, disaster
    }

    public struct Attempt: Sendable, Equatable {
        public var participant: String
        public var task: String
        public var result: Outcome
        public var seconds: Double
        public var targetSeconds: Double

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
        let table = try CSVTable(reader: CSVReader(file: file, bytes: bytes), required: header)
        let columns = header.map { table.index(of: $0)! }
        var problems = FileProblems()
        var attempts: [Attempt] = []
        var firstLine: [String: Int] = [:]
        for record in table.rows {
            if problems.isFull { break }
            if let problem = table.fieldCountProblem(record) {
                problems.append(problem)
                continue
            }
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
                continue
            }
            firstLine[key] = record.line
            guard let result, times.count == 2, !participant.isEmpty, !task.isEmpty else { continue }
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
}
