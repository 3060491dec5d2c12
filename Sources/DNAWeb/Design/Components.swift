import DNACore
import Foundation
import Plot

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

/// An open link's QR code beside the link, with a download of the SVG to print.
struct OpenLinkQR: Component {
    let path: String

    var body: Component {
        El("figure", .class("qr")) {
            El("img", Attr("src", path), Attr("alt", "QR code of the open link"), Attr("width", "200"), Attr("height", "200"))
            El("figcaption") {
                "For notice boards and counters where mail does not reach. "
                El("a", Attr("href", path), Attr("download", "open-link.svg")) { "Download the QR code (SVG)" }
            }
        }
    }
}
