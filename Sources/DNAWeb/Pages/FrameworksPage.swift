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
        var title: String { "Frameworks" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let shown = model.frameworks.filter { model.selected == nil || $0.id == model.selected }
            return .group(
                .h1("Frameworks"),
                .p(
                    .text(
                        "Every item, insight and initiative can be tagged with dimensions of any framework, and every analysis can be cut by any framework."
                    )),
                .forEach(shown) { framework in
                    .section(
                        .h2(.a(.href(SiteURL.framework(model.workspace.slug, framework.id).path), .text(framework.name))),
                        .p(.span(.class("code"), .text(framework.id)), .text(" — " + framework.description)),
                        .table(
                            .thead(.tr(.th("Dimension"), .th("Id"), .th("Weight"), .th("What it asks"))),
                            .tbody(.forEach(framework.dimensions) { dimension in row(dimension, framework: framework.id) })
                        )
                    )
                }
            )
        }

        private func row(_ dimension: Framework.Dimension, framework: String) -> Node<HTML.TableContext> {
            .group(
                .tr(
                    .td(.strong(.text(dimension.name))), .td(.class("code"), .text("\(framework)/\(dimension.id)")),
                    .td(.text(dimension.weight.map { $0.formatted() } ?? "—")), .td(.text(dimension.description))
                ),
                .forEach(dimension.elements) { element in
                    .tr(
                        .td(.text("↳ " + element.name)), .td(.class("code"), .text("\(framework)/\(dimension.id)/\(element.id)")),
                        .td(.text("")), .td(.text(element.description))
                    )
                }
            )
        }
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
