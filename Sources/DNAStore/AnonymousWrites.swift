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

    /// A random rowid for SQLite inserts; nil on PostgreSQL, which has no rowid.
    static func rowID(_ kind: DatabaseKind) -> Int64? {
        kind == .sqlite ? Int64.random(in: 1...Int64.max) : nil
    }

    /// The columns of an insert, with `rowid` first on SQLite.
    static func columns(_ kind: DatabaseKind, _ names: [String]) -> [String] {
        kind == .sqlite ? ["rowid"] + names : names
    }

    /// The bound values of one inserted row, with a random rowid first on SQLite.
    static func values(_ kind: DatabaseKind, _ values: [any SQLExpression]) -> [any SQLExpression] {
        rowID(kind).map { [SQLBind($0)] + values } ?? values
    }

    /// On PostgreSQL, rewrites the handed-in row `id` of `table` together with up to
    /// `companions` other handed-in rows of the same parent (`parentColumn = parent`), and
    /// their child rows, in a shuffled order. Companions are found from a random point of the
    /// `(parent, id)` index, so the cost does not grow with the wave.
    static func mix(
        _ db: any SQLDatabase, kind: DatabaseKind, table: String, parentColumn: String, parent: String, id: String,
        children: (table: String, column: String), touch: String
    ) async throws {
        guard kind == .postgres else { return }
        let start = UUIDString.random()
        var picked: [String] = []
        for (op, limit) in [(SQLBinaryOperator.greaterThanOrEqual, companions), (.lessThan, companions)] where picked.count < companions {
            let rows = try await db.select().column("id").from(table).where(parentColumn, .equal, SQLBind(parent))
                .where("submitted_at", .isNot, SQLLiteral.null).where("id", .notEqual, SQLBind(id)).where("id", op, SQLBind(start))
                .orderBy("id").limit(limit - picked.count).all()
            picked += try rows.map { try $0.decode(column: "id", as: String.self) }
        }
        for rowID in (picked + [id]).shuffled() {
            try await db.update(table).set(SQLIdentifier(touch), to: SQLIdentifier(touch)).where("id", .equal, SQLBind(rowID)).run()
            try await db.raw(
                "UPDATE \(ident: children.table) SET \(ident: children.column) = \(ident: children.column) WHERE \(ident: children.column) = \(bind: rowID)"
            ).run()
        }
    }
}

/// A random lower-case UUID string, the form the store's ids take.
enum UUIDString {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(generator.next(upperBound: UInt8(16)), radix: 16) }.joined()
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }
}
