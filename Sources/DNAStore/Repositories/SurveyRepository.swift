import DNACore
import SQLKit

/// One outcome's importance and satisfaction as a customer gave them (1-5, nil = not given),
/// or that the outcome does not apply to them: then it has neither, is left out of the
/// scores and counted apart.
public struct SurveyRating: Sendable, Equatable, Codable {
    public var importance: Int?
    public var satisfaction: Int?
    public var notApplicable: Bool

    public init(importance: Int?, satisfaction: Int?, notApplicable: Bool = false) {
        self.importance = importance
        self.satisfaction = satisfaction
        self.notApplicable = notApplicable
    }

    /// Rated both ways, or said not to apply: nothing is left to ask about this outcome.
    public var isComplete: Bool { notApplicable || (importance != nil && satisfaction != nil) }
    public var isEmpty: Bool { !notApplicable && importance == nil && satisfaction == nil }
}

/// What a customer's survey link opens: the survey, the order its items are shown in (shuffled
/// per respondent and recorded) and the answers saved so far.
public struct SurveySession: Sendable {
    public var survey: CustomerSurvey
    /// The segment the link was issued for; nil lets the customer say.
    public var issuedSegment: String?
    public var segment: String
    public var order: [String]
    public var ratings: [String: SurveyRating]
    public var picks: Set<String>
}

