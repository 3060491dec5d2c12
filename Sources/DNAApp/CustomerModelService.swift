import DNACore
import DNAStore

/// The customer model's use cases: jobs, outcomes, segments, offerings and tasks (by file or
/// record), task tests with their rounds and attempts, the time ledger's journeys, and
/// customer metrics. Reading needs viewer access, changing analyst; changes are logged as the
/// caller's.
public struct CustomerModelService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func model(_ caller: Caller?, workspace slug: String) async throws -> CustomerModel {
        try await access.reading(slug, caller) { try await store.customerModels.model(workspaceID: $0.id) }
    }

    /// The outcomes customers want, as the line-of-sight question offers them.
    public func outcomes(_ caller: Caller?, workspace slug: String) async throws -> [CustomerOutcome] {
        try await access.reading(slug, caller) { try await store.customerModels.customerOutcomes(workspaceID: $0.id) }
    }

    public func addOutcome(
        _ caller: Caller?, workspace slug: String, code: String, direction: CustomerOutcome.Direction, metric: String, object: String,
        clarifier: String
    ) async throws -> CustomerOutcome {
        try await access.changing(slug, caller) {
            try await store.customerModels.addCustomerOutcome(
                workspaceID: $0.id, code: code, direction: direction, metric: metric, object: object, clarifier: clarifier)
        }
    }

    /// Merges a model file by code, all or nothing; problems are thrown as `FileProblems`.
    public func importModel(_ caller: Caller?, workspace slug: String, file: String, text: String) async throws -> ModelMergeSummary {
        try await access.changing(slug, caller) {
            try await store.customerModels.importCustomerModel(workspaceID: $0.id, file: file, text: text)
        }
    }

    /// Merges records made on a page (one job, one outcome, ...).
    public func mergeModel(_ caller: Caller?, workspace slug: String, _ incoming: CustomerModel) async throws -> ModelMergeSummary {
        try await access.changing(slug, caller) { try await store.customerModels.mergeCustomerModel(workspaceID: $0.id, incoming) }
    }

    public func deleteRecord(_ caller: Caller?, workspace slug: String, kind: CustomerRecordKind, code: String) async throws {
        try await access.changing(slug, caller) {
            try await store.customerModels.deleteCustomerRecord(workspaceID: $0.id, kind: kind, code: code)
        }
    }

    public func taskTests(_ caller: Caller?, workspace slug: String) async throws -> [TaskTest] {
        try await access.reading(slug, caller) { try await store.surveys.taskTests(workspaceID: $0.id) }
    }

    public func saveTaskTest(_ caller: Caller?, workspace slug: String, _ test: TaskTest) async throws -> TaskTest {
        try await access.changing(slug, caller) { try await store.surveys.saveTaskTest(workspaceID: $0.id, test) }
        return test
    }

    /// Each task test's results round by round.
    public func taskTrend(_ caller: Caller?, workspace slug: String) async throws -> (rounds: [TaskRound], trend: [TaskTests.Trend]) {
        try await access.reading(slug, caller) { try await store.surveys.taskTrend(workspaceID: $0.id) }
    }

    public func createTaskRound(
        _ caller: Caller?, workspace slug: String, name: String, heldOn: String, now: Int64
    ) async throws
        -> TaskRound
    {
        try await access.changing(slug, caller) {
            try await store.surveys.createTaskRound(workspaceID: $0.id, name: name, heldOn: heldOn, now: now)
        }
    }

    /// Records attempts at known task tests, each timed against its test's target; all or none.
    public func recordAttempts(
        _ caller: Caller?, workspace slug: String, round id: String,
        _ attempts: [(participant: String, task: String, result: TaskTests.Outcome, seconds: Double)]
    ) async throws -> Int {
        try await access.changing(slug, caller) { workspace in
            let targets = Dictionary(
                uniqueKeysWithValues: try await store.surveys.taskTests(workspaceID: workspace.id).map { ($0.code, $0.targetSeconds) })
            let timed = try attempts.map { attempt in
                guard let target = targets[attempt.task] else { throw StoreError.invalid("attempts: no task test '\(attempt.task)'") }
                return TaskTests.Attempt(
                    participant: attempt.participant, task: attempt.task, result: attempt.result, seconds: attempt.seconds,
                    targetSeconds: target)
            }
            try await store.surveys.recordAttempts(workspaceID: workspace.id, roundID: id, timed)
            return timed.count
        }
    }

    /// Imports a file of attempts into a round, all or nothing.
    public func importAttempts(
        _ caller: Caller?, workspace slug: String, round id: String, file: String, bytes: [UInt8]
    ) async throws -> Int {
        try await access.changing(slug, caller) {
            try await store.surveys.importAttempts(workspaceID: $0.id, roundID: id, file: file, bytes: bytes)
        }
    }

    public func journeys(_ caller: Caller?, workspace slug: String) async throws -> [JourneyRecord] {
        try await access.reading(slug, caller) { try await store.customerModels.journeys(workspaceID: $0.id) }
    }

    /// Adds a journey and answers its id.
    public func addJourney(_ caller: Caller?, workspace slug: String, code: String, name: String, segment: String) async throws -> String {
        try await access.changing(slug, caller) {
            try await store.customerModels.addJourney(workspaceID: $0.id, code: code, name: name, segment: segment)
        }
    }

    public func addJourneyStep(_ caller: Caller?, workspace slug: String, journey: String, _ step: TimeLedger.Step) async throws {
        try await access.changing(slug, caller) {
            try await store.customerModels.addJourneyStep(workspaceID: $0.id, journey: journey, step)
        }
    }

    /// Records a change to a step: its minutes before and after, for the customer and for the
    /// organization.
    public func recordJourneyChange(
        _ caller: Caller?, workspace slug: String, journey: String, stepID: String, title: String, date: String,
        customerMinutesAfter: Double, organizationMinutesAfter: Double, now: Int64
    ) async throws -> TimeLedger.Change {
        try await access.changing(slug, caller) { workspace in
            try await store.customerModels.recordJourneyChange(
                workspaceID: workspace.id, journey: journey, stepID: stepID, title: title, date: date,
                customerMinutesAfter: customerMinutesAfter, organizationMinutesAfter: organizationMinutesAfter, now: now)
        }
    }

    public func customerMetricAnswers(_ caller: Caller?, workspace slug: String) async throws -> [CustomerMetrics.Answer] {
        try await access.reading(slug, caller) { try await store.surveys.customerMetricAnswers(workspaceID: $0.id) }
    }

    /// Imports answers to NPS, CSAT and CES questions, all or nothing.
    public func importCustomerMetrics(_ caller: Caller?, workspace slug: String, file: String, bytes: [UInt8]) async throws -> Int {
        try await access.changing(slug, caller) {
            try await store.surveys.importCustomerMetricAnswers(workspaceID: $0.id, file: file, bytes: bytes)
        }
    }
}

extension CustomerModelService {
    /// The model page's view: the model, which outcomes each unit's people named in the latest
    /// wave, the line of sight (which outcomes an initiative addresses) and the units.
    public struct ModelView: Sendable {
        public var access: Access
        public var model: CustomerModel
        /// The wave the coverage comes from, nil before any.
        public var coverageCampaign: Campaign?
        /// Unit code -> outcome codes its people named.
        public var coverage: [String: [String]]
        public var graph: LineOfSightGraph
        public var units: [OrgUnit]
    }

    public func modelView(_ caller: Caller?, workspace slug: String) async throws -> ModelView {
        let (workspace, access) = try await self.access.resolve(slug, caller: caller)
        let coverage = try await store.customerModels.outcomeUnitCoverage(workspace: workspace)
        return ModelView(
            access: access, model: try await store.customerModels.model(workspaceID: workspace.id), coverageCampaign: coverage.campaign,
            coverage: coverage.units, graph: try await store.lineOfSight.model(workspaceID: workspace.id),
            units: try await store.organization.units(workspaceID: workspace.id))
    }
}
