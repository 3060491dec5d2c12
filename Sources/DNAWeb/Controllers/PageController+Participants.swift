import DNAApp
import DNACore
import Hummingbird

extension PageController {
    /// The participants page; e-mails are personal data, so it is for analysts and admins.
    func addParticipantRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .participants(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, _, identity in
                ParticipantsPage.View(model: try await participantsModel(workspace, identity)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .participantsImport(w) })) { request, context in
            try await page(request, context, minimum: .analyst) { workspace, _, identity in
                let form = try await FormBody.decode(ImportForm.self, request, limit: .form)
                try FormCSRF.check(form.csrf_token, identity: identity)
                do {
                    let result = try await ParticipantService(store: store).importFile(
                        context.caller, workspace: workspace.slug, file: "participants.csv", text: form.csv)
                    var model = try await participantsModel(workspace, identity)
                    model.notice = "Imported: \(result.added) participants added, \(result.updated) changed."
                    return ParticipantsPage.View(model: model).response(identity: identity)
                } catch let problems as FileProblems {
                    var model = try await participantsModel(workspace, identity)
                    model.notice = "Nothing was imported: \(problems.total) problem\(problems.total == 1 ? "" : "s") in the file."
                    model.problems = problems.problems
                    model.submittedCSV = form.csv
                    return ParticipantsPage.View(model: model).response(status: .badRequest, identity: identity)
                }
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
