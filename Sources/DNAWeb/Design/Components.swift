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
    var submit: String
    var className = "stack"
    var controls: [Component]

    init(
        action: String, csrf: String?, submit: String, className: String = "stack",
        @HTMLBuilder controls: () -> ComponentGroup
    ) {
        self.action = action
        self.csrf = csrf
        self.submit = submit
        self.className = className
        self.controls = Refused.$formAction.withValue(action) { controls().members }
    }

    var body: Component {
        El("form", .class(className), Attr("action", action), Attr("method", "post")) {
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
        _ label: String, name: String, id: String? = nil, type: String = "text", value: String = "", required: Bool = false,
        help: String? = nil, _ extra: Attr...
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
        _ label: String, name: String, id: String? = nil, value: String = "", rows: Int = 8, required: Bool = false,
        help: String? = nil
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
        _ label: String, name: String, id: String? = nil, options: [(String, String)], selected: String? = nil, blank: String? = nil,
        required: Bool = false, help: String? = nil
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
        _ label: String, name: String, value: String, id: String, type: String = "checkbox", checked: Bool,
        className: String = "choice"
    ) -> Component {
        El("div", .class(className)) {
            El("input", .type(type), .id(id), .name(name), .value(value), .flag("checked", checked))
            El("label", .for(id)) { label }
        }
    }

    /// A group of fields with a legend.
    static func group(_ legend: String, @HTMLBuilder content: () -> ComponentGroup) -> Component {
        El("fieldset") {
            El("legend") { legend }
            content()
        }
    }

    /// The control points to its error and its help, and says it is invalid when it is.
    private static func described(_ id: String, help: String?, error: String?) -> [Attr] {
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

    private static func helpText(_ id: String, _ help: String?) -> Component {
        guard let help else { return EmptyComponent() }
        return El("p", .class("help"), .id(id + "-help")) { help }
    }
}

/// The title of a page with its optional lead paragraph and the navigation of its area.
struct PageHeader: Component {
    var title: String
    var navigation: Component = EmptyComponent()
    var lead: String?

    var body: Component {
        ComponentGroup(members: [
            El("h1") { title }, navigation, lead.map { text in El("p", .class("lead")) { text } } ?? EmptyComponent(),
        ])
    }
}

/// A notice (or an error with its located problems) after an action.
struct Notice: Component {
    var message: String?
    var problems: [FileProblem] = []

    var body: Component {
        guard let message else { return EmptyComponent() }
        let isError = !problems.isEmpty || message.hasPrefix("Nothing") || message.hasPrefix("Not ")
        return ComponentGroup {
            El("p", .class(isError ? "error" : "notice"), .role(isError ? "alert" : "status")) { message }
            if !problems.isEmpty { El("ul", .class("error")) { for problem in problems { El("li") { problem.description } } } }
        }
    }
}

/// Big figures in a row of cards, each with what it counts.
struct StatCards: Component {
    var entries: [(value: String, label: String)]

    init(_ entries: [(value: String, label: String)]) { self.entries = entries }

    var body: Component {
        El("ul", .class("cards")) {
            for entry in entries {
                El("li") {
                    El("span", .class("stat")) { entry.value }
                    " " + entry.label
                }
            }
        }
    }
}

/// What a page says when it has nothing to show yet: what would be here, and how to start
/// (for someone who may change it; `readOnly` for a viewer, who cannot).
struct EmptyState: Component {
    var what: String
    var start: String
    var readOnly: String
    var canEdit: Bool

    var body: Component {
        El("div", .class("empty-state"), .role("status")) {
            El("p") { El("strong") { what } }
            El("p") { canEdit ? start : readOnly }
        }
    }
}

/// A table that turns into one card per row on a phone (class `stacked`): every cell carries
/// its column's name (`data-label`), which the stylesheet shows above the value once the
/// columns no longer fit. The roles keep it a table for screen readers when the stylesheet
/// lays it out as blocks.
struct DataTable: Component {
    var caption: String?
    var columns: [String]
    var rows: [[Component]]
    var className: String?

    init(caption: String? = nil, columns: [String], rows: [[Component]], className: String? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.className = className
    }

    var body: Component {
        El("table", .class("stacked" + (className.map { " " + $0 } ?? "")), .role("table")) {
            if let caption { El("caption") { caption } }
            El("thead", .role("rowgroup")) {
                El("tr", .role("row")) { for column in columns { El("th", Attr("scope", "col"), .role("columnheader")) { column } } }
            }
            El("tbody", .role("rowgroup")) {
                for row in rows {
                    El("tr", .role("row")) {
                        for (index, cell) in row.enumerated() {
                            let label = index < columns.count && !columns[index].isEmpty ? columns[index] : nil
                            El("td", .role("cell"), .data("label", label)) { cell }
                        }
                    }
                }
            }
        }
    }
}

/// A chart in its frame: the title above, the drawing (server-rendered SVG whose own
/// `<title>` names it for screen readers), what the drawing's marks mean below, and the same
/// figures as a table for anyone who cannot see it.
struct ChartFrame: Component {
    var title: String
    var svg: String
    var caption: String?
    var table: Component?

    var body: Component {
        El("figure", .class("chart-frame")) {
            El("figcaption", .class("chart-title")) { title }
            ChartMarkup(svg: svg)
            if let caption { El("p", .class("chart-caption")) { caption } }
            if let table {
                El("details", .class("chart-table")) {
                    El("summary") { "The figures as a table" }
                    table
                }
            }
        }
    }
}

/// The links between the pages of one area (or the values of one filter), the current one
/// named instead of linked.
struct SubNavigation: Component {
    var label: String
    var links: [(title: String, href: String, isCurrent: Bool)]

    init(label: String, links: [(title: String, href: String, isCurrent: Bool)]) {
        self.label = label
        self.links = links
    }

    init(label: String, _ entries: [(String, SiteURL)], current: String) {
        self.init(label: label, links: entries.map { ($0.0, $0.1.path, $0.0 == current) })
    }

    var body: Component {
        El("nav", .class("filters"), .aria("label", label)) {
            for (index, link) in links.enumerated() {
                if index > 0 { " · " }
                if link.isCurrent { El("strong", .aria("current", "page")) { link.title } } else { PageLink(link.title, href: link.href) }
            }
        }
    }
}

/// A link to a page of the site.
struct PageLink: Component {
    var title: String
    var href: String
    var className: String?

    init(_ title: String, _ url: SiteURL, query: String = "", className: String? = nil) {
        self.init(title, href: url.path + query, className: className)
    }

    init(_ title: String, href: String, className: String? = nil) {
        self.title = title
        self.href = href
        self.className = className
    }

    var body: Component { El("a", .class(className), .href(href)) { title } }
}

/// Single-use links handed out once: the list, a CSV download (`link` column) and the warning
/// before leaving the page. The secrets are not stored readably, so this is the only chance to
/// keep them.
struct IssuedLinks: Component {
    var urls: [String]
    var heading: String
    var advice = "Copy them now: they are not stored in readable form and cannot be shown again."

    var body: Component {
        ComponentGroup {
            El("section", .class("notice"), .aria("labelledby", "new-links"), .data("unsaved-links", "true")) {
                El("h2", .id("new-links")) { heading }
                El("p") { advice }
                El("p") { El("a", .href(Self.csvHref(urls)), Attr("download", "links.csv")) { "Download the links as CSV" } }
                El("ol", .class("links")) { for url in urls { El("li") { El("code") { url } } } }
            }
            UnsavedLinksScript()
        }
    }

    static func csvHref(_ urls: [String]) -> String {
        let csv = "link\n" + urls.joined(separator: "\n") + "\n"
        return "data:text/csv;charset=utf-8," + (csv.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}

/// A name followed by its code in small type, the way records are named on every page.
struct CodedName: Component {
    var name: String
    var code: String

    init(_ name: String, code: String) {
        self.name = name
        self.code = code
    }

    var body: Component {
        ComponentGroup {
            name + " "
            El("span", .class("code")) { code }
        }
    }
}

/// A section named by its heading (`aria-labelledby`), so assistive technology lists it as a
/// region with that name.
struct LabelledSection: Component {
    var id: String
    var heading: String
    var className: String?
    var content: [Component]

    init(_ id: String, _ heading: String, className: String? = nil, @HTMLBuilder content: () -> ComponentGroup) {
        self.id = id
        self.heading = heading
        self.className = className
        self.content = content().members
    }

    var body: Component {
        El("section", .class(className), .aria("labelledby", id)) {
            El("h2", .id(id)) { heading }
            content
        }
    }
}
