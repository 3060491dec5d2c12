import DNACore
import Foundation
import Plot

/// The audit log for a workspace's admins: every change by a person or token, newest first.
enum AuditPage {
    struct Model {
        var workspace: Workspace
        var entries: [AuditEntry]
    }

    struct View: PageView {
        let model: Model
        var title: AdminText { "Audit log" }
        var workspace: Workspace? { model.workspace }

        func content() -> ComponentGroup {
            PageHeader(
                title: "Audit log",
                lead:
                    "Every change made in this workspace by a person or an API token, from the pages, the API or the command line, newest first. Answers of respondents are never recorded here."
            )
            if model.entries.isEmpty {
                El("p", .class("empty")) { "Nothing has been changed yet." }
            } else {
                DataTable(
                    columns: ["When (UTC)", "Who", "Through", "What", "Record", "Summary"],
                    rows: model.entries.map { entry in
                        [
                            Date(timeIntervalSince1970: TimeInterval(entry.at)).formatted(.iso8601), entry.actor, entry.via.rawValue,
                            El("span", .class("code")) { entry.action }, El("span", .class("code")) { entry.record }, entry.summary,
                        ]
                    }, className: "audit")
            }
            if model.entries.count >= 100 {
                El("p") {
                    "The newest 100 entries are shown. "
                    PageLink("Show up to 1,000", .audit(model.workspace.slug), query: "?limit=1000")
                    ", or read the whole log with "
                    El("code") { "cdna audit" }
                    " or the API."
                }
            }
        }
    }
}
