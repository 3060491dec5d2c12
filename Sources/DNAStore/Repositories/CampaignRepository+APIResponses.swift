import DNACore
import SQLKit

/// Where a response sent through the API goes, as one query finds it (see
/// `CampaignRepository.responseDestination`): the workspace and the caller's access to it, the campaign,
/// and the ids of the unit and role the response names (nil when the workspace has none
/// with that code).
public struct ResponseDestination: Sendable {
    public var workspace: Workspace
    public var access: Access
    /// Nil when the workspace has no campaign with the requested id.
    public var campaign: Campaign?
    var unitID: String?
    var roleID: String?
}

/// What `responseDestination` is asked, as the key of its kept answers.
struct DestinationKey: Hashable, Sendable {
    var slug: String
    var userID: String
    var campaignID: String
    var unitCode: String
    var roleCode: String?
}

extension CampaignRepository {
    /// Stores one complete response sent through the API. Every answer is checked against the
    /// campaign's instrument; all problems are reported together, by field.
    public func submitResponse(
        workspaceID: String, campaignID: String, respondentKey: String?, unitCode: String, roleCode: String?, answers: [String: String],
        now: Int64
    ) async throws -> String {
        try await submitResponse(
            campaign: try await campaign(workspaceID: workspaceID, id: campaignID), respondentKey: respondentKey, unitCode: unitCode,
            roleCode: roleCode, answers: answers, now: now)
    }

    /// The same for a campaign the caller has read already; the unit and role are looked up
    /// by code.
    public func submitResponse(
        campaign: Campaign, respondentKey: String?, unitCode: String, roleCode: String?, answers: [String: String], now: Int64
    ) async throws -> String {
        let unitID = try await idByCode("units", workspaceID: campaign.workspaceID, code: unitCode)
        let roleID = try await (roleCode ?? "").isEmpty ? nil : idByCode("roles", workspaceID: campaign.workspaceID, code: roleCode!)
        return try await submitResponse(
            campaign: campaign, unit: (unitCode, unitID), role: (roleCode, roleID), respondentKey: respondentKey, answers: answers, now: now
        )
    }

    /// The same for a destination read by `responseDestination`, whose campaign exists: the
    /// request's path from token to commit is then one read and a share of one group commit.
    public func submitResponse(
        to destination: ResponseDestination, respondentKey: String?, unitCode: String, roleCode: String?, answers: [String: String],
        now: Int64
    ) async throws -> String {
        guard let campaign = destination.campaign else { throw StoreError.notFound("no campaign") }
        return try await submitResponse(
            campaign: campaign, unit: (unitCode, destination.unitID), role: (roleCode, destination.roleID), respondentKey: respondentKey,
            answers: answers, now: now)
    }

    /// The workspace with `slug` as `userID` may see it, the campaign `campaignID` in it, and
    /// the unit and role with the given codes, in one query. Nil when the workspace does not
    /// exist or the user is not a member, so the two cannot be told apart. A destination whose
    /// campaign exists is kept for a moment (`destinations`), as a stream of responses to one
    /// wave asks the same question each time.
    public func responseDestination(
        slug: String, userID: String, campaignID: String, unitCode: String, roleCode: String?
    )
        async throws -> ResponseDestination?
    {
        let key = DestinationKey(slug: slug, userID: userID, campaignID: campaignID, unitCode: unitCode, roleCode: roleCode)
        let changeCount = self.changeCount
        if let kept = store.destinations.value(for: key, changeCount: changeCount) { return kept }
        let destination = try await readResponseDestination(
            slug: slug, userID: userID, campaignID: campaignID, unitCode: unitCode, roleCode: roleCode)
        if let destination, destination.campaign != nil { store.destinations.keep(destination, for: key, changeCount: changeCount) }
        return destination
    }

