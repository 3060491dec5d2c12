import DNACore
import SQLKit
import Synchronization

extension CampaignRepository {
    /// Imports a responses CSV (wide or long) into a campaign, all or nothing. Units and roles
    /// are named by code; every problem is reported with its line and column.
    public func importResponses(workspaceID: String, campaignID: String, file: String, text: String, now: Int64) async throws -> Int {
        try await importResponses(workspaceID: workspaceID, campaignID: campaignID, file: file, bytes: Array(text.utf8), now: now)
    }

    public func importResponses(workspaceID: String, campaignID: String, file: String, bytes: [UInt8], now: Int64) async throws -> Int {
        try await importResponses(
            workspaceID: workspaceID, campaignID: campaignID, source: ResponseFileSource(CSVChunks(file: file, bytes: bytes)), now: now)
    }

    /// Imports a responses CSV into a campaign, all or nothing, reading it a chunk at a time.
    ///
    /// The wide form streams: each chunk's rows are checked and inserted in batches inside one
    /// transaction, so memory holds one chunk whatever the file's size. A respondent named
    /// twice within a chunk, or already stored (by an earlier chunk or before), is found by
    /// the campaign's unique respondent key. Once a problem is found nothing more is written
    /// and reading goes on until the report holds its 50 problems; then everything is rolled
    /// back. `progress` hears (rows, bytes read) after every chunk.
    public func importResponses(
        workspaceID: String, campaignID: String, source: ResponseFileSource, now: Int64,
        progress: @escaping @Sendable (_ rows: Int, _ bytes: Int) -> Void = { _, _ in }
    ) async throws -> Int {
        let file = source.file
        let campaign = try await campaign(workspaceID: workspaceID, id: campaignID)
        let instrument = try await store.instruments.instrument(of: campaign) { try await store.frameworks.all(workspaceID: workspaceID) }
        let outcomes = Set(try await store.customerModels.customerOutcomes(workspaceID: workspaceID).map(\.code))
        guard let first = try source.next(), let header = first.first else {
            throw FileProblems([
                FileProblem(file: file, line: 1, column: 1, message: "file is empty; expected a header respondent,unit,role,...")
            ])
        }
        let codes = WorkspaceCodes(
            unitIDs: Dictionary(
                uniqueKeysWithValues: try await store.organization.units(workspaceID: workspaceID).map { ($0.code, $0.id) }),
            roleIDs: Dictionary(uniqueKeysWithValues: try await store.organization.roles(workspaceID: workspaceID).map { ($0.code, $0.id) })
        )
        if header.fields.map({ $0.trimmingSpaces().lowercased() }) == ["respondent", "unit", "role", "item", "value"] {
            var records = first
            while let more = try source.next() { records += more }
            return try await importLongResponses(
                workspaceID: workspaceID, campaignID: campaignID, file: file, records: records, instrument: instrument,
                plan: try await sumsPlan(of: campaign),
                outcomes: outcomes, codes: codes, now: now)
        }
        let checker = try WideResponseRows(file: file, header: header, instrument: instrument, knownOutcomes: outcomes)
        let producer = WideImportProducer(
            source: source, first: Array(first.dropFirst()), checker: checker, codes: codes, campaignID: campaignID,
            idPrefix: makeID(), plan: try await sumsPlan(of: campaign), now: now)
        let kind = self.kind
        return try await write { db in
            var problems = FileProblems()
            var imported = 0, analyzedAt = 0
            // Reading and checking the next chunk runs beside writing this one: the two take
            // about the same time, and each has a core of its own.
            var next = Task { try producer.next() }
            do {
                while let chunk = try await next.value {
                    next = Task { try producer.next() }
                    problems.append(contentsOf: chunk.problems)
                    for stored in try await Self.storedRespondentKeys(db, campaignID: campaignID, among: Array(chunk.lines.keys)).sorted() {
                        problems.append(Self.alreadyImported(stored, file: file, line: chunk.lines[stored] ?? 1))
                    }
                    if problems.isEmpty {
                        try await Self.insertResponses(db, chunk.rows, summed: true)
                        imported += chunk.rows.count
                        if imported >= max(20_000, 2 * analyzedAt) {
                            try await SQLDialectQuirks.refreshStatistics(db, kind, table: "responses")
                            analyzedAt = imported
                        }
                    }
                    progress(imported, chunk.bytesRead)
                    if problems.isFull { break }
                }
            } catch {
                await producer.stop(next)
                throw error
            }
            // The reader may be inside the next chunk; it must be done before the caller closes
            // the file, or it would read whatever the descriptor names next.
            await producer.stop(next)
            try problems.sortedByPosition().throwIfAny()
            try await Self.mergeSums(db, kind: kind, campaignID: campaignID, delta: producer.sums)
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "responses.import", record: "campaign:\(campaignID)",
                summary: "imported \(imported) responses from \(file)")
            return imported
        }
    }

    /// Which of `keys` the campaign already has, asked 900 at a time (below SQLite's limit on
    /// bound values).
    static func storedRespondentKeys(_ db: any SQLDatabase, campaignID: String, among keys: [String]) async throws -> [String] {
        var found: [String] = []
        for chunk in keys.chunked(into: 900) {
            found += try await db.select().column("respondent_key").from("responses").where("campaign_id", .equal, SQLBind(campaignID))
                .where("respondent_key", .in, Array(chunk)).all().map { try $0.decode(column: "respondent_key", as: String.self) }
        }
        return found
    }

    /// The long form (`respondent,unit,role,item,value`): a respondent's rows may be anywhere
    /// in the file, so it is read whole, then written in one transaction.
    private func importLongResponses(
        workspaceID: String, campaignID: String, file: String, records: [CSVRecord], instrument: Instrument, plan: AssessmentSumsPlan,
        outcomes: Set<String>,
        codes: WorkspaceCodes, now: Int64
    ) async throws -> Int {
        let responses = try AssessmentResponseReader.read(file: file, records: records, instrument: instrument, knownOutcomes: outcomes)
        var problems = FileProblems()
        for respondent in responses.respondents {
            for problem in codes.problems(respondent, file: file) { problems.append(problem) }
        }
        try problems.sortedByPosition().throwIfAny()
        let kind = self.kind, idPrefix = makeID()
        try await write { db in
            var ids = SequentialIDs(prefixFrom: idPrefix)
            let stored = Set(try await Self.storedRespondentKeys(db, campaignID: campaignID, among: responses.respondents.map(\.id)))
            var clashes = FileProblems()
            for respondent in responses.respondents where stored.contains(respondent.id) {
                clashes.append(Self.alreadyImported(respondent.id, file: file, line: respondent.position?.line ?? 1))
            }
            try clashes.throwIfAny()
            let width = responses.likertItemIDs.count
            let rows = responses.respondents.enumerated().map { index, respondent in
                codes.row(
                    respondent, likert: Array(responses.answers[(index * width)..<((index + 1) * width)]), id: ids.next(),
                    campaignID: campaignID, now: now)
            }
            try await Self.insertResponses(db, rows, summed: true)
            var sums = SumsDelta(plan: plan)
            for row in rows { sums.add(row) }
            try await Self.mergeSums(db, kind: kind, campaignID: campaignID, delta: sums)
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "responses.import", record: "campaign:\(campaignID)",
                summary: "imported \(rows.count) responses from \(file)")
        }
        return responses.respondents.count
    }

    static func alreadyImported(_ respondent: String, file: String, line: Int) -> FileProblem {
        FileProblem(
            file: file, line: line, column: 1,
            message: "respondent '\(respondent)' is already in this campaign; each respondent is imported once")
    }
}

