import DNACore
import SQLKit

/// What a merge of customer-model records changed.
public struct ModelMergeSummary: Codable, Equatable, Sendable {
    public var added: Int
    public var updated: Int
}

/// One kind of customer-model record, as pages, API and CLI name it.
public enum CustomerRecordKind: String, Sendable, CaseIterable {
    case segment, job, outcome, offering, task

    var table: String {
        switch self {
        case .segment: "segments"
        case .job: "jobs"
        case .outcome: "outcomes"
        case .offering: "offerings"
        case .task: "customer_tasks"
        }
    }
}

extension CustomerModelRepository {
    /// The whole customer model of a workspace, every kind ordered by code.
    public func model(workspaceID: String) async throws -> CustomerModel {
        try await read { db in try await Self.customerModel(db, workspaceID: workspaceID) }
    }

    static func customerModel(_ db: any SQLDatabase, workspaceID: String) async throws -> CustomerModel {
        struct JobRow: Decodable { var id, code, statement, situation: String, step: String? }
        struct OutcomeRow: Decodable { var code: String, jobId: String?, direction, metric, object, clarifier, translations: String }
        struct TaskRow: Decodable { var code, title, translations: String }
        struct OfferingRow: Decodable { var id, code, name, kind, description: String }
        func rows<T: Decodable>(_ table: String, _ columns: [String], as type: T.Type) async throws -> [T] {
            try await db.select().columns(columns.map { SQLIdentifier($0) }).from(table).where("workspace_id", .equal, SQLBind(workspaceID))
                .orderBy("code").records(T.self)
        }
        var model = CustomerModel()
        model.segments = try await rows("segments", ["code", "name", "description"], as: CustomerModel.Segment.self)
        let jobs = try await rows("jobs", ["id", "code", "statement", "situation", "step"], as: JobRow.self)
        model.jobs = jobs.map {
            .init(code: $0.code, statement: $0.statement, situation: $0.situation, step: $0.step.flatMap(CustomerModel.JobStep.init))
        }
        let jobCodes = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.code) })
        model.outcomes = try await rows(
            "outcomes", ["code", "job_id", "direction", "metric", "object", "clarifier", "translations"], as: OutcomeRow.self
        )
        .map {
            .init(
                code: $0.code, job: $0.jobId.flatMap { jobCodes[$0] },
                direction: try storedValue(CustomerOutcome.Direction.self, $0.direction, column: "direction"),
                metric: $0.metric, object: $0.object, clarifier: $0.clarifier, translations: StoredTranslations.read($0.translations))
        }
        let links = try await db.select().column(SQLColumn("offering_id", table: "offering_jobs")).column(
            SQLColumn("job_id", table: "offering_jobs")
        )
        .from("offering_jobs").join(
            "offerings", on: SQLColumn("offering_id", table: "offering_jobs"), .equal, SQLColumn("id", table: "offerings")
        )
        .where(SQLColumn("workspace_id", table: "offerings"), .equal, SQLBind(workspaceID)).all()
        var jobsOfOffering: [String: [String]] = [:]
        for link in links {
            let offering = try link.decode(column: "offering_id", as: String.self), job = try link.decode(column: "job_id", as: String.self)
            if let code = jobCodes[job] { jobsOfOffering[offering, default: []].append(code) }
        }
        model.offerings = try await rows("offerings", ["id", "code", "name", "kind", "description"], as: OfferingRow.self).map {
            .init(
                code: $0.code, name: $0.name, kind: try storedValue(CustomerModel.OfferingKind.self, $0.kind, column: "kind"),
                description: $0.description,
                jobs: (jobsOfOffering[$0.id] ?? []).sorted())
        }
        model.tasks = try await rows("customer_tasks", ["code", "title", "translations"], as: TaskRow.self).map {
            .init(code: $0.code, title: $0.title, translations: StoredTranslations.read($0.translations))
        }
        return model
    }

    /// Reads a customer-model YAML file and merges it into the workspace, all or nothing:
    /// records are matched by code, so a record already there is updated and a new one added;
    /// nothing is deleted. Problems come back as located `FileProblems`.
    public func importCustomerModel(workspaceID: String, file: String, text: String) async throws -> ModelMergeSummary {
        let existing = try await model(workspaceID: workspaceID)
        let incoming = try CustomerModelDocument.read(file: file, text: text, knownJobs: Set(existing.jobs.map(\.code)))
        return try await mergeCustomerModel(workspaceID: workspaceID, incoming)
    }

    /// Merges records into the workspace's model (matched by code) after checking that the
    /// result is consistent; the whole merge is one transaction.
    public func mergeCustomerModel(workspaceID: String, _ incoming: CustomerModel) async throws -> ModelMergeSummary {
        let makeID = self.makeID
        return try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "customer-model.merge", record: "customer-model",
                summary:
                    "merged \(incoming.segments.count) segments, \(incoming.jobs.count) jobs, \(incoming.outcomes.count) outcomes, \(incoming.tasks.count) tasks"
            )
            return try await Self.mergeCustomerModel(db, workspaceID: workspaceID, incoming, makeID: makeID)
        }
    }

    static func mergeCustomerModel(
        _ db: any SQLDatabase, workspaceID: String, _ incoming: CustomerModel, makeID: @Sendable () -> String
    ) async throws -> ModelMergeSummary {
        let current = try await Self.customerModel(db, workspaceID: workspaceID)
        let merged = Self.merged(current, incoming)
        if let problem = merged.problems().first { throw StoreError.invalid(problem) }
        var summary = ModelMergeSummary(added: 0, updated: 0)
        func upsert(_ kind: CustomerRecordKind, code: String, values: [(String, any Encodable & Sendable)]) async throws -> String {
            let existing = try await db.select().column("id").from(kind.table).where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(code)).first()?.decode(column: "id", as: String.self)
            if let existing {
                let update = db.update(kind.table).where("id", .equal, SQLBind(existing))
                for (column, value) in values { update.set(SQLIdentifier(column), to: SQLBind(value)) }
                try await update.run()
                summary.updated += 1
                return existing
            }
            let id = makeID()
            try await db.insert(into: kind.table).columns(["id", "workspace_id", "code"] + values.map(\.0))
                .values([SQLBind(id), SQLBind(workspaceID), SQLBind(code)] + values.map { SQLBind($0.1) }).run()
            summary.added += 1
            return id
        }
        for segment in incoming.segments {
            _ = try await upsert(.segment, code: segment.code, values: [("name", segment.name), ("description", segment.description)])
        }
        var jobIDs: [String: String] = [:]
        for job in incoming.jobs {
            jobIDs[job.code] = try await upsert(
                .job, code: job.code,
                values: [("statement", job.statement), ("situation", job.situation), ("step", job.step?.rawValue)])
        }
        func jobID(_ code: String) async throws -> String? {
            if let id = jobIDs[code] { return id }
            let id = try await db.select().column("id").from("jobs").where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(code)).first()?.decode(column: "id", as: String.self)
            jobIDs[code] = id
            return id
        }
        for outcome in incoming.outcomes {
            var job: String? = nil
            if let code = outcome.job { job = try await jobID(code) }
            _ = try await upsert(
                .outcome, code: outcome.code,
                values: [
                    ("job_id", job), ("direction", outcome.direction.rawValue), ("metric", outcome.metric), ("object", outcome.object),
                    ("clarifier", outcome.clarifier),
                ] + StoredTranslations.column(outcome.translations))
        }
        for offering in incoming.offerings {
            let id = try await upsert(
                .offering, code: offering.code,
                values: [("name", offering.name), ("kind", offering.kind.rawValue), ("description", offering.description)])
            try await db.delete(from: "offering_jobs").where("offering_id", .equal, SQLBind(id)).run()
            for code in Set(offering.jobs).sorted() {
                guard let job = try await jobID(code) else { continue }
                try await db.insert(into: "offering_jobs").columns("offering_id", "job_id").values(SQLBind(id), SQLBind(job)).run()
            }
        }
        for task in incoming.tasks {
            _ = try await upsert(.task, code: task.code, values: [("title", task.title)] + StoredTranslations.column(task.translations))
        }
        return summary
    }

    /// `current` with every record of `incoming` put in place of the one with its code.
    static func merged(_ current: CustomerModel, _ incoming: CustomerModel) -> CustomerModel {
        func merge<T>(_ old: [T], _ new: [T], code: (T) -> String) -> [T] {
            let replaced = Set(new.map(code))
            return old.filter { !replaced.contains(code($0)) } + new
        }
        return CustomerModel(
            segments: merge(current.segments, incoming.segments, code: \.code), jobs: merge(current.jobs, incoming.jobs, code: \.code),
            outcomes: merge(current.outcomes, incoming.outcomes, code: \.code),
            offerings: merge(current.offerings, incoming.offerings, code: \.code), tasks: merge(current.tasks, incoming.tasks, code: \.code)
        )
    }

    /// Removes one record. Outcomes of a removed job lose their job; offerings forget it.
    /// Surveys keep the wording they froze, so past answers stay readable.
    public func deleteCustomerRecord(workspaceID: String, kind: CustomerRecordKind, code: String) async throws {
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "customer-model.delete", record: "\(kind.rawValue):\(code)",
                summary: "deleted \(kind.rawValue) '\(code)'")
            let found = try await db.select().column("id").from(kind.table).where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(code)).first()
            guard let id = try found?.decode(column: "id", as: String.self) else {
                throw StoreError.notFound("no \(kind.rawValue) '\(code)'")
            }
            if kind == .job {
                try await db.update("outcomes").set("job_id", to: SQLBind(String?.none)).where("job_id", .equal, SQLBind(id)).run()
                try await db.delete(from: "offering_jobs").where("job_id", .equal, SQLBind(id)).run()
            }
            if kind == .offering { try await db.delete(from: "offering_jobs").where("offering_id", .equal, SQLBind(id)).run() }
            try await db.delete(from: kind.table).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// The link to the inside view: for each outcome, the units whose people name it as the
    /// customer value of their work in the latest assessment wave with answers. A unit counts
    /// only when at least k of its people handed in, so no single answer is exposed.
    public func outcomeUnitCoverage(workspace: Workspace) async throws -> (campaign: Campaign?, units: [String: [String]]) {
        try await read { db in
            let latest = try await CampaignRepository.campaignQuery(db).where("workspace_id", .equal, SQLBind(workspace.id))
                .where(
                    SQLRaw(
                        "EXISTS (SELECT 1 FROM responses WHERE responses.campaign_id = campaigns.id AND responses.submitted_at IS NOT NULL)"
                    )
                )
                .orderBy("opens_at", .descending).first().map(CampaignRepository.campaign)
            guard let latest else { return (nil, [:]) }
            let rows = try await db.select().column("unit_id").column("outcome").from("responses")
                .where("campaign_id", .equal, SQLBind(latest.id)).where("submitted_at", .isNot, SQLLiteral.null).all()
            var sizes: [String: Int] = [:]
            var named: [String: Set<String>] = [:]
            for row in rows {
                guard let unit = try row.decode(column: "unit_id", as: String?.self) else { continue }
                sizes[unit, default: 0] += 1
                if let outcome = try row.decode(column: "outcome", as: String?.self) { named[outcome, default: []].insert(unit) }
            }
            let codes = Dictionary(
                uniqueKeysWithValues: try await OrganizationRepository.units(db, workspaceID: workspace.id).map { ($0.id, $0.code) })
            var units: [String: [String]] = [:]
            for (outcome, unitIDs) in named {
                let shown = unitIDs.filter { sizes[$0, default: 0] >= workspace.minGroupSize }.compactMap { codes[$0] }.sorted()
                if !shown.isEmpty { units[outcome] = shown }
            }
            return (latest, units)
        }
    }
}
