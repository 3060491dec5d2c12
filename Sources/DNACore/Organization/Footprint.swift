/// What deleting or erasing something takes with it, counted: the confirmation names it before,
/// and the audit log and the answer record it after. Kinds with nothing to remove are left out.
public struct Footprint: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case campaigns, surveys, participants, responses
        case openAnswers = "open_answers"
        case respondents, answers
        case customerMetricAnswers = "customer_metric_answers"
        case taskAttempts = "task_attempts"
        case invitations
        case managerReferences = "manager_references"
        case actionOwnerships = "action_ownerships"
        case unusedLinks = "unused_links"
        case mails, memberships, accounts, sessions
        case apiTokens = "api_tokens"
        case signInRecords = "sign_in_records"
        case auditEntriesAnonymized = "audit_entries_anonymized"

        /// "1 response" or "12 responses", in English for the command line, the API and the
        /// audit log.
        public func counted(_ count: Int) -> String {
            let (one, other): (String, String) =
                switch self {
                case .campaigns: ("campaign", "campaigns")
                case .surveys: ("study or vote", "studies and votes")
                case .participants: ("participant record", "participant records")
                case .responses: ("response", "responses")
                case .openAnswers: ("open answer", "open answers")
                case .respondents: ("customer respondent", "customer respondents")
                case .answers: ("customer answer", "customer answers")
                case .customerMetricAnswers: ("customer metric answer", "customer metric answers")
                case .taskAttempts: ("task-test attempt", "task-test attempts")
                case .invitations: ("invitation", "invitations")
                case .managerReferences: ("participant record naming them as manager", "participant records naming them as manager")
                case .actionOwnerships: ("action naming them as owner", "actions naming them as owner")
                case .unusedLinks: ("unused link", "unused links")
                case .mails: ("mail in the outbox", "mails in the outbox")
                case .memberships: ("workspace membership", "workspace memberships")
                case .accounts: ("user account", "user accounts")
                case .sessions: ("sign-in session", "sign-in sessions")
                case .apiTokens: ("API token", "API tokens")
                case .signInRecords: ("failed sign-in record", "failed sign-in records")
                case .auditEntriesAnonymized: ("audit entry made anonymous", "audit entries made anonymous")
                }
            return "\(count) \(count == 1 ? one : other)"
        }
    }

    public struct Part: Codable, Equatable, Sendable {
        public var kind: Kind
        public var count: Int

        public init(kind: Kind, count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    /// What is (or was) removed, in `Kind` order, none with a count of zero.
    public var parts: [Part]

    public init(_ counts: [Kind: Int]) {
        parts = Kind.allCases.compactMap { kind in counts[kind].flatMap { $0 > 0 ? Part(kind: kind, count: $0) : nil } }
    }

    public func count(of kind: Kind) -> Int { parts.first { $0.kind == kind }?.count ?? 0 }

    /// "412 responses, 380 open answers and 500 invitations", or "nothing else".
    public var summary: String {
        let words = parts.map { $0.kind.counted($0.count) }
        guard let last = words.last else { return "nothing else" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " and " + last
    }
}
