import DNACore
import SQLKit

extension LineOfSightRepository {
    /// Test cards, newest first within each status in the order proposed, testing, closed.
    public func hypotheses(workspaceID: String) async throws -> [Hypothesis] {
        struct Row: Decodable {
            var code, change, segment, outcome, impact, status, createdOn: String
            var metric, byDate, strategy, initiative, believed, observed, learned, nextStep, closedOn: String?
            var metricFrom, metricTo: Double?
        }
        return try await read { db in
            let rows = try await db.select().columns(
                SQLColumn("code", table: "h"), SQLColumn("change", table: "h"), SQLColumn("segment", table: "h"),
                SQLColumn("outcome", table: "h"),
                SQLColumn("impact", table: "h"), SQLColumn("status", table: "h"), SQLColumn("created_on", table: "h"),
                SQLColumn("by_date", table: "h"),
                SQLColumn("believed", table: "h"), SQLColumn("observed", table: "h"), SQLColumn("learned", table: "h"),
                SQLColumn("next_step", table: "h"), SQLColumn("closed_on", table: "h"), SQLColumn("metric_from", table: "h"),
                SQLColumn("metric_to", table: "h")
            )
            .column(SQLColumn("code", table: "m"), as: "metric").column(SQLColumn("code", table: "s"), as: "strategy")
            .column(SQLColumn("code", table: "i"), as: "initiative")
            .from(SQLAlias(SQLIdentifier("hypotheses"), as: SQLIdentifier("h")))
            .join(
                SQLAlias(SQLIdentifier("metrics"), as: SQLIdentifier("m")), method: SQLJoinMethod.left,
                on: SQLColumn("metric_id", table: "h"), .equal, SQLColumn("id", table: "m")
            )
            .join(
                SQLAlias(SQLIdentifier("los_nodes"), as: SQLIdentifier("s")), method: SQLJoinMethod.left,
                on: SQLColumn("strategy_id", table: "h"), .equal, SQLColumn("id", table: "s")
            )
            .join(
                SQLAlias(SQLIdentifier("los_nodes"), as: SQLIdentifier("i")), method: SQLJoinMethod.left,
                on: SQLColumn("initiative_id", table: "h"), .equal, SQLColumn("id", table: "i")
            )
            .where(SQLColumn("workspace_id", table: "h"), .equal, SQLBind(workspaceID)).orderBy(SQLColumn("code", table: "h"))
            .records(Row.self)
            return try rows.map { row in
                Hypothesis(
                    code: row.code, change: row.change, segment: row.segment, outcome: row.outcome, impact: row.impact, metric: row.metric,
                    from: row.metricFrom, to: row.metricTo, by: row.byDate,
                    status: try storedValue(Hypothesis.Status.self, row.status, column: "status"),
                    strategy: row.strategy, initiative: row.initiative,
                    learning: row.observed.map {
                        Hypothesis.Learning(
                            believed: row.believed ?? "", observed: $0, learned: row.learned ?? "", next: row.nextStep ?? "")
                    }, createdOn: row.createdOn, closedOn: row.closedOn)
            }
        }
    }

