import DNACore
import DNATestSupport
import Foundation
import SQLKit
import Testing

@testable import DNAStore

/// Plays an administrator who can read the database and holds the list of who got which link
/// (DESIGN.md, "Security and privacy"): twelve people answer through their links in a known
/// order, 37 seconds apart, and every join from the tables alone is tried: the link's row, its
/// ids, times finer than the day, and the order in which rows are stored.
@Suite("Anonymity at rest")
struct AnonymityAtRestTests {
    static let people = 12

    @Test("wave answers cannot be joined to their links by ids, times or order", arguments: TestDatabase.available)
    func waveAnswers(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup: links handed out; person i answers at t0 + 37 i seconds, in order
            let setup = try await AssessmentStoreTests.setUp(store)
            let hashes = (0..<Self.people).map { "link-\($0)" }
            try await store.campaigns.addRespondentTokens(
                workspaceID: setup.workspace.id, campaignID: setup.campaign.id, unitID: setup.units["sales"]!,
                tokenHashes: hashes + ["never-used"], now: 999_901)
            let t0: Int64 = 1_000_123
            for (person, hash) in hashes.enumerated() {
                let at = t0 + Int64(person) * 37
                var answers = RespondentAnswers(
                    unitID: nil, roleID: nil, likert: [Int8](repeating: 3, count: AssessmentStoreTests.instrument.likertItems.count),
                    outcome: nil, texts: ["value-in-own-words": "said by person \(person)"])
                try await store.campaigns.saveRespondentAnswers(tokenHash: hash, answers: answers, submit: false, now: at)
                answers.likert[0] = 4
                try await store.campaigns.saveRespondentAnswers(tokenHash: hash, answers: answers, submit: true, now: at + 5)
            }

            // MUT: what the administrator can read
            let tokenRows = try await store.read { db in
                try await db.select().columns("token_hash", "response_id", "created_at", "used_at").from("respondent_tokens").all()
            }
            let responses = try await store.read { db in
                try await db.select().columns("id", "started_at", "submitted_at").from("responses").all()
            }
            let personOfResponse = try await Self.personOfRow(store, table: "response_texts", key: "response_id")

            // validation: no link row survives its hand-in, and the one left says nothing of answers
            #expect(responses.count == Self.people)
            let remaining = try tokenRows.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(remaining == ["never-used"], "handed-in links are deleted")
            for row in tokenRows {
                #expect(try row.decode(column: "response_id", as: String?.self) == nil)
                #expect(try row.decode(column: "used_at", as: Int64?.self) == nil)
                #expect(try row.decode(column: "created_at", as: Int64.self) % 86_400 == 0)
            }
            // no time finer than the day on the answers' side
            for row in responses {
                #expect(try row.decode(column: "started_at", as: Int64.self) % 86_400 == 0)
                #expect(try row.decode(column: "submitted_at", as: Int64?.self).map { $0 % 86_400 } == 0)
            }
            // stored order does not follow the order of answering
            try await Self.expectOrderCarriesNothing(store, table: "responses", personOf: personOfResponse)
            try await Self.expectOrderCarriesNothing(store, table: "response_texts", key: "response_id", personOf: personOfResponse)
            // the results still count every answer
            let stored = try await store.campaigns.assessmentResponses(
                campaign: setup.campaign, instrument: AssessmentStoreTests.instrument)
            #expect(stored.respondents.count == Self.people)
        }
    }

    @Test("study answers cannot be joined to their links by ids, times or order", arguments: TestDatabase.available)
    func studyAnswers(database: TestDatabase) async throws {
        try await database.withStore { store in
            // setup
            let workspace = try await CustomerModelStoreTests.setUp(store)
            let study = try await store.surveys.create(
                workspaceID: workspace.id, kind: .outcomeStudy, name: "Study", opensAt: 0, closesAt: nil, itemCodes: ["o1", "o2", "o3"],
                now: 0)
            let hashes = (0..<Self.people).map { "customer-\($0)" }
            try await store.surveys.addSurveyTokens(
                workspaceID: workspace.id, surveyID: study.id, segment: nil, tokenHashes: hashes, now: 77_777)
            let t0: Int64 = 2_000_321
            for (person, hash) in hashes.enumerated() {
                let at = t0 + Int64(person) * 37
                _ = try await store.surveys.surveySession(tokenHash: hash, now: at)
                // Person i's importance for o1 is 1 + i % 5 and satisfaction for o3 tells i / 5.
                try await store.surveys.saveSurveyAnswers(
                    tokenHash: hash, segment: "home",
                    ratings: [
                        "o1": .init(importance: 1 + person % 5, satisfaction: 3),
                        "o3": .init(importance: 3, satisfaction: 1 + person / 5),
                    ],
                    picks: [], submit: true, now: at + 5)
            }

            // MUT
            let tokens = try await store.read { db in try await db.select().column("token_hash").from("survey_tokens").all() }
            let respondents = try await store.read { db in
                try await db.select().columns("id", "started_at", "submitted_at").from("survey_respondents").all()
            }
            let personOfRespondent = try await store.read { db in
                let rows = try await db.select().columns("respondent_id", "item", "importance", "satisfaction").from("survey_answers").all()
                var o1: [String: Int] = [:], o3: [String: Int] = [:]
                for row in rows {
                    let id = try row.decode(column: "respondent_id", as: String.self)
                    switch try row.decode(column: "item", as: String.self) {
                    case "o1": o1[id] = try row.decode(column: "importance", as: Int.self) - 1
                    default: o3[id] = try row.decode(column: "satisfaction", as: Int.self) - 1
                    }
                }
                return o1.reduce(into: [String: Int]()) { $0[$1.key] = $1.value + 5 * (o3[$1.key] ?? 0) }
            }

            // validation
            #expect(tokens.isEmpty, "handed-in customer links are deleted")
            #expect(respondents.count == Self.people && Set(personOfRespondent.values).count == Self.people)
            for row in respondents {
                #expect(try row.decode(column: "started_at", as: Int64.self) % 86_400 == 0)
                #expect(try row.decode(column: "submitted_at", as: Int64?.self).map { $0 % 86_400 } == 0)
            }
            try await Self.expectOrderCarriesNothing(store, table: "survey_respondents", personOf: personOfRespondent)
            try await Self.expectOrderCarriesNothing(store, table: "survey_answers", key: "respondent_id", personOf: personOfRespondent)
            #expect(try await store.surveys.surveyProgress(surveyID: study.id).linksIssued == Self.people, "issued links are still counted")
        }
    }

    /// Which person wrote each response, from the text only they wrote ("said by person i").
    static func personOfRow(_ store: Store, table: String, key: String) async throws -> [String: Int] {
        try await store.read { db in
            try await db.select().columns(key, "value").from(table).all().reduce(into: [String: Int]()) { map, row in
                let text = try row.decode(column: "value", as: String.self)
                map[try row.decode(column: key, as: String.self)] = Int(text.split(separator: " ").last!)!
            }
        }
    }

    /// Reads `table` in the order the database stores it (SQLite's rowid, PostgreSQL's ctid)
    /// and expects that order not to be the order in which people answered; on PostgreSQL
    /// also that the newest row versions were written together with others (xmin), so the
    /// last writer cannot be picked out.
    static func expectOrderCarriesNothing(
        _ store: Store, table: String, key: String = "id", personOf: [String: Int]
    ) async throws {
        let physical = store.kind == .sqlite ? "rowid" : "ctid"
        let stored = try await store.read { db in
            try await db.raw("SELECT \(ident: key) AS k FROM \(ident: table) ORDER BY \(unsafeRaw: physical)").all()
                .map { try $0.decode(column: "k", as: String.self) }
        }
        // Each person in the order their first row is stored.
        var sequence: [Int] = []
        for id in stored where !sequence.contains(personOf[id] ?? -1) { sequence.append(personOf[id] ?? -1) }
        #expect(sequence.count == people && !sequence.contains(-1), "every row of \(table) belongs to one of the people")
        #expect(sequence != sequence.sorted(), "\(table) is stored in the order people answered: \(sequence)")
        if store.kind == .postgres {
            let versions = try await store.read { db in
                try await db.raw("SELECT \(ident: key) AS k, xmin::text AS x FROM \(ident: table)").all()
                    .map { (try $0.decode(column: "k", as: String.self), Int64(try $0.decode(column: "x", as: String.self))!) }
            }
            let newest = versions.map(\.1).max()!
            let writtenLast = Set(versions.filter { $0.1 == newest }.compactMap { personOf[$0.0] })
            #expect(writtenLast.count >= AnonymousWrites.companions + 1, "the last hand-in rewrote only \(writtenLast) in \(table)")
            let byVersion = versions.sorted { $0.1 < $1.1 }.compactMap { personOf[$0.0] }
            var runs: [Int] = []
            for person in byVersion where !runs.contains(person) { runs.append(person) }
            #expect(runs != runs.sorted(), "\(table)'s row versions follow the order people answered")
        }
    }
}