/// One chunk of a wide responses file, read and checked: the rows to store, the line of each
/// respondent (to locate one the database already has) and the problems found.
struct CheckedChunk: Sendable {
    var rows: [CampaignRepository.ResponseRow] = []
    var lines: [String: Int] = [:]
    var problems = FileProblems()
    var bytesRead = 0
}

/// Reads and checks a wide responses file a chunk at a time, off the task that writes, and
/// adds every good row to the kept sums as it goes. Calls come one after another (the import
/// waits for a chunk before asking for the next), so the lock is never contended; it is
/// there because each call runs in a task of its own.
final class WideImportProducer: Sendable {
    private struct State: ~Copyable {
        var pending: [CSVRecord]?
        var ids: SequentialIDs
        var sums: SumsDelta
        var problemCount = 0
        var stopped = false
    }
    private let source: ResponseFileSource
    private let checker: WideResponseRows
    private let codes: WorkspaceCodes
    private let campaignID: String
    private let now: Int64
    private let state: Mutex<State>

    init(
        source: ResponseFileSource, first: [CSVRecord], checker: WideResponseRows, codes: WorkspaceCodes, campaignID: String,
        idPrefix: String, plan: AssessmentSumsPlan, now: Int64
    ) {
        self.source = source
        self.checker = checker
        self.codes = codes
        self.campaignID = campaignID
        self.now = now
        state = Mutex(State(pending: first, ids: SequentialIDs(prefixFrom: idPrefix), sums: SumsDelta(plan: plan)))
    }

