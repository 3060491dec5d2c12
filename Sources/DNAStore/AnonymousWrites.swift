import Foundation
import SQLKit

/// How answers given through a personal link are written so that nothing at rest ties them
/// back to the link (DESIGN.md, "Security and privacy"):
///
/// - a link is deleted when its answers are handed in, so no link row records when or in
///   which order anyone handed in;
/// - times on the answers' side are kept to the day (`day(_:)`): enough for response rates
///   and trends, too coarse to line up with a log of who answered when;
/// - rows get random physical positions: on SQLite an explicit random rowid (a rowid table is
///   stored and scanned in rowid order, which would otherwise be the order of writing); on
///   PostgreSQL, where every row version records the transaction that wrote it, each hand-in
///   rewrites up to `companions` other handed-in answers of the same wave, picked at random,
///   in a shuffled order, so the newest write never stands alone and scan order is mixed.
enum AnonymousWrites {
    static let secondsPerDay: Int64 = 86_400
    static let companions = 4

    /// The start of the UTC day of `seconds`.
    static func day(_ seconds: Int64) -> Int64 {
        seconds - ((seconds % secondsPerDay) + secondsPerDay) % secondsPerDay
    }

    /// Inserts rows of answers given through a link: on SQLite each row gets a random rowid,
    /// so the table's stored order says nothing about when it was written. Nothing is sent for
    /// no rows.
    static func insert(
        _ db: any SQLDatabase, kind: DatabaseKind, into table: String, columns: [String], rows: [[any SQLExpression]]
    ) async throws {
        guard !rows.isEmpty else { return }
        var insert = db.insert(into: table).columns(kind == .sqlite ? ["rowid"] + columns : columns)
        for row in rows { insert = insert.values(kind == .sqlite ? [SQLBind(Int64.random(in: 1...Int64.max))] + row : row) }
        try await insert.run()
    }

    /// Hands in the answers row `id` of `answers.table` given through the link `tokenHash`:
    /// deletes the link (which is also the single-use guard: of two concurrent hand-ins only
    /// one deletes a row), stamps the day, and on PostgreSQL mixes the write (`mix`).
    static func handIn(
        _ db: any SQLDatabase, kind: DatabaseKind, link: (table: String, tokenHash: String),
        answers: (table: String, parentColumn: String, parent: String, id: String), children: (table: String, column: String),
        now: Int64
    ) async throws {
        let spent = try await db.delete(from: link.table).where("token_hash", .equal, SQLBind(link.tokenHash)).returning("token_hash").all()
        if spent.isEmpty { throw StoreError.conflict("these answers were already handed in; a link can be used once") }
        try await db.update(answers.table).set("submitted_at", to: SQLBind(day(now))).where("id", .equal, SQLBind(answers.id)).run()
        try await mix(
            db, kind: kind, table: answers.table, parentColumn: answers.parentColumn, parent: answers.parent, id: answers.id,
            children: children)
    }

    /// On PostgreSQL, rewrites the handed-in row `id` of `table` together with up to
    /// `companions` other handed-in rows of the same parent (`parentColumn = parent`), and
    /// their child rows, in a shuffled order. Companions are found from a random point of the
    /// `(parent, id)` index, so the cost does not grow with the wave.
    private static func mix(
        _ db: any SQLDatabase, kind: DatabaseKind, table: String, parentColumn: String, parent: String, id: String,
        children: (table: String, column: String)
    ) async throws {
        guard kind == .postgres else { return }
        let start = UUID().uuidString.lowercased()
        var picked: [String] = []
        // From the random point to the end of the wave's ids, then from its start if short.
        for op in [SQLBinaryOperator.greaterThanOrEqual, .lessThan] where picked.count < companions {
            let rows = try await db.select().column("id").from(table).where(parentColumn, .equal, SQLBind(parent))
                .where("submitted_at", .isNot, SQLLiteral.null).where("id", .notEqual, SQLBind(id)).where("id", op, SQLBind(start))
                .orderBy("id").limit(companions - picked.count).all()
            picked += try rows.map { try $0.decode(column: "id", as: String.self) }
        }
        for rowID in (picked + [id]).shuffled() {
            try await db.update(table).set("submitted_at", to: SQLIdentifier("submitted_at")).where("id", .equal, SQLBind(rowID)).run()
            try await db.raw(
                "UPDATE \(ident: children.table) SET \(ident: children.column) = \(ident: children.column) WHERE \(ident: children.column) = \(bind: rowID)"
            ).run()
        }
    }
}
