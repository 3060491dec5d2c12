import DNACore
import SQLKit

extension LineOfSightRepository {
    /// The evidence of a workspace, newest first; with a search text, only the items whose
    /// title or text contain every word of it (after English stemming), best match first.
    /// SQLite answers from its FTS5 table, PostgreSQL from the tsvector column: one call,
    /// the same meaning on both.
    /// The repository's evidence, newest first; with `node`, only what is linked to that node
    /// of the line of sight (supporting or contradicting).
    public func evidence(workspaceID: String, search: String? = nil, node: String? = nil, limit: Int = 500) async throws -> [EvidenceItem] {
        struct Row: Decodable { var id, code, kind, source, title, body, capturedOn, segment: String }
        let words = SQLDialectQuirks.searchWords(search ?? "")
        let kind = self.kind
        return try await read { db in
            var query = db.select().columns(
                SQLColumn("id", table: "evidence"), SQLColumn("code", table: "evidence"), SQLColumn("kind", table: "evidence"),
                SQLColumn("source", table: "evidence"), SQLColumn("title", table: "evidence"), SQLColumn("body", table: "evidence"),
                SQLColumn("captured_on", table: "evidence"), SQLColumn("segment", table: "evidence")
            )
            .from("evidence").where(SQLColumn("workspace_id", table: "evidence"), .equal, SQLBind(workspaceID))
            if !words.isEmpty {
                query = SQLDialectQuirks.evidenceSearch(kind, query, words: words)
            }
            if let node {
                query = query.where(
                    SQLColumn("id", table: "evidence"), .in,
                    SQLQueryString("(SELECT evidence_id FROM evidence_links WHERE target_kind = 'node' AND target_code = \(bind: node))"))
            }
            let rows = try await query.orderBy(
                SQLOrderBy(expression: SQLColumn("captured_on", table: "evidence"), direction: SQLDirection.descending)
            )
            .orderBy(SQLColumn("code", table: "evidence")).limit(limit)
            .records(Row.self)
            guard !rows.isEmpty else { return [] }
            let ids = SQLBind.group(rows.map(\.id))
            var tags: [String: [String]] = [:], links: [String: [EvidenceLink]] = [:]
            for row in try await db.select().columns("evidence_id", "tag").from("evidence_tags").where("evidence_id", .in, ids).orderBy(
                "tag"
            ).all() {
                tags[try row.decode(column: "evidence_id", as: String.self), default: []].append(
                    try row.decode(column: "tag", as: String.self))
            }
            for row in try await db.select().columns("evidence_id", "target_kind", "target_code", "stance").from("evidence_links")
                .where("evidence_id", .in, ids).orderBy("target_kind").orderBy("target_code").all()
            {
                links[try row.decode(column: "evidence_id", as: String.self), default: []].append(
                    EvidenceLink(
                        target: try storedValue(
                            EvidenceLink.Target.self, try row.decode(column: "target_kind", as: String.self), column: "target_kind"),
                        code: try row.decode(column: "target_code", as: String.self),
                        stance: try storedValue(
                            EvidenceLink.Stance.self, try row.decode(column: "stance", as: String.self), column: "stance")))
            }
            return try rows.map {
                EvidenceItem(
                    code: $0.code, kind: try storedValue(EvidenceItem.Kind.self, $0.kind, column: "kind"),
                    source: try storedValue(EvidenceItem.Source.self, $0.source, column: "source"), title: $0.title, text: $0.body,
                    capturedOn: $0.capturedOn,
                    segment: $0.segment, tags: tags[$0.id] ?? [], links: links[$0.id] ?? [])
            }
        }
    }

