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

        func content() -> ComponentGroup {
            El("h1") { "Your workspaces" }
            if model.workspaces.isEmpty {
                El("p", .class("notice")) {
                    "You are not a member of any workspace yet. Ask an administrator to add you, or create one with `cdna workspace add`."
                }
            } else {
                El("ul", .class("cards")) {
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
