/// A strategy treated as a theory and written as a test card: "we believe <change> for
/// <segment> will <customer outcome>, which drives <business impact>; we will know when
/// <metric> moves from X to Y by <date>". Closing it (validated or invalidated) asks for a
/// learning card, so what was learned is kept with what was believed.
public struct Hypothesis: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case proposed, testing, validated, invalidated

        public var isClosed: Bool { self == .validated || self == .invalidated }

        /// proposed -> testing -> validated | invalidated; a closed card stays closed.
        public func canMove(to next: Status) -> Bool {
            switch (self, next) {
            case (.proposed, .testing), (.testing, .validated), (.testing, .invalidated): true
            default: false
            }
        }
    }

    /// What the team believed, what it observed, what it learned and what it does next.
    public struct Learning: Codable, Equatable, Sendable {
        public var believed: String
        public var observed: String
        public var learned: String
        public var next: String

        public init(believed: String, observed: String, learned: String, next: String) {
            self.believed = believed
            self.observed = observed
            self.learned = learned
            self.next = next
        }

        public var problem: String? {
            for (name, text) in [("observed", observed), ("learned", learned), ("next", next)] where text.trimmingSpaces().isEmpty {
                return "the learning card needs what was \(name == "next" ? "decided next" : name)"
            }
            return nil
        }
    }

    public var code: String
    public var change: String
    public var segment: String
    public var outcome: String
    public var impact: String
    /// The metric code that tells; nil when the card names none yet.
    public var metric: String?
    public var from: Double?
    public var to: Double?
    /// `YYYY-MM-DD`.
    public var by: String?
    public var status: Status
    /// The strategy and initiative node codes the card tests.
    public var strategy: String?
    public var initiative: String?
    public var learning: Learning?
    public var createdOn: String
    public var closedOn: String?

    public init(
        code: String, change: String, segment: String, outcome: String, impact: String, metric: String? = nil, from: Double? = nil,
        to: Double? = nil, by: String? = nil, status: Status = .proposed, strategy: String? = nil, initiative: String? = nil,
        learning: Learning? = nil, createdOn: String, closedOn: String? = nil
    ) {
        self.code = code
        self.change = change
        self.segment = segment
        self.outcome = outcome
        self.impact = impact
        self.metric = metric
        self.from = from
        self.to = to
        self.by = by
        self.status = status
        self.strategy = strategy
        self.initiative = initiative
        self.learning = learning
        self.createdOn = createdOn
        self.closedOn = closedOn
    }

    /// The card as one sentence, in English.
    public var sentence: String { wording.text(in: "en") }

    /// The card as one sentence, in parts the pages look up in the catalogue.
    public var wording: AdminText {
        let customers = segment.isEmpty ? AdminText("our customers") : AdminText(verbatim: segment)
        let belief: AdminText = "We believe \(change) for \(customers) will \(outcome)"
        let drives: AdminText = impact.isEmpty ? AdminText(verbatim: "") : ", which drives \(impact)"
        var measure = AdminText(verbatim: "")
        if let metric {
            let known: AdminText =
                if let from, let to {
                    "; we will know when \(metric) moves from \(LineOfSightDocument.number(from)) to \(LineOfSightDocument.number(to))"
                } else {
                    "; we will know by \(metric)"
                }
            measure = by.map { "\(known) by \($0)" } ?? known
        }
        return "\(belief)\(drives)\(measure)."
    }

    /// The first thing wrong with a new card, or nil.
    public var problem: String? {
        if let message = UnitCode.problem(code) { return "hypothesis \(message)" }
        for (name, text) in [("the change (we believe ...)", change), ("the customer outcome (will ...)", outcome)]
        where text.trimmingSpaces().isEmpty {
            return "\(name) is empty"
        }
        if let by, CalendarDay.start(by) == nil { return "the date must be written YYYY-MM-DD" }
        if (from == nil) != (to == nil) { return "give both the value the metric moves from and the one it moves to" }
        for value in [from, to].compactMap({ $0 }) where !value.isFinite { return "metric values must be numbers" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case code, change, segment, outcome, impact, metric, from, to, by, status, strategy, initiative, learning
        case createdOn = "created_on"
        case closedOn = "closed_on"
    }
}
