import DNAApp
import DNACore
import DNAStore
import Plot

/// The admin's page for how the organization appears to the people it asks: the name shown
/// on respondent and customer pages and in mails, the logo and the accent colour, with a
/// preview of the banner and a button in that colour.
enum BrandingPage {
    struct Model {
        var workspace: Workspace
        var branding: Branding
        var csrfToken: String?
        var notice: AdminText?
        var problems: [FileProblem] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Branding" }
        var workspace: Workspace? { model.workspace }
        /// The page itself shows the accent, so its preview is what respondents will see.
        var accent: String? { model.branding.accent }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug, branding = model.branding
            PageHeader(
                title: "Branding",
                lead: "How \(model.workspace.name) appears to the people it asks: on respondent and customer pages and in invitation mails."
            )
            Notice(message: model.notice, problems: model.problems)
            El("h2") { "Preview" }
            El("div", .class("respond brand-preview")) {
                OrganizationBanner(face: PublicFace(model.workspace, branding))
                El("p") { El("span", .class("button-sample")) { "Save and continue" } }
            }
            PostForm(
                action: SiteURL.branding(slug).path, csrf: model.csrfToken, submit: "Save the branding", encoding: "multipart/form-data"
            ) {
                Field.input(
                    "Name shown to respondents and customers", name: "display_name", value: branding.displayName,
                    help:
                        "Leave empty to show the workspace's name, \u{201C}\(model.workspace.name)\u{201D}. At most \(BrandingRules.displayNameLimit) characters.",
                    Attr("maxlength", "\(BrandingRules.displayNameLimit)"))
                Field.input(
                    "Accent colour", name: "accent", value: branding.accent ?? "",
                    help:
                        "Written #rrggbb, such as #0b5cad; empty for the house colour. It colours buttons with white text and links, so it needs a contrast of at least 4.5:1 against white."
                )
                Field.input(
                    "Logo", name: "logo", type: "file",
                    help:
                        "PNG, JPEG, GIF or WebP, at most \(BrandingRules.logoLimit / 1024) KB; shown 48 pixels high. SVG is not accepted: it can carry scripts.",
                    Attr("accept", "image/png,image/jpeg,image/gif,image/webp"))
                if branding.logo != nil {
                    Field.choice("Remove the logo", name: "remove_logo", value: "yes", id: "remove_logo", type: "checkbox", checked: false)
                }
            }
        }
    }
}
