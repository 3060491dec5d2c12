import DNACore
import DNAStore

/// The workspace archive (DESIGN "Workspace archive"): a whole workspace as one document, for
/// backups and for moving it between SQLite and PostgreSQL.
extension WorkspaceService {
    /// Writes workspace `slug` to `output`; for its admins.
    public func exportArchive(
        _ caller: Caller?, workspace slug: String, to output: ArchiveOutput, now: Int64
    ) async throws
        -> ArchiveSummary
    {
        _ = try await access.resolve(slug, caller: caller, minimum: .admin)
        return try await Self.signedIn(caller).acting { try await store.exportWorkspace(slug: slug, exportedAt: now, to: output) }
    }

    /// Restores the archive at `path` as a new workspace (as `slug` when given); for instance
    /// administrators and the machine's operator, since it adds a workspace.
    public func importArchive(_ caller: Caller?, path: String, slug: String? = nil) async throws -> ArchiveSummary {
        let caller = try Self.signedIn(caller)
        if case .person(let user) = caller.kind, !user.instanceAdmin {
            throw AccessError.forbidden("only an instance administrator can restore a workspace")
        }
        return try await caller.acting { try await store.importWorkspace(path: path, slug: slug) }
    }
}
