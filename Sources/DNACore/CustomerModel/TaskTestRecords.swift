/// A task test: a task customers are asked to do, with an answer that shows whether they did
/// it and the time a customer should need.
public struct TaskTest: Codable, Equatable, Sendable {
    public var code: String
    /// The top task it tests, when it tests one.
    public var taskCode: String?
    public var question: String
    public var answer: String
    public var targetSeconds: Double

    public init(code: String, taskCode: String?, question: String, answer: String, targetSeconds: Double) {
        self.code = code
        self.taskCode = taskCode
        self.question = question
        self.answer = answer
        self.targetSeconds = targetSeconds
    }

    enum CodingKeys: String, CodingKey {
        case code, question, answer
        case taskCode = "task_code"
        case targetSeconds = "target_seconds"
    }
}

/// One round of task testing (e.g. before and after a redesign).
public struct TaskRound: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// `YYYY-MM-DD`.
    public var heldOn: String

    public init(id: String, name: String, heldOn: String) {
        self.id = id
        self.name = name
        self.heldOn = heldOn
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case heldOn = "held_on"
    }
}
