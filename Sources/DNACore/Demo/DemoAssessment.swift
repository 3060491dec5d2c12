import Foundation

/// Two assessment waves of Harbor Mutual, generated from a fixed seed so every demo is the
/// same. The story: customer-facing experience is strong, culture and leadership lag (a
/// "Ferrari engine in an old Fiat"), finance and administration struggle to name the customer
/// value of their work, and the second wave shows early gains in innovation, meetings and
/// authority after the first experiments.
public enum DemoAssessment {
    public struct Respondent: Sendable {
        public var unit: String
        public var role: String
        public var likert: [Int8]
        public var outcome: String?
        public var texts: [String: String]
    }

    public struct Wave: Sendable {
        public var name: String
        /// Days before "now" when the wave opened and closed.
        public var openedDaysAgo: Int
        public var closedDaysAgo: Int
        public var invited: [String: Int]
        public var respondents: [Respondent]
    }

    /// Respondents per unit in the first wave; the second wave has a few more.
    static let headcount: [(unit: String, answered: Int)] = [
        ("exec", 4), ("service", 58), ("claims", 52), ("sales", 33), ("marketing", 14), ("digital", 24), ("underwriting", 19),
        ("it", 16), ("data", 8), ("finance", 21), ("people", 9), ("admin", 7),
    ]

    /// How likely people in a unit are to name a customer outcome on the line-of-sight item.
    static let namesOutcome: [String: Double] = [
        "exec": 0.9, "service": 0.85, "claims": 0.8, "sales": 0.7, "marketing": 0.7, "digital": 0.8, "underwriting": 0.5, "it": 0.4,
        "data": 0.55, "finance": 0.2, "people": 0.3, "admin": 0.15,
    ]

    /// The outcomes people in each unit tend to name.
    static let outcomesByUnit: [String: [String]] = [
        "exec": ["settlement-time", "right-cover"], "service": ["repeat-details", "claim-status-unknown", "reach-help"],
        "claims": ["report-claim-time", "settlement-time", "claim-status-unknown", "repair-quality"],
        "sales": ["broker-quote-time", "cover-understanding"], "marketing": ["cover-understanding", "renewal-effort"],
        "digital": ["report-claim-time", "renewal-effort", "claim-status-unknown"], "underwriting": ["right-cover", "price-surprise"],
        "it": ["repeat-details", "report-claim-time"], "data": ["price-surprise", "claim-status-unknown"], "finance": ["payment-errors"],
        "people": ["reach-help"], "admin": ["payment-errors"],
    ]

    static let openAnswers: [String: [String]] = [
        "service": [
            "I sort out problems on the first call so people can get on with their day.",
            "We have to ask customers for the same details three times because our systems do not talk to each other.",
        ],
        "claims": [
            "I get people's lives back to normal after an accident.",
            "Approvals for anything above the limit take days while the customer waits.",
        ],
        "finance": [
            "I pay suppliers and staff; I am not sure how that helps customers.",
            "Budgets are set by department a year ahead, so we cannot move money when customers need something new.",
        ],
        "admin": ["I keep the offices running. Customers never see that."],
        "digital": ["We test new claim forms with real customers every fortnight."],
        "it": ["Our release approvals take longer than the work itself."],
        "people": ["Our bonus scheme rewards sales volume, not whether customers stay."],
    ]

    public static func waves(instrument: Instrument = BuiltInInstruments.customerDNA) -> [Wave] {
        [
            makeWave(name: "Baseline, spring", index: 0, openedDaysAgo: 240, closedDaysAgo: 210, instrument: instrument),
            makeWave(name: "Pulse, autumn", index: 1, openedDaysAgo: 40, closedDaysAgo: 10, instrument: instrument),
        ]
    }

    static func makeWave(name: String, index: Int, openedDaysAgo: Int, closedDaysAgo: Int, instrument: Instrument) -> Wave {
        var random = SeededRandom(seed: 0xC0FFEE + UInt64(index))
        let roles = Dictionary(grouping: DemoOrganization.roles, by: \.unit).mapValues { $0.map(\.code) }
        let layersOf = instrument.likertItems.map { item in Set(item.dimensions.map { "\($0.framework)/\($0.dimension)" }) }
        var respondents: [Respondent] = []
        var invited: [String: Int] = [:]
        for (unit, baseCount) in headcount {
            let count = baseCount + (index == 1 ? baseCount / 8 : 0)
            invited[unit] = Int((Double(baseCount) * 1.35).rounded())
            for _ in 0..<count {
                let attitude = random.normal() * 0.7
                var likert: [Int8] = []
                for (position, item) in instrument.likertItems.enumerated() {
                    let dimensions = layersOf[position]
                    var mean = 3.15 + attitude
                    if dimensions.contains("layers/experience") { mean += 0.65 }
                    if dimensions.contains("layers/data-technology") { mean += 0.1 }
                    if dimensions.contains("layers/strategy") { mean -= 0.15 }
                    if dimensions.contains("layers/culture-leadership") { mean -= 0.7 }
                    if dimensions.contains("os-canvas/compensation") { mean -= 0.35 }
                    if ["service", "claims", "digital"].contains(unit), dimensions.contains("layers/experience") { mean += 0.25 }
                    if ["finance", "admin"].contains(unit), dimensions.contains("os-canvas/strategy") { mean -= 0.45 }
                    if index == 1,
                        dimensions.contains("os-canvas/innovation") || dimensions.contains("os-canvas/meetings")
                            || dimensions.contains("os-canvas/authority")
                    {
                        mean += 0.4
                    }
                    let draw = random.uniform()
                    if draw < 0.01 {
                        likert.append(AssessmentResponses.missing)
                    } else if draw < (dimensions.contains("os-canvas/information") && unit == "finance" ? 0.15 : 0.035) {
                        likert.append(AssessmentResponses.dontKnow)
                    } else {
                        let agreement = Int8(max(1, min(5, (mean + random.normal() * 0.7).rounded())))
                        likert.append(item.reverse ? 6 - agreement : agreement)
                    }
                }
                let names = random.uniform() < min(1, (namesOutcome[unit] ?? 0.5) + (index == 1 ? 0.1 : 0))
                let choices = outcomesByUnit[unit] ?? []
                var texts: [String: String] = [:]
                if let answers = openAnswers[unit], random.uniform() < 0.3 {
                    texts["value-in-own-words"] = answers[random.below(answers.count)]
                }
                let unitRoles = roles[unit] ?? []
                respondents.append(
                    Respondent(
                        unit: unit, role: unitRoles.isEmpty || random.uniform() < 0.1 ? "" : unitRoles[random.below(unitRoles.count)],
                        likert: likert, outcome: names && !choices.isEmpty ? choices[random.below(choices.count)] : nil, texts: texts))
            }
        }
        return Wave(name: name, openedDaysAgo: openedDaysAgo, closedDaysAgo: closedDaysAgo, invited: invited, respondents: respondents)
    }
}

/// SplitMix64: small, fast and the same on every platform, so generated data is repeatable.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Standard normal (Box-Muller).
    public mutating func normal() -> Double {
        let u = max(uniform(), 1e-12), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
