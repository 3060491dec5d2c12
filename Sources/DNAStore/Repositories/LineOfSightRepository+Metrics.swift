import DNACore
import SQLKit

extension LineOfSightRepository {
    /// Metric definitions ordered by code, each with the code of the node it measures.
    public func metricDefinitions(workspaceID: String) async throws -> [MetricDefinition] {
        try await read { db in try await Self.metricDefinitions(db, workspaceID: workspaceID) }
    }

    static func metricDefinitions(_ db: any SQLDatabase, workspaceID: String) async throws -> [MetricDefinition] {
        struct Row: Decodable {
            var code, name, kind, unit, direction: String
            var target: Double?
            var node: String?
        }
        return try await db.select().column(SQLColumn("code", table: "metrics")).column(SQLColumn("name", table: "metrics"))
            .column(SQLColumn("kind", table: "metrics")).column(SQLColumn("unit", table: "metrics"))
            .column(SQLColumn("direction", table: "metrics")).column(SQLColumn("target", table: "metrics"))
            .column(SQLColumn("code", table: "los_nodes"), as: "node")
            .from("metrics").join(
                "los_nodes", method: SQLJoinMethod.left, on: SQLColumn("node_id", table: "metrics"), .equal,
                SQLColumn("id", table: "los_nodes")
            )
            .where(SQLColumn("workspace_id", table: "metrics"), .equal, SQLBind(workspaceID)).orderBy(SQLColumn("code", table: "metrics"))
            .all(decoding: Row.self)
            .map {
                MetricDefinition(
                    code: $0.code, name: $0.name, kind: try storedValue(MetricDefinition.ValueKind.self, $0.kind, column: "kind"),
                    unit: $0.unit,
                    direction: try storedValue(MetricDefinition.Direction.self, $0.direction, column: "direction"), target: $0.target,
                    node: $0.node)
            }
    }