    /// Adds a test card; it starts as proposed.
    public func addHypothesis(workspaceID: String, _ card: Hypothesis) async throws {
        var card = card
        card.status = .proposed
        card.learning = nil
        card.closedOn = nil
        let id = makeID(), proposed = card
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "hypothesis.add", record: "hypothesis:\(proposed.code.isEmpty ? id : proposed.code)",
                summary: "proposed a hypothesis")
            return try await Self.insertHypothesis(db, workspaceID: workspaceID, proposed, id: id)
        }
    }

    /// Inserts a card as it is, status and learning included (the demo's history).
    static func insertHypothesis(_ db: any SQLDatabase, workspaceID: String, _ card: Hypothesis, id: String) async throws {
        if let problem = card.problem { throw StoreError.invalid(problem) }
        let taken = try await db.select().column("id").from("hypotheses").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(card.code)).first()
        if taken != nil { throw StoreError.conflict("a hypothesis with code '\(card.code)' already exists") }
        let metricID = try await card.metric.asyncMap { try await Self.metricID(db, workspaceID: workspaceID, code: $0) }
        let strategyID = try await card.strategy.asyncMap { try await Self.node(db, workspaceID: workspaceID, code: $0, type: .strategy) }
        let initiativeID = try await card.initiative.asyncMap {
            try await Self.node(db, workspaceID: workspaceID, code: $0, type: .initiative)
        }
        try await db.insert(into: "hypotheses")
            .columns(
                "id", "workspace_id", "code", "change", "segment", "outcome", "impact", "metric_id", "metric_from", "metric_to", "by_date",
                "status", "strategy_id", "initiative_id", "believed", "observed", "learned", "next_step", "created_on", "closed_on"
            )
            .values(
                SQLBind(id), SQLBind(workspaceID), SQLBind(card.code), SQLBind(card.change.trimmingSpaces()), SQLBind(card.segment),
                SQLBind(card.outcome.trimmingSpaces()), SQLBind(card.impact.trimmingSpaces()), SQLBind(metricID), SQLBind(card.from),
                SQLBind(card.to), SQLBind(card.by), SQLBind(card.status.rawValue), SQLBind(strategyID), SQLBind(initiativeID),
                SQLBind(card.learning?.believed), SQLBind(card.learning?.observed), SQLBind(card.learning?.learned),
                SQLBind(card.learning?.next), SQLBind(card.createdOn), SQLBind(card.closedOn)
            ).run()
    }

    /// Moves a card along proposed -> testing -> validated | invalidated. Closing it needs the
    /// learning card; the believed part defaults to the card's own sentence.
    public func moveHypothesis(
        workspaceID: String, code: String, to status: Hypothesis.Status, learning: Hypothesis.Learning? = nil, on day: String
    ) async throws {
        if status.isClosed {
            guard let learning else { throw StoreError.invalid("closing a hypothesis needs its learning card") }
            if let problem = learning.problem { throw StoreError.invalid(problem) }
        }
        guard CalendarDay.start(day) != nil else { throw StoreError.invalid("the date must be written YYYY-MM-DD") }
        let cards = try await hypotheses(workspaceID: workspaceID)
        guard let card = cards.first(where: { $0.code == code }) else { throw StoreError.notFound("no hypothesis '\(code)'") }
        guard card.status.canMove(to: status) else {
            throw StoreError.invalid(
                "a \(card.status.rawValue) hypothesis cannot become \(status.rawValue); the path is proposed -> testing -> validated or invalidated"
            )
        }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "hypothesis.move", record: "hypothesis:\(code)",
                summary: "moved to \(status.rawValue)")
            var update = db.update("hypotheses").set("status", to: SQLBind(status.rawValue))
            if status.isClosed, let learning {
                let believed = learning.believed.trimmingSpaces().isEmpty ? card.sentence : learning.believed
                update = update.set("believed", to: SQLBind(believed)).set("observed", to: SQLBind(learning.observed))
                    .set("learned", to: SQLBind(learning.learned)).set("next_step", to: SQLBind(learning.next)).set(
                        "closed_on", to: SQLBind(day))
            }
            try await update.where("workspace_id", .equal, SQLBind(workspaceID)).where("code", .equal, SQLBind(code)).run()
        }
    }

    static func metricID(_ db: any SQLDatabase, workspaceID: String, code: String) async throws -> String {
        guard
            let row = try await db.select().column("id").from("metrics").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(code)).first()
        else { throw StoreError.invalid("no metric '\(code)'; define it on the metrics page first") }
        return try row.decode(column: "id", as: String.self)
    }

    /// A node's id, checked to be of `type`.
    static func node(_ db: any SQLDatabase, workspaceID: String, code: String, type: LineOfSightModel.NodeType) async throws -> String {
        let node = try await node(db, workspaceID: workspaceID, code: code)
        guard node.type == type else { throw StoreError.invalid("'\(code)' is a \(node.type.rawValue), not a \(type.rawValue)") }
        return node.id
    }
}