    /// Adds a piece of evidence with its tags and links, all or nothing. An empty code gets
    /// the next `E<n>`. Tags must name a framework dimension; links must name something that
    /// exists; a segment must be one of the customer model's.
    @discardableResult
    public func addEvidence(workspaceID: String, _ item: EvidenceItem) async throws -> String {
        let frameworks = try await store.frameworks.all(workspaceID: workspaceID)
        let id = makeID()
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "evidence.add", record: "evidence:\(item.code.isEmpty ? id : item.code)",
                summary: "added evidence '\(item.title)'")
            return try await Self.addEvidence(db, workspaceID: workspaceID, item, id: id, frameworks: frameworks)
        }
    }

    static func addEvidence(
        _ db: any SQLDatabase, workspaceID: String, _ item: EvidenceItem, id: String, frameworks: [Framework]
    ) async throws -> String {
        var item = item
        for tag in item.tags where !Self.isDimensionTag(tag, frameworks) {
            throw StoreError.invalid("tag '\(tag)' is not a framework dimension; write framework/dimension, e.g. os-canvas/workflow")
        }
        if item.code.isEmpty { item.code = try await Self.nextCode(db, table: "evidence", prefix: "E", workspaceID: workspaceID) }
        if let problem = item.problem { throw StoreError.invalid(problem) }
        try await SurveyRepository.checkSegments(db, workspaceID: workspaceID, [item.segment])
        let taken = try await db.select().column("id").from("evidence").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(item.code)).first()
        if taken != nil { throw StoreError.conflict("evidence with code '\(item.code)' already exists") }
        try await db.insert(into: "evidence").columns(
            "id", "workspace_id", "code", "kind", "source", "title", "body", "captured_on", "segment"
        )
        .values(
            SQLBind(id), SQLBind(workspaceID), SQLBind(item.code), SQLBind(item.kind.rawValue), SQLBind(item.source.rawValue),
            SQLBind(item.title.trimmingSpaces()), SQLBind(item.text), SQLBind(item.capturedOn), SQLBind(item.segment)
        ).run()
        for tag in Set(item.tags) {
            try await db.insert(into: "evidence_tags").columns("evidence_id", "tag").values(SQLBind(id), SQLBind(tag)).run()
        }
        for link in item.links { try await Self.linkEvidence(db, workspaceID: workspaceID, evidence: item.code, link) }
        return item.code
    }

    static func isDimensionTag(_ tag: String, _ frameworks: [Framework]) -> Bool {
        let parts = tag.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), let framework = frameworks.first(where: { $0.id == parts[0] }),
            let dimension = framework.dimensions.first(where: { $0.id == parts[1] })
        else { return false }
        return parts.count == 2 || dimension.elements.contains { $0.id == parts[2] }
    }

    /// Links evidence to a node, job, outcome, hypothesis or decision; linking again changes
    /// the stance.
    public func linkEvidence(workspaceID: String, evidence: String, _ link: EvidenceLink) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "evidence.link", record: "evidence:\(evidence)",
                summary: "linked to \(link.target.rawValue) '\(link.code)' (\(link.stance.rawValue))")
            return try await Self.linkEvidence(db, workspaceID: workspaceID, evidence: evidence, link)
        }
    }

    static func linkEvidence(_ db: any SQLDatabase, workspaceID: String, evidence: String, _ link: EvidenceLink) async throws {
        guard
            let row = try await db.select().column("id").from("evidence").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(evidence)).first()
        else { throw StoreError.notFound("no evidence '\(evidence)'") }
        let evidenceID = try row.decode(column: "id", as: String.self)
        let table: String =
            switch link.target {
            case .node: "los_nodes"
            case .job: "jobs"
            case .outcome: "outcomes"
            case .hypothesis: "hypotheses"
            case .decision: "decisions"
            }
        let target = try await db.select().column("id").from(table).where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(link.code)).first()
        guard target != nil else { throw StoreError.invalid("no \(link.target.rawValue) '\(link.code)' to link evidence '\(evidence)' to") }
        try await db.delete(from: "evidence_links").where("evidence_id", .equal, SQLBind(evidenceID))
            .where("target_kind", .equal, SQLBind(link.target.rawValue)).where("target_code", .equal, SQLBind(link.code)).run()
        try await db.insert(into: "evidence_links").columns("evidence_id", "target_kind", "target_code", "stance")
            .values(SQLBind(evidenceID), SQLBind(link.target.rawValue), SQLBind(link.code), SQLBind(link.stance.rawValue)).run()
    }

    static func deleteEvidenceLinks(_ db: any SQLDatabase, workspaceID: String, target: EvidenceLink.Target, code: String) async throws {
        try await db.delete(from: "evidence_links").where("target_kind", .equal, SQLBind(target.rawValue))
            .where("target_code", .equal, SQLBind(code))
            .where(
                "evidence_id", .in,
                SQLSubquery.select { $0.column("id").from("evidence").where("workspace_id", .equal, SQLBind(workspaceID)) }
            ).run()
    }

    /// The next free code `<prefix><n>` after the highest count so far.
    static func nextCode(_ db: any SQLDatabase, table: String, prefix: String, workspaceID: String) async throws -> String {
        let codes = Set(
            try await db.select().column("code").from(table).where("workspace_id", .equal, SQLBind(workspaceID)).all()
                .map { try $0.decode(column: "code", as: String.self) })
        var number = codes.count + 1
        while codes.contains("\(prefix)\(number)") { number += 1 }
        return "\(prefix)\(number)"
    }

    /// The decision log, oldest first, each with the evidence it cites.
    public func decisions(workspaceID: String) async throws -> [DecisionRecord] {
        struct Row: Decodable {
            var code, title, context, options, chosen, involvement, decidedBy, decidedOn: String
            var unit, initiative: String?
        }
        return try await read { db in
            let rows = try await db.select().columns(
                SQLColumn("code", table: "d"), SQLColumn("title", table: "d"), SQLColumn("context", table: "d"),
                SQLColumn("options", table: "d"), SQLColumn("chosen", table: "d"), SQLColumn("involvement", table: "d"),
                SQLColumn("decided_by", table: "d"), SQLColumn("decided_on", table: "d")
            )
            .column(SQLColumn("code", table: "u"), as: "unit").column(SQLColumn("code", table: "i"), as: "initiative")
            .from(SQLAlias(SQLIdentifier("decisions"), as: SQLIdentifier("d")))
            .join(
                SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), method: SQLJoinMethod.left, on: SQLColumn("unit_id", table: "d"),
                .equal, SQLColumn("id", table: "u")
            )
            .join(
                SQLAlias(SQLIdentifier("los_nodes"), as: SQLIdentifier("i")), method: SQLJoinMethod.left,
                on: SQLColumn("initiative_id", table: "d"), .equal, SQLColumn("id", table: "i")
            )
            .where(SQLColumn("workspace_id", table: "d"), .equal, SQLBind(workspaceID))
            .orderBy(SQLColumn("decided_on", table: "d")).orderBy(SQLColumn("code", table: "d"))
            .records(Row.self)
            var cited: [String: [String]] = [:]
            for row in try await db.select().column(SQLColumn("code", table: "evidence")).column(
                SQLColumn("target_code", table: "evidence_links")
            )
            .from("evidence_links").join(
                "evidence", on: SQLColumn("evidence_id", table: "evidence_links"), .equal, SQLColumn("id", table: "evidence")
            )
            .where(SQLColumn("workspace_id", table: "evidence"), .equal, SQLBind(workspaceID))
            .where(SQLColumn("target_kind", table: "evidence_links"), .equal, SQLBind("decision")).orderBy(
                SQLColumn("code", table: "evidence")
            ).all() {
                cited[try row.decode(column: "target_code", as: String.self), default: []].append(
                    try row.decode(column: "code", as: String.self))
            }
            return try rows.map {
                DecisionRecord(
                    code: $0.code, title: $0.title, context: $0.context, options: $0.options.split(separator: "\n").map(String.init),
                    chosen: $0.chosen, involvement: try storedValue(DecisionRecord.Involvement.self, $0.involvement, column: "involvement"),
                    decidedBy: $0.decidedBy,
                    unit: $0.unit, decidedOn: $0.decidedOn, initiative: $0.initiative, evidence: cited[$0.code] ?? [])
            }
        }
    }

    /// Logs a decision with the evidence it cites (linked as supporting), all or nothing. An
    /// empty code gets the next `D<n>`.
    @discardableResult
    public func logDecision(workspaceID: String, _ decision: DecisionRecord) async throws -> String {
        let id = makeID()
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "decision.log", record: "decision:\(decision.code.isEmpty ? id : decision.code)",
                summary: "logged decision '\(decision.title)'")
            return try await Self.logDecision(db, workspaceID: workspaceID, decision, id: id)
        }
    }

    static func logDecision(_ db: any SQLDatabase, workspaceID: String, _ decision: DecisionRecord, id: String) async throws -> String {
        var decision = decision
        if decision.code.isEmpty { decision.code = try await Self.nextCode(db, table: "decisions", prefix: "D", workspaceID: workspaceID) }
        if let problem = decision.problem { throw StoreError.invalid(problem) }
        for option in decision.options where option.contains("\n") { throw StoreError.invalid("an option must fit on one line") }
        let taken = try await db.select().column("id").from("decisions").where("workspace_id", .equal, SQLBind(workspaceID))
            .where("code", .equal, SQLBind(decision.code)).first()
        if taken != nil { throw StoreError.conflict("a decision with code '\(decision.code)' already exists") }
        var unitID: String?
        if let unit = decision.unit {
            let units = try await OrganizationRepository.units(db, workspaceID: workspaceID)
            guard let match = units.first(where: { $0.code == unit }) else { throw StoreError.invalid("no unit '\(unit)'") }
            unitID = match.id
        }
        let initiativeID = try await decision.initiative.asyncMap {
            try await Self.node(db, workspaceID: workspaceID, code: $0, type: .initiative)
        }
        try await db.insert(into: "decisions")
            .columns(
                "id", "workspace_id", "code", "title", "context", "options", "chosen", "involvement", "decided_by", "unit_id", "decided_on",
                "initiative_id"
            )
            .values(
                SQLBind(id), SQLBind(workspaceID), SQLBind(decision.code), SQLBind(decision.title.trimmingSpaces()),
                SQLBind(decision.context),
                SQLBind(decision.options.joined(separator: "\n")), SQLBind(decision.chosen), SQLBind(decision.involvement.rawValue),
                SQLBind(decision.decidedBy), SQLBind(unitID), SQLBind(decision.decidedOn), SQLBind(initiativeID)
            ).run()
        for evidence in decision.evidence {
            try await Self.linkEvidence(
                db, workspaceID: workspaceID, evidence: evidence, EvidenceLink(target: .decision, code: decision.code))
        }
        return decision.code
    }

    /// The humility and agility figures from the decision log (loaded unless the caller has
    /// it), the evidence capture dates and the initiatives' ship dates. Only codes and dates
    /// are read: the figures need nothing else of the evidence or the graph.
    public func loopFigures(
        workspaceID: String, decisions known: [DecisionRecord]? = nil
    ) async throws -> (humility: Humility.Report, agility: Agility.Report) {
        let decisions: [DecisionRecord]
        if let known { decisions = known } else { decisions = try await self.decisions(workspaceID: workspaceID) }
        let (captured, shipped) = try await read { db in
            func dates(_ query: SQLSelectBuilder, _ column: String) async throws -> [String: String] {
                Dictionary(
                    uniqueKeysWithValues: try await query.all().map {
                        (try $0.decode(column: "code", as: String.self), try $0.decode(column: column, as: String.self))
                    })
            }
            return (
                try await dates(
                    db.select().columns("code", "captured_on").from("evidence").where("workspace_id", .equal, SQLBind(workspaceID)),
                    "captured_on"),
                try await dates(
                    db.select().columns("code", "shipped_on").from("los_nodes").where("workspace_id", .equal, SQLBind(workspaceID))
                        .where("type", .equal, SQLBind(LineOfSightModel.NodeType.initiative.rawValue))
                        .where("shipped_on", .isNot, SQLLiteral.null), "shipped_on")
            )
        }
        return (
            Humility.report(decisions, knownEvidence: Set(captured.keys)),
            Agility.report(decisions, evidenceDates: captured, shipped: shipped)
        )
    }
}
