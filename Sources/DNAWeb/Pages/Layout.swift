import DNACore
import Foundation
import Hummingbird
import Plot

/// A page: a typed view that renders a full HTML document inside the shared layout.
protocol PageView {
    var title: AdminText { get }
    /// The workspace the page belongs to, for the navigation bar.
    var workspace: Workspace? { get }
    /// The language the page is written in, for `<html lang>` and the frame's own words.
    var language: String { get }
    /// A workspace's accent colour (`#rrggbb`) for pages people outside it see; nil for the house colour.
    var accent: String? { get }
    /// The page's content, built from `El`, the design system's components and plain text.
    @HTMLBuilder func content() -> ComponentGroup
}

extension PageView {
    var workspace: Workspace? { nil }
    /// The admin pages' language (English unless the pseudo-language is configured).
    var language: String { AdminCatalogue.language }
    var accent: String? { nil }

    func render(identity: Identity?) -> String {
        Layout.document(
            title: title, language: language, accent: accent, workspace: workspace, identity: identity, content: content())
    }

    /// The page again after the form posted to `request` was refused (400, or `status`): the
    /// fields of that form come back with what was typed into them (`Refused.typed`).
    func refused(
        _ form: FormBody, postedTo request: Request, identity: Identity?, fieldErrors: [String: String] = [:],
        status: HTTPResponse.Status = .badRequest
    ) -> Response {
        Refused.$form.withValue(RefusedForm(action: request.uri.path, values: form, fieldErrors: fieldErrors)) {
            response(status: status, identity: identity)
        }
    }

    func response(status: HTTPResponse.Status = .ok, identity: Identity?) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    SecurityHeaders.contentSecurityPolicy,
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: render(identity: identity))))
    }
}

/// The shared frame of every page: skip link, header with navigation, main, footer.
/// No script and no external resource, so pages work offline and without JavaScript.
enum Layout {
    static func document(
        title: AdminText, language: String, accent: String? = nil, workspace: Workspace?, identity: Identity?, content: Component
    ) -> String {
        let html = HTML(
            .attribute(named: "lang", value: language),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's `.title` also writes og:title and twitter:title with the value
                // unescaped; a page needs only the plain element.
                .element(named: "title", nodes: [.wording("\(title) · CustomerDNA")]),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path)),
                // The accent is a stylesheet of its own: the pages allow no inline style.
                .unwrap(accent.flatMap(SiteURL.accentStylesheet)) { .link(.rel(.stylesheet), .href($0.path)) }
            ),
            .body(
                .a(.class("skip"), .href("#main"), .text(PublicPhrase.skipToContent.text(in: language))),
                header(workspace: workspace, identity: identity),
                .main(.id("main"), .component(content)),
                .footer(.p(.text(PublicPhrase.footer.text(in: language))))
            )
        )
        return html.render()
    }

    private static func header(workspace: Workspace?, identity: Identity?) -> Node<HTML.BodyContext> {
        .header(
            .class("site"),
            .a(.class("brand"), .href(SiteURL.home.path), .plain("CustomerDNA")),
            .unwrap(workspace) { workspace in
                .nav(
                    .attribute(named: "aria-label", value: words("Workspace")),
                    .ul(
                        .li(.a(.href(SiteURL.workspace(workspace.slug).path), .plain(workspace.name))),
                        .li(.a(.href(SiteURL.orgChart(workspace.slug).path), .wording("Organization"))),
                        .li(.a(.href(SiteURL.campaigns(workspace.slug).path), .wording("Assessments"))),
                        .li(.a(.href(SiteURL.customerModel(workspace.slug).path), .wording("Customers"))),
                        .li(.a(.href(SiteURL.lineOfSight(workspace.slug).path), .wording("Line of sight"))),
                        .li(.a(.href(SiteURL.overview(workspace.slug).path), .wording("Overview"))),
                        .li(.a(.href(SiteURL.frameworks(workspace.slug).path), .wording("Frameworks")))
                    )
                )
            },
            .unwrap(identity) { identity in
                .form(
                    .class("signout"), .action(SiteURL.logout.path), .method(.post),
                    .input(.type(.hidden), .name(AuthMiddleware.csrfField), .escaped("value", identity.csrfToken ?? "")),
                    .span(.plain(identity.user.email)),
                    .button(.type(.submit), .wording("Sign out"))
                )
            }
        )
    }
}
