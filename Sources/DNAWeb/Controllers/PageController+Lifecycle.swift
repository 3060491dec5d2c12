import DNAApp
import DNACore
import DNAStore
import Hummingbird

extension PageController {
    /// Deleting a wave, a study or vote, or a participant (each after a confirmation that
    /// counts what goes and asks for its name typed), and the data and privacy page: retention
    /// of open answers and erasing a person. All for admins.
    func addLifecycleRoutes(to router: Router<AppContext>) {
        addDeletion(
            router, url: SiteURL.campaignDelete, record: { .campaign($0) }, back: SiteURL.campaign, after: SiteURL.campaigns,
            afterLabel: "Back to the waves", confirm: { "Delete the wave \($0)?" }, done: { "Deleted the wave \($0)" })
        addDeletion(
            router, url: SiteURL.surveyDelete, record: { .survey($0) }, back: SiteURL.survey, after: SiteURL.surveys,
            afterLabel: "Back to studies and votes", confirm: { "Delete \($0)?" }, done: { "Deleted \($0)" })
        addDeletion(
            router, url: SiteURL.participantDelete, record: { .participant($0) }, back: { slug, _ in .participants(slug) },
            after: SiteURL.participants, afterLabel: "Back to the participants", confirm: { "Delete the participant \($0)?" },
            done: { "Deleted the participant \($0)" })
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .privacy(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                PrivacyPage.View(model: PrivacyPage.Model(workspace: workspace, csrfToken: identity.csrfToken)).response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .privacyRetention(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let form = try await postedForm(request, context, identity)
                let text = (form["days"] ?? "").trimmingSpaces()
                let page = PrivacyPage.View(model: PrivacyPage.Model(workspace: workspace, csrfToken: identity.csrfToken))
                guard text.isEmpty || Int(text) != nil else {
                    return page.refused(
                        form, postedTo: request, identity: identity, fieldErrors: ["days": "'\(text)' is not a whole number of days"])
                }
                do {
                    let updated = try await LifecycleService(store: store).setOpenAnswerRetention(
                        context.caller, workspace: workspace.slug, days: Int(text))
                    let model = PrivacyPage.Model(workspace: updated, csrfToken: identity.csrfToken, notice: "Saved.")
                    return PrivacyPage.View(model: model).response(identity: identity)
                } catch StoreError.invalid(let message) {
                    return page.refused(form, postedTo: request, identity: identity, fieldErrors: ["days": message])
                }
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .privacyCommentThreshold(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let form = try await postedForm(request, context, identity)
                let text = (form["people"] ?? "").trimmingSpaces()
                let page = PrivacyPage.View(model: PrivacyPage.Model(workspace: workspace, csrfToken: identity.csrfToken))
                guard let threshold = Int(text) else {
                    return page.refused(
                        form, postedTo: request, identity: identity, fieldErrors: ["people": "'\(text)' is not a whole number of people"])
                }
                do {
                    let updated = try await LifecycleService(store: store).setCommentThreshold(
                        context.caller, workspace: workspace.slug, threshold: threshold)
                    let model = PrivacyPage.Model(workspace: updated, csrfToken: identity.csrfToken, notice: "Saved.")
                    return PrivacyPage.View(model: model).response(identity: identity)
                } catch StoreError.invalid(let message) {
                    return page.refused(form, postedTo: request, identity: identity, fieldErrors: ["people": message])
                }
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .privacyErase(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                try await erase(request, context, workspace, identity)
            }
        }
    }

    /// The first post shows what erasing the address would remove; the second, carrying the
    /// address typed again, erases.
    private func erase(_ request: Request, _ context: AppContext, _ workspace: Workspace, _ identity: Identity) async throws -> Response {
        let form = try await postedForm(request, context, identity)
        let email = (form["email"] ?? "").trimmingSpaces().lowercased()
        let lifecycle = LifecycleService(store: store)
        let preview: Erasure
        do {
            preview = try await lifecycle.erase(context.caller, workspace: workspace.slug, email: email, apply: false)
        } catch StoreError.invalid(let message) {
            return PrivacyPage.View(model: PrivacyPage.Model(workspace: workspace, csrfToken: identity.csrfToken))
                .refused(form, postedTo: request, identity: identity, fieldErrors: ["email": message])
        }
        guard !preview.footprint.parts.isEmpty else {
            return PrivacyPage.View(model: PrivacyPage.Model(workspace: workspace, csrfToken: identity.csrfToken))
                .refused(form, postedTo: request, identity: identity, fieldErrors: ["email": "nothing in this workspace names '\(email)'"])
        }
        let confirmation = ConfirmDeletionPage.View(
            model: ConfirmDeletionPage.Model(
                workspace: workspace, heading: "Erase \(email)?", footprint: preview.footprint, expected: email,
                action: SiteURL.privacyErase(workspace.slug).path, back: .privacy(workspace.slug), csrfToken: identity.csrfToken,
                carried: [("email", email)]))
        guard let typed = form["confirm"] else { return confirmation.response(identity: identity) }
        guard typed.trimmingSpaces().lowercased() == email else {
            return confirmation.refused(form, postedTo: request, identity: identity, fieldErrors: ["confirm": "type \(email) to erase"])
        }
        let erased = try await lifecycle.erase(context.caller, workspace: workspace.slug, email: email, apply: true)
        let model = DeletedPage.Model(
            workspace: workspace, heading: "Erased \(email)", footprint: erased.footprint,
            note: erased.accountKept.map { "Their user account was kept: \($0)." }, next: .privacy(workspace.slug),
            nextLabel: "Back to data and privacy")
        return DeletedPage.View(model: model).response(identity: identity)
    }

    /// A confirmation page (GET) and the deletion it confirms (POST) for one kind of record.
    private func addDeletion(
        _ router: Router<AppContext>, url: @escaping @Sendable (String, String) -> SiteURL,
        record: @escaping @Sendable (String) -> LifecycleService.Record, back: @escaping @Sendable (String, String) -> SiteURL,
        after: @escaping @Sendable (String) -> SiteURL, afterLabel: AdminText, confirm: @escaping @Sendable (String) -> AdminText,
        done: @escaping @Sendable (String) -> AdminText
    ) {
        let path = RouterPath(stringLiteral: SiteURL.pattern(url))
        @Sendable func confirmation(
            _ workspace: Workspace, _ id: String, _ context: AppContext, _ identity: Identity
        ) async throws
            -> ConfirmDeletionPage.View
        {
            let (name, footprint) = try await LifecycleService(store: store).footprint(
                context.caller, workspace: workspace.slug, of: record(id))
            return ConfirmDeletionPage.View(
                model: ConfirmDeletionPage.Model(
                    workspace: workspace, heading: confirm(name), footprint: footprint, expected: name,
                    action: url(workspace.slug, id).path, back: back(workspace.slug, id), csrfToken: identity.csrfToken))
        }
        router.get(path) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                try await confirmation(workspace, try context.parameter("id"), context, identity).response(identity: identity)
            }
        }
        router.post(path) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let form = try await postedForm(request, context, identity)
                let id = try context.parameter("id")
                let page = try await confirmation(workspace, id, context, identity)
                guard (form["confirm"] ?? "").trimmingSpaces() == page.model.expected.trimmingSpaces() else {
                    return page.refused(
                        form, postedTo: request, identity: identity,
                        fieldErrors: ["confirm": "type \(page.model.expected) exactly to delete it"])
                }
                let footprint = try await LifecycleService(store: store).delete(context.caller, workspace: workspace.slug, record(id))
                let model = DeletedPage.Model(
                    workspace: workspace, heading: done(page.model.expected), footprint: footprint, next: after(workspace.slug),
                    nextLabel: afterLabel)
                return DeletedPage.View(model: model).response(identity: identity)
            }
        }
    }
}
