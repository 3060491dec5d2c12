@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Hands out pooled connections as `SQLDatabase`s. The two drivers differ only here and in
/// `SQLDialectQuirks`; everything above speaks SQLKit.
struct DatabaseConnector: Sendable {
    let kind: DatabaseKind
    private let borrow: @Sendable () async throws -> (database: any SQLDatabase, release: @Sendable () -> Void)
    private let close: @Sendable () async throws -> Void

    static func open(_ location: DatabaseLocation, logger storeLogger: Logger) throws -> DatabaseConnector {
        let group = MultiThreadedEventLoopGroup.singleton
        // The pool logs every failed connection attempt; the store reports the failure once,
        // translated, so the pool only speaks up for what the store cannot see.
        var logger = storeLogger
        logger.logLevel = .critical
        switch location {
        case .sqlite(let path):
            let source = SQLiteTunedSource(
                base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true)))
            let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 4, logger: logger, on: group)
            return DatabaseConnector(kind: .sqlite, pool: pool) { SQLiteSQLDatabase(connection: $0, sql: $0.sql(queryLogLevel: .trace)) }
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError.unavailable("the database URL is not a valid postgres:// URL")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 8,
                logger: logger, on: group)
            return DatabaseConnector(kind: .postgres, pool: pool) {
                PostgresSQLDatabase(connection: $0, sql: $0.sql(queryLogLevel: .trace))
            }
        }
    }

    private init<Source: ConnectionPoolSource>(
        kind: DatabaseKind, pool: EventLoopGroupConnectionPool<Source>,
        sql: @escaping @Sendable (Source.Connection) -> any SQLDatabase
    ) where Source: SendableMetatype, Source.Connection: Sendable {
        self.kind = kind
        let pool = SendablePool(pool: pool).pool
        self.borrow = {
            let connection = try await pool.requestConnection().get()
            return (sql(connection), { pool.releaseConnection(connection) })
        }
        self.close = { try await pool.shutdownAsync() }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let (database, release) = try await borrow()
        defer { release() }
        return try await body(database)
    }

    func shutdown() async {
        try? await close()
    }
}

/// `EventLoopGroupConnectionPool` is not marked `Sendable`, yet it is built for concurrent
/// use: its own state is behind an `NIOLock`, and each per-loop pool hops onto its event loop
/// before touching its state. The box only states that fact to the compiler.
private struct SendablePool<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
}

/// Opens SQLite connections with the settings a server needs: WAL so readers never block
/// the writer, and `synchronous=NORMAL`, which is safe with WAL and much faster.
private struct SQLiteTunedSource: ConnectionPoolSource, Sendable {
    let base: SQLiteConnectionSource

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            // sqlite-nio's busy handler retries at once, for ever, holding its thread; a busy
            // timeout replaces it with SQLite's own, which sleeps between tries and gives up
            // after five seconds (only another process, such as a CLI import, makes a writer
            // wait: in this process writers queue at the store's gate).
            connection.query("PRAGMA journal_mode = WAL").flatMap { _ in
                connection.query("PRAGMA synchronous = NORMAL")
            }.flatMap { _ in
                connection.query("PRAGMA busy_timeout = 5000")
            }.flatMap { _ in
                // 16 MB of page cache (the default is 2 MB): a large import's transaction
                // otherwise spills dirty pages to the file over and over.
                connection.query("PRAGMA cache_size = -16384")
            }.map { _ in connection }
        }
    }
}

/// A driver's SQLDatabase for one connection, which also keeps the connection itself, so
/// bulk writes can use what SQLKit cannot express inside the same transaction: COPY on
/// PostgreSQL (`ResponseCopy`), and on SQLite statements with their values bound directly,
/// without SQLKit building the text and encoding each value (`ResponseInsert`).
struct ConnectionSQLDatabase<Connection: Sendable>: SQLDatabase {
    let connection: Connection
    private let sql: any SQLDatabase

    init(connection: Connection, sql: any SQLDatabase) {
        self.connection = connection
        self.sql = sql
    }

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

typealias PostgresSQLDatabase = ConnectionSQLDatabase<PostgresConnection>
typealias SQLiteSQLDatabase = ConnectionSQLDatabase<SQLiteConnection>
