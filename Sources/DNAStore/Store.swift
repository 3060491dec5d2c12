import DNACore
import Foundation
import Logging
import SQLKit
import Synchronization

/// The one door to persistent data. Reads and writes happen in closures; a write closure is a
/// transaction, so a failed import leaves nothing behind.
///
/// Nothing is cached in memory for long unless it cannot change (a campaign's frozen
/// instrument) or is checked against the database on every use (kept sums by version):
/// several `cdna serve` processes may share one database. The one exception is short: the two
/// reads every API call repeats (token and response destination) are kept for
/// `hotReadLifetime` and dropped at once by any change this process makes.
public final class Store: Sendable {
    public let location: DatabaseLocation
    public var kind: DatabaseKind { location.kind }
    let connector: DatabaseConnector
    let logger: Logger
    /// New record ids; injected so tests can make them predictable.
    public let makeID: @Sendable () -> String
    /// SQLite's single writer, taken before a connection (see `WriteGate`); nil on PostgreSQL,
    /// which runs writers side by side.
    let writeGate: WriteGate?
    /// Parsed instruments by campaign id: a campaign's instrument is frozen when it is made,
    /// so every process may keep its parse for good.
    let instruments = InstrumentCache()
    /// Campaigns whose answers this process is folding into their sums right now.
    let folding = Mutex<Set<String>>([])
    /// Decoded kept sums by campaign, checked against `sums_version` on every read.
    let keptSums = KeptSumsCache()
    /// Group commit for responses sent one at a time.
    var responseBatcher: ResponseBatcher { batcherBox.batcher(for: self) }
    private let batcherBox = BatcherBox()
    /// Moves after every change made through `write`, but for the writes that change nothing
    /// a cached read returns (response batches, token-use stamps, answers saved through a
    /// link, open-link visits); see `ShortLivedCache`.
    let changes = Atomic<UInt64>(0)
    var changeCount: UInt64 { changes.load(ordering: .acquiring) }
    /// How long another process's change (a revoked token, a removed member, a closed wave)
    /// can go unseen by this one's cached reads.
    public static let hotReadLifetime: Duration = .seconds(2)
    /// The user and last use of API tokens by hash.
    let tokenUsers = ShortLivedCache<String, TokenUse>(lifetime: hotReadLifetime)
    /// Where API responses go, by caller and request (see `responseDestination`).
    let destinations = ShortLivedCache<DestinationKey, ResponseDestination>(lifetime: hotReadLifetime)

    private init(
        location: DatabaseLocation, connector: DatabaseConnector, logger: Logger,
        makeID: @escaping @Sendable () -> String
    ) {
        self.location = location
        self.connector = connector
        self.logger = logger
        self.makeID = makeID
        self.writeGate = location.kind == .sqlite ? WriteGate(limit: 512) : nil
    }

