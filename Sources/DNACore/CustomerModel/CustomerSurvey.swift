/// A survey put to customers: an outcome study (importance and satisfaction per desired
/// outcome) or a top-tasks vote (pick up to five tasks from the whole list).
public struct CustomerSurvey: Codable, Equatable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case outcomeStudy = "outcome-study"
        case topTasks = "top-tasks"

        public var title: String { self == .outcomeStudy ? "Outcome study" : "Top-tasks vote" }

        /// What customers read when the survey has no public title of its own: never the
        /// internal name, which is written for colleagues.
        public var defaultPublicTitle: String { self == .outcomeStudy ? "What matters to you" : "What you come to us for" }
    }

    /// An outcome or task as the survey froze it when it was created.
    public struct Item: Codable, Equatable, Sendable {
        public var code: String
        public var text: String
        /// The text in other languages, frozen with it from the customer model; nil for none.
        public var translations: [String: String]?

        public init(code: String, text: String, translations: [String: String]? = nil) {
            self.code = code
            self.text = text
            self.translations = translations
        }

        /// The text in `language`, or as the model words it when not translated.
        public func text(in language: String) -> String { translations?[language] ?? text }
    }

    public var id: String
    public var workspaceID: String
    public var kind: Kind
    /// The internal name, for colleagues ("Claims outcome study, spring 2026").
    public var name: String
    /// The title customers see; empty for the kind's default.
    public var publicTitle: String
    public var opensAt: Int64
    public var closesAt: Int64?
    /// The secret of the open anonymous link, when one is on.
    public var openLink: String?
    public var thresholds: TopTasks.Thresholds
    public var createdAt: Int64
    public var items: [Item]

    public init(
        id: String, workspaceID: String, kind: Kind, name: String, opensAt: Int64, closesAt: Int64?, openLink: String?,
        thresholds: TopTasks.Thresholds, createdAt: Int64, items: [Item], publicTitle: String = ""
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.kind = kind
        self.name = name
        self.publicTitle = publicTitle
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.openLink = openLink
        self.thresholds = thresholds
        self.createdAt = createdAt
        self.items = items
    }

    /// The title on the customer's pages.
    public var titleForCustomers: String { publicTitle.isEmpty ? kind.defaultPublicTitle : publicTitle }

    /// The longest public title, in characters.
    public static let publicTitleLimit = 200

    public func state(at now: Int64) -> Campaign.State {
        if now < opensAt { return .scheduled }
        if let closesAt, now >= closesAt { return .closed }
        return .open
    }

    /// Outcomes shown per step of the respondent pages.
    public static let outcomesPerStep = 5
}

/// How far a customer survey has come.
public struct SurveyProgress: Codable, Equatable, Sendable {
    public var linksIssued: Int
    public var submitted: Int
    public var inProgress: Int

    public init(linksIssued: Int, submitted: Int, inProgress: Int) {
        self.linksIssued = linksIssued
        self.submitted = submitted
        self.inProgress = inProgress
    }
}

extension CustomerSurvey {
    /// The title on the customer's pages and mails in `language`: the public title as
    /// written, or the kind's default title in that language.
    public func titleForCustomers(in language: String) -> String {
        publicTitle.isEmpty ? (kind == .outcomeStudy ? CustomerPhrase.studyTitle : .voteTitle).text(in: language) : publicTitle
    }
}
