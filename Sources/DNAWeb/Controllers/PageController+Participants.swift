import DNAApp
import DNACore
import Hummingbird

extension ParticipantsPage.Model: ActionPageModel {}

extension PageController {
    /// The participants page; e-mails are personal data, so it is for analysts and admins.
    func addParticipantRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .participants(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, access, identity in
                var model = try await participantsModel(workspace, identity)
                model.canDelete = access == .admin
                return ParticipantsPage.View(model: model).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .participantsImport(w) })) { request, context in
            try await postAction(
                request, context, load: { workspace, _, identity in try await participantsModel(workspace, identity) },
                view: ParticipantsPage.View.init
            ) { form, workspace in
                let result = try await ParticipantService(store: store).importFile(
                    context.caller, workspace: workspace.slug, file: "participants.csv", text: form["csv"] ?? "")
                return "Imported: \(result.added) participants added, \(result.updated) changed."
            }
        }
    }

    private func participantsModel(_ workspace: Workspace, _ identity: Identity) async throws -> ParticipantsPage.Model {
        let organization = OrganizationService(store: store)
        return ParticipantsPage.Model(
            workspace: workspace,
            participants: try await ParticipantService(store: store).participants(identity.pageCaller, workspace: workspace.slug),
            units: try await organization.units(identity.pageCaller, workspace: workspace.slug),
            roles: try await organization.roles(identity.pageCaller, workspace: workspace.slug), csrfToken: identity.csrfToken)
    }
}
