import DNACore
import SQLKit

/// One respondent's answers as the respondent pages edit them.
public struct RespondentAnswers: Sendable, Equatable {
    public var unitID: String?
    public var roleID: String?
    /// One code per likert item of the campaign's instrument (see `AssessmentResponses`).
    public var likert: [Int8]
    /// The customer outcome code named on the line-of-sight item.
    public var outcome: String?
    /// Text, choice and multi answers by item id.
    public var texts: [String: String]

    public init(unitID: String?, roleID: String?, likert: [Int8], outcome: String?, texts: [String: String]) {
        self.unitID = unitID
        self.roleID = roleID
        self.likert = likert
        self.outcome = outcome
        self.texts = texts
    }
}

/// What a respondent link opens: its campaign and the answers saved so far.
public struct RespondentSession: Sendable {
    public var campaign: Campaign
    public var instrument: Instrument
    /// The unit the link was issued for; nil for links made from the open link.
    public var issuedUnitID: String?
    /// Nil until the first page is saved.
    public var answers: RespondentAnswers?
}

extension CampaignRepository {
    /// The session behind a respondent token, or nil for an unknown token. A link whose
    /// answers were handed in no longer exists (see `AnonymousWrites`), so it is unknown too.
    public func respondentSession(tokenHash: String) async throws -> RespondentSession? {
        let token = try await read { db in
            try await db.select().columns("campaign_id", "unit_id", "response_id").from("respondent_tokens")
                .where("token_hash", .equal, SQLBind(tokenHash)).first()
                .map {
                    (
                        campaignID: try $0.decode(column: "campaign_id", as: String.self),
                        unitID: try $0.decode(column: "unit_id", as: String?.self),
                        responseID: try $0.decode(column: "response_id", as: String?.self)
                    )
                }
        }
        guard let token else { return nil }
        let campaign = try await read { db in
            try await Self.campaignQuery(db).where("id", .equal, SQLBind(token.campaignID)).first().map(Self.campaign)
        }
        guard let campaign else { return nil }
        let instrument = try campaign.instrument(frameworks: try await store.frameworks.all(workspaceID: campaign.workspaceID))
        var answers: RespondentAnswers?
        if let responseID = token.responseID {
            answers = try await read { db in
                try await Self.storedAnswers(db, responseID: responseID, likertCount: instrument.likertItems.count)
            }
        }
        return RespondentSession(campaign: campaign, instrument: instrument, issuedUnitID: token.unitID, answers: answers)
    }

    /// Makes a fresh single-use token from a campaign's open link, or returns nil when no
    /// campaign has that link.
    public func startFromOpenLink(_ openLink: String, tokenHash: String, now: Int64) async throws -> Campaign? {
        try await write(changingCachedReads: false) { db in
            guard let campaign = try await Self.campaignQuery(db).where("open_link", .equal, SQLBind(openLink)).first().map(Self.campaign)
            else { return nil }
            try await db.insert(into: "respondent_tokens").columns("token_hash", "campaign_id", "unit_id", "created_at")
                .values(SQLBind(tokenHash), SQLBind(campaign.id), SQLBind(String?.none), SQLBind(AnonymousWrites.day(now))).run()
            return campaign
        }
    }

