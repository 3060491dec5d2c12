import DNACore
import DNAStore

/// A workspace's participants: the people its waves can be sent to. Their e-mails are
/// personal data, so even reading the list needs analyst access; a viewer sees results only.
public struct ParticipantService: WorkspaceUseCases {
    let store: Store

    public init(store: Store) { self.store = store }

    public func participants(_ caller: Caller?, workspace slug: String) async throws -> [Participant] {
        let (workspace, _) = try await access.enter(slug, caller: caller, minimum: .analyst)
        return try await store.participants.all(workspaceID: workspace.id)
    }

    /// Imports a participants file, merged by e-mail, all or nothing; problems are thrown as
    /// `FileProblems`.
    public func importFile(
        _ caller: Caller?, workspace slug: String, file: String, text: String
    ) async throws -> (added: Int, updated: Int) {
        try await access.changing(slug, caller) { try await store.participants.importFile(workspaceID: $0.id, file: file, text: text) }
    }
}
