import DNACore
import Plot

enum ErrorPage {
    struct Model {
        var status: Int
        var message: AdminText
        var problems: [FileProblem] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Error \(model.status)" }

        func content() -> ComponentGroup {
            El("h1") { model.status == 404 ? "Not found" : "Something is wrong" }
            El("p", .class("error"), .role("alert")) { model.message }
            if !model.problems.isEmpty { El("ul", .class("error")) { for problem in model.problems { El("li") { problem.description } } } }
            El("p") { PageLink("Back to your workspaces", .home) }
        }
    }
}