    /// Stops reading: the pending chunk is abandoned, and this returns once its task is done
    /// with the source.
    func stop(_ pending: Task<CheckedChunk?, any Error>) async {
        state.withLock { $0.stopped = true }
        pending.cancel()
        _ = try? await pending.value
    }

    /// The kept sums of every row handed out so far.
    var sums: SumsDelta { state.withLock { $0.sums } }

    /// The next chunk, or nil at the end of the file or once the report is full.
    func next() throws -> CheckedChunk? {
        try state.withLock { state -> CheckedChunk? in
            guard !state.stopped, state.problemCount < FileProblems.reportLimit else { return nil }
            let records: [CSVRecord]
            if let pending = state.pending {
                records = pending
                state.pending = nil
            } else if let more = try source.next() {
                records = more
            } else {
                return nil
            }
            var chunk = CheckedChunk()
            var seen: [String: Int] = [:]
            chunk.rows.reserveCapacity(records.count)
            for record in records {
                if state.problemCount + chunk.problems.total >= FileProblems.reportLimit { break }
                guard let (respondent, likert) = checker.check(record, seen: &seen, problems: &chunk.problems) else { continue }
                for problem in codes.problems(respondent, file: checker.file) { chunk.problems.append(problem) }
                chunk.lines[respondent.id] = record.line
                let row = codes.row(respondent, likert: likert, id: state.ids.next(), campaignID: campaignID, now: now)
                state.sums.add(row)
                chunk.rows.append(row)
            }
            state.problemCount += chunk.problems.total
            chunk.bytesRead = source.bytesRead
            return chunk
        }
    }
}

/// A workspace's unit and role ids by code, as imported rows name them.
struct WorkspaceCodes: Sendable {
    var unitIDs: [String: String]
    var roleIDs: [String: String]

    /// A unit or role code the workspace does not have, located where the file gives it.
    func problems(_ respondent: AssessmentResponses.Respondent, file: String) -> [FileProblem] {
        guard let position = respondent.position else { return [] }
        var problems: [FileProblem] = []
        if unitIDs[respondent.unit] == nil {
            problems.append(
                FileProblem(
                    file: file, line: position.line, column: position.unitColumn,
                    message: "'\(respondent.unit)' is not a unit code of this workspace"))
        }
        if !respondent.role.isEmpty, roleIDs[respondent.role] == nil {
            problems.append(
                FileProblem(
                    file: file, line: position.line, column: position.roleColumn,
                    message: "'\(respondent.role)' is not a role code of this workspace (leave it empty for none)"))
        }
        return problems
    }

    /// The stored row of an imported respondent.
    func row(
        _ respondent: AssessmentResponses.Respondent, likert: [Int8], id: String, campaignID: String, now: Int64
    ) -> CampaignRepository.ResponseRow {
        CampaignRepository.ResponseRow(
            id: id, campaignID: campaignID, respondentKey: respondent.id, unitID: unitIDs[respondent.unit],
            roleID: respondent.role.isEmpty ? nil : roleIDs[respondent.role], likert: likert, outcome: respondent.outcome,
            source: "import", startedAt: now, submittedAt: now, texts: respondent.texts)
    }
}

/// A responses file read a chunk at a time (see `CSVChunks`). The import reads it from inside
/// its write transaction, one call after another, so the chunks sit behind a lock only to
/// let that closure, which the compiler must treat as concurrent, own them.
public final class ResponseFileSource: Sendable {
    public let file: String
    private let chunks: Mutex<CSVChunks>

    public init(_ chunks: sending CSVChunks) {
        self.file = chunks.file
        self.chunks = Mutex(chunks)
    }

    func next() throws -> [CSVRecord]? { try chunks.withLock { try $0.next() } }
    var bytesRead: Int { chunks.withLock { $0.bytesRead } }
}

/// Ids for one import's rows: shaped like a UUID, the first four groups random and shared, the
/// last counting up. Rows then go to the end of the id indexes (the primary key and
/// `(campaign_id, id)`) instead of to random pages, which is what kept large imports slow once
/// those indexes outgrew the cache. An import's order is the file's, so it says nothing new.
struct SequentialIDs {
    private let prefix: Substring
    private var counter = 0

    /// `random` is a fresh id (a random UUID in production); its first 24 characters are kept.
    init(prefixFrom random: String) {
        prefix = random.prefix(24)
    }

    mutating func next() -> String {
        counter += 1
        let hex = String(counter, radix: 16)
        return prefix + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }
}
