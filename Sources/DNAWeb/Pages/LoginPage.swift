import DNACore
import Foundation
import Plot

enum LoginPage {
    struct Model {
        var csrfToken: String
        var email: String = ""
        var message: String?
        var next: String?
        var passwordSignIn = true
        var singleSignOn = false
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Sign in" }

        /// The page to return to after single sign-on, as a query.
        var nextQuery: String {
            guard let next = model.next else { return "" }
            return "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }

        func content() -> ComponentGroup {
            El("h1") { "Sign in" }
            if let message = model.message { El("p", .class("error"), .role("alert")) { message } }
            if model.singleSignOn {
                // A link, not a form: the provider is another site, and the page's
                // form-action policy would stop a form's redirect there.
                El("p") {
                    El("a", .class("button"), .id("single-sign-on"), .href(.singleSignOnStart, query: nextQuery)) {
                        "Sign in with single sign-on"
                    }
                }
            }
            if model.passwordSignIn {
                if model.singleSignOn { El("h2") { "Or with your password" } }
                // Not a `PostForm`: the token here belongs to the sign-in form, not to a session.
                El("form", .class("stack"), Attr("action", SiteURL.login.path), Attr("method", "post")) {
                    CSRFField(token: model.csrfToken)
                    if let next = model.next { El("input", .type("hidden"), .name("next"), .value(next)) }
                    Field.input(
                        "E-mail", name: "email", type: "email", value: model.email, required: true, Attr("autocomplete", "username"))
                    Field.input("Password", name: "password", type: "password", required: true, Attr("autocomplete", "current-password"))
                    El("button", .type("submit")) { "Sign in" }
                }
            }
        }
    }
}
