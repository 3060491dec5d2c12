import DNAApp
import DNACore
import DNAStore
import Plot

/// Who has access to a workspace, for its admins: invite by e-mail, change access,
/// deactivate, reactivate, remove, and a password link for someone who lost theirs.
enum MembersPage {
    struct Model {
        var workspace: Workspace
        var members: [Member]
        var me: String
        var csrfToken: String?
        var notice: AdminText?
        /// A link to hand over, when the server sends no mail (shown once).
        var link: (email: String, url: String)?
        var sendsMail: Bool
        /// False when people sign in only through the identity provider: no password links.
        var passwordSignIn = true
        /// The directory groups that grant roles at single sign-on; nil when single sign-on
        /// is not set up on this server.
        var groupRoles: [GroupRole]? = nil
    }

    static let accessOptions: [(String, AdminText)] = Access.allCases.map { ($0.rawValue, $0.wording) }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Members" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            let slug = model.workspace.slug
            PageHeader(
                title: "Members",
                lead:
                    "Who may see and change this workspace. Viewers read results, analysts run waves and studies, admins also manage members."
            )
            Notice(message: model.notice)
            if let link = model.link {
                IssuedLinks(
                    urls: [link.url], heading: "The link for \(link.email)",
                    advice: "Send it to them yourself: this server sends no mail. It works once, for 7 days, and is not shown again.")
            }
            DataTable(
                columns: ["E-mail", "Name", "Access", "Change"],
                rows: model.members.map { member in
                    [
                        member.user.email, member.user.name, status(member),
                        member.user.id == model.me ? El("span") { "you" } : actions(member),
                    ]
                }, className: "members")
            El("h2") { "Invite someone" }
            El("p") {
                if !model.passwordSignIn {
                    model.sendsMail
                        ? "Everyone gets access at once and signs in with single sign-on, using the address given here; someone new gets a mail saying so."
                        : "Everyone gets access at once and signs in with single sign-on, using the address given here."
                } else {
                    model.sendsMail
                        ? "Someone new gets a mail with a link to choose their password; someone with an account gets access at once."
                        : "Someone new gets a link to choose their password, shown here to send yourself; someone with an account gets access at once."
                }
            }
            PostForm(action: SiteURL.membersInvite(slug).path, csrf: model.csrfToken, submit: "Invite") {
                Field.input("E-mail address", name: "email", type: "email", required: true)
                Field.input("Name (optional)", name: "name")
                Field.select("Access", name: "access", options: MembersPage.accessOptions, selected: Access.viewer.rawValue)
            }
            if let roles = model.groupRoles { groups(roles) }
        }

        /// Which of the identity provider's groups give a role here when their members sign in.
        private func groups(_ roles: [GroupRole]) -> Component {
            let action = SiteURL.membersGroups(model.workspace.slug).path
            return Group {
                El("h2") { "Directory groups" }
                El("p") {
                    "When someone signs in with single sign-on, each group of theirs listed here gives them its access, the highest if several do. It never lowers access, and a deactivated member stays deactivated."
                }
                if !roles.isEmpty {
                    DataTable(
                        columns: ["Group", "Access", "Change"],
                        rows: roles.map { role in
                            [
                                AdminText(verbatim: role.group), role.access.wording,
                                PostForm(action: action, csrf: model.csrfToken, submit: "Remove", className: "inline") {
                                    El("input", .type("hidden"), .name("action"), .value("remove"))
                                    El("input", .type("hidden"), .name("group"), .value(role.group))
                                },
                            ]
                        }, className: "groups")
                }
                PostForm(action: action, csrf: model.csrfToken, submit: "Map the group") {
                    El("input", .type("hidden"), .name("action"), .value("set"))
                    Field.input("Group, as the identity provider names it", name: "group", id: "sso-group", required: true)
                    Field.select(
                        "Access for its members", name: "access", id: "sso-group-access", options: MembersPage.accessOptions,
                        selected: Access.viewer.rawValue)
                }
            }
        }

        private func status(_ member: Member) -> Component {
            El("span") {
                member.access.wording
                if !member.active { " · deactivated" }
                if member.invited { " · invited, no password chosen yet" }
            }
        }

        private func actions(_ member: Member) -> Component {
            let action = SiteURL.member(model.workspace.slug, member.user.id).path
            return Group {
                PostForm(action: action, csrf: model.csrfToken, submit: "Change access", className: "inline") {
                    El("input", .type("hidden"), .name("action"), .value("access"))
                    Field.select(
                        "Access of \(member.user.email)", name: "access", id: "access-" + member.user.id,
                        options: MembersPage.accessOptions,
                        selected: member.access.rawValue)
                }
                for (value, label) in [
                    (member.active ? "deactivate" : "reactivate", member.active ? "Deactivate" : "Reactivate" as AdminText),
                    ("reset", "Password link"), ("remove", "Remove"),
                ] where value != "reset" || model.passwordSignIn {
                    PostForm(action: action, csrf: model.csrfToken, submit: label, className: "inline") {
                        El("input", .type("hidden"), .name("action"), .value(value))
                    }
                }
            }
        }
    }
}

