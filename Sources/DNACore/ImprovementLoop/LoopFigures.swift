/// The humility figure (DESIGN.md, capability 4): the share of decisions that cite customer
/// evidence, overall, by deciding unit and by quarter of the decision date.
public enum Humility {
    public struct Figure: Codable, Equatable, Sendable {
        /// A unit code, a quarter (`2026-Q2`), or nil for all decisions.
        public var group: String?
        public var decisions: Int
        public var citingEvidence: Int
        public var share: Double

        public init(group: String?, decisions: Int, citingEvidence: Int, share: Double) {
            self.group = group
            self.decisions = decisions
            self.citingEvidence = citingEvidence
            self.share = share
        }

        enum CodingKeys: String, CodingKey {
            case group, decisions, share
            case citingEvidence = "citing_evidence"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try container.encode(decisions, forKey: .decisions)
            try container.encode(citingEvidence, forKey: .citingEvidence)
            try container.encode(share, forKey: .share)
        }
    }

    public struct Report: Codable, Equatable, Sendable {
        public var overall: Figure?
        public var byUnit: [Figure]
        public var byQuarter: [Figure]

        enum CodingKeys: String, CodingKey {
            case overall
            case byUnit = "by_unit"
            case byQuarter = "by_quarter"
        }
    }

    /// A decision cites customer evidence when it cites at least one item that exists in the
    /// repository (`knownEvidence`); a code that names nothing does not count.
    public static func report(_ decisions: [DecisionRecord], knownEvidence: Set<String>) -> Report {
        func figure(_ group: String?, _ members: [DecisionRecord]) -> Figure {
            let citing = members.filter { $0.evidence.contains(where: knownEvidence.contains) }.count
            return Figure(group: group, decisions: members.count, citingEvidence: citing, share: Double(citing) / Double(members.count))
        }
        let byUnit = Dictionary(grouping: decisions.filter { $0.unit != nil }) { $0.unit! }
        let byQuarter = Dictionary(grouping: decisions) { Quarter.of($0.decidedOn) }
        return Report(
            overall: decisions.isEmpty ? nil : figure(nil, decisions),
            byUnit: byUnit.keys.sorted().map { figure($0, byUnit[$0]!) },
            byQuarter: byQuarter.keys.sorted().map { figure($0, byQuarter[$0]!) })
    }
}

/// Calendar quarters written `YYYY-Qn`.
public enum Quarter {
    public static func of(_ day: String) -> String {
        let month = Int(day.dropFirst(5).prefix(2)) ?? 1
        return "\(day.prefix(4))-Q\((month - 1) / 3 + 1)"
    }
}

/// The agility figures (DESIGN.md, capability 4): how long the organization takes from a
/// signal (evidence captured) to a decision and from the decision to a shipped initiative,
/// and how often initiatives ship.
public enum Agility {
    /// One decision's lead times in days. The signal is the earliest cited evidence captured
    /// on or before the decision; evidence gathered afterwards did not prompt it.
    public struct LeadTime: Codable, Equatable, Sendable {
        public var decision: String
        public var signalOn: String?
        public var decidedOn: String
        public var shippedOn: String?
        public var signalToDecision: Double?
        public var decisionToShip: Double?
        public var signalToShip: Double?

        enum CodingKeys: String, CodingKey {
            case decision
            case signalOn = "signal_on"
            case decidedOn = "decided_on"
            case shippedOn = "shipped_on"
            case signalToDecision = "signal_to_decision_days"
            case decisionToShip = "decision_to_ship_days"
            case signalToShip = "signal_to_ship_days"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(decision, forKey: .decision)
            try container.encode(signalOn, forKey: .signalOn)
            try container.encode(decidedOn, forKey: .decidedOn)
            try container.encode(shippedOn, forKey: .shippedOn)
            try container.encode(signalToDecision, forKey: .signalToDecision)
            try container.encode(decisionToShip, forKey: .decisionToShip)
            try container.encode(signalToShip, forKey: .signalToShip)
        }
    }

    /// The spread of one lead time over a set of decisions: count, quartiles and extremes.
    public struct Distribution: Codable, Equatable, Sendable {
        public var n: Int
        public var min: Double
        public var q1: Double
        public var median: Double
        public var q3: Double
        public var max: Double

