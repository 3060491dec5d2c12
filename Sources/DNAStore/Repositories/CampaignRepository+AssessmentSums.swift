import DNACore
import Foundation
import SQLKit
import Synchronization

/// A campaign's scores are kept as sums (`AssessmentCell`) per unit and per role in
/// `assessment_sums`, so a results page adds up a cell per unit instead of reading every
/// response. Whether a response is in those sums is its `summed` flag:
///
/// - an import adds its rows to the sums in its own transaction (`mergeSums`);
/// - a response handed in through a link or sent through the API is stored unsummed, and
///   every read adds the unsummed responses to the kept sums in the same snapshot, so the
///   figures are always complete. Writers never touch the sums, which keeps a hand-in one
///   short insert and spares PostgreSQL a hot row every writer would wait on;
/// - when more than `foldAbove` are unsummed, a reader folds a random selection of them into
///   the sums, leaving `unsummedFloor`. The newest answers therefore always hide among at
///   least that many others: the flag never tells which answer came last (see `AnonymousWrites`);
/// - sums kept under another plan, or never built (a campaign from before this table), are
///   rebuilt from the summed responses on first read.
extension CampaignRepository {
    static let unsummedFloor = 32
    static let foldAbove = 96

    /// The kept sums of a campaign plus its unsummed responses, by unit id and by role id
    /// ("" for none). Both maps cover every respondent once.
    struct CampaignSums: Sendable {
        var byUnit: [String: AssessmentCell] = [:]
        var byRole: [String: AssessmentCell] = [:]
        var unsummed = 0
    }

    /// The plan of a campaign's sums, made once per campaign and process.
    func sumsPlan(of campaign: Campaign) async throws -> AssessmentSumsPlan {
        try await store.instruments.plan(of: campaign) { try await store.frameworks.all(workspaceID: campaign.workspaceID) }
    }

    /// The campaign's figures as sums under its `plan`, read in one snapshot; rebuilt first
    /// when kept under another plan, folded afterwards (off the request's path) when many are
    /// unsummed.
    func campaignSums(_ campaign: Campaign, plan: AssessmentSumsPlan) async throws -> CampaignSums {
        let kind = self.kind
        let cache = store.keptSums
        if let sums = try await snapshot({ db in try await Self.readSums(db, campaignID: campaign.id, plan: plan, cache: cache) }) {
            if sums.unsummed > Self.foldAbove { scheduleFold(campaign: campaign, plan: plan) }
            return sums
        }
        return try await write { db in
            // Readers that found the sums stale at once queue here; only the first rebuilds.
            if try await Self.lockedPlan(db, kind: kind, campaignID: campaign.id) != plan.fingerprint {
                try await Self.rebuildSums(db, kind: kind, campaignID: campaign.id, plan: plan)
            }
            return try await Self.readSums(db, campaignID: campaign.id, plan: plan, cache: nil)!
        }
    }

    /// Folds unsummed responses into the kept sums now (what a reader schedules); returns how
    /// many were folded.
    @discardableResult
    func foldSums(campaign: Campaign) async throws -> Int {
        let plan = try await sumsPlan(of: campaign)
        let kind = self.kind
        return try await write { db in try await Self.foldSums(db, kind: kind, campaignID: campaign.id, plan: plan) }
    }

    private func scheduleFold(campaign: Campaign, plan: AssessmentSumsPlan) {
        guard store.folding.withLock({ $0.insert(campaign.id).inserted }) else { return }
        let kind = self.kind
        Task.detached { [self] in
            defer { _ = store.folding.withLock { $0.remove(campaign.id) } }
            do {
                _ = try await write { db in try await Self.foldSums(db, kind: kind, campaignID: campaign.id, plan: plan) }
            } catch {
                logger.warning("folding a campaign's answers into its sums failed", metadata: ["error": "\(error)"])
            }
        }
    }

    // MARK: - In a transaction

