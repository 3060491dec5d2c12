import SQLKit

/// The few places where SQLite and PostgreSQL need different SQL. Keeping them in one file
/// makes the "one code path" claim checkable.
enum SQLDialectQuirks {
    /// SQLite must take the write lock up front: a deferred transaction that later tries to
    /// write can fail with SQLITE_BUSY instead of waiting when another writer got there first.
    static func beginWriteTransaction(_ kind: DatabaseKind) -> String {
        switch kind {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    /// A read-only transaction over one snapshot: SQLite's deferred transaction reads one
    /// WAL snapshot from its first read; PostgreSQL needs REPEATABLE READ for that.
    static func beginSnapshot(_ kind: DatabaseKind) -> String {
        switch kind {
        case .sqlite: "BEGIN"
        case .postgres: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        }
    }

    /// Tells PostgreSQL's planner how large a table has grown inside a long transaction. A
    /// large import checks each chunk's respondents against those stored so far; with the
    /// statistics of the empty table the planner scans the campaign's rows for that (each
    /// chunk slower than the last: 5,600 rows/s at 1M rows) instead of probing the unique
    /// index. ANALYZE may run in a transaction and counts its own new rows. The import calls
    /// it as the table doubles. SQLite plans by its indexes alone.
    static func refreshStatistics(_ db: any SQLDatabase, _ kind: DatabaseKind, table: String) async throws {
        guard kind == .postgres else { return }
        try await db.raw("ANALYZE \(ident: table)").run()
    }

    /// Column type for bytes.
    static func blob(_ kind: DatabaseKind) -> String {
        switch kind {
        case .sqlite: "BLOB"
        case .postgres: "BYTEA"
        }
    }

    /// Column type for text that may be long (framework sources, JSON documents).
    static let longText = "TEXT"
    /// 64-bit integers; SQLite's INTEGER affinity accepts the name too.
    static let bigint = "BIGINT"
    /// Floating point; SQLite gives it REAL affinity.
    static let double = "DOUBLE PRECISION"
}

extension SQLDialectQuirks {
    /// The words of a search text: letters and digits only, so nothing a person types can be
    /// read as search syntax by either database. English stop words are dropped here because
    /// PostgreSQL drops them and SQLite's FTS5 does not; without this, "status or calls"
    /// would need an "or" in the text on SQLite only.
    static func searchWords(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { !stopWords.contains($0) }.prefix(20).map { $0 }
    }

    /// The Snowball English stop words, which PostgreSQL's `english` configuration uses.
    static let stopWords: Set<String> = Set(
        """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself \
        they them their theirs themselves what which who whom this that these those am is are was were be been being have has had \
        having do does did doing a an the and but if or because as until while of at by for with about against between into through \
        during before after above below to from up down in out on off over under again further then once here there when where why \
        how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now
        """.split(separator: " ").map(String.init))

    /// Restricts an evidence query to items containing every word, best match first. SQLite
    /// matches the FTS5 table (porter stemming, bm25 rank); PostgreSQL matches the generated
    /// tsvector (English stemming, ts_rank).
    static func evidenceSearch(_ kind: DatabaseKind, _ query: SQLSelectBuilder, words: [String]) -> SQLSelectBuilder {
        switch kind {
        case .sqlite:
            let match = words.map { "\"\($0)\"" }.joined(separator: " ")
            return query.join(
                "evidence_search", on: SQLColumn("evidence_id", table: "evidence_search"), .equal, SQLColumn("id", table: "evidence")
            )
            .where(SQLBinaryExpression(left: SQLIdentifier("evidence_search"), op: SQLRaw("MATCH"), right: SQLBind(match))).orderBy(
                SQLColumn("rank", table: "evidence_search"))
        case .postgres:
            let text = words.joined(separator: " ")
            let tsquery = SQLFunction("plainto_tsquery", args: SQLLiteral.string("english"), SQLBind(text))
            return query.where(SQLBinaryExpression(left: SQLColumn("search", table: "evidence"), op: SQLRaw("@@"), right: tsquery))
                .orderBy(
                    SQLOrderBy(
                        expression: SQLFunction("ts_rank", args: SQLColumn("search", table: "evidence"), tsquery),
                        direction: SQLDirection.descending))
        }
    }
}
