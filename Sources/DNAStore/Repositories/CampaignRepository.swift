import DNACore
import SQLKit

/// The instrument a campaign is made from: a built-in one by id, or a YAML text.
public enum InstrumentChoice: Sendable, Equatable {
    case builtIn(String)
    case file(name: String, source: String)
}

extension CampaignRepository {
    /// Creates a wave: validates the instrument against the workspace's frameworks, freezes
    /// its text into the campaign and records the population (units with how many people
    /// each was sent to).
    public func create(
        workspaceID: String, name: String, instrument choice: InstrumentChoice, opensAt: Int64, closesAt: Int64?,
        population: [String: Int], now: Int64
    ) async throws -> Campaign {
        let name = name.trimmingSpaces()
        guard !name.isEmpty else { throw StoreError.invalid("name is empty") }
        if let closesAt, closesAt <= opensAt { throw StoreError.invalid("the campaign must close after it opens") }
        guard !population.isEmpty else { throw StoreError.invalid("choose at least one unit for the population") }
        if let bad = population.first(where: { $0.value < 0 }) {
            throw StoreError.invalid("the number invited in unit '\(bad.key)' cannot be negative")
        }
        let (instrument, source) = try await resolveInstrument(choice, workspaceID: workspaceID)
        // A new campaign's sums are empty and kept from the start (see Store+AssessmentSums).
        let plan = AssessmentSumsPlan(instrument: instrument, frameworks: try await store.frameworks.all(workspaceID: workspaceID))
        let campaign = Campaign(
            id: makeID(), workspaceID: workspaceID, name: name, instrumentCode: instrument.id, instrumentSource: source, opensAt: opensAt,
            closesAt: closesAt, createdAt: now)
        do {
            try await write { db in
                try await AuditLogRepository.audit(
                    db, workspaceID: workspaceID, action: "campaign.create", record: "campaign:\(campaign.id)",
                    summary: "created campaign '\(name)' (\(campaign.instrumentCode))")
                let units = Set(try await OrganizationRepository.units(db, workspaceID: workspaceID).map(\.id))
                if let unknown = population.keys.sorted().first(where: { !units.contains($0) }) {
                    throw StoreError.invalid("'\(unknown)' is not a unit of this workspace")
                }
                try await db.insert(into: "campaigns")
                    .columns(
                        "id", "workspace_id", "name", "instrument_code", "instrument_source", "opens_at", "closes_at", "open_link",
                        "created_at", "sums_plan"
                    )
                    .values(
                        SQLBind(campaign.id), SQLBind(workspaceID), SQLBind(name), SQLBind(campaign.instrumentCode), SQLBind(source),
                        SQLBind(opensAt), SQLBind(closesAt), SQLBind(String?.none), SQLBind(now), SQLBind(plan.fingerprint)
                    ).run()
                for (unitID, invited) in population.sorted(by: { $0.key < $1.key }) {
                    try await db.insert(into: "campaign_units").columns("campaign_id", "unit_id", "invited")
                        .values(SQLBind(campaign.id), SQLBind(unitID), SQLBind(invited)).run()
                }
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a campaign named '\(name)' already exists")
        }
        return campaign
    }

    /// The instrument frozen into a campaign when it was made, parsed once per process.
    public func instrument(of campaign: Campaign) async throws -> Instrument {
        try await store.instruments.instrument(of: campaign) { try await store.frameworks.all(workspaceID: campaign.workspaceID) }
    }

    private func resolveInstrument(_ choice: InstrumentChoice, workspaceID: String) async throws -> (Instrument, String) {
        switch choice {
        case .builtIn(let id):
            guard let entry = BuiltInInstruments.all.first(where: { $0.instrument.id == id }) else {
                let known = BuiltInInstruments.ids.joined(separator: ", ")
                throw StoreError.invalid("no built-in instrument '\(id)'; known: \(known)")
            }
            return entry
        case .file(let name, let source):
            let frameworks = try await store.frameworks.all(workspaceID: workspaceID)
            return (try InstrumentLoader.load(file: name, text: source, frameworks: frameworks), source)
        }
    }

    public func all(workspaceID: String) async throws -> [Campaign] {
        try await read { db in
            try await Self.campaignQuery(db).where("workspace_id", .equal, SQLBind(workspaceID))
                .orderBy("opens_at", .descending).orderBy("name").all().map(Self.campaign)
        }
    }

    public func campaign(workspaceID: String, id: String) async throws -> Campaign {
        let found = try await read { db in
            try await Self.campaignQuery(db).where("workspace_id", .equal, SQLBind(workspaceID)).where("id", .equal, SQLBind(id))
                .first().map(Self.campaign)
        }
        guard let found else { throw StoreError.notFound("no campaign '\(id)'") }
        return found
    }

    /// The campaign measured before this one (opened earlier), for trends.
    public func previousCampaign(before campaign: Campaign) async throws -> Campaign? {
        try await all(workspaceID: campaign.workspaceID)
            .filter { $0.id != campaign.id && ($0.opensAt, $0.createdAt) < (campaign.opensAt, campaign.createdAt) }
            .max { ($0.opensAt, $0.createdAt) < ($1.opensAt, $1.createdAt) }
    }

    /// Sets the closing time: `now` closes a running campaign, nil reopens it without end.
    public func setCampaignClose(workspaceID: String, id: String, closesAt: Int64?) async throws {
        let campaign = try await campaign(workspaceID: workspaceID, id: id)
        if let closesAt, closesAt < campaign.opensAt { throw StoreError.invalid("the campaign must close after it opens") }
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "campaign.close", record: "campaign:\(id)",
                summary: closesAt.map { "set the close to \($0)" } ?? "removed the close")
            try await db.update("campaigns").set("closes_at", to: SQLBind(closesAt)).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// Gives the campaign an open anonymous link (or replaces it), returning the new secret.
    public func setOpenLink(workspaceID: String, id: String, secret: String?) async throws {
        _ = try await campaign(workspaceID: workspaceID, id: id)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "campaign.open-link", record: "campaign:\(id)",
                summary: secret == nil ? "turned the open link off" : "made a new open link")
            try await db.update("campaigns").set("open_link", to: SQLBind(secret)).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// The units the campaign was sent to, with how many people were invited in each.
    public func campaignPopulation(campaignID: String) async throws -> [(unitID: String, invited: Int)] {
        try await read { db in
            try await db.select().columns("unit_id", "invited").from("campaign_units").where("campaign_id", .equal, SQLBind(campaignID))
                .orderBy("unit_id").all()
                .map { (try $0.decode(column: "unit_id", as: String.self), try $0.decode(column: "invited", as: Int.self)) }
        }
    }

    /// How many single-use links one request may make, from a page, the API or the command
    /// line alike: enough for a large unit at once, small enough that a request cannot make a
    /// server hash and store millions.
    public static let linksPerRequest = 5000

    /// Refuses a number of links outside 1...`linksPerRequest`. Callers check before they make
    /// the secrets; the store checks again before it stores them.
    public static func checkLinkCount(_ count: Int) throws {
        guard (1...linksPerRequest).contains(count) else {
            throw StoreError.invalid("count: choose between 1 and \(linksPerRequest.formatted()) links at a time")
        }
    }

    /// Stores single-use respondent tokens (their hashes) for people in `unitID`. The caller
    /// keeps the secrets to hand out; they cannot be read back.
    public func addRespondentTokens(
        workspaceID: String, campaignID: String, unitID: String, tokenHashes: [String], now: Int64
    )
        async throws
    {
        try Self.checkLinkCount(tokenHashes.count)
        _ = try await campaign(workspaceID: workspaceID, id: campaignID)
        try await write { db in
            try await AuditLogRepository.audit(
                db, workspaceID: workspaceID, action: "campaign.links", record: "campaign:\(campaignID)",
                summary: "issued \(tokenHashes.count) respondent links")
            let population = try await db.select().column("unit_id").from("campaign_units")
                .where("campaign_id", .equal, SQLBind(campaignID)).where("unit_id", .equal, SQLBind(unitID)).all()
            guard !population.isEmpty else { throw StoreError.invalid("the unit is not in this campaign's population") }
            for chunk in tokenHashes.chunked(into: 200) {
                var insert = db.insert(into: "respondent_tokens").columns("token_hash", "campaign_id", "unit_id", "created_at")
                for hash in chunk {
                    insert = insert.values(SQLBind(hash), SQLBind(campaignID), SQLBind(unitID), SQLBind(AnonymousWrites.day(now)))
                }
                try await insert.run()
            }
        }
    }

    /// Invited, in progress and submitted counts per unit of the population. A unit with
    /// fewer than k invited shows its invited count only; its answers count in the totals.
    public func campaignProgress(workspace: Workspace, campaignID: String) async throws -> CampaignProgress {
        let population = try await campaignPopulation(campaignID: campaignID)
        let units = Dictionary(uniqueKeysWithValues: try await store.organization.units(workspaceID: workspace.id).map { ($0.id, $0) })
        let counts = try await read { db in
            try await db.select().column("unit_id").column(SQLRaw("COUNT(submitted_at)"), as: "submitted")
                .column(SQLRaw("COUNT(*)"), as: "started").from("responses").where("campaign_id", .equal, SQLBind(campaignID))
                .groupBy("unit_id").all()
                .map {
                    (
                        try $0.decode(column: "unit_id", as: String?.self), try $0.decode(column: "submitted", as: Int.self),
                        try $0.decode(column: "started", as: Int.self)
                    )
                }
        }
        var submittedByUnit: [String: Int] = [:]
        var submitted = 0, started = 0
        for (unitID, done, begun) in counts {
            if let unitID { submittedByUnit[unitID] = done }
            submitted += done
            started += begun
        }
        let k = workspace.minGroupSize
        let rows = population.compactMap { entry -> CampaignProgress.UnitProgress? in
            guard let unit = units[entry.unitID] else { return nil }
            let visible = entry.invited >= k
            let done = submittedByUnit[entry.unitID] ?? 0
            return CampaignProgress.UnitProgress(
                unitCode: unit.code, unitName: unit.name, invited: entry.invited, submitted: visible ? done : nil,
                rate: visible && entry.invited > 0 ? Double(done) / Double(entry.invited) : nil)
        }.sorted { $0.unitName < $1.unitName }
        let invited = population.map(\.invited).reduce(0, +)
        return CampaignProgress(
            units: rows, invited: invited, submitted: submitted, inProgress: started - submitted,
            rate: invited > 0 ? Double(submitted) / Double(invited) : nil)
    }

    static func campaignQuery(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().columns(
            "id", "workspace_id", "name", "instrument_code", "instrument_source", "opens_at", "closes_at", "open_link", "created_at"
        ).from("campaigns")
    }

    static func campaign(_ row: any SQLRow) throws -> Campaign { try campaign(row, prefix: "") }

    /// A campaign from a row of `campaignQuery`, or from columns named with `prefix` where a
    /// join holds other records' columns of the same names.
    static func campaign(_ row: any SQLRow, prefix: String) throws -> Campaign {
        try row.record(Campaign.self, prefix: prefix.isEmpty ? nil : prefix)
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
