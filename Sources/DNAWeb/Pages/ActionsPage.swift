import DNAApp
import DNACore
import Plot

/// Action plans: every action planned on a wave's results with its owner, due date and status,
/// and, once the next wave has results, how its force moved in its unit; and the form that
/// plans one.
enum ActionsPage {
    struct Model {
        var workspace: Workspace
        var items: [ActionPlanService.Item]
        var forces: Framework
        var units: [OrgUnit]
        var members: [String]
        var campaigns: [Campaign]
        var initiatives: [(code: String, title: String)]
        var canEdit: Bool
        var csrfToken: String?
        var today: String
        var error: String?
        /// Fields given in the address (`?source=tension&tension=ID&dimension=purpose`), so a
        /// tension, a gap or a driver elsewhere can open the form ready for it.
        var prefill: [String: String] = [:]
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Actions" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(
                title: "Actions",
                lead:
                    "What was decided on each wave's results, by whom and by when, in one force of one unit; the next wave shows whether that force moved there."
            )
            if let error = model.error { El("p", .class("error"), .role("alert")) { error } }
            if model.items.isEmpty {
                El("p", .class("empty")) { "No action is planned yet." }
            } else {
                DataTable(
                    columns: ["Action", "Force and unit", "Owner", "Due", "Status", "Follow-up"],
                    rows: model.items.map(row), className: "action-plans")
            }
            if model.canEdit { form() }
        }

        private func row(_ item: ActionPlanService.Item) -> [Component] {
            let action = item.action
            let unitNames = Dictionary(model.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            return [
                action.title, ActionWording.place(action, forces: model.forces, unitNames: unitNames), action.ownerEmail ?? "–",
                Group {
                    action.dueOn
                    if item.overdue {
                        " "
                        El("strong", .class("overdue")) { "overdue" }
                    }
                },
                statusCell(action),
                ActionWording.followUp(item),
            ]
        }

        @HTMLBuilder private func statusCell(_ action: ActionPlan) -> ComponentGroup {
            if model.canEdit {
                PostForm(
                    action: SiteURL.actionStatus(model.workspace.slug, action.id).path, csrf: model.csrfToken, submit: "Save",
                    className: "inline"
                ) {
                    Field.select(
                        "Status", name: "status", id: "status-\(action.id)",
                        options: ActionPlan.Status.allCases.map { ($0.rawValue, ActionWording.status($0)) },
                        selected: action.status.rawValue)
                }
            } else {
                ActionWording.status(action.status)
            }
        }

        @HTMLBuilder private func form() -> ComponentGroup {
            El("h2") { "Plan an action" }
            PostForm(action: SiteURL.actions(model.workspace.slug).path, csrf: model.csrfToken, submit: "Plan the action") {
                Field.input("What will be done", name: "title", id: "action-title", required: true, Attr("maxlength", "500"))
                Field.select(
                    "It answers", name: "source", id: "action-source",
                    options: [("gap", AdminText("a gap in the results")), ("tension", "a tension"), ("driver", "a key driver")],
                    selected: model.prefill["source"] ?? "gap")
                if let tension = model.prefill["tension"] {
                    El("input", .type("hidden"), .name("tension"), .value(tension))
                }
                Field.select(
                    "Force", name: "dimension", id: "action-force", options: model.forces.dimensions.map { ($0.id, $0.name) },
                    selected: model.prefill["dimension"], required: true)
                Field.select(
                    "Unit", name: "unit", id: "action-unit", options: model.units.map { ($0.code, $0.name) },
                    selected: model.prefill["unit"],
                    blank: "Whole organization")
                Field.select("Owner", name: "owner", id: "action-owner", options: model.members.map { ($0, $0) }, blank: "Nobody yet")
                Field.input("Due on", name: "due", id: "action-due", type: "date", value: model.today, required: true)
                Field.select(
                    "On the results of", name: "campaign", id: "action-campaign", options: model.campaigns.map { ($0.id, $0.name) },
                    selected: model.campaigns.first?.id, blank: "No wave")
                Field.select(
                    "Part of the initiative", name: "initiative", id: "action-initiative",
                    options: model.initiatives.map { ($0.code, $0.title) },
                    blank: "None")
            }
        }
    }
}

/// How an action reads on the actions page and in the report.
enum ActionWording {
    /// "Meetings in Customer service", or the force for the whole organization.
    static func place(_ action: ActionPlan, forces: Framework, unitNames: [String: String]) -> AdminText {
        let force = forces.dimension(action.dimension)?.name ?? action.dimension
        return action.unit.map { AdminText("\(force) in \(unitNames[$0] ?? $0)") } ?? AdminText("\(force), whole organization")
    }

    static func followUp(_ item: ActionPlanService.Item) -> AdminText {
        guard let follow = item.followUp else {
            if item.action.campaignID == nil { return "no wave named" }
            guard let next = item.nextWave else { return "waits for the next wave" }
            return "not shown in \(next): too few answers there yet"
        }
        let sign = follow.change >= 0 ? "+" : ""
        let p = follow.pValue.map { AnalysisOutput.rounded($0, 3) } ?? "–"
        return
            "\(sign)\(AnalysisOutput.rounded(follow.change, 1)) points in \(follow.campaign) (\(AnalysisOutput.rounded(follow.before, 0)) to \(AnalysisOutput.rounded(follow.after, 0)); p = \(p))"
    }

    static func status(_ status: ActionPlan.Status) -> AdminText {
        switch status {
        case .planned: "planned"
        case .doing: "under way"
        case .done: "done"
        case .dropped: "dropped"
        }
    }
}

/// A wave's actions with their follow-up, on its results page and in its report: those
/// planned on the wave and those it follows up.
struct WaveActionsSection: Component {
    var actions: [ActionPlanService.Item]
    var figures: ScorecardFigures

    var body: Component {
        LabelledSection("s-actions", "Actions and their follow-up") {
            DataTable(
                columns: ["Action", "Force and unit", "Owner", "Due", "Status", "Follow-up"],
                rows: actions.map { item in
                    [
                        item.action.title,
                        ActionWording.place(item.action, forces: figures.forces, unitNames: figures.scorecard.groupNames),
                        item.action.ownerEmail ?? "–", item.action.dueOn, ActionWording.status(item.action.status),
                        ActionWording.followUp(item),
                    ]
                })
        }
    }
}
