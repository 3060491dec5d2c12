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

    /// Column type for text that may be long (framework sources, JSON documents).
    static let longText = "TEXT"
    /// 64-bit integers; SQLite's INTEGER affinity accepts the name too.
    static let bigint = "BIGINT"
    /// Floating point; SQLite gives it REAL affinity.
    static let double = "DOUBLE PRECISION"
}