    /// The kept sums plus the unsummed responses, or nil when they were kept under another plan.
    /// Kept sums already decoded at the same `sums_version` come from `cache`.
    static func readSums(
        _ db: any SQLDatabase, campaignID: String, plan: AssessmentSumsPlan, cache: KeptSumsCache?
    ) async throws -> CampaignSums? {
        guard
            let stored = try await db.select().columns("sums_plan", "sums_version").from("campaigns")
                .where("id", .equal, SQLBind(campaignID)).first(),
            try stored.decode(column: "sums_plan", as: String?.self) == plan.fingerprint
        else { return nil }
        let version = try stored.decode(column: "sums_version", as: Int64.self)
        var sums: CampaignSums
        if let cached = cache?.sums(campaignID: campaignID, plan: plan.fingerprint, version: version) {
            sums = cached
        } else {
            sums = try await readKeptSums(db, campaignID: campaignID, plan: plan)
            cache?.keep(sums, campaignID: campaignID, plan: plan.fingerprint, version: version)
        }
        let unsummed = try await handedIn(db, campaignID: campaignID, summed: false)
            .columns("unit_id", "role_id", "likert", "outcome").all()
        var delta = SumsDelta(plan: plan)
        for row in unsummed { try delta.add(row) }
        for (member, cell) in delta.byUnit { sums.byUnit[member, default: AssessmentCell(width: plan.width)].add(cell) }
        for (member, cell) in delta.byRole { sums.byRole[member, default: AssessmentCell(width: plan.width)].add(cell) }
        sums.unsummed = unsummed.count
        return sums
    }

    private static func readKeptSums(_ db: any SQLDatabase, campaignID: String, plan: AssessmentSumsPlan) async throws -> CampaignSums {
        var sums = CampaignSums()
        for row in try await db.select().columns("kind", "member_id", "respondents", "named", "sums").from("assessment_sums")
            .where("campaign_id", .equal, SQLBind(campaignID)).all()
        {
            let member = try row.decode(column: "member_id", as: String.self)
            let cell = try AssessmentCellCodec.decode(row, width: plan.width)
            switch try row.decode(column: "kind", as: String.self) {
            case "unit": sums.byUnit[member] = cell
            case "role": sums.byRole[member] = cell
            case let other: throw StoreError.invalid("assessment_sums of campaign \(campaignID): unknown kind '\(other)'")
            }
        }
        return sums
    }

    /// Adds responses just stored with `summed = 1` to the kept sums. When the sums are kept
    /// under another plan they are rebuilt instead, which counts those responses too.
    static func mergeSums(_ db: any SQLDatabase, kind: DatabaseKind, campaignID: String, delta: SumsDelta) async throws {
        guard try await lockedPlan(db, kind: kind, campaignID: campaignID) == delta.plan.fingerprint else {
            return try await rebuildSums(db, kind: kind, campaignID: campaignID, plan: delta.plan)
        }
        for (kindName, cells) in [("unit", delta.byUnit), ("role", delta.byRole)] {
            for chunk in cells.keys.sorted().chunked(into: 500) {
                var kept: [String: AssessmentCell] = [:]
                for row in try await db.select().columns("member_id", "respondents", "named", "sums").from("assessment_sums")
                    .where("campaign_id", .equal, SQLBind(campaignID)).where("kind", .equal, SQLBind(kindName))
                    .where("member_id", .in, Array(chunk)).all()
                {
                    kept[try row.decode(column: "member_id", as: String.self)] = try AssessmentCellCodec.decode(
                        row, width: delta.plan.width)
                }
                var merged: [(String, AssessmentCell)] = []
                for member in chunk {
                    var cell = kept[member] ?? AssessmentCell(width: delta.plan.width)
                    cell.add(cells[member]!)
                    merged.append((member, cell))
                }
                try await writeCells(db, campaignID: campaignID, kind: kindName, cells: merged)
            }
        }
        try await bumpVersion(db, campaignID: campaignID)
    }

    /// Builds the kept sums again from every summed response, first un-summing a random few
    /// so that at least `unsummedFloor` answers stay unsummed.
    static func rebuildSums(_ db: any SQLDatabase, kind: DatabaseKind, campaignID: String, plan: AssessmentSumsPlan) async throws {
        _ = try await lockedPlan(db, kind: kind, campaignID: campaignID)
        let unsummed = try await unsummedCount(db, campaignID: campaignID)
        if unsummed < unsummedFloor {
            try await db.raw(
                """
                UPDATE responses SET summed = 0 WHERE id IN (SELECT id FROM responses WHERE campaign_id = \(bind: campaignID)
                AND summed = 1 AND submitted_at IS NOT NULL ORDER BY random() LIMIT \(bind: unsummedFloor - unsummed))
                """
            ).run()
        }
        var delta = SumsDelta(plan: plan)
        for row in try await handedIn(db, campaignID: campaignID, summed: true).columns("unit_id", "role_id", "likert", "outcome").all() {
            try delta.add(row)
        }
        try await db.delete(from: "assessment_sums").where("campaign_id", .equal, SQLBind(campaignID)).run()
        try await writeCells(db, campaignID: campaignID, kind: "unit", cells: delta.byUnit.sorted { $0.key < $1.key })
        try await writeCells(db, campaignID: campaignID, kind: "role", cells: delta.byRole.sorted { $0.key < $1.key })
        try await db.update("campaigns").set("sums_plan", to: SQLBind(plan.fingerprint)).where("id", .equal, SQLBind(campaignID)).run()
        try await bumpVersion(db, campaignID: campaignID)
    }