/// The signed-in person's own account: who they are, and their password.
enum AccountPage {
    struct Model {
        var user: User
        var csrfToken: String?
        var notice: AdminText?
        var passwordSignIn = true
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Your account" }

        func content() -> ComponentGroup {
            PageHeader(title: "Your account", lead: "\(model.user.name) · \(model.user.email)")
            Notice(message: model.notice)
            El("h2") { "Change your password" }
            if !model.passwordSignIn {
                El("p") {
                    "You sign in through your organization's identity provider; this server keeps no password of yours to change."
                }
            } else {
                passwordForm
            }
        }

        private var passwordForm: Component {
            Group {
                El("p") {
                    "At least \(AccountService.minimumPasswordLength) characters. Every session of yours ends, this one too: sign in again after."
                }
                PostForm(action: SiteURL.accountPassword.path, csrf: model.csrfToken, submit: "Change the password") {
                    Field.input(
                        "Current password", name: "current", id: "current-password", type: "password", required: true,
                        Attr("autocomplete", "current-password"))
                    Field.input(
                        "New password", name: "password", id: "new-password", type: "password", required: true,
                        Attr("autocomplete", "new-password"))
                    Field.input(
                        "New password again", name: "repeat", id: "repeat-password", type: "password", required: true,
                        Attr("autocomplete", "new-password"))
                }
            }
        }
    }
}

/// Where an invited person, or one whose password was reset, chooses their password.
enum WelcomePage {
    struct Model {
        var user: User
        var invitation: Bool
        var action: String
        var done = false
        var passwordSignIn = true
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { model.invitation ? "Welcome to CustomerDNA" : "Set a new password" }

        func content() -> ComponentGroup {
            PageHeader(title: title, lead: AdminText(verbatim: model.user.email))
            if model.done {
                El("p", .class("notice"), .role("status")) { "Your password is set." }
                El("p") { PageLink("Sign in", .login, className: "button") }
            } else if !model.passwordSignIn {
                El("p") {
                    "This server signs people in through your organization's identity provider, so there is no password to choose. Sign in with it using the address above."
                }
                El("p") { PageLink("Sign in with single sign-on", .singleSignOnStart, className: "button") }
            } else {
                PostForm(action: model.action, csrf: nil, submit: "Save my password") {
                    if model.invitation { Field.input("Your name", name: "name", value: model.user.name) }
                    Field.input(
                        "Password (at least \(AccountService.minimumPasswordLength) characters)", name: "password", type: "password",
                        required: true,
                        Attr("autocomplete", "new-password"))
                    Field.input("Password again", name: "repeat", type: "password", required: true, Attr("autocomplete", "new-password"))
                }
            }
        }
    }
}
