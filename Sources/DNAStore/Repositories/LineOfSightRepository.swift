import DNACore
import SQLKit

/// What an import of a line-of-sight file changed.
public struct LineOfSightImportSummary: Codable, Equatable, Sendable {
    public var nodesAdded: Int
    public var nodesUpdated: Int
    public var edgesAdded: Int
    /// Metrics the file named that had no definition yet; they start as plain definitions
    /// (customer-value, or business-value when they measure an impact) to be completed.
    public var metricsCreated: [String]

    enum CodingKeys: String, CodingKey {
        case nodesAdded = "nodes_added"
        case nodesUpdated = "nodes_updated"
        case edgesAdded = "edges_added"
        case metricsCreated = "metrics_created"
    }
}

extension LineOfSightRepository {
    /// The whole graph of a workspace: nodes in the order they were added, edges, the metrics
    /// that measure nodes and the evidence that supports them.
    public func model(workspaceID: String) async throws -> LineOfSightGraph {
        try await read { db in try await Self.lineOfSight(db, workspaceID: workspaceID) }
    }

    static func lineOfSight(_ db: any SQLDatabase, workspaceID: String) async throws -> LineOfSightGraph {
        struct NodeRow: Decodable {
            var id, code, type, title, description: String
            var effort, budget: Double?
            var status, shippedOn: String?
        }
        let rows = try await db.select().columns("id", "code", "type", "title", "description", "effort", "budget", "status", "shipped_on")
            .from("los_nodes").where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("position")
            .records(NodeRow.self)
        let codes = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.code) })
        let edges = try await db.select().column(SQLColumn("from_id", table: "los_edges")).column(SQLColumn("to_id", table: "los_edges"))
            .from("los_edges").join("los_nodes", on: SQLColumn("from_id", table: "los_edges"), .equal, SQLColumn("id", table: "los_nodes"))
            .where(SQLColumn("workspace_id", table: "los_nodes"), .equal, SQLBind(workspaceID)).all()
            .compactMap { row -> LineOfSightModel.Edge? in
                guard let from = codes[try row.decode(column: "from_id", as: String.self)],
                    let to = codes[try row.decode(column: "to_id", as: String.self)]
                else { return nil }
                return LineOfSightModel.Edge(from: from, to: to)
            }
            .sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        let metrics = try await db.select().columns("code", "node_id").from("metrics").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("node_id", .isNot, SQLLiteral.null).orderBy("code").all()
            .compactMap { row -> LineOfSightModel.Attachment? in
                guard let node = codes[try row.decode(column: "node_id", as: String.self)] else { return nil }
                return LineOfSightModel.Attachment(id: try row.decode(column: "code", as: String.self), node: node)
            }
        let evidence = try await db.select().column(SQLColumn("code", table: "evidence"))
            .column(SQLColumn("target_code", table: "evidence_links"))
            .from("evidence_links").join(
                "evidence", on: SQLColumn("evidence_id", table: "evidence_links"), .equal, SQLColumn("id", table: "evidence")
            )
            .where(SQLColumn("workspace_id", table: "evidence"), .equal, SQLBind(workspaceID))
            .where(SQLColumn("target_kind", table: "evidence_links"), .equal, SQLBind("node"))
            .where(SQLColumn("stance", table: "evidence_links"), .equal, SQLBind("supports")).all()
            .map {
                LineOfSightModel.Attachment(
                    id: try $0.decode(column: "code", as: String.self), node: try $0.decode(column: "target_code", as: String.self))
            }
            .sorted { ($0.id, $0.node) < ($1.id, $1.node) }
        return LineOfSightGraph(
            nodes: try rows.map {
                LineOfSightGraph.Node(
                    code: $0.code, type: try storedValue(LineOfSightModel.NodeType.self, $0.type, column: "type"), title: $0.title,
                    description: $0.description, effort: $0.effort, budget: $0.budget,
                    status: $0.status.flatMap(LineOfSightGraph.Status.init), shippedOn: $0.shippedOn)
            }, edges: edges, metrics: metrics, evidence: evidence)
    }

    /// The checks of the contract on the stored graph: the same code `cdna analyze
    /// line-of-sight` runs on a file.
    public func lineOfSightReport(workspaceID: String) async throws -> LineOfSightCheck.Report {
        LineOfSightCheck.check(try await model(workspaceID: workspaceID).model)
    }

    /// Adds a node or updates the one with the same code. A customer-outcome node must be an
    /// outcome of the customer model and takes its wording from there; a node cannot change
    /// type while it has edges, since they may not fit the new type.
    public func saveNode(workspaceID: String, _ node: LineOfSightGraph.Node) async throws {
        if let problem = node.problem { throw StoreError.invalid(problem) }
        let makeID = self.makeID
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "line-of-sight.node", record: "node:\(node.code)",
                summary: "saved node '\(node.title)'")
            _ = try await Self.saveNode(db, workspaceID: workspaceID, node, makeID: makeID)
        }
    }

    /// Returns whether the node was new.
    static func saveNode(
        _ db: any SQLDatabase, workspaceID: String, _ node: LineOfSightGraph.Node, makeID: () -> String
    ) async throws -> Bool {
        var node = node
        if node.type == .outcome {
            // One row, not the whole customer model: an import saves many outcome nodes.
            struct OutcomeRow: Decodable { var direction, metric, object, clarifier: String }
            guard
                let row = try await db.select().columns("direction", "metric", "object", "clarifier").from("outcomes")
                    .where("workspace_id", .equal, SQLBind(workspaceID)).where("code", .equal, SQLBind(node.code)).first(
                        decoding: OutcomeRow.self)
            else {
                throw StoreError.invalid(
                    "outcome '\(node.code)' is not in the customer model; add it there first, or use one of its outcome codes")
            }
            node.title =
                CustomerModel.Outcome(
                    code: node.code, direction: try storedValue(CustomerOutcome.Direction.self, row.direction, column: "direction"),
                    metric: row.metric,
                    object: row.object, clarifier: row.clarifier
                ).sentence
        }
        let existing = try await db.select().columns("id", "type").from("los_nodes").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(node.code)).first()
        if let existing {
            let id = try existing.decode(column: "id", as: String.self)
            let type = try existing.decode(column: "type", as: String.self)
            if type != node.type.rawValue {
                let edges =
                    try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("los_edges")
                    .where("from_id", .equal, SQLBind(id)).orWhere("to_id", .equal, SQLBind(id)).first()?.decode(column: "n", as: Int.self)
                    ?? 0
                if edges > 0 {
                    throw StoreError.invalid(
                        "'\(node.code)' is a \(type) with \(edges) edge\(edges == 1 ? "" : "s"); remove them before making it a \(node.type.rawValue)"
                    )
                }
            }
            try await db.update("los_nodes").set("type", to: SQLBind(node.type.rawValue)).set(
                "title", to: SQLBind(node.title.trimmingSpaces())
            )
            .set("description", to: SQLBind(node.description)).set("effort", to: SQLBind(node.effort))
            .set("budget", to: SQLBind(node.budget)).set("status", to: SQLBind(node.status?.rawValue))
            .set("shipped_on", to: SQLBind(node.shippedOn)).where("id", .equal, SQLBind(id)).run()
            return false
        }
        let position =
            try await db.select().column(SQLRaw("COALESCE(MAX(position), 0)"), as: "n").from("los_nodes")
            .where("workspace_id", .equal, SQLBind(workspaceID)).first()?.decode(column: "n", as: Int.self) ?? 0
        try await db.insert(into: "los_nodes")
            .columns("id", "workspace_id", "code", "type", "title", "description", "effort", "budget", "status", "shipped_on", "position")
            .values(
                SQLBind(makeID()), SQLBind(workspaceID), SQLBind(node.code), SQLBind(node.type.rawValue),
                SQLBind(node.title.trimmingSpaces()),
                SQLBind(node.description), SQLBind(node.effort), SQLBind(node.budget), SQLBind(node.status?.rawValue),
                SQLBind(node.shippedOn), SQLBind(position + 1)
            ).run()
        return true
    }

    /// Inserts nodes the workspace does not have yet, after its last position, in file order.
    static func insertNodes(
        _ db: any SQLDatabase, workspaceID: String, _ nodes: [LineOfSightGraph.Node], makeID: @Sendable () -> String
    ) async throws {
        guard !nodes.isEmpty else { return }
        var position =
            try await db.select().column(SQLRaw("COALESCE(MAX(position), 0)"), as: "n").from("los_nodes")
            .where("workspace_id", .equal, SQLBind(workspaceID)).first()?.decode(column: "n", as: Int.self) ?? 0
        for batch in nodes.chunked(into: 500) {
            var insert = db.insert(into: "los_nodes")
                .columns(
                    "id", "workspace_id", "code", "type", "title", "description", "effort", "budget", "status", "shipped_on", "position")
            for node in batch {
                position += 1
                insert = insert.values(
                    SQLBind(makeID()), SQLBind(workspaceID), SQLBind(node.code), SQLBind(node.type.rawValue),
                    SQLBind(node.title.trimmingSpaces()), SQLBind(node.description), SQLBind(node.effort), SQLBind(node.budget),
                    SQLBind(node.status?.rawValue), SQLBind(node.shippedOn), SQLBind(position))
            }
            try await insert.run()
        }
    }

    /// Removes a node with its edges; metrics and hypotheses that pointed at it keep their
    /// records without the link, and evidence links to it are removed.
    public func deleteNode(workspaceID: String, code: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "line-of-sight.node-delete", record: "node:\(code)", summary: "deleted node '\(code)'"
            )
            let (id, _) = try await Self.node(db, workspaceID: workspaceID, code: code)
            try await db.delete(from: "los_nodes").where("id", .equal, SQLBind(id)).run()
            try await Self.deleteEvidenceLinks(db, workspaceID: workspaceID, target: .node, code: code)
        }
    }

    static func node(_ db: any SQLDatabase, workspaceID: String, code: String) async throws -> (id: String, type: LineOfSightModel.NodeType)
    {
        guard let found = try await nodeIfPresent(db, workspaceID: workspaceID, code: code) else {
            throw StoreError.notFound("no node '\(code)' in the line of sight")
        }
        return found
    }

    static func nodeIfPresent(
        _ db: any SQLDatabase, workspaceID: String, code: String
    ) async throws -> (id: String, type: LineOfSightModel.NodeType)? {
        struct NodeKey: Decodable {
            var id: String
            var type: LineOfSightModel.NodeType
        }
        let key = try await db.select().columns("id", "type").from("los_nodes").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(code)).first()?.record(NodeKey.self)
        return key.map { ($0.id, $0.type) }
    }

    /// Adds an edge in the direction of value; a pair of types the model does not allow is
    /// refused with the reason.
    /// When `to` is not in the graph but is an outcome of the customer model, the outcome
    /// joins the graph in the same transaction: connecting an initiative to what customers
    /// want should not need the outcome added by hand first. If the edge is refused, the
    /// outcome is not added either.
    public func addEdge(workspaceID: String, from: String, to: String) async throws {
        let makeID = self.makeID
        try await write { db in
            if try await Self.nodeIfPresent(db, workspaceID: workspaceID, code: to) == nil,
                try await db.select().column("id").from("outcomes").where("workspace_id", .equal, SQLBind(workspaceID))
                    .where("code", .equal, SQLBind(to)).first() != nil
            {
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "line-of-sight.node", record: "node:\(to)",
                    summary: "added the customer outcome '\(to)' to the line of sight")
                _ = try await Self.saveNode(db, workspaceID: workspaceID, .init(code: to, type: .outcome, title: ""), makeID: makeID)
            }
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "line-of-sight.edge", record: "edge:\(from)->\(to)",
                summary: "connected \(from) -> \(to)")
            return try await Self.addEdge(db, workspaceID: workspaceID, from: from, to: to)
        }
    }

    static func addEdge(_ db: any SQLDatabase, workspaceID: String, from: String, to: String) async throws {
        let source = try await Self.node(db, workspaceID: workspaceID, code: from)
        let target = try await Self.node(db, workspaceID: workspaceID, code: to)
        if let problem = LineOfSightModel.edgeProblem(from: source.type, to: target.type) {
            throw StoreError.invalid("\(from) -> \(to): \(problem)")
        }
        let exists = try await db.select().column("from_id").from("los_edges").where("from_id", .equal, SQLBind(source.id))
            .where("to_id", .equal, SQLBind(target.id)).first()
        if exists != nil { throw StoreError.conflict("the edge \(from) -> \(to) is there already") }
        try await db.insert(into: "los_edges").columns("from_id", "to_id").values(SQLBind(source.id), SQLBind(target.id)).run()
    }

    public func deleteEdge(workspaceID: String, from: String, to: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "line-of-sight.edge-delete", record: "edge:\(from)->\(to)",
                summary: "removed the edge \(from) -> \(to)")
            let source = try await Self.node(db, workspaceID: workspaceID, code: from)
            let target = try await Self.node(db, workspaceID: workspaceID, code: to)
            let exists = try await db.select().column("from_id").from("los_edges").where("from_id", .equal, SQLBind(source.id))
                .where("to_id", .equal, SQLBind(target.id)).first()
            guard exists != nil else { throw StoreError.notFound("no edge \(from) -> \(to)") }
            try await db.delete(from: "los_edges").where("from_id", .equal, SQLBind(source.id)).where("to_id", .equal, SQLBind(target.id))
                .run()
        }
    }

    /// The graph as the contract's YAML.
    public func exportLineOfSight(workspaceID: String) async throws -> String {
        LineOfSightDocument.yaml(try await model(workspaceID: workspaceID).model)
    }

    /// Merges a line-of-sight YAML file into the workspace, all or nothing. Nodes are matched
    /// by code (added or updated), edges are added, metrics are attached to the node they
    /// measure (created when new) and evidence of the repository is linked as supporting.
    /// Everything the stored graph may not hold is refused with its line: edges the model
    /// does not allow, references to nodes in neither the file nor the workspace, outcomes
    /// missing from the customer model, evidence missing from the repository, type changes.
    public func importLineOfSight(workspaceID: String, file: String, text: String) async throws -> LineOfSightImportSummary {
        let (model, lines) = try LineOfSightLoader.loadLocated(file: file, text: text)
        let makeID = self.makeID
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "line-of-sight.import", record: "file:\(file)", summary: "imported the line of sight")
            let existing = try await Self.lineOfSight(db, workspaceID: workspaceID)
            // Outcome nodes are worded by the customer model, whatever title the file gives.
            let outcomeSentences = Dictionary(
                try await CustomerModelRepository.customerModel(db, workspaceID: workspaceID).outcomes.map { ($0.code, $0.sentence) },
                uniquingKeysWith: { first, _ in first })
            let outcomes = Set(outcomeSentences.keys)
            let evidenceCodes = Set(
                try await db.select().column("code").from("evidence").where("workspace_id", .equal, SQLBind(workspaceID)).all()
                    .map { try $0.decode(column: "code", as: String.self) })
            var types = Dictionary(uniqueKeysWithValues: existing.nodes.map { ($0.code, $0.type) })
            var problems = FileProblems()
            func problem(_ line: Int, _ message: String) {
                problems.append(FileProblem(file: file, line: line, column: 5, message: message))
            }
            for (node, line) in zip(model.nodes, lines.nodes) {
                if let old = types[node.id], old != node.type {
                    problem(line, "'\(node.id)' is a \(old.rawValue) in this workspace; the file makes it a \(node.type.rawValue)")
                }
                if node.type == .outcome && !outcomes.contains(node.id) {
                    problem(line, "outcome '\(node.id)' is not in the customer model; add it there first")
                }
                if let message = UnitCode.problem(node.id) { problem(line, "node \(message)") }
            }
            for node in model.nodes where types[node.id] == nil { types[node.id] = node.type }
            for (edge, line) in zip(model.edges, lines.edges) {
                guard let from = types[edge.from], let to = types[edge.to] else {
                    let missing = types[edge.from] == nil ? edge.from : edge.to
                    problem(line, "edge \(edge.from) -> \(edge.to) names '\(missing)', a node in neither the file nor the workspace")
                    continue
                }
                if let message = LineOfSightModel.edgeProblem(from: from, to: to) {
                    problem(line, "\(edge.from) -> \(edge.to): \(message)")
                }
            }
            for (metric, line) in zip(model.metrics, lines.metrics) {
                if types[metric.node] == nil { problem(line, "metric '\(metric.id)' measures '\(metric.node)', which is not a node") }
                if let message = UnitCode.problem(metric.id) { problem(line, "metric \(message)") }
            }
            for (item, line) in zip(model.evidence, lines.evidence) {
                if !evidenceCodes.contains(item.id) {
                    problem(line, "evidence '\(item.id)' is not in the evidence repository; add it there first")
                }
                if types[item.node] == nil { problem(line, "evidence '\(item.id)' supports '\(item.node)', which is not a node") }
            }
            try problems.throwIfAny()

            var summary = LineOfSightImportSummary(nodesAdded: 0, nodesUpdated: 0, edgesAdded: 0, metricsCreated: [])
            let previous = Dictionary(uniqueKeysWithValues: existing.nodes.map { ($0.code, $0) })
            // New nodes and edges go in many to a statement and unchanged nodes are left alone:
            // a statement per record made a 1 MB file take seconds.
            var newNodes: [LineOfSightGraph.Node] = []
            for node in model.nodes {
                var record = previous[node.id] ?? LineOfSightGraph.Node(code: node.id, type: node.type, title: node.title)
                record.title = record.type == .outcome ? outcomeSentences[node.id] ?? node.title : node.title
                record.effort = node.effort
                record.budget = node.budget
                if let message = record.problem { throw StoreError.invalid(message) }
                if let old = previous[node.id] {
                    summary.nodesUpdated += 1
                    if old != record { _ = try await Self.saveNode(db, workspaceID: workspaceID, record, makeID: makeID) }
                } else {
                    newNodes.append(record)
                }
            }
            try await Self.insertNodes(db, workspaceID: workspaceID, newNodes, makeID: makeID)
            summary.nodesAdded = newNodes.count
            let ids = try await Self.idsByCode(db, table: "los_nodes", workspaceID: workspaceID)
            let present = Set(existing.edges.map { $0.from + "\u{0}" + $0.to })
            var added: Set<String> = []
            var newEdges: [(from: String, to: String)] = []
            for edge in model.edges {
                let key = edge.from + "\u{0}" + edge.to
                guard !present.contains(key), added.insert(key).inserted else { continue }
                newEdges.append((ids[edge.from]!, ids[edge.to]!))
            }
            for batch in newEdges.chunked(into: 500) {
                var insert = db.insert(into: "los_edges").columns("from_id", "to_id")
                for edge in batch { insert = insert.values(SQLBind(edge.from), SQLBind(edge.to)) }
                try await insert.run()
            }
            summary.edgesAdded = newEdges.count
            for metric in model.metrics {
                let updated = try await db.update("metrics").set("node_id", to: SQLBind(ids[metric.node]!))
                    .where("workspace_id", .equal, SQLBind(workspaceID)).where("code", .equal, SQLBind(metric.id)).returning("id").all()
                guard updated.isEmpty else { continue }
                let kind: MetricDefinition.ValueKind = types[metric.node] == .impact ? .businessValue : .customerValue
                try await Self.insertMetric(
                    db, workspaceID: workspaceID, id: makeID(), MetricDefinition(code: metric.id, name: metric.id, kind: kind),
                    nodeID: ids[metric.node])
                summary.metricsCreated.append(metric.id)
            }
            for item in model.evidence {
                try await Self.linkEvidence(
                    db, workspaceID: workspaceID, evidence: item.id, EvidenceLink(target: .node, code: item.node, stance: .supports))
            }
            return summary
        }
    }
}
