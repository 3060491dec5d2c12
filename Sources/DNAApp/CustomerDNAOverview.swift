import DNACore
import DNAStore
import Foundation

/// The page a leadership team opens first, as data: the inside view (the latest assessment
/// with answers: forces, layer balance, line-of-sight coverage), the outside view (top
/// opportunities, top tasks' performance, customer hours) and the line of sight (coverage,
/// inside-out initiatives, humility, agility, the objectives' metric pairs). The page and
/// `GET .../overview` are built from this one value.
public struct CustomerDNAOverview: Encodable, Sendable {
    public struct Force: Encodable, Sendable {
        public var dimension: String
        public var name: String
        public var score: Double
    }

    public struct Inside: Encodable, Sendable {
        public var campaign: String
        public var respondents: Int
        public var forces: [Force]
        public var balance: AssessmentResult.LayerBalance.Balance?
        public var lineOfSightCoverage: Double?

        enum CodingKeys: String, CodingKey {
            case campaign, respondents, forces, balance
            case lineOfSightCoverage = "line_of_sight_coverage"
        }
    }

    public struct Opportunity: Encodable, Sendable {
        public var outcome: String
        public var text: String
        public var opportunity: Double
        public var status: OutcomeStudy.Status
    }

    public struct TaskPerformance: Encodable, Sendable {
        public var task: String
        public var text: String
        public var score: Double
        public var successRate: Double
        public var scoreChange: Double?

        enum CodingKeys: String, CodingKey {
            case task, text, score
            case successRate = "success_rate"
            case scoreChange = "score_change"
        }
    }

    public struct Outside: Encodable, Sendable {
        public var study: String?
        public var opportunities: [Opportunity]
        public var tasks: [TaskPerformance]
        public var annualCustomerHours: Double
        public var customerHoursSaved: Double

        enum CodingKeys: String, CodingKey {
            case study, opportunities, tasks
            case annualCustomerHours = "annual_customer_hours"
            case customerHoursSaved = "customer_hours_saved"
        }
    }

    public struct Pair: Encodable, Sendable {
        public struct Side: Encodable, Sendable {
            public var metric: String
            public var name: String
            public var unit: String
            public var latest: Double?
            public var first: Double?
            public var target: Double?
            public var meetsTarget: Bool?

            enum CodingKeys: String, CodingKey {
                case metric, name, unit, latest, first, target
                case meetsTarget = "meets_target"
            }
        }

        public var objective: String
        public var title: String
        public var customer: Side
        public var business: Side
    }

    public struct Sight: Encodable, Sendable {
        public var coverage: LineOfSightCheck.Coverage
        public var insideOut: [String]
        public var humility: Humility.Figure?
        public var humilityLatestQuarter: Humility.Figure?
        public var signalToShipMedianDays: Double?
        public var decisionToShipMedianDays: Double?
        public var shippedLast12Months: Int
        public var objectives: [Pair]
        public var hypotheses: [String: Int]

        enum CodingKeys: String, CodingKey {
            case coverage, humility, objectives, hypotheses
            case insideOut = "inside_out"
            case humilityLatestQuarter = "humility_latest_quarter"
            case signalToShipMedianDays = "signal_to_ship_median_days"
            case decisionToShipMedianDays = "decision_to_ship_median_days"
            case shippedLast12Months = "shipped_last_12_months"
        }
    }

    public var workspace: String
    public var inside: Inside?
    public var outside: Outside
    public var lineOfSight: Sight
    /// Titles of line-of-sight nodes, for the page.
    public var nodeTitles: [String: String]

    enum CodingKeys: String, CodingKey {
        case workspace, inside, outside
        case lineOfSight = "line_of_sight"
    }

