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
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedCSV: String = ""
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Organization" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let unitByCode = Dictionary(uniqueKeysWithValues: model.units.map { ($0.code, $0) })
            PageHeader(title: "Organization", lead: "\(model.units.count) units and \(model.roles.count) roles.")
            Notice(message: model.notice, problems: model.problems)
            if model.units.isEmpty {
                EmptyState(
                    what: "No units yet.", start: "Import an org chart below; every result is cut by its units.",
                    readOnly: "An analyst or admin imports the org chart here.", canEdit: model.canEdit)
            } else {
                let tree = unitTree()
                let rolesByUnit = Dictionary(grouping: model.roles) { $0.unitID ?? "" }
                El("ul", .class("tree"), .label("Units")) {
                    for root in tree.roots.sorted(by: { unitByCode[$0]!.name < unitByCode[$1]!.name }) {
                        branch(root, tree: tree, units: unitByCode, roles: rolesByUnit)
                    }
                }
            }
            if model.canEdit {
                El("p") {
                    PageLink("Participants", .participants(model.workspace.slug))
                    ": the people waves are sent to, with their unit, language and manager."
                }
            }
            El("h2") { "Roles" }
            let unitsByID = Dictionary(uniqueKeysWithValues: model.units.map { ($0.id, $0) })
            DataTable(
                columns: ["Role", "Code", "Unit"],
                rows: model.roles.map { role in
                    [role.name, El("span", .class("code")) { role.code }, role.unitID.flatMap { unitsByID[$0]?.name } ?? "—"]
                }, className: "roles")
            if model.canEdit {
                El("h2") { "Import an org chart" }
                El("p") {
                    "Paste CSV with the header unit,parent,name. New units are added, known units take the file's name and parent. Nothing is saved if any line is wrong."
                }
                PostForm(action: SiteURL.orgChartImport(model.workspace.slug).path, csrf: model.csrfToken, submit: "Import") {
                    Field.textarea("Org chart CSV", name: "csv", value: model.submittedCSV)
                }
            }
        }

        private func unitTree() -> UnitTree {
            let codeOfID = Dictionary(uniqueKeysWithValues: model.units.map { ($0.id, $0.code) })
            return UnitTree(parents: Dictionary(uniqueKeysWithValues: model.units.map { ($0.code, $0.parentID.flatMap { codeOfID[$0] }) }))
        }

        private func branch(_ code: String, tree: UnitTree, units: [String: OrgUnit], roles: [String: [Role]]) -> Component {
            let unit = units[code]!
            let children = (tree.childrenOf[code] ?? []).sorted { units[$0]!.name < units[$1]!.name }
            let unitRoles = roles[unit.id] ?? []
            return El("li") {
                El("strong") { unit.name }
                " "
                El("span", .class("code")) { unit.code }
                if !unitRoles.isEmpty { El("span", .class("code")) { " · " + unitRoles.map(\.name).joined(separator: ", ") } }
                if !children.isEmpty { El("ul") { for child in children { branch(child, tree: tree, units: units, roles: roles) } } }
            }
        }
    }
}
