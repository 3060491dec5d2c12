import DNACore
import SQLKit

/// One customer's answers as they are written in one go (import, API, demo).
struct SurveyRespondentRow {
    var id: String
    var surveyID: String
    var respondentKey: String?
    var segment: String
    var order: [String]
    var source: String
    var startedAt: Int64
    var submittedAt: Int64?
    var ratings: [String: SurveyRating]
    var picks: [String]
}

/// Answers of customer surveys: writing them in bulk (import, API, demo) and reading the
/// handed-in ones back for scoring.
extension SurveyRepository {
    static func insertSurveyRespondents(_ db: any SQLDatabase, _ rows: [SurveyRespondentRow]) async throws {
        for chunk in rows.chunked(into: 200) {
            var insert = db.insert(into: "survey_respondents")
                .columns("id", "survey_id", "respondent_key", "segment", "shown_order", "source", "started_at", "submitted_at")
            for row in chunk {
                insert = insert.values(
                    SQLBind(row.id), SQLBind(row.surveyID), SQLBind(row.respondentKey), SQLBind(row.segment),
                    SQLBind(row.order.joined(separator: ",")), SQLBind(row.source), SQLBind(row.startedAt), SQLBind(row.submittedAt))
            }
            try await insert.run()
        }
        var answers: [(String, String, SurveyRating)] = []
        for row in rows {
            answers += row.ratings.sorted { $0.key < $1.key }.map { (row.id, $0.key, $0.value) }
            answers += row.picks.map { (row.id, $0, SurveyRating(importance: nil, satisfaction: nil)) }
        }
        for chunk in answers.chunked(into: 200) {
            var insert = db.insert(into: "survey_answers").columns(answerColumns)
            for answer in chunk { insert = insert.values(answerValues(answer.0, answer.1, answer.2)) }
            try await insert.run()
        }
    }

    /// A link respondent's answers; on SQLite each row gets a random rowid, so the table's
    /// order says nothing about when they were given (see `AnonymousWrites`).
    static func insertSurveyAnswers(
        _ db: any SQLDatabase, respondentID: String, ratings: [String: SurveyRating], picks: [String], kind: DatabaseKind
    )
        async throws
    {
        let entries =
            ratings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + picks.map { ($0, SurveyRating(importance: nil, satisfaction: nil)) }
        try await AnonymousWrites.insert(
            db, kind: kind, into: "survey_answers", columns: answerColumns,
            rows: entries.map { item, rating in answerValues(respondentID, item, rating) })
    }

    static let answerColumns = ["respondent_id", "item", "importance", "satisfaction", "not_applicable"]

    static func answerValues(_ respondentID: String, _ item: String, _ rating: SurveyRating) -> [SQLBind] {
        [
            SQLBind(respondentID), SQLBind(item), SQLBind(rating.importance), SQLBind(rating.satisfaction),
            SQLBind(rating.notApplicable ? 1 : 0),
        ]
    }