extension SurveyRepository {
    /// Creates an outcome study from chosen outcomes, or a top-tasks vote over chosen tasks
    /// (all tasks when none are chosen). The wording of each item is frozen into the survey.
    public func create(
        workspaceID: String, kind: CustomerSurvey.Kind, name: String, opensAt: Int64, closesAt: Int64?, itemCodes: [String],
        thresholds: TopTasks.Thresholds = TopTasks.Thresholds(), publicTitle: String = "", now: Int64
    ) async throws -> CustomerSurvey {
        let name = name.trimmingSpaces(), publicTitle = publicTitle.trimmingSpaces()
        guard !name.isEmpty else { throw StoreError.invalid("name is empty") }
        guard publicTitle.count <= CustomerSurvey.publicTitleLimit else {
            throw StoreError.invalid("the public title is longer than \(CustomerSurvey.publicTitleLimit) characters")
        }
        if let closesAt, closesAt <= opensAt { throw StoreError.invalid("the survey must close after it opens") }
        if let problem = thresholds.problem { throw StoreError.invalid(problem) }
        let model = try await store.customerModels.model(workspaceID: workspaceID)
        let available: [CustomerSurvey.Item] =
            kind == .outcomeStudy
            ? model.outcomes.map { .init(code: $0.code, text: $0.sentence, translations: $0.translations) }
            : model.tasks.map { .init(code: $0.code, text: $0.title, translations: $0.translations) }
        let byCode = Dictionary(uniqueKeysWithValues: available.map { ($0.code, $0) })
        let what = kind == .outcomeStudy ? "outcome" : "task"
        if let unknown = itemCodes.first(where: { byCode[$0] == nil }) {
            throw StoreError.invalid("no \(what) '\(unknown)' in the customer model")
        }
        var seen = Set<String>()
        let items = itemCodes.isEmpty && kind == .topTasks ? available : itemCodes.filter { seen.insert($0).inserted }.map { byCode[$0]! }
        guard !items.isEmpty else { throw StoreError.invalid("choose at least one \(what)") }
        if kind == .topTasks, items.count <= TopTasks.maximumPicks {
            throw StoreError.invalid("a top-tasks vote needs more than \(TopTasks.maximumPicks) tasks to choose from")
        }
        let survey = CustomerSurvey(
            id: makeID(), workspaceID: workspaceID, kind: kind, name: name, opensAt: opensAt, closesAt: closesAt, openLink: nil,
            thresholds: thresholds, createdAt: now, items: items, publicTitle: publicTitle)
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "survey.create", record: "survey:\(survey.id)",
                    summary: "created \(survey.kind.rawValue) '\(survey.name)'")
                return try await Self.insertSurvey(db, survey)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a survey named '\(name)' already exists")
        }
        return survey
    }

    static func insertSurvey(_ db: any SQLDatabase, _ survey: CustomerSurvey) async throws {
        try await db.insert(into: "customer_surveys")
            .columns(
                "id", "workspace_id", "kind", "name", "public_title", "opens_at", "closes_at", "long_neck_share", "top_share", "created_at"
            )
            .values(
                SQLBind(survey.id), SQLBind(survey.workspaceID), SQLBind(survey.kind.rawValue), SQLBind(survey.name),
                SQLBind(survey.publicTitle),
                SQLBind(survey.opensAt),
                SQLBind(survey.closesAt), SQLBind(survey.thresholds.longNeck), SQLBind(survey.thresholds.top), SQLBind(survey.createdAt)
            ).run()
        for (position, item) in survey.items.enumerated() {
            try await db.insert(into: "survey_items").columns("survey_id", "position", "code", "text", "translations")
                .values(
                    SQLBind(survey.id), SQLBind(position), SQLBind(item.code), SQLBind(item.text),
                    SQLBind(StoredTranslations.text(item.translations))
                ).run()
        }
    }

    public func all(workspaceID: String) async throws -> [CustomerSurvey] {
        try await read { db in try await Self.surveys(db, where: ("workspace_id", workspaceID)) }
    }

    public func survey(workspaceID: String, id: String) async throws -> CustomerSurvey {
        let found = try await read { db in try await Self.surveys(db, where: ("id", id)) }.first
        guard let found, found.workspaceID == workspaceID else { throw StoreError.notFound("no survey '\(id)'") }
        return found
    }

    static func surveys(_ db: any SQLDatabase, where filter: (column: String, value: String)) async throws -> [CustomerSurvey] {
        struct Row: Decodable {
            var id, workspaceId, kind, name, publicTitle: String
            var opensAt: Int64, closesAt: Int64?, openLink: String?
            var longNeckShare, topShare: Double
            var createdAt: Int64
        }
        // Named columns, not `*`: a row reads the same whatever else a later migration adds.
        let rows = try await db.select().columns(
            "id", "workspace_id", "kind", "name", "public_title", "opens_at", "closes_at", "open_link", "long_neck_share", "top_share",
            "created_at"
        ).from("customer_surveys").where(
            SQLIdentifier(filter.column), .equal, SQLBind(filter.value)
        )
        .orderBy("opens_at", .descending).orderBy("name").records(Row.self)
        guard !rows.isEmpty else { return [] }
        let items = try await db.select().columns("survey_id", "code", "text", "translations").from("survey_items")
            .where("survey_id", .in, SQLBind.group(rows.map(\.id))).orderBy("position").all()
        var itemsOf: [String: [CustomerSurvey.Item]] = [:]
        for item in items {
            itemsOf[try item.decode(column: "survey_id", as: String.self), default: []].append(
                .init(
                    code: try item.decode(column: "code", as: String.self), text: try item.decode(column: "text", as: String.self),
                    translations: StoredTranslations.read(try item.decode(column: "translations", as: String.self))))
        }
        return try rows.map {
            CustomerSurvey(
                id: $0.id, workspaceID: $0.workspaceId, kind: try storedValue(CustomerSurvey.Kind.self, $0.kind, column: "kind"),
                name: $0.name,
                opensAt: $0.opensAt, closesAt: $0.closesAt, openLink: $0.openLink,
                thresholds: TopTasks.Thresholds(longNeck: $0.longNeckShare, top: $0.topShare), createdAt: $0.createdAt,
                items: itemsOf[$0.id] ?? [], publicTitle: $0.publicTitle)
        }
    }

    public func setSurveyClose(workspaceID: String, id: String, closesAt: Int64?) async throws {
        _ = try await survey(workspaceID: workspaceID, id: id)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "survey.close", record: "survey:\(id)",
                summary: closesAt.map { "set the close to \($0)" } ?? "removed the close")
            try await db.update("customer_surveys").set("closes_at", to: SQLBind(closesAt)).where("id", .equal, SQLBind(id)).run()
        }
    }

    public func setSurveyOpenLink(workspaceID: String, id: String, secret: String?) async throws {
        _ = try await survey(workspaceID: workspaceID, id: id)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "survey.open-link", record: "survey:\(id)",
                summary: secret == nil ? "turned the open link off" : "made a new open link")
            try await db.update("customer_surveys").set("open_link", to: SQLBind(secret)).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// Stores single-use link tokens (hashes) for customers, optionally of one segment.
    public func addSurveyTokens(workspaceID: String, surveyID: String, segment: String?, tokenHashes: [String], now: Int64) async throws {
        try CampaignRepository.checkLinkCount(tokenHashes.count)
        _ = try await survey(workspaceID: workspaceID, id: surveyID)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "survey.links", record: "survey:\(surveyID)",
                summary: "issued \(tokenHashes.count) customer links")
            if let segment { try await Self.checkSegments(db, workspaceID: workspaceID, [segment]) }
            for chunk in tokenHashes.chunked(into: 200) {
                var insert = db.insert(into: "survey_tokens").columns("token_hash", "survey_id", "segment", "created_at")
                for hash in chunk {
                    insert = insert.values(SQLBind(hash), SQLBind(surveyID), SQLBind(segment), SQLBind(AnonymousWrites.day(now)))
                }
                try await insert.run()
            }
        }
    }

    /// Throws when a segment is not one of the workspace's segment codes (empty is allowed:
    /// the customer did not say).
    static func checkSegments(_ db: any SQLDatabase, workspaceID: String, _ segments: Set<String>) async throws {
        let known = try await knownSegments(db, workspaceID: workspaceID)
        if let message = segments.sorted().lazy.compactMap({ unknownSegment($0, known: known) }).first { throw StoreError.invalid(message) }
    }

    /// Why a segment written in a form, a request or a file is refused; nil when it is one of
    /// the workspace's codes or empty (the customer did not say).
    static func unknownSegment(_ segment: String, known: Set<String>) -> String? {
        guard !segment.isEmpty, !known.contains(segment) else { return nil }
        return "unknown segment '\(segment)'; known segments: \(known.isEmpty ? "none yet" : known.sorted().joined(separator: ", "))"
    }

    static func knownSegments(_ db: any SQLDatabase, workspaceID: String) async throws -> Set<String> {
        Set(
            try await db.select().column("code").from("segments").where("workspace_id", .equal, SQLBind(workspaceID)).all()
                .map { try $0.decode(column: "code", as: String.self) })
    }

    /// The session behind a survey link, or nil for an unknown token. The first visit starts
    /// the respondent and records the order in which the items are shown to them; every other
    /// visit only reads, so page views take no write lock.
    public func surveySession(
        tokenHash: String, now: Int64, shuffle: @Sendable ([String]) -> [String] = { $0.shuffled() }
    ) async throws
        -> SurveySession?
    {
        guard let loaded = try await read({ db in try await Self.surveySession(db, tokenHash: tokenHash) }) else { return nil }
        guard loaded.unstarted, loaded.session.survey.state(at: now) == .open else { return loaded.session }
        let makeID = self.makeID, kind = self.kind
        return try await write { db in
            // Read again inside the transaction: a second first visit may have started it.
            guard let current = try await Self.surveySession(db, tokenHash: tokenHash) else { return nil }
            guard current.unstarted else { return current.session }
            var session = current.session
            session.order = shuffle(session.order)
            let id = makeID()
            // A random rowid and the day only: see `AnonymousWrites`.
            try await AnonymousWrites.insert(
                db, kind: kind, into: "survey_respondents", columns: ["id", "survey_id", "segment", "shown_order", "source", "started_at"],
                rows: [
                    [
                        SQLBind(id), SQLBind(session.survey.id), SQLBind(session.segment), SQLBind(session.order.joined(separator: ",")),
                        SQLBind(session.issuedSegment == nil ? "open-link" : "link"), SQLBind(AnonymousWrites.day(now)),
                    ]
                ])
            try await db.update("survey_tokens").set("respondent_id", to: SQLBind(id)).where("token_hash", .equal, SQLBind(tokenHash))
                .run()
            return session
        }
    }

    /// The session as stored, and whether no respondent has been started for the link yet.
    private static func surveySession(_ db: any SQLDatabase, tokenHash: String) async throws -> (session: SurveySession, unstarted: Bool)? {
        guard let token = try await db.select().columns("*").from("survey_tokens").where("token_hash", .equal, SQLBind(tokenHash)).first()
        else { return nil }
        guard let survey = try await surveys(db, where: ("id", try token.decode(column: "survey_id", as: String.self))).first else {
            return nil
        }
        let issued = try token.decode(column: "segment", as: String?.self)
        var session = SurveySession(
            survey: survey, issuedSegment: issued,
            segment: issued ?? "", order: survey.items.map(\.code), ratings: [:], picks: [])
        guard let respondentID = try token.decode(column: "respondent_id", as: String?.self) else { return (session, true) }
        let row = try await db.select().columns("segment", "shown_order").from("survey_respondents")
            .where("id", .equal, SQLBind(respondentID)).first()
        session.segment = try row?.decode(column: "segment", as: String.self) ?? session.segment
        let order = try row?.decode(column: "shown_order", as: String.self).split(separator: ",").map(String.init) ?? []
        if !order.isEmpty { session.order = order }
        for answer in try await db.select().columns("item", "importance", "satisfaction", "not_applicable").from("survey_answers")
            .where("respondent_id", .equal, SQLBind(respondentID)).all()
        {
            let item = try answer.decode(column: "item", as: String.self)
            let rating = SurveyRating(
                importance: try answer.decode(column: "importance", as: Int?.self),
                satisfaction: try answer.decode(column: "satisfaction", as: Int?.self),
                notApplicable: try answer.decode(column: "not_applicable", as: Int.self) != 0)
            if survey.kind == .topTasks { session.picks.insert(item) } else { session.ratings[item] = rating }
        }
        return (session, false)
    }

    /// Makes a fresh single-use token from a survey's open link; nil when no survey has it.
    public func startSurveyFromOpenLink(_ openLink: String, tokenHash: String, now: Int64) async throws -> CustomerSurvey? {
        try await write(changingCachedReads: false) { db in
            guard
                let row = try await db.select().column("id").from("customer_surveys").where("open_link", .equal, SQLBind(openLink)).first(),
                let survey = try await Self.surveys(db, where: ("id", try row.decode(column: "id", as: String.self))).first
            else { return nil }
            try await db.insert(into: "survey_tokens").columns("token_hash", "survey_id", "segment", "created_at")
                .values(SQLBind(tokenHash), SQLBind(survey.id), SQLBind(String?.none), SQLBind(AnonymousWrites.day(now))).run()
            return survey
        }
    }

    /// Saves a customer's answers so far and, with `submit`, hands them in: the token is
    /// deleted, so nothing ties the answers to it (see `AnonymousWrites`). More than five
    /// picks in a vote is refused.
    public func saveSurveyAnswers(
        tokenHash: String, segment: String, ratings: [String: SurveyRating], picks: Set<String>, submit: Bool, now: Int64
    ) async throws {
        let kind = self.kind
        try await write(changingCachedReads: false) { db in
            guard
                let token = try await db.select().columns("*").from("survey_tokens").where("token_hash", .equal, SQLBind(tokenHash))
                    .first(),
                let respondentID = try token.decode(column: "respondent_id", as: String?.self),
                let survey = try await Self.surveys(db, where: ("id", try token.decode(column: "survey_id", as: String.self))).first
            else { throw StoreError.notFound(CampaignRepository.spentOrUnknownLink) }
            guard survey.state(at: now) == .open else {
                throw StoreError.conflict(survey.state(at: now) == .scheduled ? "this survey has not opened yet" : "this survey is closed")
            }
            let issued = try token.decode(column: "segment", as: String?.self)
            try await Self.checkSegments(db, workspaceID: survey.workspaceID, [issued ?? segment])
            try Self.checkAnswers(survey, ratings: ratings, picks: Array(picks))
            try await db.update("survey_respondents").set("segment", to: SQLBind(issued ?? segment)).where(
                "id", .equal, SQLBind(respondentID)
            )
            .run()
            try await db.delete(from: "survey_answers").where("respondent_id", .equal, SQLBind(respondentID)).run()
            try await Self.insertSurveyAnswers(db, respondentID: respondentID, ratings: ratings, picks: picks.sorted(), kind: kind)
            if submit {
                if survey.kind == .topTasks, picks.isEmpty { throw StoreError.invalid("pick at least one task") }
                try await AnonymousWrites.handIn(
                    db, kind: kind, link: ("survey_tokens", tokenHash),
                    answers: ("survey_respondents", "survey_id", survey.id, respondentID), children: ("survey_answers", "respondent_id"),
                    now: now)
            }
        }
    }

    /// The rules every way in shares: items must be the survey's, ratings 1-5, at most five
    /// picks, and only the kind of answer the survey asks for.
    static func checkAnswers(_ survey: CustomerSurvey, ratings: [String: SurveyRating], picks: [String]) throws {
        let items = Set(survey.items.map(\.code))
        let what = survey.kind == .outcomeStudy ? "outcome" : "task"
        if let unknown = (Array(ratings.keys) + picks).sorted().first(where: { !items.contains($0) }) {
            throw StoreError.invalid("'\(unknown)' is not a\(what == "outcome" ? "n" : "") \(what) of this survey")
        }
        switch survey.kind {
        case .outcomeStudy:
            if !picks.isEmpty { throw StoreError.invalid("an outcome study takes ratings, not picks") }
            for (code, rating) in ratings.sorted(by: { $0.key < $1.key }) {
                for value in [rating.importance, rating.satisfaction].compactMap({ $0 }) where !(1...5).contains(value) {
                    throw StoreError.invalid("ratings of '\(code)' must be 1-5")
                }
                if rating.notApplicable && (rating.importance != nil || rating.satisfaction != nil) {
                    throw StoreError.invalid("'\(code)' is both rated and marked not applicable; give one or the other")
                }
            }
        case .topTasks:
            if !ratings.isEmpty { throw StoreError.invalid("a top-tasks vote takes picks, not ratings") }
            if picks.count > TopTasks.maximumPicks {
                throw StoreError.invalid("pick at most \(TopTasks.maximumPicks) tasks; \(picks.count) were picked")
            }
            if Set(picks).count != picks.count { throw StoreError.invalid("a task was picked twice") }
        }
    }
}