    /// Every change of the kept sums counts up `sums_version`, so each process can keep its
    /// decoded copy until the database holds another.
    private static func bumpVersion(_ db: any SQLDatabase, campaignID: String) async throws {
        try await db.raw("UPDATE campaigns SET sums_version = sums_version + 1 WHERE id = \(bind: campaignID)").run()
    }

    /// Marks a random selection of unsummed responses summed (all but `unsummedFloor`) and
    /// adds them to the kept sums.
    static func foldSums(_ db: any SQLDatabase, kind: DatabaseKind, campaignID: String, plan: AssessmentSumsPlan) async throws -> Int {
        guard try await lockedPlan(db, kind: kind, campaignID: campaignID) == plan.fingerprint else { return 0 }
        let excess = try await unsummedCount(db, campaignID: campaignID) - unsummedFloor
        guard excess > 0 else { return 0 }
        let claimed = try await db.raw(
            """
            UPDATE responses SET summed = 1 WHERE id IN (SELECT id FROM responses WHERE campaign_id = \(bind: campaignID)
            AND summed = 0 AND submitted_at IS NOT NULL ORDER BY random() LIMIT \(bind: excess))
            RETURNING unit_id, role_id, likert, outcome
            """
        ).all()
        var delta = SumsDelta(plan: plan)
        for row in claimed { try delta.add(row) }
        try await mergeSums(db, kind: kind, campaignID: campaignID, delta: delta)
        return claimed.count
    }

    /// The campaign's plan fingerprint, with the campaign row locked on PostgreSQL so that
    /// folds and rebuilds of one campaign take turns (SQLite has one writer anyway). The lock
    /// does not block inserting responses, whose foreign key only takes a key-share lock.
    private static func lockedPlan(_ db: any SQLDatabase, kind: DatabaseKind, campaignID: String) async throws -> String? {
        let lock = kind == .postgres ? " FOR NO KEY UPDATE" : ""
        let row = try await db.raw("SELECT sums_plan FROM campaigns WHERE id = \(bind: campaignID)\(unsafeRaw: lock)").first()
        guard let row else { throw StoreError.notFound("campaign \(campaignID)") }
        return try row.decode(column: "sums_plan", as: String?.self)
    }

    private static func unsummedCount(_ db: any SQLDatabase, campaignID: String) async throws -> Int {
        try await handedIn(db, campaignID: campaignID, summed: false).column(SQLRaw("COUNT(*)"), as: "n").first()!
            .decode(column: "n", as: Int.self)
    }

    /// The campaign's handed-in responses that are (or are not yet) in the kept sums.
    private static func handedIn(_ db: any SQLDatabase, campaignID: String, summed: Bool) -> SQLSelectBuilder {
        db.select().from("responses").where("campaign_id", .equal, SQLBind(campaignID))
            .where("summed", .equal, SQLLiteral.numeric(summed ? "1" : "0")).where("submitted_at", .isNot, SQLLiteral.null)
    }

    private static func writeCells(_ db: any SQLDatabase, campaignID: String, kind: String, cells: [(String, AssessmentCell)]) async throws
    {
        for chunk in cells.chunked(into: 200) {
            var insert = db.insert(into: "assessment_sums").columns("campaign_id", "kind", "member_id", "respondents", "named", "sums")
            for (member, cell) in chunk {
                insert = insert.values(
                    SQLBind(campaignID), SQLBind(kind), SQLBind(member), SQLBind(cell.respondents), SQLBind(cell.named),
                    SQLBind(AssessmentCellCodec.encode(cell)))
            }
            try await insert.onConflict(with: ["campaign_id", "kind", "member_id"]) {
                $0.set(excludedValueOf: "respondents").set(excludedValueOf: "named").set(excludedValueOf: "sums")
            }.run()
        }
    }
}

/// Responses turned into cells by unit id and by role id, for adding to the kept sums.
struct SumsDelta: Sendable {
    let plan: AssessmentSumsPlan
    private(set) var byUnit: [String: AssessmentCell] = [:]
    private(set) var byRole: [String: AssessmentCell] = [:]

    init(plan: AssessmentSumsPlan) { self.plan = plan }

