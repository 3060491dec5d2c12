import DNACore
import SQLKit

extension SurveyRepository {
    public func taskTests(workspaceID: String) async throws -> [TaskTest] {
        try await read { db in
            try await db.select().columns("code", "task_code", "question", "answer", "target_seconds").from("task_tests")
                .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("code")
                .all(decoding: TaskTest.self)
        }
    }

    /// Adds a task test, or updates the one with the same code.
    public func saveTaskTest(workspaceID: String, _ test: TaskTest) async throws {
        if let message = UnitCode.problem(test.code) { throw StoreError.invalid("task test \(message)") }
        guard !test.question.trimmingSpaces().isEmpty else { throw StoreError.invalid("the task question is empty") }
        guard !test.answer.trimmingSpaces().isEmpty else { throw StoreError.invalid("the answer that shows success is empty") }
        guard test.targetSeconds > 0, test.targetSeconds.isFinite else {
            throw StoreError.invalid("the target time must be above 0 seconds")
        }
        let id = makeID()
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "task-test.save", record: "task-test:\(test.code)",
                summary: "saved task test '\(test.code)'")
            if let task = test.taskCode, !task.isEmpty {
                let found = try await db.select().column("id").from("customer_tasks").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("code", .equal, SQLBind(task)).first()
                if found == nil { throw StoreError.invalid("no task '\(task)' in the top-tasks list") }
            }
            let existing = try await db.select().column("id").from("task_tests").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(test.code)).first()
            let taskCode = test.taskCode.flatMap { $0.isEmpty ? nil : $0 }
            if let existing {
                try await db.update("task_tests").set("task_code", to: SQLBind(taskCode)).set("question", to: SQLBind(test.question))
                    .set("answer", to: SQLBind(test.answer)).set("target_seconds", to: SQLBind(test.targetSeconds))
                    .where("id", .equal, SQLBind(try existing.decode(column: "id", as: String.self))).run()
            } else {
                try await db.insert(into: "task_tests").columns(
                    "id", "workspace_id", "code", "task_code", "question", "answer", "target_seconds"
                )
                .values(
                    SQLBind(id), SQLBind(workspaceID), SQLBind(test.code), SQLBind(taskCode), SQLBind(test.question), SQLBind(test.answer),
                    SQLBind(test.targetSeconds)
                ).run()
            }
        }
    }

    public func taskRounds(workspaceID: String) async throws -> [TaskRound] {
        try await read { db in
            try await db.select().columns("id", "name", "held_on").from("task_rounds").where("workspace_id", .equal, SQLBind(workspaceID))
                .orderBy("held_on").orderBy("name").all(decoding: TaskRound.self)
        }
    }

    public func createTaskRound(workspaceID: String, name: String, heldOn: String, now: Int64) async throws -> TaskRound {
        let name = name.trimmingSpaces()
        guard !name.isEmpty else { throw StoreError.invalid("name is empty") }
        guard CalendarDay.start(heldOn) != nil else { throw StoreError.invalid("the date must be written YYYY-MM-DD") }
        let round = TaskRound(id: makeID(), name: name, heldOn: heldOn)
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "task-round.create", record: "task-round:\(round.id)",
                    summary: "created round '\(name)' held on \(heldOn)")
                try await db.insert(into: "task_rounds").columns("id", "workspace_id", "name", "held_on", "created_at")
                    .values(SQLBind(round.id), SQLBind(workspaceID), SQLBind(name), SQLBind(heldOn), SQLBind(now)).run()
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a round named '\(name)' already exists")
        }
        return round
    }

    private func round(workspaceID: String, id: String) async throws -> TaskRound {
        let found = try await read { db in
            try await db.select().columns("id", "name", "held_on").from("task_rounds").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("id", .equal, SQLBind(id)).first(decoding: TaskRound.self)
        }
        guard let found else { throw StoreError.notFound("no task-test round '\(id)'") }
        return found
    }

    /// Records attempts in a round, all or nothing: each must name a task test of the
    /// workspace, and a participant attempts a test once per round.
    public func recordAttempts(workspaceID: String, roundID: String, _ attempts: [TaskTests.Attempt]) async throws {
        _ = try await round(workspaceID: workspaceID, id: roundID)
        let tests = Set(try await taskTests(workspaceID: workspaceID).map(\.code))
        for attempt in attempts {
            if !tests.contains(attempt.task) { throw StoreError.invalid("no task test '\(attempt.task)'") }
            if attempt.participant.trimmingSpaces().isEmpty { throw StoreError.invalid("participant is empty") }
            if !(attempt.seconds > 0 && attempt.seconds.isFinite) { throw StoreError.invalid("the time must be above 0 seconds") }
        }
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "task-round.attempts", record: "task-round:\(roundID)",
                    summary: "recorded \(attempts.count) attempts")
                return try await Self.insertAttempts(db, roundID: roundID, attempts)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a participant already attempted that task in this round")
        }
    }

    static func insertAttempts(_ db: any SQLDatabase, roundID: String, _ attempts: [TaskTests.Attempt]) async throws {
        for chunk in attempts.chunked(into: 200) {
            var insert = db.insert(into: "task_attempts").columns(
                "round_id", "participant", "test_code", "result", "seconds", "target_seconds")
            for attempt in chunk {
                insert = insert.values(
                    SQLBind(roundID), SQLBind(attempt.participant), SQLBind(attempt.task), SQLBind(attempt.result.rawValue),
                    SQLBind(attempt.seconds), SQLBind(attempt.targetSeconds))
            }
            try await insert.run()
        }
    }

    /// Imports a round's results in the contract's CSV
    /// (`participant,task,result,seconds,target_seconds`), all or nothing; unknown task tests
    /// and attempts already recorded are reported with their line and column.
    public func importAttempts(workspaceID: String, roundID: String, file: String, bytes: [UInt8]) async throws -> Int {
        _ = try await round(workspaceID: workspaceID, id: roundID)
        let table = try CSVTable(reader: CSVReader(file: file, bytes: bytes), required: TaskTests.header)
        let attempts = try TaskTests.read(table)
        let participantColumn = table.index(of: "participant")!, taskColumn = table.index(of: "task")!
        let tests = Set(try await taskTests(workspaceID: workspaceID).map(\.code))
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "task-round.import", record: "task-round:\(roundID)",
                summary: "imported \(attempts.count) attempts from \(file)")
            let recorded = Set(
                try await db.select().columns("participant", "test_code").from("task_attempts").where("round_id", .equal, SQLBind(roundID))
                    .all()
                    .map {
                        try $0.decode(column: "participant", as: String.self) + "\u{0}" + $0.decode(column: "test_code", as: String.self)
                    })
            var problems = FileProblems()
            table.forEachRecord(&problems) { record, problems in
                let participant = record[participantColumn].trimmingSpaces(), task = record[taskColumn].trimmingSpaces()
                if !tests.contains(task) {
                    problems.append(
                        table.problem(
                            record, column: taskColumn, "no task test '\(task)'; known: \(tests.sorted().joined(separator: ", "))"))
                }
                if recorded.contains(participant + "\u{0}" + task) {
                    problems.append(
                        table.problem(
                            record, column: participantColumn, "participant '\(participant)' already attempted '\(task)' in this round"))
                }
            }
            try problems.throwIfAny()
            try await Self.insertAttempts(db, roundID: roundID, attempts)
        }
        return attempts.count
    }

    public func attempts(roundID: String) async throws -> [TaskTests.Attempt] {
        struct Row: Decodable {
            var participant, testCode, result: String
            var seconds, targetSeconds: Double
        }
        return try await read { db in
            try await db.select().columns("participant", "test_code", "result", "seconds", "target_seconds").from("task_attempts")
                .where("round_id", .equal, SQLBind(roundID)).orderBy("test_code").orderBy("participant")
                .records(Row.self)
                .map {
                    TaskTests.Attempt(
                        participant: $0.participant, task: $0.testCode,
                        result: try storedValue(TaskTests.Outcome.self, $0.result, column: "result"),
                        seconds: $0.seconds, targetSeconds: $0.targetSeconds)
                }
        }
    }

    /// Every task test's figures per round, rounds in date order.
    public func taskTrend(workspaceID: String) async throws -> (rounds: [TaskRound], trend: [TaskTests.Trend]) {
        let rounds = try await taskRounds(workspaceID: workspaceID)
        var series: [(round: String, attempts: [TaskTests.Attempt])] = []
        for round in rounds { series.append((round.name, try await attempts(roundID: round.id))) }
        return (rounds, TaskTests.trend(series))
    }
}
