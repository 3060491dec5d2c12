/// One piece of evidence about customers: an observation, a quote or a data point, with where
/// it came from, when it was captured and for which segment. Tags place it on the frameworks
/// (`os-canvas/workflow`, `obsession/humility`); links say what it supports or contradicts.
public struct EvidenceItem: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case observation, quote
        case dataPoint = "data-point"
    }

    /// Every source is a channel to customers, so any cited item counts as customer evidence
    /// in the humility figure.
    public enum Source: String, Codable, Sendable, CaseIterable {
        case interview, survey, analytics, support, sales, review
    }

    public var code: String
    public var kind: Kind
    public var source: Source
    public var title: String
    public var text: String
    /// `YYYY-MM-DD`.
    public var capturedOn: String
    public var segment: String
    /// `framework/dimension` tags.
    public var tags: [String]
    public var links: [EvidenceLink]

    public init(
        code: String, kind: Kind, source: Source, title: String, text: String = "", capturedOn: String, segment: String = "",
        tags: [String] = [], links: [EvidenceLink] = []
    ) {
        self.code = code
        self.kind = kind
        self.source = source
        self.title = title
        self.text = text
        self.capturedOn = capturedOn
        self.segment = segment
        self.tags = tags
        self.links = links
    }

    public var problem: String? {
        if let message = UnitCode.problem(code) { return "evidence \(message)" }
        if title.trimmingSpaces().isEmpty { return "say in a line what the evidence shows" }
        if CalendarDay.start(capturedOn) == nil { return "the capture date must be written YYYY-MM-DD" }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case code, kind, source, title, text, segment, tags, links
        case capturedOn = "captured_on"
    }
}

/// What a piece of evidence is about, and whether it supports or contradicts it.
public struct EvidenceLink: Codable, Equatable, Hashable, Sendable {
    public enum Target: String, Codable, Sendable, CaseIterable {
        /// A line-of-sight node (a strategy, say): the `supports` of the contract's YAML.
        case node, job, outcome, hypothesis, decision
    }

    public enum Stance: String, Codable, Sendable, CaseIterable {
        case supports, contradicts
    }

    public var target: Target
    public var code: String
    public var stance: Stance

    public init(target: Target, code: String, stance: Stance = .supports) {
        self.target = target
        self.code = code
        self.stance = stance
    }
}

/// A decision as logged: what was decided, among which options, on what evidence and with
/// how much of the customer in the room.
public struct DecisionRecord: Codable, Equatable, Sendable {
    /// The customer's part in the decision: a partner shaping it, a counterweight heard
    /// against the inside view, or absent.
    public enum Involvement: String, Codable, Sendable, CaseIterable {
        case partner, counterweight, none
    }

    public var code: String
    public var title: String
    public var context: String
    public var options: [String]
    public var chosen: String
    public var involvement: Involvement
    public var decidedBy: String
    /// The deciding unit's code.
    public var unit: String?
    /// `YYYY-MM-DD`.
    public var decidedOn: String
    /// The initiative the decision started or changed, for the agility lead times.
    public var initiative: String?
    /// Codes of the evidence cited.
    public var evidence: [String]

    public init(
        code: String, title: String, context: String = "", options: [String] = [], chosen: String = "",
        involvement: Involvement = .none, decidedBy: String = "", unit: String? = nil, decidedOn: String, initiative: String? = nil,
        evidence: [String] = []
    ) {
        self.code = code
        self.title = title
        self.context = context
        self.options = options
        self.chosen = chosen
        self.involvement = involvement
        self.decidedBy = decidedBy
        self.unit = unit
        self.decidedOn = decidedOn
        self.initiative = initiative
        self.evidence = evidence
    }

    public var problem: String? {
        if let message = UnitCode.problem(code) { return "decision \(message)" }
        if title.trimmingSpaces().isEmpty { return "say what was decided" }
        if CalendarDay.start(decidedOn) == nil { return "the decision date must be written YYYY-MM-DD" }
        if !chosen.isEmpty, !options.isEmpty, !options.contains(chosen) {
            return "the chosen option '\(chosen)' is not one of the options listed"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case code, title, context, options, chosen, involvement, unit, initiative, evidence
        case decidedBy = "decided_by"
        case decidedOn = "decided_on"
    }
}
