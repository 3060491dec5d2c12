import DNACore
import Plot

extension Footprint.Part {
    /// "265 responses", worded for the admin pages' catalogue.
    var wording: AdminText {
        let n = count
        return switch kind {
        case .campaigns: AdminText.plural(n, one: "1 wave", other: "\(n) waves")
        case .surveys: AdminText.plural(n, one: "1 study or vote", other: "\(n) studies and votes")
        case .participants: AdminText.plural(n, one: "1 participant record", other: "\(n) participant records")
        case .responses: AdminText.plural(n, one: "1 response", other: "\(n) responses")
        case .openAnswers: AdminText.plural(n, one: "1 open answer", other: "\(n) open answers")
        case .respondents: AdminText.plural(n, one: "1 customer respondent", other: "\(n) customer respondents")
        case .answers: AdminText.plural(n, one: "1 customer answer", other: "\(n) customer answers")
        case .customerMetricAnswers: AdminText.plural(n, one: "1 customer metric answer", other: "\(n) customer metric answers")
        case .taskAttempts: AdminText.plural(n, one: "1 task-test attempt", other: "\(n) task-test attempts")
        case .invitations: AdminText.plural(n, one: "1 invitation", other: "\(n) invitations")
        case .managerReferences:
            AdminText.plural(
                n, one: "1 participant record naming them as manager (the field is emptied)",
                other: "\(n) participant records naming them as manager (the field is emptied)")
        case .actionOwnerships:
            AdminText.plural(
                n, one: "1 action naming them as owner (the field is emptied)",
                other: "\(n) actions naming them as owner (the field is emptied)")
        case .unusedLinks: AdminText.plural(n, one: "1 unused link", other: "\(n) unused links")
        case .mails: AdminText.plural(n, one: "1 mail in the outbox", other: "\(n) mails in the outbox")
        case .memberships: AdminText.plural(n, one: "1 workspace membership", other: "\(n) workspace memberships")
        case .accounts: AdminText.plural(n, one: "1 user account", other: "\(n) user accounts")
        case .sessions: AdminText.plural(n, one: "1 sign-in session", other: "\(n) sign-in sessions")
        case .apiTokens: AdminText.plural(n, one: "1 API token", other: "\(n) API tokens")
        case .signInRecords: AdminText.plural(n, one: "1 failed sign-in record", other: "\(n) failed sign-in records")
        case .auditEntriesAnonymized:
            AdminText.plural(
                n, one: "1 audit entry keeps what happened, without their name",
                other: "\(n) audit entries keep what happened, without their name")
        }
    }
}

/// The lists of what goes, shared by the confirmation and the result.
private struct FootprintList: Component {
    var footprint: Footprint
    var body: Component {
        El("ul", .class("footprint")) {
            for part in footprint.parts { El("li") { part.wording } }
        }
    }
}

/// Confirming a deletion or an erasure: what goes, counted, and a field where the admin types
/// the record's name, so a slip of the mouse never deletes.
enum ConfirmDeletionPage {
    struct Model {
        var workspace: Workspace
        var heading: AdminText
        var footprint: Footprint
        /// What must be typed to confirm: the wave's or study's name, the person's e-mail.
        var expected: String
        var action: String
        var back: SiteURL
        var csrfToken: String?
        /// Fields the confirming post carries again (the e-mail of an erasure).
        var carried: [(name: String, value: String)] = []
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { model.heading }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(title: model.heading, lead: "This cannot be undone, except by restoring a workspace archive taken before.")
            El("p") { model.footprint.parts.isEmpty ? "Nothing else hangs on it." : "With it go:" }
            FootprintList(footprint: model.footprint)
            PostForm(action: model.action, csrf: model.csrfToken, submit: "Delete for good") {
                for field in model.carried { El("input", .type("hidden"), .name(field.name), .value(field.value)) }
                Field.input(
                    "To confirm, type \(model.expected)", name: "confirm", id: "confirm", required: true,
                    help: "Exactly as shown, so nothing is deleted by a slip.", Attr("autocomplete", "off"))
            }
            El("p") { PageLink("Keep it and go back", model.back) }
        }
    }
}

/// What a deletion or erasure removed.
enum DeletedPage {
    struct Model {
        var workspace: Workspace
        var heading: AdminText
        var footprint: Footprint
        var note: AdminText?
        var next: SiteURL
        var nextLabel: AdminText
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { model.heading }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(title: model.heading, lead: "The audit log records what was removed.")
            FootprintList(footprint: model.footprint)
            if let note = model.note { El("p", .class("notice"), .role("note")) { note } }
            El("p") { PageLink(model.nextLabel, model.next) }
        }
    }
}

/// A workspace's data and privacy settings for its admins: how long open answers are kept,
/// erasing a person, and the archive.
enum PrivacyPage {
    struct Model {
        var workspace: Workspace
        var csrfToken: String?
        var notice: AdminText?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Data and privacy" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(title: "Data and privacy", lead: "How long what people wrote is kept, and erasing a person who asks for it.")
            Notice(message: model.notice)
            El("h2") { "Open answers" }
            El("p") {
                if let days = model.workspace.openAnswerRetentionDays {
                    AdminText.plural(
                        days, one: "Open answers are deleted 1 day after they were given.",
                        other: "Open answers are deleted \(days) days after they were given.")
                } else {
                    "Open answers are kept until their wave is deleted."
                }
                " The scores are not touched. The servers check every hour."
            }
            PostForm(action: SiteURL.privacyRetention(slug).path, csrf: model.csrfToken, submit: "Save", className: "inline") {
                Field.input(
                    "Delete open answers after (days; empty keeps them)", name: "days", type: "number",
                    value: model.workspace.openAnswerRetentionDays.map(String.init) ?? "", .min("1"), .max("36500"))
            }
            El("p") {
                "A group's open answers, and the themes counted in them, are shown only where at least \(model.workspace.effectiveCommentThreshold) people wrote (the comment threshold; never below the anonymity threshold of \(model.workspace.minGroupSize))."
            }
            PostForm(
                action: SiteURL.privacyCommentThreshold(slug).path, csrf: model.csrfToken, submit: "Save", className: "inline"
            ) {
                Field.input(
                    "Comment threshold (people who wrote)", name: "people", type: "number", value: String(model.workspace.commentThreshold),
                    .min(String(model.workspace.minGroupSize)), .max("100000"))
            }
            El("h2") { "Erase a person" }
            El("p") {
                "Removes every record in this workspace that names the person: participant record, invitations, mail, the manager field naming them, customer answers filed under their address and their membership; their user account too, unless another workspace has them. The audit log keeps that it happened, without their name. The next page says what would go and asks you to confirm."
            }
            PostForm(action: SiteURL.privacyErase(slug).path, csrf: model.csrfToken, submit: "Show what would be erased") {
                Field.input("E-mail address", name: "email", type: "email", required: true)
            }
            El("h2") { "Archive" }
            El("p") {
                PageLink("Download the workspace archive", .apiArchive(slug))
                ": everything the workspace holds, to keep before deleting anything."
            }
        }
    }
}
