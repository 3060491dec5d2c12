import DNACore
import SQLKit

/// A journey of the customer time ledger as stored: its steps today and the changes made.
public struct JourneyRecord: Codable, Equatable, Sendable {
    public struct StepRecord: Codable, Equatable, Sendable {
        public var id: String
        public var step: TimeLedger.Step
    }

    public struct ChangeRecord: Codable, Equatable, Sendable {
        public var id: String
        public var change: TimeLedger.Change
    }

    public var id: String
    public var code: String
    public var name: String
    public var segment: String
    public var steps: [StepRecord]
    public var changes: [ChangeRecord]

    public var ledger: TimeLedger.Journey { TimeLedger.Journey(name: name, steps: steps.map(\.step)) }
}

extension CustomerModelRepository {
    public func journeys(workspaceID: String) async throws -> [JourneyRecord] {
        struct JourneyRow: Decodable { var id, code, name, segment: String }
        struct StepRow: Decodable {
            var id, journeyId, name: String
            var customerMinutes, organizationMinutes, frequency: Double
            var customers: Int
        }
        struct ChangeRow: Decodable {
            var id, journeyId, stepName, title, changedOn: String
            var customerBefore, customerAfter, organizationBefore, organizationAfter, frequency: Double
            var customers: Int
        }
        return try await read { db in
            let journeys = try await db.select().columns("id", "code", "name", "segment").from("journeys")
                .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("code").all(decoding: JourneyRow.self)
            guard !journeys.isEmpty else { return [] }
            let ids = SQLBind.group(journeys.map(\.id))
            let steps = try await db.select().columns("*").from("journey_steps").where("journey_id", .in, ids).orderBy("position")
                .records(StepRow.self)
            let changes = try await db.select().columns("*").from("journey_changes").where("journey_id", .in, ids).orderBy("changed_on")
                .orderBy("created_at").records(ChangeRow.self)
            return journeys.map { journey in
                JourneyRecord(
                    id: journey.id, code: journey.code, name: journey.name, segment: journey.segment,
                    steps: steps.filter { $0.journeyId == journey.id }.map {
                        .init(
                            id: $0.id,
                            step: TimeLedger.Step(
                                name: $0.name, customerMinutes: $0.customerMinutes, organizationMinutes: $0.organizationMinutes,
                                frequencyPerYear: $0.frequency, customers: $0.customers))
                    },
                    changes: changes.filter { $0.journeyId == journey.id }.map {
                        .init(
                            id: $0.id,
                            change: TimeLedger.Change(
                                title: $0.title, date: $0.changedOn, step: $0.stepName, customerMinutesBefore: $0.customerBefore,
                                customerMinutesAfter: $0.customerAfter, organizationMinutesBefore: $0.organizationBefore,
                                organizationMinutesAfter: $0.organizationAfter, frequencyPerYear: $0.frequency, customers: $0.customers))
                    })
            }
        }
    }