        /// Quartiles by linear interpolation between order statistics (R's type 7), so the
        /// median equals `Statistics.median`.
        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            func quantile(_ p: Double) -> Double {
                let position = p * Double(sorted.count - 1)
                let low = Int(position.rounded(.down)), high = Swift.min(low + 1, sorted.count - 1)
                return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            }
            n = sorted.count
            min = sorted[0]
            q1 = quantile(0.25)
            median = quantile(0.5)
            q3 = quantile(0.75)
            max = sorted[sorted.count - 1]
        }
    }

    public struct Period: Codable, Equatable, Sendable {
        /// `YYYY-Qn` of the decision, or nil for all decisions.
        public var period: String?
        public var decisions: Int
        public var signalToDecision: Distribution?
        public var decisionToShip: Distribution?
        public var signalToShip: Distribution?

        enum CodingKeys: String, CodingKey {
            case period, decisions
            case signalToDecision = "signal_to_decision_days"
            case decisionToShip = "decision_to_ship_days"
            case signalToShip = "signal_to_ship_days"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(period, forKey: .period)
            try container.encode(decisions, forKey: .decisions)
            try container.encode(signalToDecision, forKey: .signalToDecision)
            try container.encode(decisionToShip, forKey: .decisionToShip)
            try container.encode(signalToShip, forKey: .signalToShip)
        }
    }

    public struct Shipped: Codable, Equatable, Sendable {
        /// `YYYY-MM`.
        public var month: String
        public var initiatives: Int

        public init(month: String, initiatives: Int) {
            self.month = month
            self.initiatives = initiatives
        }
    }

    public struct Report: Codable, Equatable, Sendable {
        public var overall: Period
        public var byQuarter: [Period]
        public var leadTimes: [LeadTime]
        public var shippedPerMonth: [Shipped]

        enum CodingKeys: String, CodingKey {
            case overall
            case byQuarter = "by_quarter"
            case leadTimes = "lead_times"
            case shippedPerMonth = "shipped_per_month"
        }
    }

    /// - Parameters:
    ///   - evidenceDates: capture date by evidence code.
    ///   - shipped: ship date by initiative code, for shipped initiatives only.
    public static func report(_ decisions: [DecisionRecord], evidenceDates: [String: String], shipped: [String: String]) -> Report {
        let leadTimes = decisions.sorted { ($0.decidedOn, $0.code) < ($1.decidedOn, $1.code) }.map { decision in
            let signal = decision.evidence.compactMap { evidenceDates[$0] }.filter { $0 <= decision.decidedOn }.min()
            let ship = decision.initiative.flatMap { shipped[$0] }.flatMap { $0 >= decision.decidedOn ? $0 : nil }
            return LeadTime(
                decision: decision.code, signalOn: signal, decidedOn: decision.decidedOn, shippedOn: ship,
                signalToDecision: signal.flatMap { days($0, decision.decidedOn) },
                decisionToShip: ship.flatMap { days(decision.decidedOn, $0) },
                signalToShip: signal.flatMap { start in ship.flatMap { days(start, $0) } })
        }
        func period(_ name: String?, _ times: [LeadTime]) -> Period {
            Period(
                period: name, decisions: times.count, signalToDecision: Distribution(times.compactMap(\.signalToDecision)),
                decisionToShip: Distribution(times.compactMap(\.decisionToShip)),
                signalToShip: Distribution(times.compactMap(\.signalToShip)))
        }
        let quarters = Dictionary(grouping: leadTimes) { Quarter.of($0.decidedOn) }
        return Report(
            overall: period(nil, leadTimes), byQuarter: quarters.keys.sorted().map { period($0, quarters[$0]!) }, leadTimes: leadTimes,
            shippedPerMonth: shippedPerMonth(Array(shipped.values)))
    }

    /// Initiatives shipped in each month from the first ship to the last, months with none
    /// included, so a gap shows as a zero rather than disappearing.
    public static func shippedPerMonth(_ dates: [String]) -> [Shipped] {
        let counts = Dictionary(grouping: dates.map { String($0.prefix(7)) }) { $0 }.mapValues(\.count)
        guard let first = counts.keys.min(), let last = counts.keys.max(),
            var year = Int(first.prefix(4)), var month = Int(first.suffix(2))
        else { return [] }
        var result: [Shipped] = []
        while true {
            let key = "\(year)-\(month < 10 ? "0" : "")\(month)"
            result.append(Shipped(month: key, initiatives: counts[key] ?? 0))
            if key >= last { break }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return result
    }

    static func days(_ from: String, _ to: String) -> Double? {
        guard let start = CalendarDay.start(from), let end = CalendarDay.start(to) else { return nil }
        return Double(end - start) / 86_400
    }
}