    /// Opens the database, checks that it answers and brings the schema up to date.
    public static func open(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "cdna.store"),
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) async throws -> Store {
        if case .sqlite(let path) = location { try prepareSQLiteDirectory(for: path) }
        let connector: DatabaseConnector
        do {
            connector = try DatabaseConnector.open(location, logger: logger)
        } catch {
            throw StoreError.translate(error)
        }
        let store = Store(location: location, connector: connector, logger: logger, makeID: makeID)
        do {
            try await store.ping()
            try await Migrator(store: store).migrate()
        } catch {
            await store.close()
            throw StoreError.unavailable("cannot open \(location): \(String(describing: StoreError.translate(error)))")
        }
        return store
    }

    private static func prepareSQLiteDirectory(for path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable("cannot create the data directory \(directory): \(error.localizedDescription)")
        }
        guard files.isWritableFile(atPath: directory.isEmpty ? "." : directory) else {
            throw StoreError.unavailable("the data directory \(directory) is not writable")
        }
    }

    /// Runs `body` with this store and closes it afterwards, also when `body` throws: a
    /// connection pool must be shut down before it is released.
    public func closing<T>(_ body: (Store) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }

    public func close() async {
        await connector.shutdown()
    }

    /// Answers whether the database is reachable right now (for `/readyz`).
    public func ping() async throws {
        try await read { db in _ = try await db.raw("SELECT 1 AS ok").all() }
    }

    /// Runs `body` on a pooled connection without a transaction.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await connector.withConnection(body)
        } catch {
            throw StoreError.translate(error)
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database, for
    /// reads that must agree with each other (kept sums and the answers not yet in them).
    func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(SQLDialectQuirks.beginSnapshot(kind), body)
    }

    /// Runs `body` in one transaction: everything it writes is kept, or nothing is.
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await write(changingCachedReads: true, body)
    }

    /// The same; `changingCachedReads` false is for writes that change nothing a cached read
    /// returns (a batch of responses, a token's last use), so they leave the caches be.
    func write<T: Sendable>(
        changingCachedReads: Bool, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await writeGate?.acquire()
        defer { writeGate?.release() }
        // Moved whether the transaction committed or not: a failed COMMIT may still have
        // written, and a needless miss costs one read.
        defer { if changingCachedReads { changes.add(1, ordering: .releasing) } }
        return try await transaction(SQLDialectQuirks.beginWriteTransaction(kind), body)
    }

    /// `body` between `begin` and COMMIT on one connection, rolled back when it throws.
    private func transaction<T: Sendable>(
        _ begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await connector.withConnection { db in
                try await db.raw(SQLQueryString(begin)).run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            throw StoreError.translate(error)
        }
    }
}

/// Instruments parsed once per campaign and process, and the plans of their sums.
final class InstrumentCache: Sendable {
    private let parsed = Mutex<[String: Instrument]>([:])
    private let plans = Mutex<[String: AssessmentSumsPlan]>([:])

    func plan(of campaign: Campaign, frameworks: () async throws -> [Framework]) async throws -> AssessmentSumsPlan {
        if let cached = plans.withLock({ $0[campaign.id] }) { return cached }
        let frameworks = try await frameworks()
        let plan = AssessmentSumsPlan(instrument: try campaign.instrument(frameworks: frameworks), frameworks: frameworks)
        plans.withLock { $0[campaign.id] = plan }
        return plan
    }

    private let answerKeys = Mutex<[String: AnswerKey]>([:])

    func instrument(of campaign: Campaign, frameworks: () async throws -> [Framework]) async throws -> Instrument {
        if let cached = parsed.withLock({ $0[campaign.id] }) { return cached }
        let instrument = try campaign.instrument(frameworks: try await frameworks())
        parsed.withLock { $0[campaign.id] = instrument }
        return instrument
    }

    /// The campaign's items by id and each likert item's place in a stored row, made once,
    /// for checking one response after another without searching the instrument.
    func answerKey(of campaign: Campaign, frameworks: () async throws -> [Framework]) async throws -> AnswerKey {
        if let cached = answerKeys.withLock({ $0[campaign.id] }) { return cached }
        let key = AnswerKey(try await instrument(of: campaign, frameworks: frameworks))
        answerKeys.withLock { $0[campaign.id] = key }
        return key
    }
}

/// An instrument indexed for checking answers: items by id, likert items by position.
struct AnswerKey: Sendable {
    let instrument: Instrument
    let items: [String: Instrument.Item]
    let likertPosition: [String: Int]
    let outcomeItems: [Instrument.Item]

    init(_ instrument: Instrument) {
        self.instrument = instrument
        items = Dictionary(instrument.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        likertPosition = Dictionary(uniqueKeysWithValues: instrument.likertItems.enumerated().map { ($1.id, $0) })
        outcomeItems = instrument.items.filter { $0.type == .outcome }
    }
}

/// Makes the store's batcher on first use (it holds the store, which cannot exist before it).
private final class BatcherBox: Sendable {
    private let made = Mutex<ResponseBatcher?>(nil)

    func batcher(for store: Store) -> ResponseBatcher {
        made.withLock { made in
            if let made { return made }
            let batcher = ResponseBatcher(store: store)
            made = batcher
            return batcher
        }
    }
}