    /// Imports answers in the contract's CSV (outcome study: `respondent,segment,outcome,
    /// importance,satisfaction`; top-tasks vote: `voter,task`), all or nothing. Outcomes or
    /// tasks not in the survey, unknown segments and respondents already in the survey are
    /// reported with their line and column. Returns the number of respondents added.
    public func importSurveyAnswers(workspaceID: String, surveyID: String, file: String, bytes: [UInt8], now: Int64) async throws -> Int {
        let survey = try await survey(workspaceID: workspaceID, id: surveyID)
        let table = try CSVTable(
            reader: CSVReader(file: file, bytes: bytes), required: survey.kind == .outcomeStudy ? OutcomeStudy.header : ["voter", "task"])
        let keyColumn = table.index(of: survey.kind == .outcomeStudy ? "respondent" : "voter")!
        let itemColumn = table.index(of: survey.kind == .outcomeStudy ? "outcome" : "task")!
        let ordered =
            survey.kind == .outcomeStudy
            ? SurveyRespondentRow.imported(ratings: try OutcomeStudy.read(table), surveyID: surveyID, at: now, makeID: makeID)
            : SurveyRespondentRow.imported(votes: try TopTasks.read(table), surveyID: surveyID, at: now, makeID: makeID)
        let firstLines = Dictionary(table.rows.map { ($0[keyColumn].trimmingSpaces(), $0.line) }, uniquingKeysWith: { first, _ in first })
        let items = Set(survey.items.map(\.code))
        let segmentColumn = table.index(of: "segment")
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "survey.import", record: "survey:\(surveyID)",
                summary: "imported \(ordered.count) respondents' answers from \(file)")
            let known = try await Self.knownSegments(db, workspaceID: workspaceID)
            let existing = Set(
                try await db.select().column("respondent_key").from("survey_respondents").where("survey_id", .equal, SQLBind(surveyID))
                    .where("respondent_key", .isNot, SQLLiteral.null).all().map { try $0.decode(column: "respondent_key", as: String.self) }
            )
            var problems = FileProblems()
            table.forEachRecord(&problems) { record, problems in
                let key = record[keyColumn].trimmingSpaces(), item = record[itemColumn].trimmingSpaces()
                if !items.contains(item) {
                    problems.append(
                        table.problem(
                            record, column: itemColumn,
                            "'\(item)' is not one of this survey's \(survey.kind == .outcomeStudy ? "outcomes" : "tasks")"))
                }
                if let segmentColumn, let message = Self.unknownSegment(record[segmentColumn].trimmingSpaces(), known: known) {
                    problems.append(table.problem(record, column: segmentColumn, message))
                }
                if existing.contains(key), firstLines[key] == record.line {
                    problems.append(table.problem(record, column: keyColumn, "respondent '\(key)' is already in this survey"))
                }
            }
            try problems.throwIfAny()
            try await Self.insertSurveyRespondents(db, ordered)
        }
        return ordered.count
    }

    /// Records one customer's answers given through the API, handed in at once.
    public func addSurveyResponse(
        workspaceID: String, surveyID: String, respondent: String?, segment: String, ratings: [String: SurveyRating], picks: [String],
        now: Int64
    ) async throws {
        let survey = try await survey(workspaceID: workspaceID, id: surveyID)
        try Self.checkAnswers(survey, ratings: ratings, picks: picks)
        if survey.kind == .topTasks, picks.isEmpty { throw StoreError.invalid("pick at least one task") }
        if survey.kind == .outcomeStudy, ratings.isEmpty { throw StoreError.invalid("rate at least one outcome") }
        let row = SurveyRespondentRow(
            id: makeID(), surveyID: surveyID, respondentKey: respondent, segment: segment, order: [], source: "api", startedAt: now,
            submittedAt: now, ratings: ratings, picks: picks)
        do {
            try await write { db in
                try await Self.checkSegments(db, workspaceID: workspaceID, [segment])
                try await Self.insertSurveyRespondents(db, [row])
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("respondent '\(respondent ?? "")' is already in this survey")
        }
    }

    public func surveyProgress(surveyID: String) async throws -> SurveyProgress {
        try await read { db in
            // A link is deleted when its answers are handed in: links issued are the links
            // still there and the answers handed in through one.
            let unspent =
                try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("survey_tokens").where(
                    "survey_id", .equal, SQLBind(surveyID)
                )
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let spent =
                try await db.select().column(SQLRaw("COUNT(*)"), as: "n").from("survey_respondents")
                .where("survey_id", .equal, SQLBind(surveyID)).where("submitted_at", .isNot, SQLLiteral.null)
                .where("source", .in, ["link", "open-link"])
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let tokens = unspent + spent
            let counts = try await db.select().column(SQLRaw("COUNT(submitted_at)"), as: "submitted").column(
                SQLRaw("COUNT(*)"), as: "started"
            )
            .from("survey_respondents").where("survey_id", .equal, SQLBind(surveyID)).first()
            let submitted = try counts?.decode(column: "submitted", as: Int.self) ?? 0
            return SurveyProgress(
                linksIssued: tokens, submitted: submitted,
                inProgress: (try counts?.decode(column: "started", as: Int.self) ?? 0) - submitted)
        }
    }

    /// The handed-in ratings of an outcome study, as the analysis reads them: outcomes marked
    /// not applicable are left out (see `outcomeStudyAnswers`).
    public func outcomeRatings(surveyID: String) async throws -> [OutcomeStudy.Rating] {
        try await outcomeStudyAnswers(surveyID: surveyID).ratings
    }

    /// The handed-in answers of an outcome study in one read: the ratings, and who said which
    /// outcomes do not apply to them, with their segment.
    public func outcomeStudyAnswers(
        surveyID: String
    ) async throws -> (ratings: [OutcomeStudy.Rating], notApplicable: [(respondent: String, segment: String, outcome: String)]) {
        var ratings: [OutcomeStudy.Rating] = [], notApplicable: [(respondent: String, segment: String, outcome: String)] = []
        for answer in try await submittedAnswers(surveyID: surveyID) {
            if answer.notApplicable {
                notApplicable.append((answer.respondent, answer.segment, answer.item))
            } else {
                ratings.append(
                    OutcomeStudy.Rating(
                        respondent: answer.respondent, segment: answer.segment, outcome: answer.item, importance: answer.importance,
                        satisfaction: answer.satisfaction))
            }
        }
        return (ratings, notApplicable)
    }

    /// The handed-in picks of a top-tasks vote.
    public func taskVotes(surveyID: String) async throws -> [TopTasks.Vote] {
        try await submittedAnswers(surveyID: surveyID).map { TopTasks.Vote(voter: $0.respondent, task: $0.item) }
    }

    /// One handed-in answer as stored.
    private struct SubmittedAnswer: Decodable {
        var respondent, segment, item: String
        var importance, satisfaction: Int?
        var notApplicableFlag: Int
        var notApplicable: Bool { notApplicableFlag != 0 }
    }

    private func submittedAnswers(surveyID: String) async throws -> [SubmittedAnswer] {
        try await read { db in
            try await db.select().column(SQLColumn("id", table: "survey_respondents"), as: "respondent").column("segment").column("item")
                .column("importance").column("satisfaction").column(SQLColumn("not_applicable"), as: "not_applicable_flag")
                .from("survey_answers")
                .join(
                    "survey_respondents", on: SQLColumn("respondent_id", table: "survey_answers"), .equal,
                    SQLColumn("id", table: "survey_respondents")
                )
                .where("survey_id", .equal, SQLBind(surveyID)).where("submitted_at", .isNot, SQLLiteral.null)
                .records(SubmittedAnswer.self)
        }
    }
}

