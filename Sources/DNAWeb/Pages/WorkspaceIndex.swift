import DNACore
import Plot

/// The first page after signing in: the workspaces the user belongs to.
enum WorkspaceIndex {
    struct Model {
        var workspaces: [(workspace: Workspace, access: Access)]
    }

    struct View: PageView {
        let model: Model
        var title: String { "Workspaces" }

        func content() -> Node<HTML.BodyContext> {
            .group(
                .h1("Your workspaces"),
                model.workspaces.isEmpty
                    ? .p(
                        .class("notice"),
                        .plain(
                            "You are not a member of any workspace yet. Ask an administrator to add you, or create one with `cdna workspace add`."
                        ))
                    : .ul(
                        .class("cards"),
                        .forEach(model.workspaces) { entry in
                            .li(
                                .a(.href(SiteURL.workspace(entry.workspace.slug).path), .strong(.plain(entry.workspace.name))),
                                .p(.class("code"), .plain("\(entry.workspace.slug) · \(entry.access.rawValue)"))
                            )
                        }
                    )
            )
        }
    }
}
