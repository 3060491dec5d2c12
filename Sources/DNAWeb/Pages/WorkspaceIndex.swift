import DNACore
import Plot

/// The first page after signing in: the workspaces the user belongs to.
enum WorkspaceIndex {
    struct Model {
        var workspaces: [(workspace: Workspace, access: Access)]
        /// Workspaces where someone lists the user as their manager: "my teams" there.
        var managed: [Workspace] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Workspaces" }

        func content() -> ComponentGroup {
            El("h1") { "Your workspaces" }
            if model.workspaces.isEmpty && model.managed.isEmpty {
                El("p", .class("notice")) {
                    "You are not a member of any workspace yet. Ask an administrator to add you, or create one with `cdna workspace add`."
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
        }
    }
}