    public func addJourney(workspaceID: String, code: String, name: String, segment: String) async throws -> String {
        if let message = UnitCode.problem(code) { throw StoreError.invalid("journey \(message)") }
        guard !name.trimmingSpaces().isEmpty else { throw StoreError.invalid("name is empty") }
        let id = makeID()
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "journey.add", record: "journey:\(code)", summary: "added journey '\(name)'")
                try await SurveyRepository.checkSegments(db, workspaceID: workspaceID, [segment])
                try await db.insert(into: "journeys").columns("id", "workspace_id", "code", "name", "segment")
                    .values(SQLBind(id), SQLBind(workspaceID), SQLBind(code), SQLBind(name.trimmingSpaces()), SQLBind(segment)).run()
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a journey with code '\(code)' already exists")
        }
        return id
    }

    static func journeyID(workspaceID: String, code: String, _ db: any SQLDatabase) async throws -> String {
        let row = try await db.select().column("id").from("journeys").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(code)).first()
        guard let id = try row?.decode(column: "id", as: String.self) else { throw StoreError.notFound("no journey '\(code)'") }
        return id
    }

    /// Appends a step to a journey.
    public func addJourneyStep(workspaceID: String, journey: String, _ step: TimeLedger.Step) async throws {
        if let problem = step.problem { throw StoreError.invalid(problem) }
        let id = makeID()
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "journey.step", record: "journey:\(journey)", summary: "added a step")
            let journeyID = try await Self.journeyID(workspaceID: workspaceID, code: journey, db)
            let count =
                try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("journey_steps")
                .where("journey_id", .equal, SQLBind(journeyID)).first()?.decode(column: "n", as: Int.self) ?? 0
            try await db.insert(into: "journey_steps")
                .columns("id", "journey_id", "position", "name", "customer_minutes", "organization_minutes", "frequency", "customers")
                .values(
                    SQLBind(id), SQLBind(journeyID), SQLBind(count), SQLBind(step.name.trimmingSpaces()), SQLBind(step.customerMinutes),
                    SQLBind(step.organizationMinutes), SQLBind(step.frequencyPerYear), SQLBind(step.customers)
                ).run()
        }
    }

    /// Records a change to one step: the minutes before are taken from the step as it is,
    /// the step is updated to the minutes after, and the change keeps both with the volume
    /// they applied to, so later changes of volume do not rewrite history.
    public func recordJourneyChange(
        workspaceID: String, journey: String, stepID: String, title: String, date: String, customerMinutesAfter: Double,
        organizationMinutesAfter: Double, now: Int64
    ) async throws -> TimeLedger.Change {
        guard !title.trimmingSpaces().isEmpty else { throw StoreError.invalid("describe the change") }
        guard CalendarDay.start(date) != nil else { throw StoreError.invalid("the date must be written YYYY-MM-DD") }
        for value in [customerMinutesAfter, organizationMinutesAfter] where !(value >= 0 && value.isFinite) {
            throw StoreError.invalid("minutes must be a number, 0 or more")
        }
        let makeID = self.makeID
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "journey.change", record: "journey:\(journey)", summary: "recorded a change: \(title)"
            )
            return try await Self.recordJourneyChange(
                db, journeyID: try await Self.journeyID(workspaceID: workspaceID, code: journey, db), journey: journey, stepID: stepID,
                title: title, date: date, customerMinutesAfter: customerMinutesAfter, organizationMinutesAfter: organizationMinutesAfter,
                now: now, id: makeID())
        }
    }

    static func recordJourneyChange(
        _ db: any SQLDatabase, journeyID: String, journey: String, stepID: String, title: String, date: String,
        customerMinutesAfter: Double,
        organizationMinutesAfter: Double, now: Int64, id: String
    ) async throws -> TimeLedger.Change {
        guard
            let row = try await db.select().columns("name", "customer_minutes", "organization_minutes", "frequency", "customers")
                .from("journey_steps").where("id", .equal, SQLBind(stepID)).where("journey_id", .equal, SQLBind(journeyID)).first()
        else { throw StoreError.notFound("no such step in journey '\(journey)'") }
        let change = TimeLedger.Change(
            title: title.trimmingSpaces(), date: date, step: try row.decode(column: "name", as: String.self),
            customerMinutesBefore: try row.decode(column: "customer_minutes", as: Double.self),
            customerMinutesAfter: customerMinutesAfter,
            organizationMinutesBefore: try row.decode(column: "organization_minutes", as: Double.self),
            organizationMinutesAfter: organizationMinutesAfter, frequencyPerYear: try row.decode(column: "frequency", as: Double.self),
            customers: try row.decode(column: "customers", as: Int.self))
        try await db.insert(into: "journey_changes")
            .columns(
                "id", "journey_id", "step_name", "title", "changed_on", "customer_before", "customer_after", "organization_before",
                "organization_after", "frequency", "customers", "created_at"
            )
            .values(
                SQLBind(id), SQLBind(journeyID), SQLBind(change.step), SQLBind(change.title), SQLBind(date),
                SQLBind(change.customerMinutesBefore), SQLBind(customerMinutesAfter), SQLBind(change.organizationMinutesBefore),
                SQLBind(organizationMinutesAfter), SQLBind(change.frequencyPerYear), SQLBind(change.customers), SQLBind(now)
            ).run()
        try await db.update("journey_steps").set("customer_minutes", to: SQLBind(customerMinutesAfter))
            .set("organization_minutes", to: SQLBind(organizationMinutesAfter)).where("id", .equal, SQLBind(stepID)).run()
        return change
    }
}
