import DNACore
import Plot

enum ErrorPage {
    struct Model {
        var status: Int
        var message: String
        var problems: [FileProblem] = []
    }

    struct View: PageView {
        let model: Model
        var title: String { "Error \(model.status)" }

        func content() -> Node<HTML.BodyContext> {
            .group(
                .h1(.plain(model.status == 404 ? "Not found" : "Something is wrong")),
                .p(.class("error"), .attribute(named: "role", value: "alert"), .plain(model.message)),
                .if(!model.problems.isEmpty, .ul(.class("error"), .forEach(model.problems) { .li(.plain($0.description)) })),
                .p(.a(.href(SiteURL.home.path), .plain("Back to your workspaces")))
            )
        }
    }
}
