/// A wave of an assessment: an instrument sent to a population of units within a window.
/// The instrument's text is frozen into the campaign, so later edits cannot change how its
/// answers are read.
public struct Campaign: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var workspaceID: String
    public var name: String
    public var instrumentCode: String
    public var instrumentSource: String
    public var opensAt: Int64
    public var closesAt: Int64?
    /// The open anonymous link's secret, when the campaign has one. It is meant to be shared
    /// widely, so it is kept as is (unlike the single-use tokens, stored only as hashes).
    public var openLink: String?
    public var createdAt: Int64

    public init(
        id: String, workspaceID: String, name: String, instrumentCode: String, instrumentSource: String, opensAt: Int64,
        closesAt: Int64?, openLink: String? = nil, createdAt: Int64
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.instrumentCode = instrumentCode
        self.instrumentSource = instrumentSource
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.openLink = openLink
        self.createdAt = createdAt
    }

    public enum State: String, Codable, Sendable {
        case scheduled, open, closed
    }

    public func state(at now: Int64) -> State {
        if now < opensAt { return .scheduled }
        if let closesAt, now >= closesAt { return .closed }
        return .open
    }

    /// The frozen instrument. It was validated when the campaign was made.
    public func instrument(frameworks: [Framework] = BuiltInFrameworks.all) throws(FileProblems) -> Instrument {
        try InstrumentLoader.load(file: "\(instrumentCode).yaml", text: instrumentSource, frameworks: frameworks)
    }
}

/// How far a campaign has got in one unit of its population.
public struct CampaignProgress: Codable, Equatable, Sendable {
    public struct UnitProgress: Codable, Equatable, Sendable {
        public var unitCode: String
        public var unitName: String
        public var invited: Int
        /// Nil when the unit is too small to show (fewer than k invited).
        public var submitted: Int?
        public var rate: Double?

        public init(unitCode: String, unitName: String, invited: Int, submitted: Int?, rate: Double?) {
            self.unitCode = unitCode
            self.unitName = unitName
            self.invited = invited
            self.submitted = submitted
            self.rate = rate
        }
    }

    public var units: [UnitProgress]
    public var invited: Int
    public var submitted: Int
    public var inProgress: Int
    public var rate: Double?

    public init(units: [UnitProgress], invited: Int, submitted: Int, inProgress: Int, rate: Double?) {
        self.units = units
        self.invited = invited
        self.submitted = submitted
        self.inProgress = inProgress
        self.rate = rate
    }
}

/// A desired outcome of the customer model, e.g. "minimize the time it takes to report a
/// claim after an accident".
public struct CustomerOutcome: Codable, Equatable, Sendable, Identifiable {
    public enum Direction: String, Codable, Sendable, CaseIterable {
        case minimize, increase
    }

    public var id: String
    public var workspaceID: String
    public var code: String
    public var jobID: String?
    public var direction: Direction
    public var metric: String
    public var object: String
    public var clarifier: String

    public init(
        id: String, workspaceID: String, code: String, jobID: String? = nil, direction: Direction, metric: String, object: String,
        clarifier: String = ""
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.code = code
        self.jobID = jobID
        self.direction = direction
        self.metric = metric
        self.object = object
        self.clarifier = clarifier
    }

    /// The outcome as one sentence: direction, metric, object and clarifier.
    public var sentence: String {
        [direction.rawValue.prefix(1).uppercased() + direction.rawValue.dropFirst(), metric, object, clarifier]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Something that pulls against customer alignment in one force, raised from an open answer
/// or by hand.
public struct Tension: Codable, Equatable, Sendable, Identifiable {
    public enum Source: String, Codable, Sendable {
        case openAnswer = "open-answer"
        case manual
    }

    public var id: String
    public var workspaceID: String
    public var campaignID: String?
    public var framework: String
    public var dimension: String
    public var text: String
    public var source: Source
    public var createdAt: Int64

    public init(
        id: String, workspaceID: String, campaignID: String?, framework: String, dimension: String, text: String, source: Source,
        createdAt: Int64
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.campaignID = campaignID
        self.framework = framework
        self.dimension = dimension
        self.text = text
        self.source = source
        self.createdAt = createdAt
    }
}

/// A small, safe-to-try change of practice aimed at a tension, with a date to look back.
public struct Experiment: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var workspaceID: String
    public var tensionID: String?
    public var framework: String
    public var dimension: String
    public var practice: String
    public var hypothesis: String
    public var participants: String
    public var durationDays: Int
    /// The review date, `YYYY-MM-DD`.
    public var reviewOn: String
    /// What happened; nil until the review.
    public var outcome: String?
    public var createdAt: Int64

    public init(
        id: String, workspaceID: String, tensionID: String?, framework: String, dimension: String, practice: String,
        hypothesis: String, participants: String, durationDays: Int, reviewOn: String, outcome: String?, createdAt: Int64
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.tensionID = tensionID
        self.framework = framework
        self.dimension = dimension
        self.practice = practice
        self.hypothesis = hypothesis
        self.participants = participants
        self.durationDays = durationDays
        self.reviewOn = reviewOn
        self.outcome = outcome
        self.createdAt = createdAt
    }
}

/// Likert answers packed one character per item, in the instrument's likert order, as the
/// store keeps them: '1'-'5' an answer, 'd' don't know, '.' missing.
public enum LikertCodes {
    public static func encode(_ answers: [Int8]) -> String {
        String(
            decoding: answers.map { value -> UInt8 in
                switch value {
                case 1...5: UInt8(ascii: "0") + UInt8(value)
                case AssessmentResponses.dontKnow: UInt8(ascii: "d")
                default: UInt8(ascii: ".")
                }
            }, as: UTF8.self)
    }

    /// Decodes `text` into `count` answers; characters past `count` are ignored and a short
    /// string is padded with missing answers.
    public static func decode(_ text: String, count: Int) -> [Int8] {
        var row = [Int8](repeating: AssessmentResponses.missing, count: count)
        for (index, byte) in text.utf8.prefix(count).enumerated() {
            switch byte {
            case UInt8(ascii: "1")...UInt8(ascii: "5"): row[index] = Int8(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "d"): row[index] = AssessmentResponses.dontKnow
            default: break
            }
        }
        return row
    }
}
