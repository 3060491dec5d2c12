import DNACore
import Plot

enum LoginPage {
    struct Model {
        var csrfToken: String
        var email: String = ""
        var message: String?
        var next: String?
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Sign in" }

        func content() -> ComponentGroup {
            El("h1") { "Sign in" }
            if let message = model.message { El("p", .class("error"), .role("alert")) { message } }
            // Not a `PostForm`: the token here belongs to the sign-in form, not to a session.
            El("form", .class("stack"), Attr("action", SiteURL.login.path), Attr("method", "post")) {
                CSRFField(token: model.csrfToken)
                if let next = model.next { El("input", .type("hidden"), .name("next"), .value(next)) }
                Field.input("E-mail", name: "email", type: "email", value: model.email, required: true, Attr("autocomplete", "username"))
                Field.input("Password", name: "password", type: "password", required: true, Attr("autocomplete", "current-password"))
                El("button", .type("submit")) { "Sign in" }
            }
        }
    }
}
