import DNACore
import Plot

/// The frameworks a workspace can cut its analyses by, each with its dimensions.
enum FrameworksPage {
    struct Model {
        var workspace: Workspace
        var frameworks: [Framework]
        /// When set, only this framework is shown in full.
        var selected: String?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Frameworks" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(
                title: "Frameworks",
                lead:
                    "Every item, insight and initiative can be tagged with dimensions of any framework, and every analysis can be cut by any framework."
            )
            for framework in model.frameworks where model.selected == nil || framework.id == model.selected {
                El("section") {
                    El("h2") { PageLink(framework.name, .framework(model.workspace.slug, framework.id)) }
                    El("p") {
                        El("span", .class("code")) { framework.id }
                        " — " + framework.description
                    }
                    DataTable(columns: ["Dimension", "Id", "Weight", "What it asks"], rows: rows(framework))
                }
            }
        }

        /// A row per dimension, followed by a row per element of it.
        private func rows(_ framework: Framework) -> [[Component]] {
            framework.dimensions.flatMap { dimension -> [[Component]] in
                let row: [Component] = [
                    El("strong") { dimension.name }, El("span", .class("code")) { "\(framework.id)/\(dimension.id)" },
                    dimension.weight.map { $0.formatted() } ?? "—", dimension.description,
                ]
                return [row]
                    + dimension.elements.map { element in
                        [
                            "↳ " + element.name, El("span", .class("code")) { "\(framework.id)/\(dimension.id)/\(element.id)" }, "",
                            element.description,
                        ]
                    }
            }
        }
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
