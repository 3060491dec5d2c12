/// A mail in the outbox: who gets it, what it says, and how sending it has gone so far.
public struct OutboxMail: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        case pending, sent, failed
    }

    public var id: String
    public var workspaceID: String
    /// What the mail is for, such as `invitation:<campaign id>`; mails are counted by it.
    public var purpose: String
    public var recipient: String
    public var subject: String
    public var bodyText: String
    public var bodyHTML: String
    public var messageID: String
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Int64
    public var lastError: String?
    public var sentAt: Int64?
    public var createdAt: Int64

    public init(
        id: String, workspaceID: String, purpose: String, recipient: String, subject: String, bodyText: String, bodyHTML: String,
        messageID: String, state: State = .pending, attempts: Int = 0, nextAttemptAt: Int64, lastError: String? = nil,
        sentAt: Int64? = nil, createdAt: Int64
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.purpose = purpose
        self.recipient = recipient
        self.subject = subject
        self.bodyText = bodyText
        self.bodyHTML = bodyHTML
        self.messageID = messageID
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.sentAt = sentAt
        self.createdAt = createdAt
    }

    /// When a mail that failed for now is tried again: 1, 5, 15 and 60 minutes, then every
    /// 3 hours; after `maximumAttempts` it is given up.
    public static func retryDelay(afterAttempt attempt: Int) -> Int64 {
        [60, 300, 900, 3600][safe: attempt - 1] ?? 10_800
    }

    public static let maximumAttempts = 8
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
