import DNACore
import Plot

/// The first page after signing in: the workspaces the user belongs to.
enum WorkspaceIndex {
    struct Model {
        var workspaces: [(workspace: Workspace, access: Access)]
        /// Workspaces where someone lists the user as their manager: "my teams" there.
        var managed: [Workspace] = []
        /// Instance administrators create workspaces here.
        var canCreate = false
        var csrfToken: String?
        var notice: AdminText?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Workspaces" }

        func content() -> ComponentGroup {
            El("h1") { "Your workspaces" }
            if model.workspaces.isEmpty && model.managed.isEmpty {
                El("p", .class("notice")) {
                    "You are not a member of any workspace yet. Ask an administrator to add you."
                }
            } else {
                El("ul", .class("cards")) {
                    for workspace in model.managed {
                        El("li") {
                            El("a", .href(.myTeams(workspace.slug))) { El("strong") { "My teams in \(workspace.name)" } }
                            El("p", .class("code")) { "the units of the people who report to you" }
                        }
                    }
                    for entry in model.workspaces {
                        El("li") {
                            El("a", .href(.workspace(entry.workspace.slug))) { El("strong") { entry.workspace.name } }
                            El("p", .class("code")) { "\(entry.workspace.slug) · \(entry.access.rawValue)" }
                        }
                    }
                }
            }
            El("p") {
                PageLink("Your account", .account); ": your name, and changing your password."
            }
            Notice(message: model.notice)
            if model.canCreate {
                El("h2") { "Create a workspace" }
                PostForm(action: SiteURL.workspaceCreate.path, csrf: model.csrfToken, submit: "Create") {
                    Field.input("Name", name: "name", required: true, help: "The organization, as people know it.")
                    Field.input(
                        "Short name for addresses", name: "slug", required: true,
                        help: "Lower-case letters, digits and dashes, e.g. harbor.")
                    Field.input(
                        "Smallest group shown", name: "min_group", type: "number", value: "5",
                        help: "The anonymity threshold: results of fewer people are never shown.", .min("2"), .max("1000"))
                }
                El("h2") { "Restore a workspace from its archive" }
                El("p") {
                    "An archive from a workspace's \"Download the workspace archive\" or "
                    El("code") { "cdna workspace export" }
                    " (gzip too), up to 32 MiB here; "
                    El("code") { "cdna workspace import" }
                    " takes any size. All or nothing. With a new short name, or when the workspace is here already, it becomes a copy beside it."
                }
                PostForm(
                    action: SiteURL.workspaceRestore.path, csrf: model.csrfToken, submit: "Restore", encoding: "multipart/form-data"
                ) {
                    Field.input(
                        "Archive file", name: "archive", id: "restore-archive", type: "file", required: true,
                        Attr("accept", ".json,.gz,application/json,application/gzip"))
                    // An id of its own: the create form above has a "slug" field too.
                    Field.input("New short name (optional)", name: "slug", id: "restore-slug")
                }
            }
        }
    }
}