    /// Saves a respondent's answers so far and, with `submit`, hands them in. Handing in
    /// deletes the link, so nothing in the database ties what anyone said to the handed-out
    /// link list (see `AnonymousWrites`).
    public func saveRespondentAnswers(tokenHash: String, answers: RespondentAnswers, submit: Bool, now: Int64) async throws {
        let makeID = self.makeID, kind = self.kind
        try await write(changingCachedReads: false) { db in
            guard
                let token = try await db.select().columns("campaign_id", "unit_id", "response_id").from("respondent_tokens")
                    .where("token_hash", .equal, SQLBind(tokenHash)).first()
            else { throw StoreError.notFound(Self.spentOrUnknownLink) }
            let campaignID = try token.decode(column: "campaign_id", as: String.self)
            guard let campaign = try await Self.campaignQuery(db).where("id", .equal, SQLBind(campaignID)).first().map(Self.campaign)
            else { throw StoreError.notFound(Self.spentOrUnknownLink) }
            guard campaign.state(at: now) == .open else {
                throw StoreError.conflict(
                    campaign.state(at: now) == .scheduled ? "this survey has not opened yet" : "this survey is closed")
            }
            let issuedUnit = try token.decode(column: "unit_id", as: String?.self)
            try await Self.checkRespondent(db, campaign: campaign, answers: answers, issuedUnit: issuedUnit)
            var responseID = try token.decode(column: "response_id", as: String?.self)
            if responseID == nil {
                let id = makeID()
                try await AnonymousWrites.insert(
                    db, kind: kind, into: "responses",
                    columns: ["id", "campaign_id", "unit_id", "role_id", "likert", "outcome", "source", "started_at"],
                    rows: [
                        [
                            SQLBind(id), SQLBind(campaignID), SQLBind(issuedUnit ?? answers.unitID), SQLBind(answers.roleID),
                            SQLBind(LikertCodes.encode(answers.likert)), SQLBind(answers.outcome),
                            SQLBind(issuedUnit == nil ? "open-link" : "link"), SQLBind(AnonymousWrites.day(now)),
                        ]
                    ])
                try await db.update("respondent_tokens").set("response_id", to: SQLBind(id))
                    .where("token_hash", .equal, SQLBind(tokenHash)).run()
                responseID = id
            } else {
                try await db.update("responses").set("unit_id", to: SQLBind(issuedUnit ?? answers.unitID))
                    .set("role_id", to: SQLBind(answers.roleID)).set("likert", to: SQLBind(LikertCodes.encode(answers.likert)))
                    .set("outcome", to: SQLBind(answers.outcome)).where("id", .equal, SQLBind(responseID!)).run()
            }
            try await db.delete(from: "response_texts").where("response_id", .equal, SQLBind(responseID!)).run()
            try await AnonymousWrites.insert(
                db, kind: kind, into: "response_texts", columns: ["response_id", "item_id", "value"],
                rows: answers.texts.sorted(by: { $0.key < $1.key }).filter { !$0.value.trimmingSpaces().isEmpty }.map { item, value in
                    [SQLBind(responseID!), SQLBind(item), SQLBind(value)]
                })
            if submit {
                try await AnonymousWrites.handIn(
                    db, kind: kind, link: ("respondent_tokens", tokenHash),
                    answers: ("responses", "campaign_id", campaignID, responseID!), children: ("response_texts", "response_id"), now: now)
            }
        }
    }

    /// What a link that cannot be used says: a handed-in link is deleted, so it cannot be
    /// told apart from one that never existed.
    public static let spentOrUnknownLink =
        "this link cannot be used: answers were already handed in with it, or it is not complete"

    private static func checkRespondent(
        _ db: any SQLDatabase, campaign: Campaign, answers: RespondentAnswers, issuedUnit: String?
    )
        async throws
    {
        if issuedUnit == nil, let unitID = answers.unitID {
            let inPopulation = try await db.select().column("unit_id").from("campaign_units")
                .where("campaign_id", .equal, SQLBind(campaign.id)).where("unit_id", .equal, SQLBind(unitID)).first()
            if inPopulation == nil { throw StoreError.invalid("choose one of the units this survey was sent to") }
        }
        if let roleID = answers.roleID {
            let role = try await db.select().column("id").from("roles").where("workspace_id", .equal, SQLBind(campaign.workspaceID))
                .where("id", .equal, SQLBind(roleID)).first()
            if role == nil { throw StoreError.invalid("choose one of the listed roles") }
        }
        if let outcome = answers.outcome {
            let known = try await db.select().column("id").from("outcomes").where("workspace_id", .equal, SQLBind(campaign.workspaceID))
                .where("code", .equal, SQLBind(outcome)).first()
            if known == nil { throw StoreError.invalid("choose one of the listed customer outcomes, or \"can't say\"") }
        }
    }

    /// One row of `responses` with its open answers, as every way in writes it.
    struct ResponseRow {
        var id: String
        var campaignID: String
        var respondentKey: String?
        var unitID: String?
        var roleID: String?
        var likert: [Int8]
        var outcome: String?
        var source: String
        var startedAt: Int64
        var submittedAt: Int64?
        var texts: [String: String]
    }

