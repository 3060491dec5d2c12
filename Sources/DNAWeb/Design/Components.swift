import DNACore
import Foundation
import Plot

/// The title of a page with its optional lead paragraph and the navigation of its area.
struct PageHeader: Component {
    var title: AdminText
    var navigation: Component = EmptyComponent()
    var lead: AdminText?

    init(title: AdminText, navigation: Component = EmptyComponent(), lead: AdminText? = nil) {
        (self.title, self.navigation, self.lead) = (title, navigation, lead)
    }

    /// A page named by data (a campaign's, a workspace's name), with its lead in words.
    @_disfavoredOverload init<Data: StringProtocol>(title: Data, navigation: Component = EmptyComponent(), lead: AdminText? = nil) {
        self.init(title: AdminText(verbatim: String(title)), navigation: navigation, lead: lead)
    }

    var body: Component {
        ComponentGroup(members: [
            El("h1") { title }, navigation, lead.map { text in El("p", .class("lead")) { text } } ?? EmptyComponent(),
        ])
    }
}

/// A notice (or an error with its located problems) after an action.
struct Notice: Component {
    var message: AdminText?
    var problems: [FileProblem] = []

    var body: Component {
        guard let message else { return EmptyComponent() }
        let isError = !problems.isEmpty || message.key.hasPrefix("Nothing") || message.key.hasPrefix("Not ")
        return Group {
            El("p", .class(isError ? "error" : "notice"), .role(isError ? "alert" : "status")) { message }
            if !problems.isEmpty { El("ul", .class("error")) { for problem in problems { El("li") { problem.description } } } }
        }
    }
}

/// Big figures in a row of cards, each with what it counts.
struct StatCards: Component {
    var entries: [(value: String, label: AdminText)]

    init(_ entries: [(value: String, label: AdminText)]) { self.entries = entries }

    /// Cards whose labels are data (a status's name).
    @_disfavoredOverload init<Data: StringProtocol>(_ entries: [(value: String, label: Data)]) {
        self.entries = entries.map { ($0.value, AdminText(verbatim: String($0.label))) }
    }

    var body: Component {
        El("ul", .class("cards")) {
            for entry in entries {
                El("li") {
                    El("span", .class("stat")) { entry.value }
                    " " + entry.label.resolved
                }
            }
        }
    }
}

/// What a page says when it has nothing to show yet: what would be here, and how to start
/// (for someone who may change it; `readOnly` for a viewer, who cannot).
struct EmptyState: Component {
    var what: AdminText
    var start: AdminText
    var readOnly: AdminText
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
    var caption: AdminText?
    var columns: [AdminText]
    var rows: [[Component]]
    var className: String?

    init(caption: AdminText? = nil, columns: [AdminText], rows: [[Component]], className: String? = nil) {
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
                            let label = index < columns.count && !columns[index].key.isEmpty ? columns[index].resolved : nil
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
    var title: AdminText
    var svg: String
    var caption: AdminText?
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
    var label: AdminText
    var links: [(title: AdminText, href: String, isCurrent: Bool)]

    init(label: AdminText, links: [(title: AdminText, href: String, isCurrent: Bool)]) {
        self.label = label
        self.links = links
    }

    init(label: AdminText, _ entries: [(AdminText, SiteURL)], current: AdminText) {
        self.init(label: label, links: entries.map { ($0.0, $0.1.path, $0.0 == current) })
    }

    var body: Component {
        El("nav", .class("filters"), .aria("label", label.resolved)) {
            for (index, link) in links.enumerated() {
                if index > 0 { " · " }
                if link.isCurrent { El("strong", .aria("current", "page")) { link.title } } else { PageLink(link.title, href: link.href) }
            }
        }
    }
}

/// A link to a page of the site.
struct PageLink: Component {
    var title: AdminText
    var href: String
    var className: String?

    init(_ title: AdminText, _ url: SiteURL, query: String = "", className: String? = nil) {
        self.init(title, href: url.path + query, className: className)
    }

    init(_ title: AdminText, href: String, className: String? = nil) {
        self.title = title
        self.href = href
        self.className = className
    }

    /// A link named by data (a campaign's name, a unit's).
    @_disfavoredOverload init<Data: StringProtocol>(_ title: Data, _ url: SiteURL, query: String = "", className: String? = nil) {
        self.init(AdminText(verbatim: String(title)), href: url.path + query, className: className)
    }

    @_disfavoredOverload init<Data: StringProtocol>(_ title: Data, href: String, className: String? = nil) {
        self.init(AdminText(verbatim: String(title)), href: href, className: className)
    }

    var body: Component { El("a", .class(className), .href(href)) { title } }
}

/// Single-use links handed out once: the list, a CSV download (`link` column) and the warning
/// before leaving the page. The secrets are not stored readably, so this is the only chance to
/// keep them.
struct IssuedLinks: Component {
    var urls: [String]
    var heading: AdminText
    var advice: AdminText = "Copy them now: they are not stored in readable form and cannot be shown again."

    var body: Component {
        Group {
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
        Group {
            name + " "
            El("span", .class("code")) { code }
        }
    }
}

/// A section named by its heading (`aria-labelledby`), so assistive technology lists it as a
/// region with that name.
struct LabelledSection: Component {
    var id: String
    var heading: AdminText
    var className: String?
    var content: [Component]

    init(_ id: String, _ heading: AdminText, className: String? = nil, @HTMLBuilder content: () -> ComponentGroup) {
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

/// An open link's QR code beside the link, with a download of the SVG to print.
struct OpenLinkQR: Component {
    let path: String

    var body: Component {
        El("figure", .class("qr")) {
            El("img", Attr("src", path), .alt("QR code of the open link"), Attr("width", "200"), Attr("height", "200"))
            El("figcaption") {
                "For notice boards and counters where mail does not reach. "
                El("a", Attr("href", path), Attr("download", "open-link.svg")) { "Download the QR code (SVG)" }
            }
        }
    }
}

/// When a wave or study takes answers: "2026-03-01 – 2026-03-21", or "– open-ended".
enum Window {
    static func text(opens: Int64, closes: Int64?) -> AdminText {
        closes.map { "\(Day.string(opens)) – \(Day.string($0))" } ?? "\(Day.string(opens)) – open-ended"
    }
}
