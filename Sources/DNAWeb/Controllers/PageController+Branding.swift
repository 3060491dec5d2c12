import DNAApp
import DNACore
import DNAStore
import Hummingbird

/// The branding page: an admin sets the display name, accent colour and logo that respondents,
/// customers and mails show. The logo comes as a file in a multipart form, held to a small
/// body limit and checked by its bytes.
extension PageController {
    func addBrandingRoutes(to router: Router<AppContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .branding(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let branding = try await BrandingService(store: store).branding(context.caller, workspace: workspace.slug)
                return BrandingPage.View(model: .init(workspace: workspace, branding: branding, csrfToken: identity.csrfToken))
                    .response(identity: identity)
            }
        }
        router.post(RouterPath(stringLiteral: SiteURL.pattern { w, _ in .branding(w) })) { request, context in
            try await page(request, context, minimum: .admin) { workspace, _, identity in
                let form = try await FormBody.read(request, limit: .branding)
                try FormCSRF.check(form[AuthMiddleware.csrfField], identity: identity)
                let service = BrandingService(store: store)
                var model = BrandingPage.Model(
                    workspace: workspace, branding: try await service.branding(context.caller, workspace: workspace.slug),
                    csrfToken: identity.csrfToken)
                do {
                    let logo = form.files["logo"].flatMap { $0.bytes.isEmpty && $0.filename.isEmpty ? nil : $0.bytes }
                    model.branding = try await service.setBranding(
                        context.caller, workspace: workspace.slug, displayName: form["display_name"] ?? "", accent: form["accent"] ?? "",
                        logo: logo, removeLogo: form["remove_logo"] == "yes" && logo == nil, now: clock.now())
                    model.notice = "Saved. Respondent and customer pages and new mails show it from now on."
                    return BrandingPage.View(model: model).response(identity: identity)
                } catch StoreError.invalid(let message) {
                    model.notice = "Not saved: \(message)."
                    model.problems = [FileProblem(file: "form", line: 1, column: 1, message: message)]
                    return BrandingPage.View(model: model).refused(form, postedTo: request, identity: identity)
                }
            }
        }
    }
}
