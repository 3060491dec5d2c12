import DNACore
import Plot

/// The organization as a tree of units with their roles, plus the org chart import form.
enum OrgChartPage {
    struct Model {
        var workspace: Workspace
        var units: [OrgUnit]
        var roles: [Role]
        var canEdit: Bool
        var csrfToken: String?
        /// What the last import did or why it was refused.
        var notice: String?
        var problems: [FileProblem] = []
        var submittedCSV: String = ""
    }

    struct View: PageView {
        let model: Model
        var title: String { "Organization" }
        var workspace: Workspace? { model.workspace }

        func content() -> Node<HTML.BodyContext> {
            let codeOfID = Dictionary(uniqueKeysWithValues: model.units.map { ($0.id, $0.code) })
            var parents: [String: String?] = [:]
            for unit in model.units { parents[unit.code] = unit.parentID.flatMap { codeOfID[$0] } }
            let tree = UnitTree(parents: parents)
            let unitByCode = Dictionary(uniqueKeysWithValues: model.units.map { ($0.code, $0) })
            let rolesByUnit = Dictionary(grouping: model.roles) { $0.unitID ?? "" }
            return .group(
                .h1("Organization"),
                .p(.plain("\(model.units.count) units and \(model.roles.count) roles.")),
                .unwrap(model.notice) {
                    .p(.class(model.problems.isEmpty ? "notice" : "error"), .attribute(named: "role", value: "status"), .plain($0))
                },
                .if(!model.problems.isEmpty, .ul(.class("error"), .forEach(model.problems) { .li(.plain($0.description)) })),
                model.units.isEmpty
                    ? .p(.plain("No units yet. Import an org chart below."))
                    : .ul(
                        .class("tree"), .attribute(named: "aria-label", value: "Units"),
                        .forEach(tree.roots.sorted { unitByCode[$0]!.name < unitByCode[$1]!.name }) {
                            branch($0, tree: tree, units: unitByCode, roles: rolesByUnit)
                        }),
                .h2("Roles"),
                rolesTable(units: Dictionary(uniqueKeysWithValues: model.units.map { ($0.id, $0) })),
                .if(model.canEdit, importForm())
            )
        }

        private func branch(_ code: String, tree: UnitTree, units: [String: OrgUnit], roles: [String: [Role]]) -> Node<HTML.ListContext> {
            let unit = units[code]!
            let children = (tree.childrenOf[code] ?? []).sorted { units[$0]!.name < units[$1]!.name }
            let unitRoles = roles[unit.id] ?? []
            return .li(
                .strong(.plain(unit.name)), .plain(" "), .span(.class("code"), .plain(unit.code)),
                .if(!unitRoles.isEmpty, .span(.class("code"), .plain(" · " + unitRoles.map(\.name).joined(separator: ", ")))),
                .if(!children.isEmpty, .ul(.forEach(children) { branch($0, tree: tree, units: units, roles: roles) }))
            )
        }

        private func rolesTable(units: [String: OrgUnit]) -> Node<HTML.BodyContext> {
            .table(
                .thead(.tr(.th("Role"), .th("Code"), .th("Unit"))),
                .tbody(
                    .forEach(model.roles) { role in
                        .tr(
                            .td(.plain(role.name)), .td(.class("code"), .plain(role.code)),
                            .td(.plain(role.unitID.flatMap { units[$0]?.name } ?? "—")))
                    }
                )
            )
        }

        private func importForm() -> Node<HTML.BodyContext> {
            .group(
                .h2("Import an org chart"),
                .p(
                    .plain(
                        "Paste CSV with the header unit,parent,name. New units are added, known units take the file's name and parent. Nothing is saved if any line is wrong."
                    )),
                .form(
                    .class("stack"), .action(SiteURL.orgChartImport(model.workspace.slug).path), .method(.post),
                    .input(.type(.hidden), .name(AuthMiddleware.csrfField), .escaped("value", model.csrfToken ?? "")),
                    .label(.for("csv"), .plain("Org chart CSV")),
                    .textarea(.id("csv"), .name("csv"), .plain(model.submittedCSV)),
                    .button(.type(.submit), .plain("Import"))
                )
            )
        }
    }
}
