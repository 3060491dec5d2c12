import DNACore
import DNAStore
import Logging

/// Deleting, erasing and retention (DESIGN capability 6). Each is for a workspace's admins
/// and the machine's operator: a deletion cannot be undone but from an archive. A user
/// account, which spans workspaces, is deleted by an instance administrator.
public struct LifecycleService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public typealias Record = LifecycleRepository.Record

    /// What deleting `record` would take with it, and the record's name, for the confirmation.
    public func footprint(_ caller: Caller?, workspace slug: String, of record: Record) async throws -> (name: String, footprint: Footprint)
    {
        let (workspace, _) = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await store.lifecycle.footprint(workspaceID: workspace.id, of: record)
    }

    public func delete(_ caller: Caller?, workspace slug: String, _ record: Record) async throws -> Footprint {
        try await access.changing(slug, caller, minimum: .admin) { try await store.lifecycle.delete(workspaceID: $0.id, record) }
    }

    /// Erases the person with `email` from the workspace (see `LifecycleRepository.erase`), or
    /// with `apply` false says what that would remove.
    public func erase(_ caller: Caller?, workspace slug: String, email: String, apply: Bool) async throws -> Erasure {
        try await access.changing(slug, caller, minimum: .admin) {
            try await store.lifecycle.erase(workspaceID: $0.id, email: email, apply: apply)
        }
    }

    /// Sets how long open answers are kept (nil: for good), returning the workspace as now set.
    public func setOpenAnswerRetention(_ caller: Caller?, workspace slug: String, days: Int?) async throws -> Workspace {
        try await access.changing(slug, caller, minimum: .admin) { workspace in
            try await store.lifecycle.setOpenAnswerRetention(workspaceID: workspace.id, days: days)
            return try await store.workspaces.workspace(id: workspace.id)
        }
    }

    public func userFootprint(_ caller: Caller?, userID: String) async throws -> Footprint {
        _ = try Self.instanceAdministrator(caller)
        return try await store.lifecycle.userFootprint(id: userID)
    }

    /// Deletes a user account with its memberships, sessions and tokens; never one's own, so an
    /// instance keeps someone who can administer it.
    public func deleteUser(_ caller: Caller?, userID: String) async throws -> Footprint {
        let caller = try Self.instanceAdministrator(caller)
        if case .person(let user) = caller.kind, user.id == userID {
            throw AccessError.forbidden("you cannot delete your own account; another instance administrator can")
        }
        return try await caller.acting { try await store.lifecycle.deleteUser(id: userID) }
    }

    /// Runs the retention job once, as the scheduler: every workspace's expired open answers.
    public func runRetention(now: Int64) async throws -> [LifecycleRepository.RetentionRun] {
        try await Caller.scheduler.acting { try await store.lifecycle.deleteExpiredOpenAnswers(now: now) }
    }

    /// Runs the retention job every `interval` seconds until cancelled. Every server may run
    /// it: the deletes do not overlap (see `deleteExpiredOpenAnswers`).
    public func runRetentionJob(now: @escaping @Sendable () -> Int64, interval: Double = 3600, logger: Logger) async {
        await repeating(every: interval, logger: logger, failure: "the open-answer retention job failed") {
            for run in try await runRetention(now: now()) {
                logger.info(
                    "deleted expired open answers",
                    metadata: ["workspace": "\(run.workspaceID)", "days": "\(run.days)", "deleted": "\(run.deleted)"])
            }
        }
    }

    private static func instanceAdministrator(_ caller: Caller?) throws -> Caller {
        let caller = try WorkspaceService.signedIn(caller)
        if case .person(let user) = caller.kind, !user.instanceAdmin {
            throw AccessError.forbidden("only an instance administrator can delete user accounts")
        }
        return caller
    }
}
