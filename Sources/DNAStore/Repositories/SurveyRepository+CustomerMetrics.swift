import DNACore
import SQLKit

extension SurveyRepository {
    /// Imports NPS, CSAT, CES and time-to-first-value answers
    /// (`respondent,segment,date,metric,value`), all or nothing; unknown segments and answers
    /// already stored are reported with their line and column.
    public func importCustomerMetricAnswers(workspaceID: String, file: String, bytes: [UInt8]) async throws -> Int {
        let table = try CSVTable(reader: CSVReader(file: file, bytes: bytes), required: CustomerMetrics.header)
        let answers = try CustomerMetrics.read(table)
        let column = Dictionary(uniqueKeysWithValues: CustomerMetrics.header.map { ($0, table.index(of: $0)!) })
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "customer-metrics.import", record: "file:\(file)",
                summary: "imported customer metric answers")
            let known = try await Self.knownSegments(db, workspaceID: workspaceID)
            let stored = Set(
                try await db.select().columns("metric", "respondent", "answered_on").from("customer_metric_answers")
                    .where("workspace_id", .equal, SQLBind(workspaceID)).all()
                    .map {
                        [
                            try $0.decode(column: "respondent", as: String.self), try $0.decode(column: "answered_on", as: String.self),
                            try $0.decode(column: "metric", as: String.self),
                        ].joined(separator: "\u{0}")
                    })
            var problems = FileProblems()
            table.forEachRecord(&problems) { record, problems in
                let field = { (name: String) in record[column[name]!].trimmingSpaces() }
                if let message = Self.unknownSegment(field("segment"), known: known) {
                    problems.append(table.problem(record, column: column["segment"]!, message))
                }
                if stored.contains([field("respondent"), field("date"), field("metric").lowercased()].joined(separator: "\u{0}")) {
                    problems.append(
                        table.problem(
                            record, column: column["respondent"]!,
                            "this answer of '\(field("respondent"))' on \(field("date")) is already stored"))
                }
            }
            try problems.throwIfAny()
            try await Self.insertMetricAnswers(db, workspaceID: workspaceID, answers)
        }
        return answers.count
    }

    static func insertMetricAnswers(_ db: any SQLDatabase, workspaceID: String, _ answers: [CustomerMetrics.Answer]) async throws {
        for chunk in answers.chunked(into: 200) {
            var insert = db.insert(into: "customer_metric_answers").columns(
                "workspace_id", "metric", "respondent", "segment", "answered_on", "value")
            for answer in chunk {
                insert = insert.values(
                    SQLBind(workspaceID), SQLBind(answer.metric.rawValue), SQLBind(answer.respondent), SQLBind(answer.segment),
                    SQLBind(answer.date), SQLBind(answer.value))
            }
            try await insert.run()
        }
    }

    public func customerMetricAnswers(workspaceID: String) async throws -> [CustomerMetrics.Answer] {
        struct Row: Decodable {
            var metric, respondent, segment, answeredOn: String
            var value: Double
        }
        return try await read { db in
            try await db.select().columns("metric", "respondent", "segment", "answered_on", "value").from("customer_metric_answers")
                .where("workspace_id", .equal, SQLBind(workspaceID)).orderBy("answered_on").orderBy("respondent")
                .records(Row.self)
                .map { row in
                    CustomerMetrics.Answer(
                        respondent: row.respondent, segment: row.segment, date: row.answeredOn,
                        metric: try storedValue(CustomerMetrics.Kind.self, row.metric, column: "metric"), value: row.value)
                }
        }
    }
}