    mutating func add(unitID: String?, roleID: String?, likert: [Int8], named: Bool) {
        // Added to each cell in place: cheaper than a cell per response added twice.
        plan.add(likert: likert, named: named, to: &byUnit[unitID ?? "", default: AssessmentCell(width: plan.width)])
        plan.add(likert: likert, named: named, to: &byRole[roleID ?? "", default: AssessmentCell(width: plan.width)])
    }

    mutating func add(_ row: CampaignRepository.ResponseRow) {
        add(unitID: row.unitID, roleID: row.roleID, likert: row.likert, named: row.outcome != nil)
    }

    /// A row of `responses` read with unit_id, role_id, likert and outcome.
    mutating func add(_ row: any SQLRow) throws {
        add(
            unitID: try row.decode(column: "unit_id", as: String?.self), roleID: try row.decode(column: "role_id", as: String?.self),
            likert: LikertCodes.decode(try row.decode(column: "likert", as: String.self), count: plan.likertCount),
            named: try row.decode(column: "outcome", as: String?.self) != nil)
    }
}

/// How a cell is stored: its sums as unsigned LEB128 varints (most are small, so a cell of
/// a thousand sums takes a few kilobytes), preceded by their count.
enum AssessmentCellCodec {
    static func encode(_ cell: AssessmentCell) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cell.sums.count * 2 + 4)
        func put(_ value: Int) {
            var rest = UInt64(bitPattern: Int64(value))
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }
        put(cell.sums.count)
        for value in cell.sums { put(value) }
        return Data(bytes)
    }

    /// A row of `assessment_sums` read with respondents, named and sums.
    static func decode(_ row: any SQLRow, width: Int) throws -> AssessmentCell {
        try decode(
            try row.decode(column: "sums", as: Data.self), respondents: try row.decode(column: "respondents", as: Int.self),
            named: try row.decode(column: "named", as: Int.self), width: width)
    }

    static func decode(_ data: Data, respondents: Int, named: Int, width: Int) throws -> AssessmentCell {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var position = 0
            func next() throws -> Int {
                var value: UInt64 = 0, shift: UInt64 = 0
                while true {
                    guard position < bytes.count, shift < 64 else { throw StoreError.invalid("a stored assessment cell is damaged") }
                    let byte = bytes[position]
                    position += 1
                    value |= UInt64(byte & 0x7f) << shift
                    if byte < 0x80 { return Int(Int64(bitPattern: value)) }
                    shift += 7
                }
            }
            guard try next() == width else { throw StoreError.invalid("a stored assessment cell has another width than its plan") }
            var sums = [Int](repeating: 0, count: width)
            for index in 0..<width { sums[index] = try next() }
            guard position == bytes.count else { throw StoreError.invalid("a stored assessment cell is damaged") }
            return AssessmentCell(respondents: respondents, named: named, sums: sums)
        }
    }
}

/// Kept sums decoded once per campaign and `sums_version`, so a page view after the first only
/// reads the version and the unsummed answers. Every process checks the version in the
/// database, so processes sharing one PostgreSQL never show each other stale figures. Holds
/// at most `capacity` cells (about 8 KB each for the bundled instrument); the least recently
/// used campaigns go first.
final class KeptSumsCache: Sendable {
    private struct Entry {
        var plan: String
        var version: Int64
        var sums: CampaignRepository.CampaignSums
        var cells: Int
        var used: UInt64
    }

    private let entries = Mutex<(byCampaign: [String: Entry], clock: UInt64)>(([:], 0))
    let capacity: Int

    init(capacity: Int = 8_000) { self.capacity = capacity }

    func sums(campaignID: String, plan: String, version: Int64) -> CampaignRepository.CampaignSums? {
        entries.withLock { state in
            guard var entry = state.byCampaign[campaignID], entry.plan == plan, entry.version == version else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.byCampaign[campaignID] = entry
            return entry.sums
        }
    }

    func keep(_ sums: CampaignRepository.CampaignSums, campaignID: String, plan: String, version: Int64) {
        let cells = sums.byUnit.count + sums.byRole.count
        guard cells <= capacity else { return }
        entries.withLock { state in
            state.clock += 1
            state.byCampaign[campaignID] = Entry(plan: plan, version: version, sums: sums, cells: cells, used: state.clock)
            var total = state.byCampaign.values.reduce(0) { $0 + $1.cells }
            while total > capacity, let oldest = state.byCampaign.min(by: { $0.value.used < $1.value.used }) {
                total -= oldest.value.cells
                state.byCampaign[oldest.key] = nil
            }
        }
    }
}