    /// Adds a metric or updates the one with the same code.
    public func saveMetric(workspaceID: String, _ metric: MetricDefinition) async throws {
        if let problem = metric.problem { throw StoreError.invalid(problem) }
        let id = makeID()
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "metric.save", record: "metric:\(metric.code)",
                summary: "saved metric '\(metric.name)'")
            let nodeID = try await metric.node.asyncMap { try await Self.node(db, workspaceID: workspaceID, code: $0).id }
            let existing = try await db.select().column("id").from("metrics").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(metric.code)).first()
            if let existing {
                try await db.update("metrics").set("name", to: SQLBind(metric.name.trimmingSpaces())).set(
                    "kind", to: SQLBind(metric.kind.rawValue)
                )
                .set("unit", to: SQLBind(metric.unit)).set("direction", to: SQLBind(metric.direction.rawValue))
                .set("target", to: SQLBind(metric.target)).set("node_id", to: SQLBind(nodeID))
                .where("id", .equal, SQLBind(try existing.decode(column: "id", as: String.self))).run()
                let objectives = try await Self.objectives(db, workspaceID: workspaceID)
                let definitions = Dictionary(
                    uniqueKeysWithValues: try await Self.metricDefinitions(db, workspaceID: workspaceID).map { ($0.code, $0) })
                for objective in objectives {
                    if let problem = objective.problem(metrics: definitions) {
                        throw StoreError.invalid("objective '\(objective.code)' would no longer pair its metrics: \(problem)")
                    }
                }
            } else {
                try await Self.insertMetric(db, workspaceID: workspaceID, id: id, metric, nodeID: nodeID)
            }
        }
    }

    static func insertMetric(
        _ db: any SQLDatabase, workspaceID: String, id: String, _ metric: MetricDefinition, nodeID: String?
    ) async throws {
        try await db.insert(into: "metrics").columns("id", "workspace_id", "code", "name", "kind", "unit", "direction", "target", "node_id")
            .values(
                SQLBind(id), SQLBind(workspaceID), SQLBind(metric.code), SQLBind(metric.name.trimmingSpaces()),
                SQLBind(metric.kind.rawValue),
                SQLBind(metric.unit), SQLBind(metric.direction.rawValue), SQLBind(metric.target), SQLBind(nodeID)
            ).run()
    }

    /// Measurements of every metric (or one), by metric then date.
    public func measurements(workspaceID: String, metric: String? = nil) async throws -> [MetricValue] {
        struct Row: Decodable {
            var code, measuredOn: String
            var value: Double
        }
        return try await read { db in
            var query = db.select().column(SQLColumn("code", table: "metrics")).column(SQLColumn("measured_on", table: "measurements"))
                .column(SQLColumn("value", table: "measurements")).from("measurements")
                .join("metrics", on: SQLColumn("metric_id", table: "measurements"), .equal, SQLColumn("id", table: "metrics"))
                .where(SQLColumn("workspace_id", table: "metrics"), .equal, SQLBind(workspaceID))
            if let metric { query = query.where(SQLColumn("code", table: "metrics"), .equal, SQLBind(metric)) }
            return try await query.orderBy(SQLColumn("code", table: "metrics")).orderBy(SQLColumn("measured_on", table: "measurements"))
                .records(Row.self)
                .map { MetricValue(metric: $0.code, date: $0.measuredOn, value: $0.value) }
        }
    }

    /// Records measurements, all or nothing; a value for a day that has one replaces it.
    public func addMeasurements(workspaceID: String, _ values: [MetricValue]) async throws {
        for value in values {
            if CalendarDay.start(value.date) == nil { throw StoreError.invalid("date '\(value.date)' must be written YYYY-MM-DD") }
            if !value.value.isFinite { throw StoreError.invalid("values must be numbers") }
        }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "metric.measure", record: "metrics", summary: "recorded \(values.count) measurements")
            return try await Self.insertMeasurements(db, workspaceID: workspaceID, values)
        }
    }

    /// Imports a measurements CSV `metric,date,value`, all or nothing, with located problems.
    public func importMeasurements(workspaceID: String, file: String, bytes: [UInt8]) async throws -> Int {
        let known = Set(try await metricDefinitions(workspaceID: workspaceID).map(\.code))
        let table = try CSVTable(reader: CSVReader(file: file, bytes: bytes), required: Measurements.header)
        let values = try Measurements.read(table, knownMetrics: known)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "metric.import", record: "file:\(file)",
                summary: "imported \(values.count) measurements")
            return try await Self.insertMeasurements(db, workspaceID: workspaceID, values)
        }
        return values.count
    }

    static func insertMeasurements(_ db: any SQLDatabase, workspaceID: String, _ values: [MetricValue]) async throws {
        let ids = try await Self.idsByCode(db, table: "metrics", workspaceID: workspaceID)
        for value in values {
            guard let id = ids[value.metric] else { throw StoreError.invalid("unknown metric '\(value.metric)'") }
            try await db.delete(from: "measurements").where("metric_id", .equal, SQLBind(id)).where(
                "measured_on", .equal, SQLBind(value.date)
            )
            .run()
            try await db.insert(into: "measurements").columns("metric_id", "measured_on", "value")
                .values(SQLBind(id), SQLBind(value.date), SQLBind(value.value)).run()
        }
    }

    public func objectives(workspaceID: String) async throws -> [Objective] {
        try await read { db in try await Self.objectives(db, workspaceID: workspaceID) }
    }

    static func objectives(_ db: any SQLDatabase, workspaceID: String) async throws -> [Objective] {
        let metricCodes = Dictionary(
            uniqueKeysWithValues: try await Self.idsByCode(db, table: "metrics", workspaceID: workspaceID).map { ($1, $0) })
        let nodeCodes = Dictionary(
            uniqueKeysWithValues: try await Self.idsByCode(db, table: "los_nodes", workspaceID: workspaceID).map { ($1, $0) })
        return try await db.select().columns("code", "title", "customer_metric_id", "business_metric_id", "strategy_id").from("objectives")
            .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("code").all()
            .map { row in
                Objective(
                    code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                    customerMetric: metricCodes[try row.decode(column: "customer_metric_id", as: String.self)] ?? "",
                    businessMetric: metricCodes[try row.decode(column: "business_metric_id", as: String.self)] ?? "",
                    strategy: try row.decode(column: "strategy_id", as: String?.self).flatMap { nodeCodes[$0] })
            }
    }

    /// Adds an objective or updates the one with the same code; its pair must be one
    /// customer-value and one business-value metric.
    public func saveObjective(workspaceID: String, _ objective: Objective) async throws {
        let id = makeID()
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "objective.save", record: "objective:\(objective.code)", summary: "saved an objective"
            )
            return try await Self.saveObjective(db, workspaceID: workspaceID, objective, id: id)
        }
    }

    static func saveObjective(_ db: any SQLDatabase, workspaceID: String, _ objective: Objective, id: String) async throws {
        let definitions = try await Self.metricDefinitions(db, workspaceID: workspaceID)
        if let problem = objective.problem(metrics: Dictionary(uniqueKeysWithValues: definitions.map { ($0.code, $0) })) {
            throw StoreError.invalid(problem)
        }
        let metricIDs = try await Self.idsByCode(db, table: "metrics", workspaceID: workspaceID)
        var strategyID: String?
        if let strategy = objective.strategy {
            let node = try await Self.node(db, workspaceID: workspaceID, code: strategy)
            guard node.type == .strategy else { throw StoreError.invalid("'\(strategy)' is not a strategy") }
            strategyID = node.id
        }
        let existing = try await db.select().column("id").from("objectives").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(objective.code)).first()
        if let existing {
            try await db.update("objectives").set("title", to: SQLBind(objective.title.trimmingSpaces()))
                .set("customer_metric_id", to: SQLBind(metricIDs[objective.customerMetric]!))
                .set("business_metric_id", to: SQLBind(metricIDs[objective.businessMetric]!)).set("strategy_id", to: SQLBind(strategyID))
                .where("id", .equal, SQLBind(try existing.decode(column: "id", as: String.self))).run()
        } else {
            try await db.insert(into: "objectives")
                .columns("id", "workspace_id", "code", "title", "customer_metric_id", "business_metric_id", "strategy_id")
                .values(
                    SQLBind(id), SQLBind(workspaceID), SQLBind(objective.code), SQLBind(objective.title.trimmingSpaces()),
                    SQLBind(metricIDs[objective.customerMetric]!), SQLBind(metricIDs[objective.businessMetric]!), SQLBind(strategyID)
                ).run()
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension LineOfSightRepository {
    /// Record ids by code for one of a workspace's coded tables (metrics, nodes).
    static func idsByCode(_ db: any SQLDatabase, table: String, workspaceID: String) async throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try await db.select().columns("id", "code").from(table).where(
                "workspace_id", .equal, SQLBind(workspaceID)
            ).all()
                .map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "id", as: String.self)) })
    }
}