    /// Inserts responses and their open answers, 500 rows to a statement (well inside both
    /// databases' limits on bound values). Blank open answers are not stored. With `summed`
    /// the caller adds the rows to the kept sums in the same transaction (`mergeSums`);
    /// without, reads add them until a fold does (see `Store+AssessmentSums`).
    static func insertResponses(_ db: any SQLDatabase, _ rows: [ResponseRow], summed: Bool) async throws {
        if rows.count > 1, let postgres = db as? PostgresSQLDatabase {
            try await ResponseCopy.copy(rows, summed: summed, into: postgres.connection)
        } else if let sqlite = db as? SQLiteSQLDatabase {
            try await ResponseInsert.insert(rows, summed: summed, into: sqlite.connection)
        } else {
            for chunk in rows.chunked(into: 500) {
                var insert = db.insert(into: "responses").columns(ResponseCopy.columns)
                for row in chunk {
                    insert = insert.values(
                        SQLBind(row.id), SQLBind(row.campaignID), SQLBind(row.respondentKey), SQLBind(row.unitID), SQLBind(row.roleID),
                        SQLBind(LikertCodes.encode(row.likert)), SQLBind(row.outcome), SQLBind(row.source), SQLBind(row.startedAt),
                        SQLBind(row.submittedAt), SQLBind(summed ? 1 : 0))
                }
                try await insert.run()
            }
        }
        try await insertTexts(db, rows.flatMap { row in row.texts.map { (row.id, $0.key, $0.value) } })
    }

    /// Inserts open answers as (response id, item id, value); blank ones are not stored.
    static func insertTexts(_ db: any SQLDatabase, _ entries: [(String, String, String)]) async throws {
        let texts = entries.filter { !$0.2.trimmingSpaces().isEmpty }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for chunk in texts.chunked(into: 500) {
            var insert = db.insert(into: "response_texts").columns("response_id", "item_id", "value")
            for (id, item, value) in chunk { insert = insert.values(SQLBind(id), SQLBind(item), SQLBind(value)) }
            try await insert.run()
        }
    }

    static func storedAnswers(_ db: any SQLDatabase, responseID: String, likertCount: Int) async throws -> RespondentAnswers? {
        guard
            let row = try await db.select().columns("unit_id", "role_id", "likert", "outcome").from("responses")
                .where("id", .equal, SQLBind(responseID)).first()
        else { return nil }
        let texts = try await db.select().columns("item_id", "value").from("response_texts")
            .where("response_id", .equal, SQLBind(responseID)).all()
            .map { (try $0.decode(column: "item_id", as: String.self), try $0.decode(column: "value", as: String.self)) }
        return RespondentAnswers(
            unitID: try row.decode(column: "unit_id", as: String?.self), roleID: try row.decode(column: "role_id", as: String?.self),
            likert: LikertCodes.decode(try row.decode(column: "likert", as: String.self), count: likertCount),
            outcome: try row.decode(column: "outcome", as: String?.self),
            texts: Dictionary(texts, uniquingKeysWith: { first, _ in first }))
    }

    /// The submitted responses of a campaign, ready for scoring, with the unit and role codes
    /// each respondent gave (empty when none).
    public func assessmentResponses(campaign: Campaign, instrument: Instrument) async throws -> AssessmentResponses {
        let units = Dictionary(
            uniqueKeysWithValues: try await store.organization.units(workspaceID: campaign.workspaceID).map { ($0.id, $0.code) })
        let roles = Dictionary(
            uniqueKeysWithValues: try await store.organization.roles(workspaceID: campaign.workspaceID).map { ($0.id, $0.code) })
        let width = instrument.likertItems.count
        return try await read { db in
            var responses = AssessmentResponses(likertItemIDs: instrument.likertItems.map(\.id))
            let rows = try await db.select().columns("unit_id", "role_id", "likert", "outcome").from("responses")
                .where("campaign_id", .equal, SQLBind(campaign.id)).where("submitted_at", .isNot, SQLLiteral.null)
                .orderBy("id").all()
            for (index, row) in rows.enumerated() {
                let unit = try row.decode(column: "unit_id", as: String?.self).flatMap { units[$0] } ?? ""
                let role = try row.decode(column: "role_id", as: String?.self).flatMap { roles[$0] } ?? ""
                responses.append(
                    .init(id: String(index + 1), unit: unit, role: role, outcome: try row.decode(column: "outcome", as: String?.self)),
                    answers: LikertCodes.decode(try row.decode(column: "likert", as: String.self), count: width))
            }
            return responses
        }
    }
}