extension SurveyRespondentRow {
    /// One handed-in row per respondent of imported ratings, in the order respondents first
    /// appear.
    static func imported(ratings: [OutcomeStudy.Rating], surveyID: String, at time: Int64, makeID: () -> String) -> [SurveyRespondentRow] {
        grouped(ratings, by: \.respondent, segment: \.segment, surveyID: surveyID, at: time, makeID: makeID) { row, rating in
            row.ratings[rating.outcome] = SurveyRating(importance: rating.importance, satisfaction: rating.satisfaction)
        }
    }

    /// One handed-in row per voter of imported picks, in the order voters first appear.
    static func imported(votes: [TopTasks.Vote], surveyID: String, at time: Int64, makeID: () -> String) -> [SurveyRespondentRow] {
        grouped(votes, by: \.voter, segment: { _ in "" }, surveyID: surveyID, at: time, makeID: makeID) { row, vote in
            row.picks.append(vote.task)
        }
    }

    private static func grouped<Answer>(
        _ answers: [Answer], by key: (Answer) -> String, segment: (Answer) -> String, surveyID: String, at time: Int64,
        makeID: () -> String, add: (inout SurveyRespondentRow, Answer) -> Void
    ) -> [SurveyRespondentRow] {
        var rows: [SurveyRespondentRow] = []
        var index: [String: Int] = [:]
        for answer in answers {
            let respondent = key(answer)
            if index[respondent] == nil {
                index[respondent] = rows.count
                rows.append(
                    SurveyRespondentRow(
                        id: makeID(), surveyID: surveyID, respondentKey: respondent, segment: segment(answer), order: [], source: "import",
                        startedAt: time, submittedAt: time, ratings: [:], picks: []))
            }
            add(&rows[index[respondent]!], answer)
        }
        return rows
    }
}