    private func readResponseDestination(
        slug: String, userID: String, campaignID: String, unitCode: String, roleCode: String?
    )
        async throws -> ResponseDestination?
    {
        let found = try await read { db -> (Workspace, String, Campaign?, String?, String?)? in
            let query: SQLQueryString = """
                SELECT \(WorkspaceRepository.aliasedColumns), m.access,
                c.id AS c_id, c.workspace_id AS c_workspace_id, c.name AS c_name, c.instrument_code AS c_instrument_code,
                c.instrument_source AS c_instrument_source, c.opens_at AS c_opens_at, c.closes_at AS c_closes_at,
                c.open_link AS c_open_link, c.created_at AS c_created_at,
                (SELECT u.id FROM units u WHERE u.workspace_id = w.id AND u.code = \(bind: unitCode)) AS unit_id,
                (SELECT r.id FROM roles r WHERE r.workspace_id = w.id AND r.code = \(bind: roleCode ?? "")) AS role_id
                FROM workspaces w
                JOIN memberships m ON m.workspace_id = w.id AND m.user_id = \(bind: userID) AND m.deactivated_at IS NULL
                LEFT JOIN campaigns c ON c.workspace_id = w.id AND c.id = \(bind: campaignID)
                WHERE w.slug = \(bind: slug)
                """
            guard let row = try await db.raw(query).first() else { return nil }
            let campaign = try row.decode(column: "c_id", as: String?.self) == nil ? nil : try Self.campaign(row, prefix: "c_")
            return (
                try WorkspaceRepository.workspace(row), try row.decode(column: "access", as: String.self), campaign,
                try row.decode(column: "unit_id", as: String?.self), try row.decode(column: "role_id", as: String?.self)
            )
        }
        guard let found else { return nil }
        let access = try storedValue(Access.self, found.1, column: "access")
        return ResponseDestination(workspace: found.0, access: access, campaign: found.2, unitID: found.3, roleID: found.4)
    }

    /// Checks a response against the campaign's instrument (cached, so parsed once per
    /// campaign and process) and queues it for the next group commit.
    private func submitResponse(
        campaign: Campaign, unit: (code: String, id: String?), role: (code: String?, id: String?), respondentKey: String?,
        answers: [String: String], now: Int64
    ) async throws -> String {
        let workspaceID = campaign.workspaceID, campaignID = campaign.id
        guard campaign.state(at: now) == .open else { throw StoreError.conflict("the campaign is \(campaign.state(at: now).rawValue)") }
        let key = try await store.instruments.answerKey(of: campaign) { try await store.frameworks.all(workspaceID: workspaceID) }
        let instrument = key.instrument
        var problems: [String] = []
        guard let unitID = unit.id else { throw StoreError.invalid("unit: '\(unit.code)' is not a unit code of this workspace") }
        if let roleCode = role.code, !roleCode.isEmpty, role.id == nil {
            problems.append("role: '\(roleCode)' is not a role code of this workspace")
        }
        let roleID = role.id
        var outcomes: Set<String> = []
        for item in key.outcomeItems {
            if let named = answers[item.id]?.trimmingSpaces(), !named.isEmpty,
                try await idByCode("outcomes", workspaceID: workspaceID, code: named) != nil
            {
                outcomes.insert(named)
            }
        }
        var row = [Int8](repeating: AssessmentResponses.missing, count: key.likertPosition.count)
        var outcome: String?
        var texts: [String: String] = [:]
        for (itemID, raw) in answers.sorted(by: { $0.key < $1.key }) {
            let value = raw.trimmingSpaces()
            guard let item = key.items[itemID] else {
                problems.append("answers.\(itemID): not an item of instrument '\(instrument.id)'")
                continue
            }
            switch AssessmentResponseReader.check(value, item: item, knownOutcomes: outcomes) {
            case .failure(let message): problems.append("answers.\(itemID): \(message)")
            case .success(let code):
                if let index = key.likertPosition[itemID] { row[index] = code }
                if item.type == .outcome, !AssessmentResponseReader.notNamed.contains(value.lowercased()) { outcome = value }
                if item.keepsText, !value.isEmpty { texts[itemID] = value }
            }
        }
        if !problems.isEmpty { throw StoreError.invalid(problems.joined(separator: "; ")) }
        let response = ResponseRow(
            id: makeID(), campaignID: campaignID, respondentKey: respondentKey, unitID: unitID, roleID: roleID, likert: row,
            outcome: outcome, source: "api", startedAt: now, submittedAt: now, texts: texts)
        do {
            try await store.responseBatcher.submit(response)
        } catch StoreError.conflict {
            throw StoreError.conflict("respondent '\(respondentKey ?? "")' already answered this campaign")
        }
        return response.id
    }
}

extension CampaignRepository {
    /// The id of a workspace's record with `code` in `table` (units, roles, outcomes), or nil.
    func idByCode(_ table: String, workspaceID: String, code: String) async throws -> String? {
        try await read { db in
            try await db.select().column("id").from(table).where("workspace_id", .equal, SQLBind(workspaceID))
                .where("code", .equal, SQLBind(code)).first()?.decode(column: "id", as: String.self)
        }
    }
}