    static func load(store: Store, workspace: Workspace) async throws -> CustomerDNAOverview {
        let id = workspace.id
        // Inside: the newest campaign whose results can be shown.
        var inside: Inside?
        let frameworks = try await store.frameworks.all(workspaceID: id)
        for campaign in try await store.campaigns.all(workspaceID: id).sorted(by: { $0.opensAt > $1.opensAt }) {
            let scorecard = try await store.scorecards.scorecard(
                workspace: workspace, campaign: campaign, breakdown: .none, trendOfEveryGroup: false)
            guard let overall = scorecard.result.overall.scores else { continue }
            let canvas = frameworks.first { $0.id == "os-canvas" }
            inside = Inside(
                campaign: campaign.name, respondents: overall.n,
                forces: (canvas?.dimensions ?? []).compactMap { dimension in
                    overall.dimension("os-canvas", dimension.id).map {
                        Force(dimension: dimension.id, name: dimension.name, score: $0.score)
                    }
                }, balance: overall.layers?.balance, lineOfSightCoverage: overall.lineOfSightCoverage)
            break
        }

        // Outside: the newest study with answers, task tests, the time ledger.
        let model = try await store.customerModels.model(workspaceID: id)
        let sentences = Dictionary(model.outcomes.map { ($0.code, $0.sentence) }, uniquingKeysWith: { a, _ in a })
        var study: String?, opportunities: [Opportunity] = []
        for survey in try await store.surveys.all(workspaceID: id).filter({ $0.kind == .outcomeStudy }).sorted(by: {
            $0.opensAt > $1.opensAt
        }) {
            let scores = OutcomeStudy.score(try await store.surveys.outcomeRatings(surveyID: survey.id), bySegment: false)
            guard !scores.isEmpty else { continue }
            study = survey.name
            opportunities = scores.sorted { ($0.opportunity, $1.outcome) > ($1.opportunity, $0.outcome) }.prefix(5).map {
                Opportunity(outcome: $0.outcome, text: sentences[$0.outcome] ?? $0.outcome, opportunity: $0.opportunity, status: $0.status)
            }
            break
        }
        let tests = Dictionary(
            try await store.surveys.taskTests(workspaceID: id).map { ($0.code, $0.question) }, uniquingKeysWith: { a, _ in a })
        let tasks = try await store.surveys.taskTrend(workspaceID: id).trend.compactMap { trend -> TaskPerformance? in
            guard let last = trend.rounds.last else { return nil }
            return TaskPerformance(
                task: trend.task, text: tests[trend.task] ?? trend.task, score: last.result.score, successRate: last.result.successRate,
                scoreChange: trend.scoreChange)
        }
        let journeys = try await store.customerModels.journeys(workspaceID: id)
        let saved = TimeLedger.balance(journeys.flatMap { $0.changes.map(\.change) }).last?.cumulativeCustomerHoursSaved ?? 0

        // Line of sight and the loop.
        let graph = try await store.lineOfSight.model(workspaceID: id)
        let report = LineOfSightCheck.check(graph.model)
        let (humility, agility) = try await store.lineOfSight.loopFigures(workspaceID: id)
        let metrics = Dictionary(
            try await store.lineOfSight.metricDefinitions(workspaceID: id).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let series = Dictionary(grouping: try await store.lineOfSight.measurements(workspaceID: id), by: \.metric)
        func side(_ code: String) -> Pair.Side {
            let metric = metrics[code], values = series[code] ?? []
            return Pair.Side(
                metric: code, name: metric?.name ?? code, unit: metric?.unit ?? "", latest: values.last?.value, first: values.first?.value,
                target: metric?.target, meetsTarget: values.last.flatMap { metric?.meetsTarget($0.value) })
        }
        let pairs = try await store.lineOfSight.objectives(workspaceID: id).map {
            Pair(objective: $0.code, title: $0.title, customer: side($0.customerMetric), business: side($0.businessMetric))
        }
        let hypotheses = Dictionary(grouping: try await store.lineOfSight.hypotheses(workspaceID: id), by: \.status.rawValue).mapValues(
            \.count)
        return CustomerDNAOverview(
            workspace: workspace.slug, inside: inside,
            outside: Outside(
                study: study, opportunities: opportunities, tasks: tasks,
                annualCustomerHours: journeys.map(\.ledger.annualCustomerHours).reduce(0, +), customerHoursSaved: saved),
            lineOfSight: Sight(
                coverage: report.coverage, insideOut: report.findings.filter { $0.kind == .insideOut }.map(\.node),
                humility: humility.overall,
                humilityLatestQuarter: humility.byQuarter.last, signalToShipMedianDays: agility.overall.signalToShip?.median,
                decisionToShipMedianDays: agility.overall.decisionToShip?.median,
                shippedLast12Months: agility.shippedPerMonth.suffix(12).map(\.initiatives).reduce(0, +), objectives: pairs,
                hypotheses: hypotheses),
            nodeTitles: Dictionary(graph.nodes.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a }))
    }
}
