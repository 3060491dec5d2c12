import DNACore
import Foundation
import Plot

/// A form the server refused, shown again: the address it was posted to and what was typed,
/// so the fields of that form (and of no other form on the page) are filled in again.
struct RefusedForm: Sendable {
    var action: String
    var values: FormBody
    /// What is wrong with a field, by field name, shown beside it.
    var fieldErrors: [String: String] = [:]
}

/// What a refused form brings back to the fields being built (`PostForm`, `Field`).
enum Refused {
    /// Set while a page is rendered again after its form was refused (`PageView.refused`).
    @TaskLocal static var form: RefusedForm?
    /// The action of the form whose fields are being built (`PostForm`).
    @TaskLocal static var formAction: String?

    /// What the person typed into field `name` of the form being built, when that form is the
    /// one refused; passwords are never sent back.
    static func typed(_ name: String, type: String = "text") -> String? {
        type == "password" ? nil : refusedHere?.values[name]
    }

    /// Every value typed or ticked under `name` (checkboxes) in the refused form being built.
    static func typedAll(_ name: String) -> [String] { refusedHere?.values.all(name) ?? [] }

    /// What is wrong with field `name` of the form being built, when that form was refused.
    static func error(_ name: String) -> String? { refusedHere?.fieldErrors[name] }

    private static var refusedHere: RefusedForm? {
        guard let form, let formAction, form.action == formAction else { return nil }
        return form
    }
}

/// A posted form with its CSRF field and submit button. The controls are built knowing which
/// form they belong to, so a refused form gets back what was typed into it.
struct PostForm: Component {
    var action: String
    var csrf: String?
    var submit: AdminText
    var className = "stack"
    /// `multipart/form-data` for a form that sends a file; nil for url-encoded.
    var encoding: String?
    var controls: [Component]

    init(
        action: String, csrf: String?, submit: AdminText, className: String = "stack", encoding: String? = nil,
        @HTMLBuilder controls: () -> ComponentGroup
    ) {
        self.action = action
        self.csrf = csrf
        self.submit = submit
        self.className = className
        self.encoding = encoding
        self.controls = Refused.$formAction.withValue(action) { controls().members }
    }

    var body: Component {
        El("form", .class(className), Attr("action", action), Attr("method", "post"), Attr("enctype", encoding)) {
            CSRFField(token: csrf)
            controls
            El("button", .type("submit")) { submit }
        }
    }
}

/// The hidden field carrying the signed-in person's CSRF token.
struct CSRFField: Component {
    var token: String?
    var body: Component { El("input", .type("hidden"), .name(AuthMiddleware.csrfField), .value(token ?? "")) }
}

/// Form fields: a label, the control, and an optional line of help the control points to
/// (`aria-describedby`). Each takes back what was typed when its form was refused.
enum Field {
    static func input(
        _ label: AdminText, name: String, id: String? = nil, type: String = "text", value: String = "", required: Bool = false,
        help: AdminText? = nil, _ extra: Attr...
    ) -> [Component] {
        let id = id ?? name
        let value = Refused.typed(name, type: type) ?? value
        let error = Refused.error(name)
        return [
            El("label", .for(id)) { label },
            errorText(id, error),
            El(
                "input",
                attributes: [.id(id), .name(name), .type(type), .value(value), .flag("required", required)]
                    + described(id, help: help, error: error) + extra, children: []),
            helpText(id, help),
        ]
    }

    static func textarea(
        _ label: AdminText, name: String, id: String? = nil, value: String = "", rows: Int = 8, required: Bool = false,
        help: AdminText? = nil
    ) -> [Component] {
        let id = id ?? name
        let value = value.isEmpty ? Refused.typed(name) ?? "" : value
        let error = Refused.error(name)
        return [
            El("label", .for(id)) { label },
            errorText(id, error),
            El(
                "textarea",
                attributes: [.id(id), .name(name), Attr("rows", "\(rows)"), .flag("required", required)]
                    + described(id, help: help, error: error), children: [value]),
            helpText(id, help),
        ]
    }

    /// A select of (value, label) options; `blank` adds a first empty option with that label.
    static func select(
        _ label: AdminText, name: String, id: String? = nil, options: [(String, AdminText)], selected: String? = nil,
        blank: AdminText? = nil, required: Bool = false, help: AdminText? = nil
    ) -> [Component] {
        let id = id ?? name
        let selected = Refused.typed(name) ?? selected
        let error = Refused.error(name)
        var choices: [Component] = blank.map { text in [El("option", .value("")) { text }] } ?? []
        choices += options.map { value, title in El("option", .value(value), .flag("selected", value == selected)) { title } }
        return [
            El("label", .for(id)) { label },
            errorText(id, error),
            El(
                "select", attributes: [.id(id), .name(name), .flag("required", required)] + described(id, help: help, error: error),
                children: choices),
            helpText(id, help),
        ]
    }

    /// One radio button or checkbox with its label beside it (class `choice`).
    static func choice(
        _ label: AdminText, name: String, value: String, id: String, type: String = "checkbox", checked: Bool,
        className: String = "choice"
    ) -> Component {
        El("div", .class(className)) {
            El("input", .type(type), .id(id), .name(name), .value(value), .flag("checked", checked))
            El("label", .for(id)) { label }
        }
    }

    /// A group of fields with a legend.
    static func group(_ legend: AdminText, @HTMLBuilder content: () -> ComponentGroup) -> Component {
        El("fieldset") {
            El("legend") { legend }
            content()
        }
    }

    /// Options that are data (units, segments), under a label in words.
    @_disfavoredOverload static func select<Data: StringProtocol>(
        _ label: AdminText, name: String, id: String? = nil, options: [(String, Data)], selected: String? = nil,
        blank: AdminText? = nil, required: Bool = false, help: AdminText? = nil
    ) -> [Component] {
        select(
            label, name: name, id: id, options: options.map { ($0.0, AdminText(verbatim: String($0.1))) }, selected: selected, blank: blank,
            required: required, help: help)
    }

    /// The control points to its error and its help, and says it is invalid when it is.
    private static func described(_ id: String, help: AdminText?, error: String?) -> [Attr] {
        let references = [error.map { _ in id + "-error" }, help.map { _ in id + "-help" }].compactMap { $0 }
        return [
            .aria("describedby", references.isEmpty ? nil : references.joined(separator: " ")),
            .aria("invalid", error == nil ? nil : "true"),
        ]
    }

    /// Above the control, so it is read (and seen) before the value that caused it.
    private static func errorText(_ id: String, _ error: String?) -> Component {
        guard let error else { return EmptyComponent() }
        return El("p", .class("field-error"), .id(id + "-error")) { error }
    }

    private static func helpText(_ id: String, _ help: AdminText?) -> Component {
        guard let help else { return EmptyComponent() }
        return El("p", .class("help"), .id(id + "-help")) { help }
    }
}
