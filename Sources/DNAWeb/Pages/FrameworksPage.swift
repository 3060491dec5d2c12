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
                    .plain(
                        "Every item, insight and initiative can be tagged with dimensions of any framework, and every analysis can be cut by any framework."
                    )),
                .forEach(shown) { framework in
                    .section(
                        .h2(.a(.href(SiteURL.framework(model.workspace.slug, framework.id).path), .plain(framework.name))),
                        .p(.span(.class("code"), .plain(framework.id)), .plain(" — " + framework.description)),
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
                    .td(.strong(.plain(dimension.name))), .td(.class("code"), .plain("\(framework)/\(dimension.id)")),
                    .td(.plain(dimension.weight.map { $0.formatted() } ?? "—")), .td(.plain(dimension.description))
                ),
                .forEach(dimension.elements) { element in
                    .tr(
                        .td(.plain("↳ " + element.name)), .td(.class("code"), .plain("\(framework)/\(dimension.id)/\(element.id)")),
                        .td(.plain("")), .td(.plain(element.description))
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
