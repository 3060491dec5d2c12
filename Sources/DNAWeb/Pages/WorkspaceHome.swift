import DNAApp
import DNACore
import Plot

/// A workspace's front page: what is in it and where to go next.
enum WorkspaceHome {
    struct Model {
        var summary: WorkspaceSummary
        var workspace: Workspace { summary.workspace }
        var access: Access { summary.access }
    }

    struct View: PageView {
        let model: Model
        var title: String { model.workspace.name }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let slug = model.workspace.slug
            return .group(
                .h1(.plain(model.workspace.name)),
                .p(
                    .plain(
                        "You have \(model.access.rawValue) access. Groups smaller than \(model.workspace.minGroupSize) people are never shown in results."
                    )),
                .ul(
                    .class("cards"),
                    card(
                        SiteURL.campaigns(slug), figure: model.summary.campaigns, label: "assessment waves",
                        detail: "the inside view: scorecards, balance, trends"),
                    card(SiteURL.orgChart(slug), figure: model.summary.units, label: "units", detail: "\(model.summary.roles) named roles"),
                    card(
                        SiteURL.frameworks(slug), figure: model.summary.frameworks, label: "frameworks",
                        detail: "lenses to cut every analysis by"),
                    .li(.span(.class("stat"), .plain("\(model.summary.members)")), .plain("members with access"))
                ),
                .if(
                    model.access == .admin,
                    .p(.a(.href(SiteURL.audit(slug).path), .plain("Audit log")), .plain(": who changed what, when, and through what."))
                )
            )
        }

        private func card(_ url: SiteURL, figure: Int, label: String, detail: String) -> Node<HTML.ListContext> {
            .li(
                .span(.class("stat"), .plain("\(figure)")),
                .a(.escaped("href", url.path), .plain(label)),
                .p(.class("code"), .plain(detail))
            )
        }
    }
}
