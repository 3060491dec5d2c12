import DNAAPI
import DNAApp
import DNACore
import DNAStore

/// Deleting, erasing and retention (DESIGN capability 6). The answer to each deletion is
/// what went, counted, as the audit log records it.
extension GeneratedAPI {
    /// The `Footprint` schema: the parts, their English summary and, for an erasure, why the
    /// account stayed.
    private struct FootprintBody: Encodable {
        var parts: [Footprint.Part]
        var summary: String
        var accountKept: String?

        init(_ footprint: Footprint, accountKept: String? = nil) {
            parts = footprint.parts
            summary = footprint.summary
            self.accountKept = accountKept
        }
    }

    private var lifecycle: LifecycleService { LifecycleService(store: store) }

    private func deleted(_ workspace: String, _ record: LifecycleService.Record) async throws -> Components.Schemas.Footprint {
        try documented(FootprintBody(try await lifecycle.delete(caller, workspace: workspace, record)))
    }

    func deleteWorkspacesCampaignsById(
        _ input: Operations.DeleteWorkspacesCampaignsById.Input
    ) async throws -> Operations.DeleteWorkspacesCampaignsById.Output {
        .ok(.init(body: .json(try await deleted(input.path.workspace, .campaign(input.path.id)))))
    }

    func deleteWorkspacesSurveysById(
        _ input: Operations.DeleteWorkspacesSurveysById.Input
    ) async throws -> Operations.DeleteWorkspacesSurveysById.Output {
        .ok(.init(body: .json(try await deleted(input.path.workspace, .survey(input.path.id)))))
    }

    func deleteWorkspacesParticipantsById(
        _ input: Operations.DeleteWorkspacesParticipantsById.Input
    ) async throws -> Operations.DeleteWorkspacesParticipantsById.Output {
        .ok(.init(body: .json(try await deleted(input.path.workspace, .participant(input.path.id)))))
    }

    func deleteUsersById(_ input: Operations.DeleteUsersById.Input) async throws -> Operations.DeleteUsersById.Output {
        .ok(.init(body: .json(try documented(FootprintBody(try await lifecycle.deleteUser(caller, userID: input.path.id))))))
    }

    func postWorkspacesErasures(_ input: Operations.PostWorkspacesErasures.Input) async throws -> Operations.PostWorkspacesErasures.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let erasure = try await lifecycle.erase(caller, workspace: input.path.workspace, email: body.email, apply: !(body.dryRun ?? false))
        return .ok(.init(body: .json(try documented(FootprintBody(erasure.footprint, accountKept: erasure.accountKept)))))
    }

    func putWorkspacesRetention(_ input: Operations.PutWorkspacesRetention.Input) async throws -> Operations.PutWorkspacesRetention.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let workspace = try await lifecycle.setOpenAnswerRetention(
            caller, workspace: input.path.workspace, days: body.openAnswerRetentionDays)
        return .ok(.init(body: .json(try documented(workspace))))
    }

    func putWorkspacesCommentThreshold(
        _ input: Operations.PutWorkspacesCommentThreshold.Input
    ) async throws -> Operations.PutWorkspacesCommentThreshold.Output {
        guard case .json(let body) = input.body else { throw WebError.badRequest("the body must be JSON") }
        let workspace = try await lifecycle.setCommentThreshold(caller, workspace: input.path.workspace, threshold: body.commentThreshold)
        return .ok(.init(body: .json(try documented(workspace))))
    }
}
