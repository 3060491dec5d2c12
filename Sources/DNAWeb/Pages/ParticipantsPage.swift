import DNACore
import Plot

/// The people a workspace's waves go to: who they are, where they work, their language and
/// manager, and the file import that keeps the list up to date.
enum ParticipantsPage {
    struct Model {
        var workspace: Workspace
        var participants: [Participant]
        var units: [OrgUnit]
        var roles: [Role]
        var csrfToken: String?
        var notice: AdminText?
        var problems: [FileProblem] = []
        var submittedText = ""
        /// For an admin: a link per person to delete their record.
        var canDelete = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Participants" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let unitNames = Dictionary(uniqueKeysWithValues: model.units.map { ($0.id, $0.name) })
            let roleNames = Dictionary(uniqueKeysWithValues: model.roles.map { ($0.id, $0.name) })
            let languages = Set(model.participants.compactMap(\.language))
            PageHeader(
                title: "Participants",
                lead:
                    "The people waves are sent to. What is kept about each is who they are and where they work; nothing ties a person to their answers."
            )
            Notice(message: model.notice, problems: model.problems)
            StatCards([
                ("\(model.participants.count)", "participants"),
                ("\(Set(model.participants.map(\.unitID)).count)", "units with participants"),
                ("\(Set(model.participants.compactMap(\.managerEmail)).count)", "managers named"),
                ("\(languages.count)", "languages besides the default"),
            ])
            let untranslated = languages.filter { LanguageTag.translation(for: $0) == nil }.sorted()
            if !untranslated.isEmpty {
                El("p", .class("notice"), .role("note")) {
                    "No translation yet for \(untranslated.joined(separator: ", ")): those participants read the pages and mails in the default language."
                }
            }
            if model.participants.isEmpty {
                EmptyState(
                    what: "No participants yet.",
                    start:
                        "Import a CSV below with one row per person: e-mail and unit at least, and role, language and manager's e-mail if known.",
                    readOnly: "An analyst or admin imports the participants here.", canEdit: true)
            } else {
                DataTable(
                    columns: ["E-mail", "Name", "Unit", "Role", "Language", "Manager"] + (model.canDelete ? ["Delete"] : []),
                    rows: model.participants.map { person in
                        [
                            person.email, person.name, unitNames[person.unitID] ?? "", person.roleID.flatMap { roleNames[$0] } ?? "",
                            person.language ?? "default", person.managerEmail ?? "",
                        ]
                            + (model.canDelete
                                ? [
                                    El(
                                        "a", Attr("href", SiteURL.participantDelete(model.workspace.slug, person.id).path),
                                        Attr("aria-label", AdminText("Delete \(person.email)").resolved)
                                    ) { "Delete…" }
                                ]
                                : [])
                    }, className: "participants")
            }
            El("h2") { "Import participants" }
            El("p") {
                "CSV with the header "
                El("code") { ParticipantsFile.header.joined(separator: ",") }
                ". Only "
                El("code") { "email" }
                " and "
                El("code") { "unit" }
                " are required; units and roles are codes, languages tags such as nb or de. People are matched by e-mail: a known address takes the file's values, others stay as they are. Nothing is saved if any line is wrong."
            }
            PostForm(action: SiteURL.participantsImport(model.workspace.slug).path, csrf: model.csrfToken, submit: "Import") {
                Field.textarea("Participants CSV", name: "csv", id: "participants-csv", value: model.submittedText)
            }
        }
    }
}
