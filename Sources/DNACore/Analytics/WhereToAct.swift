/// Where to act (DESIGN.md capability 7): the inside and the outside view on one screen. For
/// each underserved outcome of the newest outcome study, the units whose people name it as the
/// customer result their work serves (the line-of-sight item), each unit's weakest forces and
/// the forces that drive line of sight there, and the initiatives that lead to the outcome.
///
/// Units are where people sit. A unit appears only when the assessment may show it (at least
/// k respondents, and no hidden unit to be had by subtraction); its drivers are its own when it
/// has max(k, 30) respondents for them, else everyone's, and it says which.
public enum WhereToAct {
    public struct Force: Encodable, Sendable, Equatable {
        public var dimension: String
        public var name: String
        /// The force's score (0-100) for weakest forces; its share of what the forces explain
        /// for drivers.
        public var value: Double
    }

    public struct UnitView: Encodable, Sendable, Equatable {
        public var unit: String
        public var name: String
        public var respondents: Int
        /// People in the unit who name the outcome, and their share of its respondents.
        public var naming: Int
        public var share: Double
        public var weakestForces: [Force]
        public var topDrivers: [Force]
        /// `unit` when the drivers are the unit's own, `everyone` when the unit is too small.
        public var driversFrom: String

        enum CodingKeys: String, CodingKey {
            case unit, name, respondents, naming, share
            case weakestForces = "weakest_forces"
            case topDrivers = "top_drivers"
            case driversFrom = "drivers_from"
        }
    }

    public struct Initiative: Encodable, Sendable, Equatable {
        public var initiative: String
        public var title: String
        public var status: LineOfSightGraph.Status?
    }

    public struct OutcomeView: Encodable, Sendable, Equatable {
        public var outcome: String
        public var text: String
        public var opportunity: Double
        public var units: [UnitView]
        public var initiatives: [Initiative]
    }

    public struct Report: Encodable, Sendable, Equatable {
        /// The study and the wave read, by name; nil when there is none with answers.
        public var study: String?
        public var campaign: String?
        public var outcomes: [OutcomeView]
    }

    /// What the report is made of, read by the caller from wherever it keeps them.
    public struct Inputs: Sendable {
        public var study: String?
        public var scores: [OutcomeStudy.Score]
        public var outcomeText: [String: String]
        public var campaign: String?
        public var instrument: Instrument?
        public var responses: AssessmentResponses?
        public var unitNames: [String: String]
        public var frameworks: [Framework]
        public var drivers: DriverAnalysis.Report?
        public var graph: LineOfSightGraph
        public var minGroupSize: Int

        public init(
            study: String?, scores: [OutcomeStudy.Score], outcomeText: [String: String], campaign: String?, instrument: Instrument?,
            responses: AssessmentResponses?, unitNames: [String: String], frameworks: [Framework], drivers: DriverAnalysis.Report?,
            graph: LineOfSightGraph, minGroupSize: Int
        ) {
            self.study = study
            self.scores = scores
            self.outcomeText = outcomeText
            self.campaign = campaign
            self.instrument = instrument
            self.responses = responses
            self.unitNames = unitNames
            self.frameworks = frameworks
            self.drivers = drivers
            self.graph = graph
            self.minGroupSize = minGroupSize
        }
    }

    /// Forces listed per unit.
    static let listed = 3

    public static func build(_ inputs: Inputs) -> Report {
        let underserved = inputs.scores.filter { $0.status == .underserved && $0.segment == nil }
            .sorted { ($0.opportunity, $1.outcome) > ($1.opportunity, $0.outcome) }
        let units = unitViews(inputs)
        let titles = Dictionary(inputs.graph.nodes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let outcomes = underserved.map { score -> OutcomeView in
            let serving = units.compactMap { unit -> UnitView? in
                guard let naming = unit.naming[score.outcome], naming > 0 else { return nil }
                var view = unit.view
                view.naming = naming
                view.share = Double(naming) / Double(view.respondents)
                return view
            }.sorted { ($0.share, $1.unit) > ($1.share, $0.unit) }
            let initiatives = inputs.graph.edges.filter { $0.to == score.outcome && titles[$0.from]?.type == .initiative }
                .compactMap { edge in titles[edge.from].map { Initiative(initiative: $0.code, title: $0.title, status: $0.status) } }
                .sorted { $0.initiative < $1.initiative }
            return OutcomeView(
                outcome: score.outcome, text: inputs.outcomeText[score.outcome] ?? score.outcome, opportunity: score.opportunity,
                units: serving, initiatives: initiatives)
        }
        return Report(study: inputs.study, campaign: inputs.campaign, outcomes: outcomes)
    }

    /// Every unit the assessment may show, with how many of its people name each outcome.
    static func unitViews(_ inputs: Inputs) -> [(view: UnitView, naming: [String: Int])] {
        guard let instrument = inputs.instrument, let responses = inputs.responses,
            let forces = inputs.frameworks.first(where: { $0.id == "os-canvas" })
        else { return [] }
        let result = AssessmentScoring.score(
            instrument: instrument, responses: responses,
            options: .init(breakdown: .unit, minGroupSize: inputs.minGroupSize, frameworks: inputs.frameworks))
        var naming: [String: [String: Int]] = [:]
        for respondent in responses.respondents {
            if let outcome = respondent.outcome { naming[respondent.unit, default: [:]][outcome, default: 0] += 1 }
        }
        let names = Dictionary(forces.dimensions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let driverGroups = Dictionary(
            (inputs.drivers?.groups ?? []).compactMap { group in group.result.map { (group.name, $0) } },
            uniquingKeysWith: { first, _ in first })
        return result.groups.compactMap { group -> (UnitView, [String: Int])? in
            guard let scores = group.scores else { return nil }
            let weakest = forces.dimensions.compactMap { dimension in
                scores.dimension(forces.id, dimension.id).map { Force(dimension: dimension.id, name: dimension.name, value: $0.score) }
            }.sorted { ($0.value, $0.dimension) < ($1.value, $1.dimension) }.prefix(listed)
            let own = driverGroups[scores.group]
            let drivers = (own ?? inputs.drivers?.overall)?.drivers.compactMap { driver in
                driver.share.map { Force(dimension: driver.dimension, name: names[driver.dimension] ?? driver.dimension, value: $0) }
            }.sorted { ($0.value, $1.dimension) > ($1.value, $0.dimension) }.prefix(listed)
            let view = UnitView(
                unit: scores.group, name: inputs.unitNames[scores.group] ?? scores.group, respondents: scores.n, naming: 0, share: 0,
                weakestForces: Array(weakest), topDrivers: Array(drivers ?? []), driversFrom: own == nil ? "everyone" : "unit")
            return (view, naming[scores.group] ?? [:])
        }
    }
}
