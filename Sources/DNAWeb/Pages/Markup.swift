import DNACore
import Foundation
import Plot

/// A form the server refused, shown again: the address it was posted to and what was typed,
/// so the fields of that form (and of no other form on the page) are filled in again.
struct RefusedForm: Sendable {
    var action: String
    var values: FormBody
}

/// Small HTML builders for the pages Plot cannot express (fieldsets, legends, options). Every
/// text goes through `text`; parameters named `html` are markup already built here.
enum Markup {
    /// Set while a page is rendered again after its form was refused (`postAction`).
    @TaskLocal static var refused: RefusedForm?
    /// The action of the form whose fields are being built (`form`).
    @TaskLocal static var formAction: String?

    /// What the person typed into field `name` of the form being built, when that form is the
    /// one refused; passwords are never sent back.
    static func typed(_ name: String, type: String = "text") -> String? {
        type == "password" ? nil : refusedHere?[name]
    }

    /// Every value typed or ticked under `name` (checkboxes) in the refused form being built.
    static func typedAll(_ name: String) -> [String] { refusedHere?.all(name) ?? [] }

    /// The posted values when the form being built is the refused one.
    private static var refusedHere: FormBody? {
        guard let refused, let formAction, refused.action == formAction else { return nil }
        return refused.values
    }
    /// Links handed out once, as a CSV file (`link` column) the page offers to download: the
    /// secrets are not stored readably, so the page is the only chance to keep them.
    static func linksCSVHref(_ urls: [String]) -> String {
        let csv = "link\n" + urls.joined(separator: "\n") + "\n"
        return "data:text/csv;charset=utf-8," + (csv.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    static func text(_ value: String) -> String { Charts.escape(value) }

    /// A table that turns into one card per row on a phone (class `stacked`): every cell
    /// carries its column's name (`data-label`), which the stylesheet shows above the value
    /// once the columns no longer fit. The roles keep it a table for screen readers when the
    /// stylesheet lays it out as blocks.
    static func table(caption: String? = nil, header: [String], rows: [[String]], className: String? = nil) -> String {
        var html = "<table class=\"stacked\(className.map { " " + $0 } ?? "")\" role=\"table\">"
        if let caption { html += "<caption>\(text(caption))</caption>" }
        html +=
            "<thead role=\"rowgroup\"><tr role=\"row\">"
            + header.map { "<th scope=\"col\" role=\"columnheader\">\(text($0))</th>" }.joined()
            + "</tr></thead><tbody role=\"rowgroup\">"
        let labels = header.map(text)
        for row in rows {
            html += "<tr role=\"row\">"
            for (index, cell) in row.enumerated() {
                let label = index < labels.count && !labels[index].isEmpty ? " data-label=\"\(labels[index])\"" : ""
                html += "<td role=\"cell\"\(label)>\(cell)</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// A posted form with its CSRF field; `html` holds the controls, built knowing which form
    /// they belong to, so a refused form gets back what was typed into it.
    static func form(
        action: String, csrf: String?, submit: String, className: String = "stack", html: @autoclosure () -> String
    ) -> String {
        let controls = $formAction.withValue(action) { html() }
        return
            "<form class=\"\(className)\" action=\"\(text(action))\" method=\"post\">\(HTMLForm.csrf(csrf))\(controls)<button type=\"submit\">\(text(submit))</button></form>"
    }

    static func input(
        _ label: String, name: String, id: String? = nil, type: String = "text", value: String = "", required: Bool = false,
        extra: String = ""
    ) -> String {
        let id = id ?? name
        let value = typed(name, type: type) ?? value
        return
            "<label for=\"\(text(id))\">\(text(label))</label><input id=\"\(text(id))\" name=\"\(text(name))\" type=\"\(type)\" value=\"\(text(value))\"\(required ? " required" : "")\(extra.isEmpty ? "" : " " + extra)>"
    }

    static func textarea(_ label: String, name: String, id: String? = nil, value: String = "", rows: Int = 8) -> String {
        let id = id ?? name
        let value = value.isEmpty ? typed(name) ?? "" : value
        return
            "<label for=\"\(text(id))\">\(text(label))</label><textarea id=\"\(text(id))\" name=\"\(text(name))\" rows=\"\(rows)\">\(text(value))</textarea>"
    }

    /// A select of (value, label) options; `blank` adds a first empty option with that label.
    static func select(
        _ label: String, name: String, id: String? = nil, options: [(String, String)], selected: String? = nil, blank: String? = nil
    )
        -> String
    {
        let id = id ?? name
        let selected = typed(name) ?? selected
        var html = "<label for=\"\(text(id))\">\(text(label))</label><select id=\"\(text(id))\" name=\"\(text(name))\">"
        if let blank { html += "<option value=\"\">\(text(blank))</option>" }
        for (value, title) in options {
            html += "<option value=\"\(text(value))\"\(value == selected ? " selected" : "")>\(text(title))</option>"
        }
        return html + "</select>"
    }

    /// A notice (or an error with its located problems) after an action.
    static func notice(_ message: String?, problems: [FileProblem] = []) -> String {
        guard let message else { return "" }
        let isError = !problems.isEmpty || message.hasPrefix("Nothing") || message.hasPrefix("Not ")
        var html = "<p class=\"\(isError ? "error" : "notice")\" role=\"\(isError ? "alert" : "status")\">\(text(message))</p>"
        if !problems.isEmpty { html += "<ul class=\"error\">" + problems.map { "<li>\(text($0.description))</li>" }.joined() + "</ul>" }
        return html
    }

    static func link(_ title: String, _ url: SiteURL, query: String = "") -> String {
        "<a href=\"\(text(url.path + query))\">\(text(title))</a>"
    }

    /// The links between the pages of one area, the current page named instead of linked.
    static func subNavigation(label: String, _ entries: [(String, SiteURL)], current: String) -> String {
        "<nav class=\"filters\" aria-label=\"\(text(label))\">"
            + entries.map { title, url in
                title == current ? "<strong aria-current=\"page\">\(text(title))</strong>" : link(title, url)
            }.joined(separator: " · ") + "</nav>"
    }

    /// What a page says when it has nothing to show yet: what would be here, and how to start
    /// (for someone who may change it; `readOnly` for a viewer, who cannot).
    static func emptyState(_ what: String, start: String, readOnly: String, canEdit: Bool) -> String {
        "<div class=\"empty-state\" role=\"status\"><p><strong>\(text(what))</strong></p><p>\(text(canEdit ? start : readOnly))</p></div>"
    }

    static func cards(_ entries: [(value: String, label: String)]) -> String {
        "<ul class=\"cards\">" + entries.map { "<li><span class=\"stat\">\(text($0.value))</span>\(text($0.label))</li>" }.joined()
            + "</ul>"
    }
}

extension Node where Context == HTML.BodyContext {
    /// The column a table cell belongs to, shown above its value when a `stacked` table
    /// becomes cards on a phone.
    static func dataLabel(_ column: String) -> Node { .attribute(named: "data-label", value: column) }
}
