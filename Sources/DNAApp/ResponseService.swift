import DNACore
import DNAStore

/// Answers to an assessment wave that arrive other than through a respondent's link: a
/// responses file (imported all or nothing, streamed) or one response through the API.
public struct ResponseService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Imports a responses CSV into campaign `campaignID`, read a chunk at a time; problems
    /// are thrown as `FileProblems` and nothing is written. `progress` hears (rows, bytes).
    public func importResponses(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, source: ResponseFileSource, now: Int64,
        progress: @escaping @Sendable (_ rows: Int, _ bytes: Int) -> Void = { _, _ in }
    ) async throws -> Int {
        let (workspace, caller) = try await access.enter(slug, caller: caller, minimum: .analyst)
        return try await caller.acting {
            try await store.campaigns.importResponses(
                workspaceID: workspace.id, campaignID: campaignID, source: source, now: now, progress: progress)
        }
    }

    /// The same for a file already in memory (a form's text or a request body).
    public func importResponses(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, file: String, text: String, now: Int64
    ) async throws -> Int {
        try await importResponses(
            caller, workspace: slug, campaign: campaignID, source: ResponseFileSource(CSVChunks(file: file, bytes: Array(text.utf8))),
            now: now)
    }

    /// One complete response through the API, from a person with analyst access. The busiest
    /// write there is: membership, campaign, unit and role are read in one query, then the
    /// response waits for its share of a group commit (P3 in BENCHMARKS.md). It is not written
    /// to the audit log: an entry's time beside the response would tie the two together.
    public func submitResponse(
        _ caller: Caller?, workspace slug: String, campaign campaignID: String, respondent: String?, unitCode: String, roleCode: String?,
        answers: [String: String], now: Int64
    ) async throws -> String {
        guard let caller else { throw AccessError.signInNeeded }
        let destination: ResponseDestination
        switch caller.kind {
        case .person(let user):
            let found = try await store.campaigns.responseDestination(
                slug: slug, userID: user.id, campaignID: campaignID, unitCode: unitCode, roleCode: roleCode)
            _ = try WorkspaceAccess.check(slug, found: found.map { ($0.workspace, $0.access) }, minimum: .analyst)
            guard let found else { throw StoreError.notFound("no workspace '\(slug)'") }
            destination = found
        case .machineOperator:
            let workspace = try await store.workspaces.workspace(slug: slug)
            let campaign = try await store.campaigns.campaign(workspaceID: workspace.id, id: campaignID)
            return try await caller.acting {
                try await store.campaigns.submitResponse(
                    campaign: campaign, respondentKey: respondent, unitCode: unitCode, roleCode: roleCode, answers: answers, now: now)
            }
        }
        guard destination.campaign != nil else { throw StoreError.notFound("no campaign '\(campaignID)'") }
        return try await store.campaigns.submitResponse(
            to: destination, respondentKey: respondent, unitCode: unitCode, roleCode: roleCode, answers: answers, now: now)
    }
}
