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
        var title: String { "Sign in" }

        func content() -> Node<HTML.BodyContext> {
            .group(
                .h1("Sign in"),
                .unwrap(model.message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .plain($0)) },
                .form(
                    .class("stack"), .action(SiteURL.login.path), .method(.post),
                    .input(.type(.hidden), .name(AuthMiddleware.csrfField), .escaped("value", model.csrfToken)),
                    .unwrap(model.next) { .input(.type(.hidden), .name("next"), .escaped("value", $0)) },
                    .label(.for("email"), .plain("E-mail")),
                    .input(
                        .id("email"), .name("email"), .type(.email), .escaped("value", model.email),
                        .attribute(named: "autocomplete", value: "username"), .required(true)),
                    .label(.for("password"), .plain("Password")),
                    .input(
                        .id("password"), .name("password"), .type(.password), .attribute(named: "autocomplete", value: "current-password"),
                        .required(true)),
                    .button(.type(.submit), .plain("Sign in"))
                )
            )
        }
    }
}
